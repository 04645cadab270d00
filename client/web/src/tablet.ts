// Tablet page: a company representative joins with the code, posts offers and
// needs in seconds, sees the table's cards and its matches, and reacts.
import { CardKind, type Card, ErrorCode, type Lobby, Reaction, Visibility } from './gen/atelier/v1/atelier_pb';
import { AtelierClient, lookup, serverUrl } from './lib/client';
import { $, clear, h, takeFragment } from './lib/dom';
import { CATEGORIES, currentLang, errorText, monthLabel, setLang, t } from './lib/i18n';
import { WorkshopView } from './lib/state';
import { cardView, langSwitch, matchTitle, statusBadge, synergyKindLabel } from './lib/ui';

interface Saved {
  token: string;
  code: string;
  companyId: string;
}
const SAVED_KEY = 'atelier.tablet';

const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
const toast = h('div', { class: 'toast', role: 'alert', 'aria-live': 'assertive' });
let client: AtelierClient | undefined;
let saved: Saved | undefined = load();
let editing: Card | undefined;
let draftKind: CardKind = CardKind.OFFER;
let draftCategory = '';

setLang(currentLang());

function load(): Saved | undefined {
  try {
    const s = JSON.parse(localStorage.getItem(SAVED_KEY) ?? 'null') as Saved | null;
    return s && s.token ? s : undefined;
  } catch {
    return undefined;
  }
}

function say(text: string, kind: 'ok' | 'error' = 'ok'): void {
  toast.textContent = text;
  toast.className = `toast toast-${kind} show`;
  window.setTimeout(() => toast.classList.remove('show'), 3500);
}

// ---- Join -------------------------------------------------------------------

function showJoin(prefill = ''): void {
  clear(app);
  const code = h('input', {
    id: 'code', class: 'code-input', autocomplete: 'off', autocapitalize: 'characters',
    inputmode: 'text', maxlength: 12, value: prefill, 'aria-label': t('code'),
  });
  const err = h('p', { class: 'error', role: 'alert' });
  const go = h('button', { class: 'primary big', type: 'submit', id: 'code-next' }, t('next'));
  const form = h('form', { class: 'join' },
    h('h1', {}, t('join_title')),
    h('label', { for: 'code' }, t('code')),
    code, go, err);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    go.setAttribute('disabled', '');
    try {
      const lobby = await lookup(serverUrl(), code.value.trim());
      showCompanies(code.value.trim(), lobby);
    } catch (e) {
      const m = e as { code?: ErrorCode; message?: string };
      err.textContent = m.code !== undefined ? errorText(m.code, m.message ?? '') : t('offline');
    } finally {
      go.removeAttribute('disabled');
    }
  });
  app.append(h('header', { class: 'bar' }, h('span', { class: 'brand' }, 'Atelier'), langSwitch(() => showJoin(code.value))), form);
  code.focus();
  if (prefill) form.requestSubmit();
}

function showCompanies(code: string, lobby: Lobby): void {
  clear(app);
  const name = h('input', { id: 'name', maxlength: 60, autocomplete: 'given-name', 'aria-label': t('your_name') });
  const filter = h('input', { id: 'company-filter', type: 'search', placeholder: '🔎', 'aria-label': t('pick_company') });
  const list = h('div', { class: 'company-list', role: 'list' });
  const render = () => {
    clear(list);
    const q = filter.value.toLowerCase();
    for (const c of lobby.companies) {
      if (q && !c.name.toLowerCase().includes(q)) continue;
      list.append(h('button', {
        class: 'company', type: 'button', role: 'listitem', 'data-company': c.id,
        onclick: () => startSession({ code, companyId: c.id, name: name.value.trim(), table: c.table }),
      }, h('strong', {}, c.name), c.table ? h('span', { class: 'muted' }, ` · ${t('table')} ${c.table}`) : null));
    }
  };
  filter.addEventListener('input', render);
  render();
  app.append(
    h('header', { class: 'bar' }, h('span', { class: 'brand' }, lobby.workshop?.title ?? 'Atelier')),
    h('section', { class: 'join' },
      h('h1', {}, t('pick_company')),
      h('label', { for: 'name' }, t('your_name')), name,
      filter, list),
  );
}

function startSession(join: { code?: string; token?: string; companyId?: string; name?: string; table?: number }): void {
  client?.close();
  const queueKey = 'atelier.queue';
  client = new AtelierClient(serverUrl(), join, {
    welcome(w) {
      if (w.token) {
        saved = { token: w.token, code: join.code ?? saved?.code ?? '', companyId: w.companyId };
        localStorage.setItem(SAVED_KEY, JSON.stringify(saved));
      }
      if (w.snapshot) view.load(w.snapshot);
      if (!document.querySelector('#main')) showMain();
      render();
    },
    events(events) {
      for (const e of events) view.apply(e);
      render(events.some((e) => e.body.case === 'synergyUpserted'));
    },
    ack(a, body) {
      if (body?.case === 'postCard') say(t('posted'));
      void a;
    },
    error(e, body) {
      if (e.code === ErrorCode.BAD_TOKEN) {
        localStorage.removeItem(SAVED_KEY);
        saved = undefined;
        client?.close();
        showJoin();
        return;
      }
      say(errorText(e.code, e.message), 'error');
      void body;
    },
    status: (s, pending) => badge.set(s, pending),
    stopped(code) {
      if (code === 4003) {
        localStorage.removeItem(SAVED_KEY);
        showJoin();
      }
    },
  }, queueKey);
  client.start();
}

// ---- Main screen --------------------------------------------------------------

function showMain(): void {
  clear(app);
  const text = h('textarea', {
    id: 'card-text', rows: 2, maxlength: 1000, placeholder: t('text_placeholder'), 'aria-label': t('post_title'),
  });
  const kinds = h('div', { class: 'seg', role: 'radiogroup' },
    ...[CardKind.OFFER, CardKind.NEED].map((k) =>
      h('button', {
        type: 'button', class: 'seg-btn', role: 'radio', 'data-kind': k === CardKind.OFFER ? 'offer' : 'need',
        onclick: () => { draftKind = k; syncDraft(); },
      }, k === CardKind.OFFER ? t('offer') : t('need'))));
  const cats = h('div', { class: 'cats' },
    ...CATEGORIES.map((c) => h('button', {
      type: 'button', class: 'cat', 'data-category': c.id,
      onclick: () => { draftCategory = c.id; syncDraft(); },
    }, h('span', { class: 'cat-icon', 'aria-hidden': 'true' }, c.icon), currentLang() === 'fr' ? c.fr : c.en)));
  const qty = h('input', { id: 'card-qty', type: 'number', min: 0, step: 'any', inputmode: 'decimal', 'aria-label': t('quantity') });
  const unit = h('input', { id: 'card-unit', list: 'units', maxlength: 20, 'aria-label': t('unit') });
  const freq = h('select', { id: 'card-freq', 'aria-label': t('frequency') },
    ...['', 'jour', 'semaine', 'mois', 'an', 'ponctuel'].map((f) => h('option', { value: f }, f)));
  const months = h('div', { class: 'months' },
    ...Array.from({ length: 12 }, (_, i) => h('label', { class: 'month' },
      h('input', { type: 'checkbox', value: i + 1 }), monthLabel(i + 1))));
  const avail = h('input', { id: 'card-avail', maxlength: 100, 'aria-label': t('availability') });
  const waste = h('input', { id: 'card-waste', maxlength: 12, inputmode: 'numeric', placeholder: '15 01 03', 'aria-label': t('waste_code') });
  const vis = h('select', { id: 'card-vis', 'aria-label': t('visibility') },
    h('option', { value: String(Visibility.ROOM) }, t('vis_room')),
    h('option', { value: String(Visibility.FACILITATORS) }, t('vis_facilitators')),
    h('option', { value: String(Visibility.ANONYMOUS) }, t('vis_anonymous')));
  const submit = h('button', { type: 'submit', class: 'primary big', id: 'card-post' }, t('post'));
  const cancel = h('button', { type: 'button', class: 'ghost', id: 'card-cancel', hidden: true,
    onclick: () => { editing = undefined; form.reset(); syncDraft(); } }, t('cancel'));
  const form = h('form', { class: 'post', id: 'post-form' },
    kinds, cats, text,
    h('details', { class: 'more' }, h('summary', {}, t('details')),
      h('div', { class: 'grid2' },
        h('label', {}, t('quantity'), qty), h('label', {}, t('unit'), unit),
        h('label', {}, t('frequency'), freq), h('label', {}, t('visibility'), vis)),
      h('fieldset', {}, h('legend', {}, t('months')), months),
      h('label', {}, t('availability'), avail),
      h('label', {}, t('waste_code'), waste)),
    h('div', { class: 'row' }, submit, cancel),
    h('datalist', { id: 'units' }, ...['pièces', 'palettes', 'kg', 't', 'm³', 'L', 'm²', 'personnes', 'kWh', 'heures'].map((u) => h('option', { value: u }))));

  function syncDraft(): void {
    kinds.querySelectorAll<HTMLElement>('.seg-btn').forEach((b) => {
      const on = b.dataset.kind === (draftKind === CardKind.OFFER ? 'offer' : 'need');
      b.classList.toggle('on', on);
      b.setAttribute('aria-checked', String(on));
    });
    cats.querySelectorAll<HTMLElement>('.cat').forEach((b) => b.classList.toggle('on', b.dataset.category === draftCategory));
    submit.textContent = editing ? t('save') : t('post');
    cancel.hidden = !editing;
  }
  syncDraft();

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!draftCategory) return say(t('required_category'), 'error');
    if (!text.value.trim()) return say(t('required_text'), 'error');
    const checked = [...months.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
    const draft = {
      kind: draftKind, category: draftCategory, text: text.value.trim(),
      hasQuantity: qty.value !== '', quantity: qty.value === '' ? 0 : Number(qty.value),
      unit: unit.value.trim(), frequency: freq.value, months: checked, availability: avail.value.trim(),
      wasteCode: waste.value.trim(), visibility: Number(vis.value) as Visibility, companyId: '',
    };
    if (!client) return;
    if (editing) {
      client.send({ case: 'editCard', value: { cardId: editing.id, card: draft } });
      editing = undefined;
    } else {
      client.send({ case: 'postCard', value: { card: draft } });
      if (client.status !== 'online') say(t('queued_offline'));
    }
    form.reset();
    syncDraft();
    text.focus();
  });

  const startEdit = (c: Card) => {
    editing = c;
    draftKind = c.kind;
    draftCategory = c.category;
    text.value = c.text;
    qty.value = c.hasQuantity ? String(c.quantity) : '';
    unit.value = c.unit;
    freq.value = c.frequency;
    avail.value = c.availability;
    waste.value = c.wasteCode;
    vis.value = String(c.visibility || Visibility.ROOM);
    months.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = c.months.includes(Number(i.value))));
    syncDraft();
    text.focus();
  };
  onEdit = startEdit;

  const companyName = h('span', { class: 'company-name', id: 'company-name' });
  const leave = h('button', { class: 'ghost small', type: 'button', onclick: () => {
    client?.close();
    localStorage.removeItem(SAVED_KEY);
    saved = undefined;
    showJoin();
  } }, t('leave'));
  app.append(
    h('header', { class: 'bar' },
      h('span', { class: 'brand', id: 'workshop-title' }), companyName, badge.el, langSwitch(() => { showMain(); render(); }), leave),
    h('main', { id: 'main', class: 'tablet' },
      h('section', { class: 'panel' }, h('h2', {}, t('post_title')), form),
      h('section', { class: 'panel' }, h('h2', {}, t('my_matches')), h('div', { id: 'matches', class: 'list' })),
      h('section', { class: 'panel' }, h('h2', {}, t('my_cards')), h('div', { id: 'mine', class: 'list' })),
      h('section', { class: 'panel' }, h('h2', {}, t('table_cards')), h('div', { id: 'table', class: 'list' }))),
    toast);
}

let onEdit: (c: Card) => void = () => {};

function render(synergyArrived = false): void {
  const main = document.querySelector('#main');
  if (!main || !saved) return;
  $('#workshop-title').textContent = view.info?.title ?? 'Atelier';
  $('#company-name').textContent = view.companyName(saved.companyId);
  const me = saved.companyId;
  const myTable = view.companies.get(me)?.table ?? 0;

  const mine = $('#mine');
  clear(mine);
  const myCards = view.liveCards().filter((c) => c.companyId === me);
  for (const c of myCards) {
    mine.append(cardView(view, c, h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'ghost', onclick: () => onEdit(c) }, t('edit')),
      h('button', { type: 'button', class: 'ghost danger', onclick: () => client?.send({ case: 'withdrawCard', value: { cardId: c.id, reason: '' } }) }, t('withdraw')))));
  }
  if (!myCards.length) mine.append(h('p', { class: 'muted' }, t('no_cards')));

  const table = $('#table');
  clear(table);
  const tableCards = view.liveCards().filter((c) => c.companyId !== me && (myTable === 0 || c.table === myTable));
  for (const c of tableCards) table.append(cardView(view, c));
  if (!tableCards.length) table.append(h('p', { class: 'muted' }, t('no_cards')));

  const matches = $('#matches');
  clear(matches);
  const mine2 = [...view.matches.values()].filter((m) => m.companyIds.includes(me)).sort((a, b) => b.score - a.score);
  for (const m of mine2) {
    const my = view.reactions.get(m.key)?.get(me);
    const synergy = [...view.synergies.values()].find((s) => s.matchKey === m.key);
    matches.append(h('article', { class: `match${synergy ? ' has-synergy' : ''}`, 'data-match': m.key },
      h('div', { class: 'match-head' },
        h('strong', {}, matchTitle(view, m, me)),
        h('span', { class: 'pill' }, synergyKindLabel(m.kind)),
        h('span', { class: 'score' }, `${Math.round(m.score * 100)} %`)),
      h('ul', { class: 'reasons' }, ...m.reasons.map((r) => h('li', {}, r))),
      m.hazardous ? h('p', { class: 'card-hazard' }, `⚠ ${t('hazardous')}`) : null,
      synergy ? h('p', { class: 'synergy-note' }, `✔ ${t('synergy_proposed')}`) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: `react${my === Reaction.INTERESTED ? ' on' : ''}`, 'data-react': 'interested',
          onclick: () => client?.send({ case: 'react', value: { matchKey: m.key, reaction: Reaction.INTERESTED, companyId: '' } }) }, t('interested')),
        h('button', { type: 'button', class: `react${my === Reaction.NOT_RELEVANT ? ' on' : ''}`, 'data-react': 'not_relevant',
          onclick: () => client?.send({ case: 'react', value: { matchKey: m.key, reaction: Reaction.NOT_RELEVANT, companyId: '' } }) }, t('not_relevant')))));
  }
  if (!mine2.length) matches.append(h('p', { class: 'muted' }, t('no_matches')));
  if (synergyArrived) say(t('synergy_proposed'));
}

// ---- Start ---------------------------------------------------------------------

document.body.append(toast);
const fragmentCode = takeFragment('code');
if (saved && !fragmentCode) {
  startSession({ token: saved.token });
} else {
  showJoin(fragmentCode ?? '');
}
