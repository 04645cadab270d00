// Facilitator console: prepares and runs the workshop with the facilitator
// token (from #token=, then kept for the tab only). Sections are built once;
// lists are redrawn on the next animation frame after events, and a form
// field the facilitator is typing in is never overwritten by an update.
import {
  CardKind,
  Role,
  SynergyKind,
  SynergyStatus,
  TextLimit,
  WorkshopStatus,
  type Card,
  type Company,
  type Match,
  type Synergy,
} from './gen/atelier/v1/atelier_pb';
import { AtelierClient, serverUrl, type SentBody } from './lib/client';
import { postImport, type DuplicateChoice, type ImportPreview, type PreviewCompany } from './lib/import';
import { $, clear, h, takeFragment } from './lib/dom';
import { CATEGORIES, currentLang, errorText, setLang, t } from './lib/i18n';
import { openDialog } from './lib/dialog';
import { facilitatorNav } from './lib/nav';
import { chooseBase, isLoopback, showJoinFullScreen, tabletJoinUrl, tentJoinUrl, trimBase, type ServerAddresses } from './lib/join';
import { numberField, type NumberField } from './lib/number_field';
import { ABANDON_REASONS, abandonReasonLabel } from './lib/vocab';
import { WorkshopView } from './lib/state';
import { cardView, langSwitch, statusBadge, synergyKindLabel } from './lib/ui';

setLang((localStorage.getItem('atelier.lang') as 'fr' | 'en') ?? 'fr');
const tokenFromLink = takeFragment('token');
const token = tokenFromLink ?? sessionStorage.getItem('atelier.console.token') ?? '';
// The join code in the link names the workshop in the WebSocket URL (/ws?w=CODE); it
// belongs with the token it came with.
const codeFromLink = takeFragment('code');
const routeCode = tokenFromLink !== undefined ? codeFromLink ?? '' : sessionStorage.getItem('atelier.console.code') ?? '';
sessionStorage.setItem('atelier.console.code', routeCode);
if (token) sessionStorage.setItem('atelier.console.token', token);

// Console strings (French first). Kept here: only this page uses them.
const S: Record<string, [string, string]> = {
  console: ['Console animateur', 'Facilitator console'],
  workshop: ['Atelier', 'Workshop'],
  title: ['Titre', 'Title'],
  date: ['Date', 'Date'],
  venue: ['Lieu', 'Venue'],
  territory: ['Territoire', 'Territory'],
  territory_by_operator: ['Fixé par l’exploitant du serveur (atelier set-territory)', 'Set by the server operator (atelier set-territory)'],
  tables: ['Nombre de tables', 'Number of tables'],
  status: ['État', 'Status'],
  st_draft: ['Brouillon', 'Draft'],
  st_open: ['Ouvert aux inscriptions', 'Open'],
  st_running: ['En cours', 'Running'],
  st_closed: ['Clos', 'Closed'],
  save: ['Enregistrer', 'Save'],
  saved: ['Enregistré.', 'Saved.'],
  run: ['Déroulé', 'Run'],
  minutes: ['Durée du tour (minutes)', 'Round length (minutes)'],
  start_round: ['Démarrer un tour', 'Start a round'],
  end_round: ['Terminer le tour', 'End the round'],
  pause: ['Geler les saisies', 'Freeze inputs'],
  resume: ['Reprendre les saisies', 'Resume inputs'],
  paused: ['Saisies gelées', 'Inputs frozen'],
  lock: ['Fermer les inscriptions', 'Lock joins'],
  unlock: ['Rouvrir les inscriptions', 'Unlock joins'],
  locked: ['Inscriptions fermées', 'Joins locked'],
  tents_on: ['Inscription par chevalet seulement', 'Join by table tent only'],
  tents_off: ['Remettre la liste des entreprises', 'Show the company list again'],
  tents_flag: ['Liste des entreprises masquée', 'Company list hidden'],
  read_on: ['Laisser les entreprises relire après la clôture', 'Let companies read after the close'],
  read_off: ['Fermer la relecture aux entreprises', 'Stop companies reading after the close'],
  read_flag: ['Relecture ouverte aux entreprises', 'Companies may read after the close'],
  print_tents: ['Imprimer les chevalets', 'Print table tents'],
  tents_title: ['Chevalets des tables', 'Table tents'],
  tent_scan: ['Scannez pour rejoindre l’atelier au nom de', 'Scan to join the workshop for'],
  tents_none: ['Aucune entreprise : importez la liste d’abord.', 'No company: import the list first.'],
  print: ['Imprimer', 'Print'],
  close: ['Fermer', 'Close'],
  close_ws: ['Clore l’atelier', 'Close the workshop'],
  close_confirm: ['Clore l’atelier ? Les tablettes ne pourront plus rien publier ni se reconnecter ; le suivi, la relecture et les exports restent ouverts aux animateurs.', 'Close the workshop? Tablets can no longer post or reconnect; follow-up, replay and exports stay open to facilitators.'],
  erase: ['Effacer ses données personnelles', 'Erase personal data'],
  erase_title: ['Effacer les données personnelles ?', 'Erase personal data?'],
  erase_body: ['Le contact de l’entreprise et les noms de ses participants seront effacés de l’atelier et de son historique, sans retour possible. L’entreprise, ses fiches et ses synergies restent.', 'The company’s contact and the names of its people will be erased from the workshop and its history, for good. The company, its cards and synergies stay.'],
  erased: ['Aucune donnée personnelle', 'No personal data'],
  devices: ['Appareils', 'Devices'],
  no_device: ['aucun', 'none'],
  unnamed: ['sans nom', 'no name'],
  revoke: ['Révoquer', 'Revoke'],
  revoke_title: ['Révoquer cet appareil ?', 'Revoke this device?'],
  revoke_body: ['L’appareil est déconnecté et son jeton refusé ; ses fiches restent. Pour revenir, il faudra rejoindre avec le code.', 'The device is disconnected and its token refused; its cards stay. To come back it must join again with the code.'],
  no_round: ['Pas de tour en cours', 'No round running'],
  join: ['Rejoindre', 'Join'],
  join_help: ['Code et QR à projeter : le code est public dans la salle.', 'Code and QR to project: the code is public in the room.'],
  tablet_base: ['Adresse des tablettes', 'Address for tablets'],
  localhost_warn: ['Les tablettes ne joignent pas « localhost » : indiquez l’adresse du serveur sur le réseau.', 'Tablets cannot reach “localhost”: enter the server’s network address.'],
  open_board: ['Ouvrir l’écran projeté', 'Open the projected board'],
  full_qr: ['QR plein écran', 'Full-screen QR'],
  lan_choices: ['Adresses de ce serveur sur le réseau :', 'This server’s network addresses:'],
  public_url_set: ['Adresse publique fixée par l’exploitant (--public-url)', 'Public address set by the operator (--public-url)'],
  import: ['Importer des entreprises', 'Import companies'],
  import_help: ['Classeur Excel (.xlsx) ou CSV du tableur (UTF-8 ou Windows-1252, séparateur « ; », « , » ou tabulation), une entreprise par ligne, en-tête par exemple : nom;siret;naf;zone;adresse;code postal;ville;lat;lon;effectif;ess;contact;table. Le serveur lit le fichier et montre l’aperçu : rien n’est importé avant « Importer ».', 'Excel workbook (.xlsx) or CSV from the spreadsheet (UTF-8 or Windows-1252, “;”, “,” or tab separated), one company per line, header such as: nom;siret;naf;zone;adresse;code postal;ville;lat;lon;effectif;ess;contact;table. The server reads the file and shows the preview: nothing is imported before “Import”.'],
  import_sheet: ['Feuille', 'Sheet'],
  import_dups: ['entreprise(s) déjà dans l’atelier (même SIRET, sinon même nom et code postal) :', 'companies already in the workshop (same SIRET, else same name and postcode):'],
  dup_update: ['mettre à jour', 'update'],
  dup_skip: ['ignorer', 'skip'],
  dup_add: ['ajouter quand même', 'add anyway'],
  ignored_cols: ['Colonnes calculées de l’export, non importées', 'Computed export columns, not imported'],
  dup_of: ['déjà : ', 'already: '],
  file: ['Fichier', 'File'],
  import_go: ['Importer', 'Import'],
  import_n: ['entreprise(s) prêtes à importer', 'companies ready to import'],
  import_errors: ['ligne(s) en erreur : corrigez le fichier, rien ne sera importé à moitié.', 'line(s) with errors: fix the file, nothing is imported half-way.'],
  import_done: ['entreprise(s) ajoutée(s)', 'company(ies) added'],
  import_updated: ['mise(s) à jour', 'updated'],
  import_skipped: ['ignorée(s)', 'skipped'],
  import_failed: ['Import refusé : rien n’a été importé.', 'Import refused: nothing was imported.'],
  line: ['Ligne', 'Line'],
  unknown_cols: ['Colonnes inconnues, non importées', 'Unknown columns, not imported'],
  companies: ['Entreprises', 'Companies'],
  name: ['Nom', 'Name'],
  zone: ['Zone', 'Park'],
  headcount: ['Effectif', 'Staff'],
  ess: ['ESS', 'Social eco.'],
  no_table: ['—', '—'],
  cards: ['Cartes', 'Cards'],
  merge: ['Fusionner les doublons cochés', 'Merge checked duplicates'],
  merge_help: ['Cochez des cartes : doublons d’une même entreprise à fusionner (la plus ancienne est gardée), ou cartes de plusieurs entreprises pour une synergie.', 'Check cards: duplicates of one company to merge (the oldest is kept), or cards of several companies for a synergy.'],
  pick: ['Choisir', 'Pick'],
  syn_from_cards: ['Synergie avec les cartes cochées', 'Synergy from checked cards'],
  withdraw_reason: ['Motif du retrait', 'Reason for withdrawal'],
  withdraw_title: ['Retirer cette carte ?', 'Withdraw this card?'],
  withdraw_note: ['Le motif est montré sur la tablette de l’auteur ; la carte disparaît de la salle et de ses correspondances.', 'The reason is shown on the author’s tablet; the card leaves the room and its matches.'],
  withdraw_placeholder: ['hors sujet, doublon, coordonnées personnelles…', 'off topic, duplicate, personal details…'],
  reject_title: ['Rejeter cette synergie ?', 'Reject this synergy?'],
  reject_note: ['Elle passe en « abandonnée » avec ce motif (modifiable ensuite dans le suivi).', 'It becomes “abandoned” with this reason (can be changed later in the follow-up).'],
  merge_title: ['Fusionner ces cartes ?', 'Merge these cards?'],
  merge_body: ['La plus ancienne est gardée ; les autres sont retirées comme doublons.', 'The oldest is kept; the others are withdrawn as duplicates.'],
  close_title: ['Clore l’atelier ?', 'Close the workshop?'],
  cancel: ['Annuler', 'Cancel'],
  sections: ['Sections de la console', 'Console sections'],
  sec_run: ['Tour et minuteur', 'Round and timer'],
  sec_tables: ['Atelier et tables', 'Workshop and tables'],
  sec_moderation: ['Modération', 'Moderation'],
  card_search: ['Chercher une carte, une entreprise…', 'Search a card, a company…'],
  all_kinds: ['Offres et besoins', 'Offers and needs'],
  all_categories: ['Toutes catégories', 'All categories'],
  all_tables: ['Toutes les tables', 'All tables'],
  no_card_match: ['Aucune carte ne correspond aux filtres.', 'No card matches the filters.'],
  matches: ['Correspondances proposées', 'Suggested matches'],
  no_matches: ['Aucune correspondance pour l’instant.', 'No match yet.'],
  validate: ['Valider (en discussion)', 'Validate (in discussion)'],
  synergies: ['Synergies', 'Synergies'],
  no_synergies: ['Aucune synergie pour l’instant.', 'No synergy yet.'],
  reject: ['Rejeter', 'Reject'],
  dismiss: ['Écarter', 'Dismiss'],
  dismiss_title: ['Écarter cette suggestion ?', 'Dismiss this suggestion?'],
  dismiss_note: ['Elle est gardée comme synergie abandonnée avec ce motif. Un motif technique ou réglementaire fait baisser les suggestions semblables, ici et dans les ateliers suivants du territoire.', 'It is kept as an abandoned synergy with this reason. A technical or regulatory reason lowers similar suggestions, here and in the territory’s next workshops.'],
  reject_reason: ['Raison', 'Reason'],
  new_synergy: ['Créer une synergie à la main', 'Create a synergy by hand'],
  kind: ['Type', 'Kind'],
  pick_companies: ['Entreprises concernées (2 ou plus)', 'Companies involved (2 or more)'],
  create: ['Créer', 'Create'],
  created: ['Synergie créée.', 'Synergy created.'],
  syn_title: ['Intitulé', 'Title'],
  sy_potential: ['Idée', 'Idea'],
  sy_discussion: ['En discussion', 'In discussion'],
  sy_progress: ['En cours', 'In progress'],
  sy_realised: ['Réalisée', 'Realised'],
  sy_abandoned: ['Abandonnée', 'Abandoned'],
  bad_link: ['Lien animateur incomplet : ouvrez le lien complet affiché au démarrage du serveur.', 'Incomplete facilitator link: open the full link printed when the server started.'],
};

function tc(key: string): string {
  const e = S[key];
  if (!e) return t(key);
  return currentLang() === 'fr' ? e[0] : e[1];
}

const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
const err = h('p', { class: 'error', role: 'alert', id: 'console-error' });
const note = h('p', { class: 'ok-note', role: 'status', id: 'console-note' });
let client: AtelierClient | undefined;
let joinCode = '';
let preview: ImportPreview | undefined;
let importBytes: ArrayBuffer | undefined;
let importSheet = '';
let importErrors: { line: number; field: string; text: string }[] = [];
let importMessage = '';
let importFailed = false;
const selected = new Set<string>();

// Errors are shown beside the action that caused them: each command is sent for a scope
// ("run", "workshop", "synergy:<id>", "card:<id>"...), whose slot shows the refusal.
const scopes = new Map<string, string>();   // command id -> scope
const actionErrors = new Map<string, string>(); // scope -> message

function send(body: Parameters<AtelierClient['send']>[0], scope = ''): string {
  err.textContent = '';
  if (!client) return '';
  if (scope) setActionError(scope, '');
  const id = client.send(body);
  if (scope) scopes.set(id, scope);
  return id;
}

function errorSlot(scope: string): HTMLElement {
  return h('p', { class: 'error small action-error', role: 'alert', 'data-error-scope': scope }, actionErrors.get(scope) ?? '');
}

function setActionError(scope: string, message: string): void {
  if (message) actionErrors.set(scope, message);
  else actionErrors.delete(scope);
  for (const el of document.querySelectorAll<HTMLElement>('[data-error-scope]')) {
    if (el.dataset.errorScope === scope) el.textContent = message;
  }
}

function say(text: string): void {
  note.textContent = text;
}

function statusLabel(s: WorkshopStatus): string {
  const keys: Record<number, string> = { [WorkshopStatus.DRAFT]: 'st_draft', [WorkshopStatus.OPEN]: 'st_open', [WorkshopStatus.RUNNING]: 'st_running', [WorkshopStatus.CLOSED]: 'st_closed' };
  return tc(keys[s] ?? 'st_open');
}

function synergyStatusLabel(s: SynergyStatus): string {
  const keys: Record<number, string> = {
    [SynergyStatus.POTENTIAL]: 'sy_potential', [SynergyStatus.IN_DISCUSSION]: 'sy_discussion',
    [SynergyStatus.IN_PROGRESS]: 'sy_progress', [SynergyStatus.REALISED]: 'sy_realised', [SynergyStatus.ABANDONED]: 'sy_abandoned',
  };
  return tc(keys[s] ?? 'sy_potential');
}

// ---- Workshop form ---------------------------------------------------------

function field(id: string, label: string, input: HTMLElement): HTMLElement {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

let tablesField: NumberField | undefined;
let minutesField: NumberField | undefined;

function workshopPanel(): HTMLElement {
  tablesField = numberField({ 'data-field': 'tables' }, { integer: true, min: 1, max: 100 });
  const status = h('select', {},
    ...[WorkshopStatus.DRAFT, WorkshopStatus.OPEN, WorkshopStatus.RUNNING, WorkshopStatus.CLOSED].map((s) =>
      h('option', { value: s }, statusLabel(s))));
  const form = h('form', { class: 'ws-form', id: 'ws-form' },
    field('ws-title', tc('title'), h('input', { type: 'text', maxlength: TextLimit.NAME, autocomplete: 'off' })),
    h('div', { class: 'grid2' },
      field('ws-date', tc('date'), h('input', { type: 'date' })),
      h('div', { class: 'field' }, h('label', { for: 'ws-tables' }, tc('tables')), Object.assign(tablesField.input, { id: 'ws-tables' }), tablesField.echo)),
    h('div', { class: 'grid2' },
      field('ws-venue', tc('venue'), h('input', { type: 'text', maxlength: TextLimit.NAME })),
      field('ws-territory', tc('territory'), h('input', { type: 'text', maxlength: TextLimit.NAME, readonly: true, title: tc('territory_by_operator') }))),
    field('ws-status', tc('status'), status),
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: 'ws-save' }, tc('save'))),
    errorSlot('workshop'));
  form.addEventListener('input', (e) => ((e.target as HTMLElement).dataset.dirty = '1'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const val = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
    const tables = tablesField!.read();
    if (tables.state === 'error') {
      tablesField!.input.focus();
      return;
    }
    send({
      case: 'updateWorkshop',
      value: {
        workshop: {
          title: val('ws-title'), date: val('ws-date'), venue: val('ws-venue'), territory: val('ws-territory'),
          tables: tables.state === 'ok' ? tables.value : 0,
          // No `paused`: saving the form never freezes or unfreezes the room.
          status: Number(val('ws-status')) as WorkshopStatus,
        },
      },
    }, 'workshop');
    for (const el of form.querySelectorAll<HTMLElement>('[data-dirty]')) delete el.dataset.dirty;
  });
  return h('section', { class: 'panel', id: 'workshop-panel' }, h('h2', {}, tc('workshop')), form);
}

function fillWorkshopForm(): void {
  const w = view.info;
  if (!w) return;
  const set = (id: string, v: string) => {
    const el = document.getElementById(id) as HTMLInputElement | null;
    if (!el || el === document.activeElement || el.dataset.dirty) return;
    el.value = v;
  };
  set('ws-title', w.title);
  set('ws-date', w.date);
  set('ws-venue', w.venue);
  set('ws-territory', w.territory);
  set('ws-tables', String(w.tables || 1));
  set('ws-status', String(w.status));
}

// ---- Run: rounds, pause, joins, close ----------------------------------------

function runPanel(): HTMLElement {
  minutesField = numberField({ id: 'round-minutes', value: 15 }, { integer: true, min: 0, max: 600 });
  const minutes = minutesField.input;
  return h('section', { class: 'panel', id: 'run-panel' },
    h('h2', {}, tc('run')),
    h('p', { class: 'console-timer', id: 'console-timer', 'aria-live': 'off' }),
    h('p', { class: 'flags', id: 'run-flags' }),
    h('label', { for: 'round-minutes' }, tc('minutes')),
    h('div', { class: 'row' },
      minutes,
      h('button', { class: 'primary', type: 'button', id: 'round-start', onclick: () => {
        const m = minutesField!.read();
        if (m.state === 'error') return minutes.focus();
        send({ case: 'startRound', value: { minutes: m.state === 'ok' ? m.value : 0 } }, 'run');
      } }, tc('start_round')),
      h('button', { type: 'button', id: 'round-end', onclick: () => send({ case: 'endRound', value: {} }, 'run') }, tc('end_round'))),
    minutesField.echo,
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'pause', onclick: () => {
        const w = view.info;
        if (!w) return;
        send({ case: 'updateWorkshop', value: { workshop: { paused: !w.paused } } }, 'run');
      } }),
      h('button', { type: 'button', id: 'lock-joins', onclick: () =>
        send({ case: 'setJoinsLocked', value: { locked: !view.info?.joinsLocked } }, 'run') })),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'tents-only', onclick: () =>
        send({ case: 'updateWorkshop', value: { workshop: { tentsOnly: !view.info?.tentsOnly } } }, 'run') }),
      h('button', { type: 'button', id: 'print-tents', onclick: () => void printTents() }, tc('print_tents'))),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'read-after-close', onclick: () =>
        send({ case: 'updateWorkshop', value: { workshop: { readAfterClose: !view.info?.readAfterClose } } }, 'run') })),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', id: 'close-workshop', onclick: async () => {
        const ok = await openDialog({ id: 'close-dialog', title: tc('close_title'), body: tc('close_confirm'), confirm: tc('close_ws'), cancel: tc('cancel'), danger: true });
        if (!ok) return;
        send({ case: 'updateWorkshop', value: { workshop: { status: WorkshopStatus.CLOSED } } }, 'run');
      } }, tc('close_ws'))),
    errorSlot('run'));
}

// The table tents, one per company, laid out for printing (A4, two per page, folded in
// the middle): the company's name, its table and the QR that joins it (GET /api/tents).
async function printTents(): Promise<void> {
  let tents: { code: string; title: string; companies: { id: string; name: string; table: number; key: string }[] };
  try {
    const res = await fetch('/api/tents', { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(await res.text());
    tents = await res.json();
  } catch (e) {
    setActionError('run', String((e as Error).message || e));
    return;
  }
  document.getElementById('tents-sheet')?.remove();
  const base = tabletBase();
  const sheet = h('div', { id: 'tents-sheet', class: 'tents-sheet', role: 'dialog', 'aria-modal': 'true', 'aria-label': tc('tents_title') },
    h('div', { class: 'tents-bar no-print' },
      h('h2', {}, `${tc('tents_title')} · ${tents.title}`),
      h('button', { type: 'button', class: 'primary', id: 'tents-print', onclick: () => window.print() }, tc('print')),
      h('button', { type: 'button', id: 'tents-close', onclick: () => { sheet.remove(); document.body.classList.remove('printing-tents'); } }, tc('close'))),
    tents.companies.length === 0 ? h('p', { class: 'muted' }, tc('tents_none')) : null,
    ...tents.companies.map((c) => h('section', { class: 'tent', 'data-company': c.id },
      h('div', { class: 'tent-back' }, h('p', { class: 'tent-name' }, c.name), c.table ? h('p', { class: 'tent-table' }, `${t('table')} ${c.table}`) : null),
      h('div', { class: 'tent-front' },
        h('img', { class: 'tent-qr', alt: `QR ${c.name}`, width: 220, height: 220, src: `/qr.svg?text=${encodeURIComponent(tentJoinUrl(base, tents.code, c.id, c.key))}` }),
        h('div', {},
          h('p', {}, tc('tent_scan')),
          h('p', { class: 'tent-name' }, c.name),
          c.table ? h('p', { class: 'tent-table' }, `${t('table')} ${c.table}`) : null,
          h('p', { class: 'muted small' }, `${base.replace(/^https?:\/\//, '')}/tablet.html · ${tents.code}`))))));
  document.body.append(sheet);
  document.body.classList.add('printing-tents');
  ($('#tents-print') as HTMLButtonElement).focus();
}

function renderRun(): void {
  const w = view.info;
  if (!w) return;
  $('#pause').textContent = w.paused ? tc('resume') : tc('pause');
  $('#pause').classList.toggle('on', !!w.paused);
  $('#lock-joins').textContent = w.joinsLocked ? tc('unlock') : tc('lock');
  $('#lock-joins').classList.toggle('on', w.joinsLocked);
  const flags = $('#run-flags');
  clear(flags);
  flags.append(h('span', { class: 'pill', 'data-status': w.status }, statusLabel(w.status)));
  if (w.paused) flags.append(h('span', { class: 'pill pill-warn', id: 'paused-flag' }, tc('paused')));
  if (w.joinsLocked) flags.append(h('span', { class: 'pill pill-warn', id: 'locked-flag' }, tc('locked')));
  if (w.tentsOnly) flags.append(h('span', { class: 'pill pill-warn', id: 'tents-flag' }, tc('tents_flag')));
  if (w.readAfterClose) flags.append(h('span', { class: 'pill', id: 'read-flag' }, tc('read_flag')));
  $('#tents-only').textContent = w.tentsOnly ? tc('tents_off') : tc('tents_on');
  $('#tents-only').classList.toggle('on', !!w.tentsOnly);
  $('#read-after-close').textContent = w.readAfterClose ? tc('read_off') : tc('read_on');
  $('#read-after-close').classList.toggle('on', !!w.readAfterClose);
  const closed = w.status === WorkshopStatus.CLOSED;
  for (const id of ['round-start', 'round-end', 'pause', 'lock-joins', 'tents-only', 'print-tents', 'close-workshop']) {
    (document.getElementById(id) as HTMLButtonElement).disabled = closed;
  }
  tick();
}

function tick(): void {
  const el = document.getElementById('console-timer');
  const w = view.info;
  if (!el || !w) return;
  const ends = Number(w.roundEndsAtMs);
  if (!w.round) {
    el.textContent = tc('no_round');
  } else if (!ends) {
    el.textContent = `${t('round')} ${w.round}`;
  } else {
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    el.textContent = `${t('round')} ${w.round} · ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  }
}

// ---- Join code and QR ----------------------------------------------------------

// The tablets' address (lib/join.ts): --public-url when the server has one, else the
// facilitator's choice (kept on this device), else this page's address or the server's LAN one.
let addresses: ServerAddresses | undefined;

function tabletBase(): string {
  return chooseBase(addresses, localStorage.getItem('atelier.console.base') ?? '', location.origin);
}

function joinUrl(): string {
  return tabletJoinUrl(tabletBase(), joinCode);
}

function joinPanel(): HTMLElement {
  const base = h('input', { type: 'url', id: 'tablet-base', value: tabletBase() });
  base.addEventListener('change', () => {
    const v = trimBase(base.value);
    if (v) localStorage.setItem('atelier.console.base', v);
    else localStorage.removeItem('atelier.console.base');
    renderJoin();
  });
  return h('section', { class: 'panel join-panel', id: 'join-panel' },
    h('h2', {}, tc('join')),
    h('p', { class: 'muted small' }, tc('join_help')),
    h('div', { class: 'join-row' },
      h('img', { id: 'join-qr', class: 'join-qr', alt: 'QR', width: 280, height: 280 }),
      h('div', {},
        h('p', { class: 'join-code', id: 'console-join-code' }),
        h('p', { class: 'join-url', id: 'join-url' }),
        h('p', { class: 'error small', id: 'base-warn' }))),
    field('tablet-base', tc('tablet_base'), base),
    h('div', { class: 'lan-choices', id: 'lan-choices' }),
    h('p', { class: 'row' }, h('a', { id: 'board-link', class: 'button-link', target: '_blank', rel: 'noopener' }, tc('open_board')),
      h('button', { type: 'button', id: 'join-full-open', onclick: () => showJoinFullScreen(tabletBase(), joinCode) }, tc('full_qr'))));
}

function renderJoin(): void {
  const input = document.getElementById('tablet-base') as HTMLInputElement | null;
  if (input && input !== document.activeElement) {
    input.value = tabletBase();
    input.readOnly = !!addresses?.publicUrl;
    input.title = addresses?.publicUrl ? tc('public_url_set') : '';
  }
  const choices = document.getElementById('lan-choices');
  if (choices) {
    clear(choices);
    const lans = addresses?.publicUrl ? [] : addresses?.lanUrls ?? [];
    if (lans.length) {
      choices.append(h('span', { class: 'muted small' }, `${tc('lan_choices')} `),
        ...lans.map((u) => h('button', { type: 'button', class: 'small', 'data-lan': u, 'aria-pressed': String(u === tabletBase()), onclick: () => {
          localStorage.setItem('atelier.console.base', u);
          renderJoin();
        } }, u.replace(/^https?:\/\//, ''))));
    }
  }
  if (!joinCode) return;
  $('#console-join-code').textContent = joinCode;
  const url = joinUrl();
  $('#join-url').textContent = url;
  // Only the public join link goes into the QR, never the facilitator token.
  ($('#join-qr') as HTMLImageElement).src = `/qr.svg?text=${encodeURIComponent(url)}`;
  // The board gets the chosen address too, so its QR is the same as this one.
  ($('#board-link') as HTMLAnchorElement).href = `/board.html#code=${encodeURIComponent(joinCode)}&base=${encodeURIComponent(tabletBase())}`;
  $('#base-warn').textContent = isLoopback(tabletBase()) ? tc('localhost_warn') : '';
}

async function fetchJoinCode(): Promise<void> {
  try {
    const res = await fetch('/api/join-code', { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) return;
    joinCode = ((await res.json()) as { code: string }).code;
    renderJoin();
  } catch {
    // Offline: the code shows once the server answers again.
  }
}

// ---- Import ------------------------------------------------------------------------

function duplicateChoice(): DuplicateChoice | undefined {
  const checked = document.querySelector<HTMLInputElement>('input[name=doublons]:checked');
  return (checked?.value as DuplicateChoice | undefined) ?? undefined;
}

async function askPreview(confirm: boolean): Promise<void> {
  if (!importBytes) return;
  const go = $('#import-go') as HTMLButtonElement;
  go.disabled = true;
  try {
    const { status, preview: p } = await postImport(token, importBytes, {
      sheet: importSheet || undefined, confirm, duplicates: confirm ? duplicateChoice() : undefined,
    });
    preview = p;
    importErrors = p.errors.map((e) => ({ line: e.line, field: e.field, text: e.text || e.message }));
    for (const d of p.details ?? []) importErrors.push({ line: d.line, field: d.field, text: d.message });
    importFailed = confirm && status !== 200;
    if (!confirm) importMessage = '';
    else if (status === 200) importMessage = `${p.added ?? 0} ${tc('import_done')}, ${p.updated ?? 0} ${tc('import_updated')}, ${p.skipped ?? 0} ${tc('import_skipped')}.`;
    else importMessage = `${tc('import_failed')} ${p.error ?? ''}`;
  } catch (e) {
    importFailed = true;
    importMessage = `${tc('import_failed')} ${(e as Error).message}`;
  }
  renderImport();
}

function importPanel(): HTMLElement {
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,.txt,.tsv,.xlsx,.json,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    importBytes = await f.arrayBuffer();
    importSheet = '';
    importMessage = '';
    await askPreview(false);
  });
  const sheet = h('select', { id: 'import-sheet' });
  sheet.addEventListener('change', () => {
    importSheet = (sheet as HTMLSelectElement).value;
    void askPreview(false);
  });
  // No default: with duplicates, the facilitator chooses before anything is imported.
  const choice = (value: DuplicateChoice, key: string) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'doublons', value }), ' ', tc(key));
  return h('section', { class: 'panel wide', id: 'import-panel' },
    h('h2', {}, tc('import')),
    h('p', { class: 'muted small' }, tc('import_help')),
    field('csv-file', tc('file'), file),
    h('p', { class: 'muted small', id: 'import-source' }),
    h('div', { id: 'import-sheet-row', hidden: true }, field('import-sheet', tc('import_sheet'), sheet)),
    h('div', { id: 'import-summary', role: 'status' }),
    h('ul', { class: 'import-errors', id: 'import-errors' }),
    h('fieldset', { id: 'import-dups', hidden: true },
      h('legend', { id: 'import-dups-legend' }),
      choice('maj', 'dup_update'), choice('ignorer', 'dup_skip'), choice('ajouter', 'dup_add')),
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'button', id: 'import-go', disabled: true, onclick: () => {
      if (!preview || preview.errors.length || !preview.companies.length) return;
      void askPreview(true);
    } }, tc('import_go'))),
    h('div', { class: 'preview-wrap' }, h('table', { class: 'preview', id: 'import-preview' })));
}

function renderImport(): void {
  const summary = $('#import-summary');
  const list = $('#import-errors');
  const table = $('#import-preview');
  clear(summary);
  clear(list);
  clear(table);
  const go = $('#import-go') as HTMLButtonElement;
  if (importMessage) summary.append(h('p', { class: importFailed ? 'error' : 'ok-note', id: 'import-result' }, importMessage));
  if (!preview) {
    go.disabled = true;
    return;
  }
  $('#import-source').textContent = preview.description;
  const sheetRow = $('#import-sheet-row');
  sheetRow.hidden = preview.sheets.length < 2;
  const select = $('#import-sheet') as HTMLSelectElement;
  clear(select);
  for (const name of preview.sheets) select.append(h('option', { value: name, selected: name === preview.sheet }, name));
  if (importErrors.length) {
    const lines = new Set(importErrors.map((e) => e.line)).size;
    summary.append(h('p', { class: 'error' }, `${lines} ${tc('import_errors')}`));
  } else if (preview.companies.length && !importMessage) {
    summary.append(h('p', { class: 'ok-note' }, `${preview.companies.length} ${tc('import_n')}`));
  }
  if (preview.unknown_columns.length) {
    summary.append(h('p', { class: 'muted small', id: 'import-unknown' }, `${tc('unknown_cols')} : ${preview.unknown_columns.map((c) => `« ${c} »`).join(', ')}`));
  }
  if (preview.ignored_columns.length) {
    summary.append(h('p', { class: 'muted small' }, `${tc('ignored_cols')} : ${preview.ignored_columns.join(', ')}`));
  }
  for (const e of importErrors) {
    list.append(h('li', { 'data-line': e.line, 'data-field': e.field }, e.text.replace(/^ligne (\d+)/, 'Ligne $1')));
  }
  const dups = $('#import-dups');
  dups.hidden = preview.duplicates === 0;
  $('#import-dups-legend').textContent = `${preview.duplicates} ${tc('import_dups')}`;
  go.disabled = importErrors.length > 0 || preview.companies.length === 0 || (!!importMessage && !importFailed);
  const bad = new Set(importErrors.map((e) => e.line));
  const cols: [string, (c: PreviewCompany) => string][] = [
    [tc('name'), (c) => c.name], ['SIRET', (c) => c.siret], ['NAF', (c) => c.naf], [tc('zone'), (c) => c.zone],
    ['Adresse', (c) => c.address],
    ['GPS', (c) => (c.lat !== null && c.lon !== null ? `${c.lat}, ${c.lon}` : '')],
    [tc('headcount'), (c) => (c.headcount ? String(c.headcount) : '')], [tc('ess'), (c) => (c.ess ? '✓' : '')],
    ['Contact', (c) => c.contact], [t('table'), (c) => (c.table ? String(c.table) : '')],
    ['', (c) => (c.duplicate ? `${tc('dup_of')}« ${c.duplicate.name} »` : '')],
  ];
  table.append(h('thead', {}, h('tr', {}, h('th', {}, tc('line')), ...cols.map(([n]) => h('th', {}, n)))));
  const body = h('tbody', {});
  for (const c of preview.companies) {
    const cls = bad.has(c.line) ? 'bad' : c.duplicate ? 'dup' : '';
    body.append(h('tr', { class: cls, 'data-line': c.line }, h('td', {}, c.line), ...cols.map(([, f]) => h('td', {}, f(c)))));
  }
  // Lines with errors have no company: a row says so, in place.
  for (const line of bad) {
    if (line > 1 && !preview.companies.some((c) => c.line === line)) {
      body.append(h('tr', { class: 'bad', 'data-line': line }, h('td', {}, line), h('td', { colspan: cols.length }, '—')));
    }
  }
  table.append(body);
}

// ---- Companies and tables ------------------------------------------------------------

function companiesPanel(): HTMLElement {
  return h('section', { class: 'panel wide', id: 'companies-panel' },
    h('h2', {}, tc('companies'), ' ', h('span', { class: 'count', id: 'company-count' })),
    h('div', { class: 'preview-wrap' }, h('table', { class: 'preview companies', id: 'companies' })),
    errorSlot('companies'));
}

// RGPD: a company's contact and its people's names, erased after a confirmation (docs/privacy.md).
async function eraseCompany(c: Company): Promise<void> {
  const ok = await openDialog({ id: 'erase-dialog', title: tc('erase_title'), body: `${c.name} — ${tc('erase_body')}`,
    confirm: tc('erase'), cancel: tc('cancel'), danger: true });
  if (ok) send({ case: 'eraseCompanyData', value: { companyId: c.id } }, 'companies');
}

// A company's devices (one per join), the live ones with a « Révoquer » button.
function devicesCell(c: Company): HTMLElement {
  const live = [...view.participants.values()].filter((p) => p.companyId === c.id && p.role === Role.PARTICIPANT && !p.revoked);
  if (!live.length) return h('span', { class: 'muted small' }, tc('no_device'));
  return h('ul', { class: 'devices' }, ...live.map((p) => {
    const at = p.joinedAtMs ? new Date(Number(p.joinedAtMs)).toLocaleTimeString(currentLang() === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : '';
    return h('li', { 'data-participant': p.id },
      h('span', {}, `${p.name || tc('unnamed')}${at ? ` · ${at}` : ''}`), ' ',
      h('button', { type: 'button', class: 'ghost small revoke-device', onclick: () => void revokeDevice(c, p.id) }, tc('revoke')));
  }));
}

async function revokeDevice(c: Company, participantId: string): Promise<void> {
  const ok = await openDialog({ id: 'revoke-dialog', title: tc('revoke_title'), body: `${c.name} — ${tc('revoke_body')}`,
    confirm: tc('revoke'), cancel: tc('cancel'), danger: true });
  if (ok) send({ case: 'revokeParticipant', value: { participantId } }, 'companies');
}

function hasPersonalData(c: Company): boolean {
  if (c.contact) return true;
  for (const p of view.participants.values()) if (p.companyId === c.id && p.name) return true;
  return false;
}

function renderCompanies(): void {
  const table = $('#companies');
  const focused = document.activeElement;
  if (focused instanceof HTMLSelectElement && table.contains(focused)) return; // a table being chosen: redraw later
  clear(table);
  $('#company-count').textContent = `(${view.companies.size})`;
  const tables = Math.max(1, view.info?.tables ?? 1);
  table.append(h('thead', {}, h('tr', {}, h('th', {}, tc('name')), h('th', {}, 'SIRET'), h('th', {}, tc('zone')), h('th', {}, tc('ess')), h('th', {}, t('table')), h('th', {}, tc('cards')), h('th', {}, tc('devices')), h('th', {}, 'RGPD'))));
  const cardsBy = new Map<string, number>();
  for (const c of view.cards.values()) if (!c.withdrawn) cardsBy.set(c.companyId, (cardsBy.get(c.companyId) ?? 0) + 1);
  const body = h('tbody', {});
  for (const c of view.companies.values()) {
    const sel = h('select', { 'aria-label': `${t('table')} — ${c.name}`, class: 'table-select' },
      h('option', { value: 0 }, tc('no_table')),
      ...Array.from({ length: Math.max(tables, c.table) }, (_, i) => h('option', { value: i + 1 }, `${t('table')} ${i + 1}`)));
    sel.value = String(c.table);
    sel.addEventListener('change', () => {
      send({ case: 'upsertCompany', value: { company: { ...plainCompany(c), table: Number(sel.value) } } });
      sel.blur();
    });
    body.append(h('tr', { 'data-company': c.id },
      h('td', {}, c.name), h('td', {}, c.siret), h('td', {}, c.zone), h('td', {}, c.ess ? '✓' : ''), h('td', {}, sel),
      h('td', {}, cardsBy.get(c.id) ?? 0),
      h('td', {}, devicesCell(c)),
      h('td', {}, hasPersonalData(c)
        ? h('button', { type: 'button', class: 'ghost small danger erase-company', onclick: () => void eraseCompany(c) }, tc('erase'))
        : h('span', { class: 'muted small' }, tc('erased')))));
  }
  table.append(body);
}

function plainCompany(c: Company) {
  return {
    id: c.id, name: c.name, siret: c.siret, naf: c.naf, zone: c.zone, address: c.address, hasLocation: c.hasLocation,
    lat: c.lat, lon: c.lon, headcount: c.headcount, ess: c.ess, contact: c.contact, table: c.table,
  };
}

// ---- Cards: edit, withdraw, merge ----------------------------------------------------------

// Moderation filters: words (text, company), kind, category, table.
const cardFilter = { q: '', kind: '', category: '', table: '' };

function cardFilters(): HTMLElement {
  const fr = currentLang() === 'fr';
  const q = h('input', { type: 'search', id: 'card-search', placeholder: tc('card_search'), 'aria-label': tc('card_search'), value: cardFilter.q });
  q.addEventListener('input', () => { cardFilter.q = q.value; schedule(); });
  const sel = (id: string, label: string, key: keyof typeof cardFilter, options: [string, string][]) => {
    const el = h('select', { id, 'aria-label': label }, h('option', { value: '' }, label), ...options.map(([v, l]) => h('option', { value: v }, l)));
    el.value = cardFilter[key];
    el.addEventListener('change', () => { cardFilter[key] = el.value; schedule(); });
    return el;
  };
  return h('div', { class: 'card-filters', role: 'search' }, q,
    sel('card-kind-filter', tc('all_kinds'), 'kind', [[String(CardKind.OFFER), t('offer')], [String(CardKind.NEED), t('need')]]),
    sel('card-cat-filter', tc('all_categories'), 'category', CATEGORIES.map((c) => [c.id, fr ? c.fr : c.en])),
    h('select', { id: 'card-table-filter', 'aria-label': tc('all_tables') }));
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function cardMatches(c: Card): boolean {
  if (cardFilter.kind && String(c.kind) !== cardFilter.kind) return false;
  if (cardFilter.category && c.category !== cardFilter.category) return false;
  if (cardFilter.table && String(c.table) !== cardFilter.table) return false;
  if (cardFilter.q.trim()) {
    const hay = fold(`${c.text} ${view.companyName(c.companyId)} ${c.unit} ${c.wasteCode}`);
    if (!fold(cardFilter.q).split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  return true;
}

function cardsPanel(): HTMLElement {
  return h('section', { class: 'panel', id: 'cards-panel' },
    h('h2', {}, tc('cards'), ' ', h('span', { class: 'count', id: 'card-count' })),
    cardFilters(),
    h('p', { class: 'muted small' }, tc('merge_help')),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'merge-go', disabled: true, onclick: () => void mergeSelected() }, tc('merge')),
      h('button', { type: 'button', id: 'syn-from-cards', disabled: true, onclick: synergyFromSelected }, tc('syn_from_cards'))),
    errorSlot('cards'),
    h('div', { class: 'list scroll', id: 'console-cards' }));
}

async function mergeSelected(): Promise<void> {
  const ids = [...view.cards.keys()].filter((id) => selected.has(id)); // posting order: oldest first
  if (ids.length < 2) return;
  const ok = await openDialog({ id: 'merge-dialog', title: tc('merge_title'), body: `${tc('merge_body')} « ${view.cards.get(ids[0])?.text ?? ''} »`,
    confirm: tc('merge'), cancel: tc('cancel'), danger: true });
  if (!ok) return;
  send({ case: 'mergeCards', value: { keepId: ids[0], duplicateIds: ids.slice(1) } }, 'cards');
  selected.clear();
}

// The kind comes from the hand-made synergy form; companies follow from the cards.
function synergyFromSelected(): void {
  const ids = [...view.cards.keys()].filter((id) => selected.has(id));
  if (ids.length < 2) return;
  const kind = Number((document.getElementById('syn-kind') as HTMLSelectElement).value) as SynergyKind;
  const status = Number((document.getElementById('syn-status') as HTMLSelectElement).value) as SynergyStatus;
  send({ case: 'setSynergy', value: { synergy: {
    kind, status, cardIds: ids, title: view.cards.get(ids[0])?.text.slice(0, 120) ?? '',
  } } }, 'cards');
  selected.clear();
  schedule();
}

function editCard(c: Card, el: HTMLElement): void {
  const text = h('textarea', { class: 'edit-text', maxlength: TextLimit.TEXT }, c.text) as HTMLTextAreaElement;
  const box = h('div', { class: 'edit-box' }, text,
    h('div', { class: 'row' },
      h('button', { class: 'primary small', type: 'button', onclick: () => {
        send({ case: 'editCard', value: { cardId: c.id, card: {
          kind: c.kind, category: c.category, text: text.value, hasQuantity: c.hasQuantity, quantity: c.quantity,
          unit: c.unit, frequency: c.frequency, months: c.months, availability: c.availability,
          wasteCode: c.wasteCode, visibility: c.visibility, companyId: c.companyId,
        } } }, `card:${c.id}`);
        editing = '';
        schedule();
      } }, tc('save')),
      h('button', { class: 'small', type: 'button', onclick: () => { editing = ''; schedule(); } }, t('cancel'))));
  el.append(box);
  text.focus();
}
let editing = '';

function renderCards(): void {
  const list = $('#console-cards');
  if (editing && list.querySelector('.edit-box')) return;
  const all = view.liveCards();
  const live = all.filter(cardMatches);
  $('#card-count').textContent = live.length === all.length ? `(${all.length})` : `(${live.length} / ${all.length})`;
  const tableSel = document.getElementById('card-table-filter') as HTMLSelectElement | null;
  if (tableSel && tableSel !== document.activeElement) {
    const n = Math.max(1, view.info?.tables ?? 1);
    if (tableSel.options.length !== n + 1) {
      clear(tableSel);
      tableSel.append(h('option', { value: '' }, tc('all_tables')), ...Array.from({ length: n }, (_, i) => h('option', { value: i + 1 }, `${t('table')} ${i + 1}`)));
      tableSel.onchange = () => { cardFilter.table = tableSel.value; schedule(); };
    }
    tableSel.value = cardFilter.table;
  }
  clear(list);
  if (!live.length && all.length) list.append(h('p', { class: 'muted', id: 'no-card-match' }, tc('no_card_match')));
  // The newest 300: enough to moderate a live room without a slow redraw.
  for (const c of live.slice(-300).reverse()) {
    const check = h('input', { type: 'checkbox', class: 'pick', 'aria-label': c.text, 'data-card': c.id }) as HTMLInputElement;
    check.checked = selected.has(c.id);
    check.addEventListener('change', () => {
      if (check.checked) selected.add(c.id);
      else selected.delete(c.id);
      updateMerge();
    });
    const actions = h('div', { class: 'actions' },
      h('label', { class: 'pick-label' }, check, tc('pick')),
      h('button', { class: 'small', type: 'button', 'data-action': 'edit', onclick: () => { editing = c.id; editCard(c, el); } }, t('edit')),
      h('button', { class: 'small danger', type: 'button', 'data-action': 'withdraw', onclick: () => void withdraw(c) }, t('withdraw')));
    const el = cardView(view, c, actions);
    el.append(errorSlot(`card:${c.id}`));
    el.append(h('span', { class: 'card-table' }, c.table ? `${t('table')} ${c.table}` : ''));
    list.append(el);
    if (editing === c.id) editCard(c, el);
  }
  for (const id of [...selected]) if (!view.cards.get(id) || view.cards.get(id)!.withdrawn) selected.delete(id);
  updateMerge();
}

// The reason travels in the CardWithdrawn event: the author's tablet shows it.
async function withdraw(c: Card): Promise<void> {
  const reason = h('textarea', { maxlength: TextLimit.NAME, rows: 2, placeholder: tc('withdraw_placeholder') });
  const r = await openDialog({
    id: 'withdraw-dialog', title: tc('withdraw_title'), body: `« ${c.text} » — ${view.companyName(c.companyId) || ''}`,
    fields: [{ name: 'reason', label: tc('withdraw_reason'), element: reason }],
    note: tc('withdraw_note'), confirm: t('withdraw'), cancel: tc('cancel'), danger: true,
  });
  if (!r) return;
  send({ case: 'withdrawCard', value: { cardId: c.id, reason: r.reason.trim() } }, `card:${c.id}`);
}

function updateMerge(): void {
  const ids = [...selected];
  const companies = new Set(ids.map((id) => view.cards.get(id)?.companyId));
  const kinds = new Set(ids.map((id) => view.cards.get(id)?.kind));
  ($('#merge-go') as HTMLButtonElement).disabled = ids.length < 2 || companies.size !== 1 || kinds.size !== 1;
  ($('#syn-from-cards') as HTMLButtonElement).disabled = ids.length < 2 || companies.size < 2;
}

// ---- Matches and synergies ------------------------------------------------------------------

function matchesPanel(): HTMLElement {
  return h('section', { class: 'panel', id: 'matches-panel' },
    h('h2', {}, tc('matches'), ' ', h('span', { class: 'count', id: 'match-count' })),
    h('div', { class: 'list scroll', id: 'console-matches' }));
}

function companiesLabel(ids: string[]): string {
  return ids.map((id) => view.companyName(id) || '?').join(' ↔ ');
}

function renderMatches(): void {
  const list = $('#console-matches');
  clear(list);
  const matches = [...view.matches.values()].sort((a, b) => b.score - a.score);
  $('#match-count').textContent = `(${matches.length})`;
  if (!matches.length) list.append(h('p', { class: 'muted' }, tc('no_matches')));
  const bySynergy = new Set([...view.synergies.values()].map((s) => s.matchKey).filter(Boolean));
  for (const m of matches.slice(0, 200)) {
    const done = bySynergy.has(m.key);
    list.append(h('article', { class: `match${done ? ' has-synergy' : ''}`, 'data-match': m.key },
      h('div', { class: 'match-head' },
        h('span', { class: `pill kind-${m.kind}` }, synergyKindLabel(m.kind)),
        h('strong', {}, companiesLabel(m.companyIds)),
        m.hazardous ? h('span', { class: 'card-hazard' }, `⚠ ${t('hazardous')}`) : null,
        h('span', { class: 'score' }, `${Math.round(m.score * 100)} %`)),
      h('ul', { class: 'reasons' }, ...m.reasons.map((r) => h('li', {}, r))),
      h('p', { class: 'small muted' }, m.cardIds.map((id) => view.cards.get(id)?.text ?? '').filter(Boolean).join(' · ')),
      done ? null : h('div', { class: 'actions' },
        h('button', { class: 'small primary', type: 'button', 'data-action': 'validate-match', onclick: () => validateMatch(m) }, tc('validate')),
        h('button', { class: 'small danger', type: 'button', 'data-action': 'dismiss-match', onclick: () => void dismissMatch(m) }, tc('dismiss'))),
      errorSlot(`match:${m.key}`)));
  }
}

function matchTitle(m: Match): string {
  return m.cardIds.map((id) => view.cards.get(id)?.text ?? '').find(Boolean)?.slice(0, 120) ?? '';
}

function validateMatch(m: Match): void {
  send({ case: 'setSynergy', value: { synergy: {
    kind: m.kind, cardIds: m.cardIds, companyIds: m.companyIds, matchKey: m.key, status: SynergyStatus.IN_DISCUSSION,
    title: matchTitle(m),
  } } }, `match:${m.key}`);
}

// A suggestion the facilitator rules out: kept as an abandoned synergy with its reason, which the
// engine learns from (« technique » and « réglementaire » lower like suggestions).
async function dismissMatch(m: Match): Promise<void> {
  const fr = currentLang() === 'fr';
  const reason = h('select', { class: 'reason' }, ...ABANDON_REASONS.map(([id, f, e]) => h('option', { value: id }, fr ? f : e)));
  const r = await openDialog({
    id: 'dismiss-dialog', title: tc('dismiss_title'), body: companiesLabel(m.companyIds),
    fields: [{ name: 'reason', label: tc('reject_reason'), element: reason }],
    note: tc('dismiss_note'), confirm: tc('dismiss'), cancel: tc('cancel'), danger: true,
  });
  if (!r) return;
  send({ case: 'setSynergy', value: { synergy: {
    kind: m.kind, cardIds: m.cardIds, companyIds: m.companyIds, matchKey: m.key, status: SynergyStatus.ABANDONED,
    abandonReason: r.reason, title: matchTitle(m),
  } } }, `match:${m.key}`);
}

function synergiesPanel(): HTMLElement {
  return h('section', { class: 'panel', id: 'synergies-panel' },
    h('h2', {}, tc('synergies'), ' ', h('span', { class: 'count', id: 'synergy-count' })),
    h('div', { class: 'list scroll', id: 'console-synergies' }),
    newSynergyForm());
}

function renderSynergies(): void {
  const list = $('#console-synergies');
  if (list.contains(document.activeElement) && document.activeElement?.tagName === 'SELECT') return;
  clear(list);
  const all = [...view.synergies.values()].reverse();
  $('#synergy-count').textContent = `(${all.length})`;
  if (!all.length) list.append(h('p', { class: 'muted' }, tc('no_synergies')));
  for (const s of all) list.append(synergyView(s));
}

async function reject(s: Synergy): Promise<void> {
  const fr = currentLang() === 'fr';
  const reason = h('select', { class: 'reason' }, ...ABANDON_REASONS.map(([id, f, e]) => h('option', { value: id }, fr ? f : e)));
  const r = await openDialog({
    id: 'reject-dialog', title: tc('reject_title'), body: `${companiesLabel(s.companyIds)}${s.title ? ` — ${s.title}` : ''}`,
    fields: [{ name: 'reason', label: tc('reject_reason'), element: reason }],
    note: tc('reject_note'), confirm: tc('reject'), cancel: tc('cancel'), danger: true,
  });
  if (!r) return;
  send({ case: 'setSynergy', value: { synergy: { id: s.id, status: SynergyStatus.ABANDONED, abandonReason: r.reason } } }, `synergy:${s.id}`);
}

function synergyView(s: Synergy): HTMLElement {
  const open = s.status !== SynergyStatus.ABANDONED && s.status !== SynergyStatus.REALISED;
  return h('article', { class: `synergy status-${s.status}`, 'data-synergy': s.id, 'data-status': s.status },
    h('div', { class: 'match-head' },
      h('span', { class: `pill kind-${s.kind}` }, synergyKindLabel(s.kind)),
      h('strong', {}, companiesLabel(s.companyIds)),
      h('span', { class: 'score' }, synergyStatusLabel(s.status))),
    s.title ? h('p', { class: 'small' }, s.title) : null,
    s.abandonReason ? h('p', { class: 'small muted' }, `${tc('reject_reason')} : ${abandonReasonLabel(s.abandonReason, currentLang())}`) : null,
    open ? h('div', { class: 'actions' },
      s.status === SynergyStatus.POTENTIAL
        ? h('button', { class: 'small primary', type: 'button', 'data-action': 'validate', onclick: () =>
          send({ case: 'setSynergy', value: { synergy: { id: s.id, status: SynergyStatus.IN_DISCUSSION } } }, `synergy:${s.id}`) }, tc('validate'))
        : null,
      h('button', { class: 'small danger', type: 'button', 'data-action': 'reject', onclick: () => void reject(s) }, tc('reject')))
      : null,
    errorSlot(`synergy:${s.id}`));
}

function newSynergyForm(): HTMLElement {
  const kind = h('select', { id: 'syn-kind' },
    ...[SynergyKind.SUBSTITUTION, SynergyKind.MUTUALISATION, SynergyKind.ESS_BRIDGE].map((k) => h('option', { value: k }, synergyKindLabel(k))));
  const title = h('input', { type: 'text', id: 'syn-title', maxlength: TextLimit.NAME });
  const status = h('select', { id: 'syn-status' },
    h('option', { value: SynergyStatus.IN_DISCUSSION }, synergyStatusLabel(SynergyStatus.IN_DISCUSSION)),
    h('option', { value: SynergyStatus.POTENTIAL }, synergyStatusLabel(SynergyStatus.POTENTIAL)));
  const form = h('form', { class: 'new-synergy', id: 'syn-form' },
    h('h3', {}, tc('new_synergy')),
    h('div', { class: 'grid2' }, field('syn-kind', tc('kind'), kind), field('syn-status', tc('status'), status)),
    field('syn-title', tc('syn_title'), title),
    h('fieldset', { id: 'syn-companies' }, h('legend', {}, tc('pick_companies')), h('div', { class: 'syn-list', id: 'syn-company-list' })),
    h('button', { class: 'primary', type: 'submit', id: 'syn-create' }, tc('create')),
    errorSlot('syn-form'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const ids = [...form.querySelectorAll<HTMLInputElement>('#syn-companies input:checked')].map((i) => i.value);
    if (ids.length < 2) {
      setActionError('syn-form', tc('pick_companies'));
      return;
    }
    send({ case: 'setSynergy', value: { synergy: { kind: Number(kind.value) as SynergyKind, companyIds: ids, title: title.value, status: Number(status.value) as SynergyStatus } } }, 'syn-form');
    title.value = '';
    for (const i of form.querySelectorAll<HTMLInputElement>('#syn-companies input:checked')) i.checked = false;
  });
  return form;
}

function renderSynergyCompanies(): void {
  const box = $('#syn-company-list');
  const checked = new Set([...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
  for (const el of [...box.querySelectorAll('.syn-co')]) el.remove();
  for (const c of view.companies.values()) {
    const input = h('input', { type: 'checkbox', value: c.id }) as HTMLInputElement;
    input.checked = checked.has(c.id);
    box.append(h('label', { class: 'syn-co', 'data-company': c.id }, input, c.name));
  }
}

// ---- Page -----------------------------------------------------------------------------------

// The console's sections, each sized to a 1366×768 screen (lists scroll inside their panel).
function sectionNav(): HTMLElement {
  const items: [string, string][] = [
    ['run-panel', tc('sec_run')], ['join-panel', tc('join')], ['workshop-panel', tc('sec_tables')],
    ['cards-panel', tc('sec_moderation')], ['synergies-panel', tc('synergies')], ['companies-panel', tc('companies')],
  ];
  return h('nav', { class: 'console-sections', 'aria-label': tc('sections') },
    ...items.map(([id, label]) => h('a', { href: `#${id}`, 'data-section': id, onclick: (e: Event) => {
      e.preventDefault();
      document.getElementById(id)?.scrollIntoView({ block: 'start' });
    } }, label)));
}

function layout(): void {
  clear(app);
  app.append(
    h('header', { class: 'bar' },
      h('span', { class: 'brand', id: 'console-title' }, tc('console')),
      badge.el, langSwitch(() => { layout(); schedule(true); })),
    facilitatorNav('console', token, joinCode),
    err, note,
    sectionNav(),
    h('main', { class: 'console' },
      runPanel(), joinPanel(), workshopPanel(),
      cardsPanel(), matchesPanel(), synergiesPanel(),
      importPanel(), companiesPanel()));
  renderJoin();
  renderImport();
}

let frame = 0;
let full = true;
function schedule(all = false): void {
  full ||= all;
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    render();
  });
}

function render(): void {
  if (!view.info) return;
  $('#console-title').textContent = `${tc('console')} — ${view.info.title}`;
  document.title = `${view.info.title} — ${tc('console')}`;
  fillWorkshopForm();
  renderRun();
  renderCompanies();
  renderCards();
  renderMatches();
  renderSynergies();
  if (full) renderSynergyCompanies();
  full = false;
}

function onError(code: number, message: string, details: { line: number; field: string; message: string }[], body: SentBody | undefined, commandId: string): void {
  const scope = commandId ? scopes.get(commandId) : undefined;
  if (scope) {
    scopes.delete(commandId);
    setActionError(scope, errorText(code, message));
    return;
  }
  err.textContent = errorText(code, message);
}

if (!token) {
  app.append(h('p', { class: 'error' }, tc('bad_link')));
} else {
  layout();
  client = new AtelierClient(serverUrl(routeCode), { token }, {
    welcome(w) {
      addresses = { publicUrl: w.publicUrl, lanUrls: w.lanUrls };
      renderJoin();
      if (w.snapshot) view.load(w.snapshot);
      schedule(true);
    },
    events(events) {
      let companies = false;
      for (const e of events) {
        view.apply(e);
        companies ||= e.body.case === 'companyUpserted';
      }
      schedule(companies);
    },
    ack(a, body) {
      scopes.delete(a.commandId);
      if (body?.case === 'updateWorkshop') {
        say(tc('saved'));
      } else if (body?.case === 'setSynergy' && !body.value.synergy?.id) {
        say(tc('created'));
      }
    },
    error: (e, body) => onError(e.code, e.message, e.details, body, e.commandId),
    status: (s, p) => badge.set(s, p),
    stopped: (_code, reason) => (err.textContent = reason),
  }, 'atelier.console.queue');
  client.start();
  // For scripting from devtools and the browser tests: the same commands the
  // buttons send, with this page's token (nothing more than the page can do).
  const c = client;
  (window as unknown as { atelierConsole: unknown }).atelierConsole = {
    send: (body: Parameters<AtelierClient['send']>[0]) => c.send(body),
    pending: () => c.pending,
    view,
  };
  void fetchJoinCode();
  window.setInterval(tick, 1000);
}

