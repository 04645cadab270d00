// The administrator's page: create, list, open, close and archive the
// workshops of a running server, import their companies, and get their
// console, board and tablet links. Talks to /api/admin/workshops with the
// administrator's token (from the link printed at start, kept for this tab
// only). Everything typed by a user is shown as text.
import { $, append, clear, h, takeFragment } from './lib/dom';
import { numberField } from './lib/number_field';

interface Links {
  consoles: string[];
  board: string;
  tablet: string;
  tablet_url: string;
  qr: string;
}
interface WorkshopRow {
  id: string;
  code: string;
  title: string;
  date: string;
  venue: string;
  territory: string;
  tables: number;
  status: string;
  archived: boolean;
  // Absent for a closed workshop the server has not read since it started
  // (in_memory false): its log is read only when someone opens it.
  companies?: number;
  cards?: number;
  matches?: number;
  in_memory?: boolean;
  links: Links;
}

const STATUS: Record<string, string> = {
  draft: 'en préparation',
  open: 'ouvert',
  running: 'en cours',
  closed: 'clos',
};

const KEY = 'atelier-admin-token';
const fromLink = takeFragment('admin');
if (fromLink) sessionStorage.setItem(KEY, fromLink);
let token = sessionStorage.getItem(KEY) ?? '';
let showArchived = false;

const app = $('#app');
const status = h('p', { class: 'admin-status', role: 'status', 'aria-live': 'polite' });
const list = h('div', { id: 'workshops', class: 'workshop-list' });

function say(text: string, error = false): void {
  status.textContent = text;
  status.className = error ? 'admin-status error' : 'admin-status';
}

async function api(method: string, path: string, body?: string | ArrayBuffer, type = 'application/json'): Promise<unknown> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = type;
  const res = await fetch(path, { method, headers, body });
  const data = (await res.json().catch(() => ({}))) as {
    error?: string; details?: { line: number; message: string }[]; errors?: { text: string }[];
  };
  if (!res.ok) {
    // The import's preview lists every error of the file (line, column, value).
    const details = [...(data.errors ?? []).map((e) => e.text),
      ...(data.details ?? []).map((d) => `ligne ${d.line} : ${d.message}`)].join(' ; ');
    throw new Error((data.error ?? `Erreur ${res.status}`) + (details ? ` (${details})` : ''));
  }
  return data;
}

function row(w: WorkshopRow): HTMLElement {
  const state = w.archived ? 'archivé' : STATUS[w.status] ?? w.status;
  const links = h('div', { class: 'links' },
    h('a', { href: w.links.tablet, target: '_blank', rel: 'noopener' }, 'Tablettes'),
    h('a', { href: w.links.board, target: '_blank', rel: 'noopener' }, 'Écran projeté'),
    ...w.links.consoles.map((c, i) =>
      h('a', { href: c, target: '_blank', rel: 'noopener', class: 'console-link' },
        w.links.consoles.length > 1 ? `Console animateur ${i + 1}` : 'Console animateur')),
  );
  const file = h('input', { type: 'file', accept: '.csv,.txt,.xlsx,.json,text/csv,application/json', 'aria-label': 'Fichier des entreprises' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    try {
      // The bytes as they are: the server finds the encoding (UTF-8, Windows-1252) and format.
      // Companies already in the workshop are left as they are (the console offers the choice).
      const data = (await api('POST', `/api/admin/workshops/${encodeURIComponent(w.id)}/companies?doublons=ignorer`,
        await f.arrayBuffer(), 'application/octet-stream')) as { added?: number; skipped?: number };
      say(`« ${w.title} » : ${data.added ?? 0} entreprise(s) ajoutée(s), ${data.skipped ?? 0} déjà là.`);
      await refresh();
    } catch (e) {
      say((e as Error).message, true);
    }
    file.value = '';
  });
  const action = (label: string, verb: string, cls = 'small'): HTMLButtonElement =>
    h('button', {
      class: cls, type: 'button', 'data-action': verb,
      onclick: async () => {
        try {
          await api('POST', `/api/admin/workshops/${encodeURIComponent(w.id)}/${verb}`);
          say(`« ${w.title} » : ${label.toLowerCase()} fait.`);
          await refresh();
        } catch (e) {
          say((e as Error).message, true);
        }
      },
    }, label);
  const closed = w.status === 'closed';
  return h('section', { class: 'workshop', 'data-code': w.code },
    h('h3', {}, w.title),
    h('div', { class: 'meta' },
      `Code ${w.code} · ${state} · ${w.tables} table(s)`,
      w.companies === undefined
        ? ''
        : ` · ${w.companies} entreprise(s) · ${w.cards} carte(s) · ${w.matches} synergie(s)`,
      w.territory ? ` · ${w.territory}` : '', w.date ? ` · ${w.date}` : ''),
    links,
    h('img', { class: 'qr', src: w.links.qr, alt: `QR code des tablettes de « ${w.title} »` }),
    h('div', { class: 'meta tablet-url' }, w.links.tablet_url),
    h('div', { class: 'actions' },
      closed ? action('Rouvrir', 'open') : action('Clore', 'close', 'small danger'),
      w.archived ? null : action('Archiver', 'archive', 'small ghost'),
      h('label', { class: 'pick-label' }, 'Importer des entreprises (CSV, XLSX) :', file)),
  );
}

async function refresh(): Promise<void> {
  try {
    const data = (await api('GET', `/api/admin/workshops${showArchived ? '?all=1' : ''}`)) as { workshops: WorkshopRow[] };
    clear(list);
    if (data.workshops.length === 0) append(list, h('p', {}, 'Aucun atelier pour l’instant : créez le premier ci-dessus.'));
    for (const w of data.workshops) append(list, row(w));
  } catch (e) {
    say((e as Error).message, true);
  }
}

function createForm(): HTMLElement {
  const title = h('input', { id: 'new-title', required: true, maxlength: 200, autocomplete: 'off' });
  const tablesField = numberField({ id: 'new-tables', value: 6 }, { integer: true, min: 1, max: 100 });
  const tables = tablesField.input;
  const territory = h('input', { id: 'new-territory', maxlength: 200 });
  const date = h('input', { id: 'new-date', type: 'date' });
  const form = h('form', { class: 'admin-form', id: 'create' },
    h('div', {}, h('label', { for: 'new-title' }, 'Titre de l’atelier'), title),
    h('div', {}, h('label', { for: 'new-tables' }, 'Tables'), tables, tablesField.echo),
    h('div', {}, h('label', { for: 'new-territory' }, 'Territoire (facultatif)'), territory),
    h('div', {}, h('label', { for: 'new-date' }, 'Date (facultative)'), date),
    h('button', { class: 'primary', type: 'submit' }, 'Créer l’atelier'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const n = tablesField.read();
    if (n.state !== 'ok') return say(n.state === 'error' ? n.message : 'Nombre de tables ?', true);
    try {
      const body = JSON.stringify({ title: title.value.trim(), tables: n.value, territory: territory.value.trim(), date: date.value });
      const w = (await api('POST', '/api/admin/workshops', body)) as WorkshopRow;
      say(`Atelier « ${w.title} » créé : code ${w.code}.`);
      title.value = '';
      await refresh();
    } catch (e) {
      say((e as Error).message, true);
    }
  });
  return form;
}

function login(): void {
  const input = h('input', { id: 'admin-token', type: 'password', autocomplete: 'off' });
  const form = h('form', { class: 'panel' },
    h('h2', {}, 'Administration'),
    h('p', {}, 'Ouvrez le lien « Administration » affiché au démarrage du serveur, ou collez le jeton du fichier indiqué.'),
    h('label', { for: 'admin-token' }, 'Jeton d’administration'), input,
    h('button', { class: 'primary', type: 'submit' }, 'Entrer'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    token = input.value.trim();
    sessionStorage.setItem(KEY, token);
    render();
  });
  clear(app);
  append(app, h('main', {}, form, status));
}

function render(): void {
  if (!token) return login();
  const archived = h('input', { type: 'checkbox', id: 'show-archived' });
  archived.addEventListener('change', () => {
    showArchived = archived.checked;
    void refresh();
  });
  clear(app);
  append(app, h('main', {},
    h('section', { class: 'panel' }, h('h2', {}, 'Nouvel atelier'), createForm()),
    status,
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' }, h('h2', {}, 'Ateliers'),
        h('label', { class: 'pick-label' }, archived, 'Voir les ateliers archivés')),
      list)));
  void refresh();
}

render();
