// Follow-up page: every synergy of the workshop by status, kind, company and
// business park, with its next action, owner, dated notes and impact
// (estimated and verified kept apart, with the factors used). Works for
// months after the workshop, closed or not. Also: exports and the territory's
// catalogue search.
import { SynergyKind, SynergyStatus, type Synergy } from './gen/atelier/v1/atelier_pb';
import { ABANDON_REASONS, IMPACT_FIELDS, STATUS_LABELS, STATUS_ORDER, download, facilitatorToken, fr, api } from './lib/after';
import { AtelierClient, serverUrl } from './lib/client';
import { $, clear, h, takeFragment } from './lib/dom';
import { facilitatorNav } from './lib/nav';
import { categoryLabel, currentLang, errorText, setLang } from './lib/i18n';
import { numberField, type NumberField } from './lib/number_field';
import { WorkshopView } from './lib/state';
import { langSwitch, statusBadge, synergyKindLabel } from './lib/ui';

setLang((localStorage.getItem('atelier.lang') as 'fr' | 'en') ?? 'fr');
const token = facilitatorToken();
const section = takeFragment('section') ?? '';
const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
const err = h('p', { class: 'error', role: 'alert' });
const filters = { status: '', kind: '', company: '', zone: '', text: '' };
let editing = '';
let client: AtelierClient | undefined;
const L = (fr: string, en: string) => (currentLang() === 'fr' ? fr : en);

// Who wrote a note: the person's name where this page may see it, else their company.
function noteAuthor(id: string): string {
  const p = view.participants.get(id);
  return p?.name || (p ? view.companies.get(p.companyId)?.name : undefined) || L('participant', 'participant');
}

function statusLabel(s: SynergyStatus): string {
  const l = STATUS_LABELS[s];
  return l ? L(l[0], l[1]) : '';
}

function zonesOf(s: Synergy): string[] {
  return s.companyIds.map((id) => view.companies.get(id)?.zone ?? '').filter(Boolean);
}

function matches(s: Synergy): boolean {
  if (filters.status && String(s.status) !== filters.status) return false;
  if (filters.kind && String(s.kind) !== filters.kind) return false;
  if (filters.company && !s.companyIds.includes(filters.company)) return false;
  if (filters.zone && !zonesOf(s).includes(filters.zone)) return false;
  if (filters.text) {
    const hay = [s.title, s.owner, s.nextAction, ...s.notes.map((n) => n.text), ...s.companyIds.map((id) => view.companyName(id))].join(' ').toLowerCase();
    if (!hay.includes(filters.text.toLowerCase())) return false;
  }
  return true;
}

function select(id: string, label: string, options: [string, string][], value: string, onChange: (v: string) => void): HTMLElement {
  const sel = h('select', { id }, h('option', { value: '' }, L('Tous', 'All')),
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  sel.addEventListener('change', () => onChange(sel.value));
  return h('label', { class: 'filter' }, h('span', {}, label), sel);
}

function filterBar(): HTMLElement {
  const set = (k: keyof typeof filters) => (v: string) => {
    filters[k] = v;
    renderList();
  };
  const zones = [...new Set([...view.companies.values()].map((c) => c.zone).filter(Boolean))].sort();
  const companies = [...view.companies.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const text = h('input', { id: 'filter-text', type: 'search', placeholder: L('Rechercher…', 'Search…'), value: filters.text });
  text.addEventListener('input', () => set('text')(text.value));
  return h('div', { class: 'filters', role: 'search' },
    select('filter-status', L('Statut', 'Status'), STATUS_ORDER.map((s) => [String(s), statusLabel(s)]), filters.status, set('status')),
    select('filter-kind', L('Type', 'Kind'), [SynergyKind.SUBSTITUTION, SynergyKind.MUTUALISATION, SynergyKind.ESS_BRIDGE].map((k) => [String(k), synergyKindLabel(k)]), filters.kind, set('kind')),
    select('filter-company', L('Entreprise', 'Company'), companies.map((c) => [c.id, c.name]), filters.company, set('company')),
    select('filter-zone', L('Zone d’activités', 'Business park'), zones.map((z) => [z, z]), filters.zone, set('zone')),
    h('label', { class: 'filter' }, h('span', {}, L('Texte', 'Text')), text));
}

function impactLine(s: Synergy, prefix: 'estimated' | 'verified'): string {
  const parts: string[] = [];
  for (const [field, , unit] of IMPACT_FIELDS) {
    const v = (s as unknown as Record<string, number>)[`${prefix}${field}`];
    if (v) parts.push(`${fr(v)} ${unit}`);
  }
  return parts.join(' · ');
}

function synergyItem(s: Synergy): HTMLElement {
  const names = s.companyIds.map((id) => view.companyName(id) || id).join(' ↔ ');
  const est = impactLine(s, 'estimated');
  const ver = impactLine(s, 'verified');
  const edit = h('button', { type: 'button', class: 'edit-synergy', 'aria-expanded': editing === s.id }, L('Suivre', 'Follow up'));
  edit.addEventListener('click', () => openEditor(s));
  const reason = ABANDON_REASONS.find((r) => r[0] === s.abandonReason);
  return h('article', { class: `synergy status-${s.status}`, 'data-synergy': s.id },
    h('div', { class: 'synergy-head' },
      h('span', { class: 'synergy-kind', style: '' }, synergyKindLabel(s.kind)),
      h('span', { class: 'synergy-status' }, statusLabel(s.status) + (reason ? ` — ${L(reason[1], reason[2])}` : ''))),
    h('h3', {}, s.title || names),
    h('p', { class: 'synergy-companies' }, names),
    s.owner ? h('p', {}, `${L('Responsable', 'Owner')} : ${s.owner}`) : null,
    s.nextAction ? h('p', { class: 'next-action' }, `${L('Prochaine action', 'Next action')} : ${s.nextAction}${s.nextActionDate ? ` (${s.nextActionDate})` : ''}`) : null,
    est ? h('p', { class: 'impact' }, `${L('Impact estimé / an', 'Estimated impact / year')} : ${est}`) : null,
    ver ? h('p', { class: 'impact verified' }, `${L('Impact vérifié / an', 'Verified impact / year')} : ${ver}`) : null,
    s.impactBasis ? h('p', { class: 'muted small' }, `${L('Base de calcul', 'Basis')} : ${s.impactBasis}`) : null,
    s.notes.length ? h('ol', { class: 'notes' }, ...s.notes.map((n) => h('li', {},
      h('time', {}, new Date(Number(n.atMs)).toLocaleDateString('fr-FR')), ' — ',
      h('span', { class: 'note-author' }, noteAuthor(n.author)), ' : ', n.text))) : null,
    edit);
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

// The editor opens in a dialog as wide as the page allows (a status column is too narrow to
// read figures in); lists are not redrawn while it is open.
function openEditor(s: Synergy): void {
  document.getElementById('synergy-dialog')?.remove();
  editing = s.id;
  const names = s.companyIds.map((id) => view.companyName(id) || id).join(' ↔ ');
  const dlg = h('dialog', { class: 'synergy-dialog', id: 'synergy-dialog', 'aria-labelledby': 'synergy-dialog-title' },
    h('h2', { id: 'synergy-dialog-title' }, s.title || names),
    s.title ? h('p', { class: 'muted' }, names) : null);
  dlg.append(editor(s, () => dlg.close()));
  dlg.addEventListener('close', () => {
    dlg.remove();
    editing = '';
    renderList();
  });
  document.body.append(dlg);
  dlg.showModal();
}

function editor(s: Synergy, done: () => void): HTMLElement {
  const status = h('select', { name: 'status' }, ...STATUS_ORDER.map((st) => h('option', { value: st, selected: st === s.status }, statusLabel(st))));
  const reason = h('select', { name: 'abandon_reason' }, h('option', { value: '' }, '—'),
    ...ABANDON_REASONS.map(([id, f, e]) => h('option', { value: id, selected: id === s.abandonReason }, L(f, e))));
  const owner = h('input', { name: 'owner', value: s.owner });
  const next = h('input', { name: 'next_action', value: s.nextAction });
  const date = h('input', { name: 'next_action_date', type: 'date', value: s.nextActionDate });
  const note = h('textarea', { name: 'note', rows: 2, placeholder: L('Nouvelle note datée…', 'New dated note…') });
  const basis = h('textarea', { name: 'impact_basis', rows: 2, placeholder: L('Facteurs utilisés, sources…', 'Factors used, sources…') }, s.impactBasis);
  const nums: Record<string, NumberField> = {};
  const grid = h('div', { class: 'impact-grid' }, h('span', {}), h('strong', {}, L('Estimé', 'Estimated')), h('strong', {}, L('Vérifié', 'Verified')));
  for (const [f, name, unit] of IMPACT_FIELDS) {
    grid.append(h('span', {}, unit));
    for (const prefix of ['estimated', 'verified'] as const) {
      const v = (s as unknown as Record<string, number>)[`${prefix}${f}`];
      const nf = numberField({ name: `${prefix}_${name}`, 'aria-label': `${prefix === 'estimated' ? L('Estimé', 'Estimated') : L('Vérifié', 'Verified')} (${unit})` });
      if (v) nf.set(v);
      nums[`${prefix}_${name}`] = nf;
      grid.append(h('div', { class: 'num-cell' }, nf.input, nf.echo));
    }
  }
  const save = h('button', { type: 'submit', class: 'primary' }, L('Enregistrer', 'Save'));
  const cancel = h('button', { type: 'button', onclick: done }, L('Annuler', 'Cancel'));
  const formErr = h('p', { class: 'error', role: 'alert', id: 'synergy-editor-error' });
  const form = h('form', { class: 'synergy-editor' },
    field(L('Statut', 'Status'), status), field(L('Motif d’abandon', 'Reason for abandoning'), reason),
    field(L('Responsable', 'Owner'), owner), field(L('Prochaine action', 'Next action'), next),
    field(L('Date', 'Date'), date), field(L('Note', 'Note'), note),
    h('fieldset', {}, h('legend', {}, L('Impact annuel', 'Yearly impact')), grid, field(L('Base de calcul', 'Basis of the figures'), basis)),
    formErr, h('div', { class: 'row' }, save, cancel));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const setFields: string[] = [];
    const values: Record<string, number> = {};
    for (const [key, f] of Object.entries(nums)) {
      const r = f.read();
      if (r.state === 'error') {
        formErr.textContent = r.message;
        f.input.focus();
        return;
      }
      if (r.state === 'empty') continue;
      setFields.push(key);
      const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      values[camel] = r.value;
    }
    client?.send({
      case: 'setSynergy',
      value: {
        synergy: {
          id: s.id,
          status: Number(status.value),
          abandonReason: reason.value,
          owner: owner.value,
          nextAction: next.value,
          nextActionDate: date.value,
          impactBasis: basis.value,
          notes: note.value.trim() ? [{ text: note.value.trim() }] : [],
          setFields,
          ...values,
        },
      },
    });
    done();
  });
  return form;
}

function renderList(): void {
  const list = document.getElementById('synergies');
  if (!list) return;
  clear(list);
  const all = [...view.synergies.values()].filter(matches);
  for (const st of STATUS_ORDER) {
    const group = all.filter((s) => s.status === st);
    list.append(h('section', { class: 'status-column', 'data-status': st },
      h('h2', {}, `${statusLabel(st)} (${group.length})`),
      ...group.map(synergyItem)));
  }
  $('#synergy-count').textContent = `${all.length} / ${view.synergies.size}`;
}

async function search(q: string): Promise<void> {
  const out = $('#catalogue-results');
  clear(out);
  try {
    const res = await api(token, `/api/catalogue?territory=${encodeURIComponent(view.info?.territory ?? '')}&q=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { hits: { workshop_title: string; company: string; kind: string; category: string; text: string; workshop_date: string }[] };
    if (!body.hits.length) out.append(h('p', { class: 'muted' }, L('Aucune carte trouvée.', 'No card found.')));
    for (const hit of body.hits) {
      out.append(h('article', { class: `card card-${hit.kind}` },
        h('div', { class: 'card-head' }, h('span', { class: 'card-kind' }, hit.kind === 'offer' ? L('Offre', 'Offer') : L('Besoin', 'Need')), h('span', { class: 'card-cat' }, categoryLabel(hit.category))),
        h('p', { class: 'card-text' }, hit.text),
        h('div', { class: 'card-meta' }, h('span', { class: 'card-company' }, hit.company), h('span', {}, `${hit.workshop_title} ${hit.workshop_date}`))));
    }
  } catch (e) {
    out.append(h('p', { class: 'error' }, (e as Error).message));
  }
}

function exportButton(label: string, path: string, filename: string): HTMLElement {
  const b = h('button', { type: 'button' }, label);
  b.addEventListener('click', () => void download(token, `/api/workshops/${view.info?.id ?? ''}/export/${path}`, filename).catch((e: Error) => (err.textContent = e.message)));
  return b;
}

// The programme's report: every workshop of the territory, written by the server.
function programmeButton(territory: string): HTMLElement {
  const b = h('button', { type: 'button', id: 'programme-report' }, L('Bilan du territoire', 'Territory report'));
  const file = `programme-${territory.replace(/[^\p{L}\p{N}]+/gu, '-')}.html`;
  b.addEventListener('click', () => void download(token, `/api/territory/report.html?territory=${encodeURIComponent(territory)}`, file).catch((e: Error) => (err.textContent = e.message)));
  return b;
}

function render(): void {
  clear(app);
  const q = h('input', { id: 'catalogue-q', type: 'search', placeholder: L('palettes, chaleur, chariot…', 'pallets, heat, forklift…') });
  const go = h('button', { type: 'submit', id: 'catalogue-go' }, L('Chercher', 'Search'));
  const searchForm = h('form', { class: 'catalogue-search', role: 'search' }, q, go);
  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void search(q.value);
  });
  const id = encodeURIComponent(view.info?.id ?? 'atelier');
  app.append(
    h('header', { class: 'bar' },
      h('span', { class: 'brand' }, `${view.info?.title ?? 'Atelier'} — ${L('suivi', 'follow-up')}`), badge.el, langSwitch(render)),
    facilitatorNav(section === 'exports' ? 'exports' : 'followup', token),
    err,
    h('main', { class: 'followup' },
      h('div', { class: 'exports', id: 'exports' }, h('strong', {}, L('Exports', 'Exports')),
        exportButton('Entreprises CSV', 'companies.csv', `${id}-entreprises.csv`),
        exportButton('Cartes CSV', 'cards.csv', `${id}-cartes.csv`),
        exportButton('Correspondances CSV', 'matches.csv', `${id}-correspondances.csv`),
        exportButton('Synergies CSV', 'synergies.csv', `${id}-synergies.csv`),
        exportButton('Classeur Excel', 'workshop.xlsx', `${id}.xlsx`),
        view.info?.territory ? programmeButton(view.info.territory) : null),
      filterBar(),
      h('p', { class: 'muted' }, L('Synergies affichées : ', 'Synergies shown: '), h('span', { id: 'synergy-count' })),
      h('div', { class: 'status-columns', id: 'synergies' }),
      h('section', { class: 'panel catalogue' },
        h('h2', {}, L(`Catalogue du territoire${view.info?.territory ? ` — ${view.info.territory}` : ''}`, 'Territory catalogue')),
        searchForm, h('div', { class: 'list', id: 'catalogue-results' }))));
  renderList();
  if (section === 'exports') document.getElementById('exports')?.scrollIntoView({ block: 'start' });
}

if (!token) {
  app.append(h('p', { class: 'error' }, 'Lien animateur incomplet : ajoutez #token=… / Incomplete facilitator link.'));
} else {
  client = new AtelierClient(serverUrl(), { token }, {
    welcome(w) {
      if (w.snapshot) view.load(w.snapshot);
      render();
      document.body.dataset.ready = '1';
    },
    events(events) {
      for (const e of events) view.apply(e);
      if (!editing) renderList();
    },
    ack() {
      err.textContent = '';
    },
    error: (e) => (err.textContent = errorText(e.code, e.message)),
    status: (s, p) => badge.set(s, p),
  }, 'atelier.followup.queue');
  client.start();
}
