// Tablet page: a company representative joins with the code (or the board's
// QR), posts offers and needs in seconds, sees the table's cards and its
// matches, and reacts. Everything it does waits on the device until the server
// answers, so a Wi-Fi drop or a reload loses nothing.
import { CardKind, type Card, type CardDraft, type Error as ServerError, ErrorCode, type Lobby, type Match, Reaction, type Synergy, SynergyKind, TextLimit, Visibility, WorkshopStatus } from './gen/atelier/v1/atelier_pb';
import { AtelierClient, lookup, type Pending, type SentBody, serverUrl } from './lib/client';
import { $, clear, h, takeFragment } from './lib/dom';
import { CATEGORIES, categoryLabel, currentLang, errorText, monthLabel, setLang, t } from './lib/i18n';
import { formatNumber } from './lib/number';
import { numberField } from './lib/number_field';
import { WorkshopView } from './lib/state';
import { cardView, earlierLabel, formatQuantity, kindLabel, langSwitch, matchTitle, statusBadge, synergyKindLabel } from './lib/ui';
import suggestionData from '../static/suggestions.json';

interface Saved {
  token: string;
  code: string;
  companyId: string;
  companyName?: string;
  table?: number;
  title?: string;
}
// A command the server refused for good; kept so the words typed are not lost.
interface Refused {
  id: string;
  bytes: SentBody;
  message: string;
}

const SAVED_KEY = 'atelier.tablet';
const QUEUE_KEY = 'atelier.queue';
const REFUSED_KEY = 'atelier.tablet.refused';
// The last view this device saw (a snapshot, base64): a reload with no network opens it.
const VIEW_KEY = 'atelier.tablet.view';
const SUGGESTIONS = suggestionData as Record<string, string[]>;
const FREQUENCIES: [string, string][] = [['', 'freq_none'], ['jour', 'freq_day'], ['semaine', 'freq_week'], ['mois', 'freq_month'], ['an', 'freq_year'], ['ponctuel', 'freq_once']];
const UNITS = ['pièces', 'palettes', 'kg', 't', 'm³', 'L', 'm²', 'places', 'personnes', 'kWh', 'MWh', 'heures', 'jours'];

const app = $('#app');
let view = new WorkshopView();
const badge = statusBadge();
const toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
let toastTimer = 0;
let client: AtelierClient | undefined;
let saved: Saved | undefined = load<Saved>(SAVED_KEY);
if (saved && !saved.token) saved = undefined;
let refused: Refused[] = [];
let editingId = '';
let draftKind: CardKind = CardKind.OFFER;
let draftCategory = '';
let tab: 'post' | 'matches' | 'table' = 'post';
let tableScope: 'table' | 'room' = 'table';
let myTable = 0;
const matchOrder: string[] = [];
const seenMatches = new Set<string>();
let unseenMatches = 0;
let participantId = '';
let lastPaused: boolean | undefined;
const alertedSynergies = new Set<string>();

setLang(currentLang());

function load<T>(key: string): T | undefined {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    // private mode or storage full: the session still works until reload
  }
}

// A card of this company withdrawn by someone else (the facilitator moderating, or a merge):
// the author is told which card and why, until they dismiss it.
let myParticipant = '';
function tellWithdrawn(cardId: string, reason: string, actor: string): void {
  const c = view.cards.get(cardId);
  const note = document.getElementById('moderation-note');
  if (!c || !note || actor === myParticipant || !saved?.companyId || c.companyId !== saved.companyId) return;
  clear(note);
  note.append(h('span', { class: 'moderation-text' }, `${t('withdrawn_by_facilitator')} « ${c.text} »${reason ? ` — ${reason}` : ''}`),
    h('button', { type: 'button', class: 'ghost small', onclick: () => { note.hidden = true; } }, t('dismiss')));
  note.hidden = false;
}

function say(text: string, kind: 'ok' | 'error' = 'ok'): void {
  // Under the sticky header and tab bar, never over them.
  const top = document.querySelector('.page-tablet .top')?.getBoundingClientRect().bottom ?? 0;
  toast.style.top = `${Math.max(8, Math.round(top) + 8)}px`;
  toast.textContent = text;
  toast.className = `toast toast-${kind} show`;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => toast.classList.remove('show'), kind === 'error' ? 6000 : 3500);
}

// A small modal question; resolves true on "yes".
function ask(text: string, yes: string, danger = false): Promise<boolean> {
  return new Promise((resolve) => {
    const prev = document.activeElement as HTMLElement | null;
    const done = (v: boolean) => {
      overlay.remove();
      prev?.focus?.();
      resolve(v);
    };
    const no = h('button', { type: 'button', class: 'ghost', onclick: () => done(false) }, t('cancel'));
    const ok = h('button', { type: 'button', class: danger ? 'primary danger-fill' : 'primary', 'data-confirm': 'yes', onclick: () => done(true) }, yes);
    const overlay = h('div', { class: 'overlay', onclick: (e: Event) => { if (e.target === overlay) done(false); } },
      h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'ask-text' },
        h('p', { id: 'ask-text' }, text), h('div', { class: 'row end' }, no, ok)));
    overlay.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Escape') done(false); });
    document.body.append(overlay);
    ok.focus();
  });
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// Mirrors NormalizeWasteCode on the server: six digits, spaces, dots, '*'.
function wasteCodeOk(code: string): boolean {
  if (!code.trim()) return true;
  if (/[^0-9 .*]/.test(code)) return false;
  return code.replace(/[^0-9]/g, '').length === 6;
}

function header(...extra: (HTMLElement | null)[]): HTMLElement {
  return h('header', { class: 'bar' }, ...extra);
}

// ---- Join -------------------------------------------------------------------

function showJoin(prefill = '', message = ''): void {
  clear(app);
  const code = h('input', {
    id: 'code', class: 'code-input', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    inputmode: 'text', maxlength: TextLimit.JOIN_CODE, value: prefill, 'aria-describedby': 'join-hint join-error',
  });
  const err = h('p', { class: 'error', id: 'join-error', role: 'alert' }, message);
  const go = h('button', { class: 'primary big', type: 'submit', id: 'code-next' }, t('next'));
  const form = h('form', { class: 'join' },
    h('h1', {}, t('join_title')),
    h('label', { for: 'code' }, t('code')),
    code,
    h('p', { class: 'muted', id: 'join-hint' }, t('join_hint')),
    go, err);
  let retryOnline: (() => void) | undefined;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = code.value.trim().toUpperCase();
    if (!value) return;
    err.textContent = '';
    go.setAttribute('disabled', '');
    try {
      const lobby = await lookup(serverUrl(value), value);
      if (retryOnline) removeEventListener('online', retryOnline);
      showCompanies(value, lobby);
    } catch (e) {
      const m = e as { code?: ErrorCode; message?: string };
      if (m.code !== undefined) {
        err.textContent = errorText(m.code, m.message ?? '');
      } else {
        // No network: say so, and try again by itself when it comes back.
        err.textContent = t('join_offline');
        if (!retryOnline) {
          retryOnline = () => { if (document.contains(form)) form.requestSubmit(); };
          addEventListener('online', retryOnline, { once: true });
        }
      }
    } finally {
      go.removeAttribute('disabled');
    }
  });
  app.append(header(h('span', { class: 'brand' }, 'Atelier'), langSwitch(() => showJoin(code.value, err.textContent ?? ''))), form);
  code.focus();
  if (prefill && !message) form.requestSubmit();
}

function showCompanies(code: string, lobby: Lobby): void {
  if (lobby.workshop?.tentsOnly) {
    // The facilitator turned the list off: each company joins by its table tent's QR.
    showJoin(code, t('tents_only'));
    return;
  }
  clear(app);
  const name = h('input', { id: 'name', maxlength: TextLimit.PERSON_NAME, autocomplete: 'given-name' });
  const tables = Math.max(lobby.workshop?.tables ?? 1, 1);
  const table = h('select', { id: 'table-pick' },
    h('option', { value: '0' }, `${t('table')} ${t('planned')}`),
    ...Array.from({ length: tables }, (_, i) => h('option', { value: String(i + 1) }, `${t('table')} ${i + 1}`)));
  const filter = h('input', { id: 'company-filter', type: 'search', autocomplete: 'off', placeholder: t('search_company'), 'aria-label': t('search_company') });
  const list = h('div', { class: 'company-list', role: 'list', 'aria-label': t('pick_company') });
  const sorted = [...lobby.companies].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const render = () => {
    clear(list);
    const q = fold(filter.value.trim());
    let shown = 0;
    for (const c of sorted) {
      if (q && !fold(c.name).includes(q) && !fold(c.zone).includes(q)) continue;
      shown++;
      list.append(h('button', {
        class: 'company', type: 'button', role: 'listitem', 'data-company': c.id,
        onclick: () => {
          const picked = Number(table.value);
          saved = { token: '', code, companyId: c.id, companyName: c.name, table: picked || c.table, title: lobby.workshop?.title };
          startSession({ code, companyId: c.id, name: name.value.trim(), table: picked });
        },
      }, h('strong', {}, c.name),
      h('span', { class: 'muted' }, [c.zone, c.table ? `${t('table')} ${c.table}` : ''].filter(Boolean).join(' · '))));
    }
    if (!shown) list.append(h('p', { class: 'muted' }, t('no_company')));
  };
  filter.addEventListener('input', render);
  render();
  app.append(
    header(h('button', { type: 'button', class: 'ghost small', onclick: () => showJoin(code, ' ') }, `← ${t('back')}`),
      h('span', { class: 'brand' }, lobby.workshop?.title ?? 'Atelier'),
      langSwitch(() => showCompanies(code, lobby))),
    h('section', { class: 'join wide' },
      h('h1', {}, t('pick_company')),
      h('div', { class: 'grid2' },
        h('label', {}, t('your_name'), name),
        h('label', {}, t('your_table'), table)),
      h('label', { for: 'company-filter' }, t('search_company')), filter, list),
  );
  filter.focus();
}

// A table tent's QR (#code=…&c=<company>&k=<key>): this device speaks for that company
// at once; only the person's name is asked. The company's name comes with the welcome.
function showTentJoin(code: string, companyId: string, companyKey: string): void {
  clear(app);
  const name = h('input', { id: 'name', maxlength: TextLimit.PERSON_NAME, autocomplete: 'given-name' });
  const go = h('button', { class: 'primary big', type: 'submit', id: 'tent-join' }, t('tent_join'));
  const form = h('form', { class: 'join' },
    h('h1', {}, t('tent_title')),
    h('p', { class: 'muted' }, t('tent_hint')),
    h('label', {}, t('your_name'), name),
    go);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    saved = { token: '', code, companyId, companyName: '', table: 0, title: '' };
    startSession({ code, companyId, companyKey, name: name.value.trim() });
  });
  app.append(header(h('span', { class: 'brand' }, 'Atelier'), langSwitch(() => showTentJoin(code, companyId, companyKey))), form);
  name.focus();
}

function showJoining(): void {
  clear(app);
  app.append(header(h('span', { class: 'brand' }, saved?.title ?? 'Atelier'), badge.el),
    h('section', { class: 'join' }, h('p', { class: 'big-note' }, t('joining'))));
}

function forget(): void {
  client?.clearQueue();
  client?.close();
  client = undefined;
  saved = undefined;
  refused = [];
  refs = undefined;
  editingId = '';
  store(SAVED_KEY, undefined);
  store(REFUSED_KEY, undefined);
  store(QUEUE_KEY, undefined);
  store(VIEW_KEY, undefined);
}

// Keeps the view on the device, at most once a second.
let viewTimer = 0;
function keepView(): void {
  if (viewTimer || !saved) return;
  viewTimer = window.setTimeout(() => {
    viewTimer = 0;
    if (!saved || !view.info) return;
    try {
      const bytes = view.toBytes();
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      localStorage.setItem(VIEW_KEY, JSON.stringify({ companyId: saved.companyId, participantId, snapshot: btoa(bin) }));
    } catch {
      // storage full: the next welcome brings the view back
    }
  }, 1000);
}

function keptView(companyId: string): WorkshopView | undefined {
  const kept = load<{ companyId: string; participantId?: string; snapshot: string }>(VIEW_KEY);
  if (!kept || kept.companyId !== companyId) return undefined;
  try {
    const bin = atob(kept.snapshot);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    participantId = kept.participantId ?? '';
    return WorkshopView.fromBytes(bytes);
  } catch {
    return undefined;
  }
}

// The facilitator moves a company by changing its table (console, « Tables »).
let lastCompanyTable: number | undefined;

// Told at once, not only written in the header: a move to another table, a pause, its end.
function noticeChanges(): void {
  const table = view.companies.get(saved?.companyId ?? '')?.table ?? 0;
  if (lastCompanyTable !== undefined && table && table !== lastCompanyTable && table !== myTable) {
    myTable = table;
    if (saved) store(SAVED_KEY, (saved = { ...saved, table }));
    say(`${t('table_moved')} ${table}`);
    navigator.vibrate?.(200);
  }
  lastCompanyTable = table;
  const paused = !!view.info?.paused;
  if (lastPaused !== undefined && paused !== lastPaused) {
    say(paused ? t('paused_banner') : t('resumed'));
    navigator.vibrate?.(100);
  }
  lastPaused = paused;
}

function roundText(): string {
  const round = view.info?.round ?? 0;
  if (!round || view.info?.status === WorkshopStatus.CLOSED) return '';
  const ends = Number(view.info?.roundEndsAtMs ?? 0n);
  if (!ends) return `${t('round')} ${round}`;
  const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
  return `${t('round')} ${round} · ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

function tickRound(): void {
  const el = document.getElementById('round');
  if (!el) return;
  el.textContent = roundText();
  el.hidden = !el.textContent;
  const ends = Number(view.info?.roundEndsAtMs ?? 0n);
  el.classList.toggle('round-low', !!ends && ends - Date.now() <= 60_000);
}

function joinRefused(e: ServerError): void {
  if (e.code === ErrorCode.WORKSHOP_CLOSED && saved && view.info) {
    // The workshop closed while this tablet was away: its token has ended, what it saw stays
    // on the device, read only. What waited to be sent never will be.
    view.info.status = WorkshopStatus.CLOSED;
    client?.clearQueue();
    render();
    say(t('stopped_closed'), 'error');
    return;
  }
  const code = saved?.code ?? '';
  forget();
  showJoin(code, e.code === ErrorCode.BAD_TOKEN ? t('session_lost') : errorText(e.code, e.message));
}

function startSession(join: { code?: string; token?: string; companyId?: string; companyKey?: string; name?: string; table?: number }): void {
  client?.close();
  view = (join.token && saved && keptView(saved.companyId)) || new WorkshopView();
  lastPaused = view.info ? !!view.info.paused : undefined;
  lastCompanyTable = view.info ? (view.companies.get(saved?.companyId ?? '')?.table ?? 0) : undefined;
  matchOrder.length = 0;
  seenMatches.clear();
  unseenMatches = 0;
  // A kept view was seen already: nothing in it is news.
  if (view.info) {
    for (const m of orderMatches()) seenMatches.add(m.key);
    for (const s of view.synergies.values()) alertedSynergies.add(s.id);
  }
  refused = load<Refused[]>(REFUSED_KEY) ?? [];
  let first = true;
  client = new AtelierClient(serverUrl(join.code ?? saved?.code), join, {
    welcome(w) {
      if (w.snapshot) {
        view.load(w.snapshot);
        // What was there before we looked is not news.
        for (const m of orderMatches()) seenMatches.add(m.key);
        for (const s of view.synergies.values()) alertedSynergies.add(s.id);
      }
      participantId = w.participantId || participantId;
      const me = view.companies.get(w.companyId);
      const p = view.participants.get(w.participantId);
      const before = myTable;
      myParticipant = w.participantId;
      myTable = p?.table || me?.table || saved?.table || 0;
      // Moved while this device was away: the company's table changed since it last looked.
      if (lastCompanyTable !== undefined && me?.table && me.table !== lastCompanyTable) myTable = me.table;
      if (before && myTable !== before) say(`${t('table_moved')} ${myTable}`);
      lastCompanyTable = me?.table ?? 0;
      if (lastPaused !== undefined && !!view.info?.paused !== lastPaused) say(view.info?.paused ? t('paused_banner') : t('resumed'));
      lastPaused = !!view.info?.paused;
      saved = {
        token: w.token || saved?.token || '', code: join.code ?? saved?.code ?? '', companyId: w.companyId,
        companyName: me?.name ?? saved?.companyName, table: myTable, title: view.info?.title ?? saved?.title,
      };
      store(SAVED_KEY, saved);
      if (first || !document.querySelector('#main')) showMain();
      first = false;
      render();
    },
    events(events) {
      for (const e of events) view.apply(e);
      noticeChanges();
      render();
      for (const e of events) if (e.body.case === 'cardWithdrawn') tellWithdrawn(e.body.value.cardId, e.body.value.reason, e.actor);
      for (const e of events) {
        if (e.body.case === 'synergyUpserted' && e.body.value.synergy) announceSynergy(e.body.value.synergy.id);
      }
    },
    ack(a, body) {
      if (body?.case === 'postCard') say(t('posted'));
      else if (body?.case === 'editCard') say(t('saved_ok'));
      else if (body?.case === 'withdrawCard') say(t('withdrawn_ok'));
      void a;
      render();
    },
    error(e, body) {
      if (body && (body.case === 'postCard' || body.case === 'editCard')) {
        // Keep the words: the card shows the refusal with "modify" and "retry".
        refused.push({ id: e.commandId, bytes: body, message: errorText(e.code, e.message) });
        store(REFUSED_KEY, refused);
      }
      say(errorText(e.code, e.message), 'error');
      render();
      document.querySelector('#mine > .refused')?.scrollIntoView({ block: 'nearest' });
    },
    joinFailed: joinRefused,
    status(s, pending) {
      badge.set(s, pending);
      render();
    },
    stopped(code) {
      const message = code === 4001 ? t('stopped_kicked') : code === 4002 ? t('stopped_closed') : code === 4003 ? t('session_lost') : errorText(ErrorCode.TOO_MANY_ATTEMPTS, '');
      const c = saved?.code ?? '';
      if (code === 4002) {
        // The workshop is over: keep the view, read only.
        say(message, 'error');
        return;
      }
      forget();
      showJoin(c, message);
    },
  }, QUEUE_KEY);
  if (join.token && saved) {
    myTable = saved.table ?? 0;
    showMain();
    render();
  }
  else showJoining();
  client.start();
}

// ---- Main screen --------------------------------------------------------------

interface FormRefs {
  form: HTMLFormElement;
  text: HTMLTextAreaElement;
  qty: HTMLInputElement;
  unit: HTMLInputElement;
  freq: HTMLSelectElement;
  months: HTMLElement;
  avail: HTMLInputElement;
  waste: HTMLInputElement;
  vis: HTMLSelectElement;
  more: HTMLDetailsElement;
  sync(): void;
}
let refs: FormRefs | undefined;

function readDraft(): Partial<Record<string, string | number[] | boolean>> | undefined {
  if (!refs) return undefined;
  return {
    text: refs.text.value, qty: refs.qty.value, unit: refs.unit.value, freq: refs.freq.value, avail: refs.avail.value,
    waste: refs.waste.value, vis: refs.vis.value, open: refs.more.open,
    months: [...refs.months.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value)),
  };
}

function fillForm(c: { text: string; hasQuantity: boolean; quantity: number; unit: string; frequency: string; months: number[]; availability: string; wasteCode: string; visibility: Visibility }): void {
  if (!refs) return;
  refs.text.value = c.text;
  refs.qty.value = c.hasQuantity ? formatNumber(c.quantity) : '';
  refs.qty.dispatchEvent(new Event('input'));
  refs.unit.value = c.unit;
  refs.freq.value = FREQUENCIES.some(([v]) => v === c.frequency) ? c.frequency : '';
  refs.avail.value = c.availability;
  refs.waste.value = c.wasteCode;
  refs.vis.value = String(c.visibility || Visibility.ROOM);
  refs.months.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = c.months.includes(Number(i.value))));
  refs.more.open = c.hasQuantity || !!c.unit || !!c.frequency || c.months.length > 0 || !!c.availability || !!c.wasteCode || (c.visibility !== Visibility.ROOM && c.visibility !== Visibility.UNSPECIFIED);
}

function showMain(): void {
  const keep = readDraft();
  clear(app);
  const text = h('textarea', {
    id: 'card-text', rows: 2, maxlength: TextLimit.TEXT, placeholder: t('text_placeholder'), enterkeyhint: 'send',
  });
  const kinds = h('div', { class: 'seg', role: 'radiogroup', 'aria-label': t('kind_label') },
    ...[CardKind.OFFER, CardKind.NEED].map((k) =>
      h('button', {
        type: 'button', class: 'seg-btn', role: 'radio', 'data-kind': k === CardKind.OFFER ? 'offer' : 'need',
        onclick: () => { draftKind = k; sync(); },
      }, h('span', { 'aria-hidden': 'true' }, k === CardKind.OFFER ? '↑ ' : '↓ '), k === CardKind.OFFER ? t('offer') : t('need'))));
  const cats = h('div', { class: 'cats', role: 'group', 'aria-label': t('category') },
    ...CATEGORIES.map((c) => h('button', {
      type: 'button', class: 'cat', 'data-category': c.id,
      onclick: () => { draftCategory = c.id; sync(); suggest(); },
    }, h('span', { class: 'cat-icon', 'aria-hidden': 'true' }, c.icon), h('span', {}, currentLang() === 'fr' ? c.fr : c.en))));
  const chips = h('div', { class: 'chips', id: 'suggest', role: 'group', 'aria-label': t('suggestions') });
  const qtyField = numberField({ id: 'card-qty', placeholder: '2,5' });
  const qty = qtyField.input;
  const unit = h('input', { id: 'card-unit', list: 'units', maxlength: TextLimit.UNIT, autocomplete: 'off' });
  const freq = h('select', { id: 'card-freq' }, ...FREQUENCIES.map(([v, k]) => h('option', { value: v }, t(k))));
  const months = h('div', { class: 'months' },
    ...Array.from({ length: 12 }, (_, i) => h('label', { class: 'month' },
      h('input', { type: 'checkbox', value: i + 1 }), h('span', {}, monthLabel(i + 1)))));
  const allYear = h('button', { type: 'button', class: 'ghost small', onclick: () => {
    const boxes = [...months.querySelectorAll<HTMLInputElement>('input')];
    const all = boxes.every((b) => b.checked);
    boxes.forEach((b) => (b.checked = !all));
  } }, t('all_year'));
  const avail = h('input', { id: 'card-avail', maxlength: TextLimit.FIELD, placeholder: 'le vendredi, l’hiver…' });
  const waste = h('input', { id: 'card-waste', maxlength: TextLimit.WASTE_CODE, inputmode: 'numeric', placeholder: '15 01 03', 'aria-describedby': 'waste-error', autocomplete: 'off' });
  const wasteErr = h('p', { class: 'error small', id: 'waste-error', 'aria-live': 'polite' });
  const vis = h('select', { id: 'card-vis' },
    h('option', { value: String(Visibility.ROOM) }, t('vis_room')),
    h('option', { value: String(Visibility.FACILITATORS) }, t('vis_facilitators')),
    h('option', { value: String(Visibility.ANONYMOUS) }, t('vis_anonymous')));
  const submit = h('button', { type: 'submit', class: 'primary big', id: 'card-post' }, t('post'));
  const cancel = h('button', { type: 'button', class: 'ghost', id: 'card-cancel', hidden: true,
    onclick: () => { editingId = ''; form.reset(); sync(); suggest(); } }, t('cancel'));
  const editNote = h('p', { class: 'edit-note', id: 'edit-note', hidden: true });
  const more = h('details', { class: 'more' }, h('summary', {}, t('details')),
    h('div', { class: 'grid3' },
      h('label', {}, t('quantity'), qty, qtyField.echo), h('label', {}, t('unit'), unit), h('label', {}, t('frequency'), freq)),
    h('fieldset', {}, h('legend', {}, t('months'), ' ', allYear), months),
    h('label', {}, t('availability'), avail),
    h('div', { class: 'grid2' },
      h('label', {}, t('waste_code'), waste),
      h('label', {}, t('visibility'), vis)),
    wasteErr);
  const form = h('form', { class: 'post', id: 'post-form', novalidate: true },
    editNote,
    kinds, cats,
    h('label', { for: 'card-text' }, t('text_label')),
    text, chips, more,
    h('div', { class: 'row sticky-submit' }, submit, cancel),
    h('datalist', { id: 'units' }, ...UNITS.map((u) => h('option', { value: u }))));

  function sync(): void {
    kinds.querySelectorAll<HTMLElement>('.seg-btn').forEach((b) => {
      const on = b.dataset.kind === (draftKind === CardKind.OFFER ? 'offer' : 'need');
      b.classList.toggle('on', on);
      b.setAttribute('aria-checked', String(on));
    });
    cats.querySelectorAll<HTMLElement>('.cat').forEach((b) => {
      const on = b.dataset.category === draftCategory;
      b.classList.toggle('on', on);
      b.setAttribute('aria-pressed', String(on));
    });
    submit.textContent = editingId ? t('save') : t('post');
    cancel.hidden = !editingId;
    const c = editingId ? view.cards.get(editingId) : undefined;
    editNote.hidden = !c;
    editNote.textContent = c ? `${t('editing')} : « ${c.text.slice(0, 80)} »` : '';
    const paused = !!view.info?.paused || view.info?.status === WorkshopStatus.CLOSED;
    submit.toggleAttribute('disabled', paused);
  }

  // Suggestions: phrases of the chosen category first, matched on the word
  // being typed, accents and case ignored. Tapping one completes the text.
  function suggest(): void {
    clear(chips);
    const typed = text.value;
    const last = fold(typed.split(/[,;\n]/).pop() ?? '').trim();
    const scored: [number, string, string][] = [];
    for (const [cat, phrases] of Object.entries(SUGGESTIONS)) {
      if (!last && cat !== draftCategory) continue;
      for (const p of phrases) {
        const f = fold(p);
        let score: number;
        if (!last) score = 1;
        else if (f === last) continue;
        else if (f.startsWith(last)) score = 3;
        else if (f.split(/[\s'’-]+/).some((w) => w.startsWith(last))) score = 2;
        else if (last.length >= 3 && f.includes(last)) score = 1;
        else continue;
        if (cat === draftCategory) score += 3;
        scored.push([score, p, cat]);
      }
    }
    // Typed: best match, shortest first. Nothing typed: the file's order, most common first.
    if (last) scored.sort((a, b) => b[0] - a[0] || a[1].length - b[1].length);
    const seen = new Set<string>();
    for (const [, p, cat] of scored) {
      if (seen.has(p) || seen.size >= 10) continue;
      seen.add(p);
      chips.append(h('button', {
        type: 'button', class: 'chip', 'data-phrase': p, 'data-fk': `chip-${p}`,
        onclick: () => {
          const parts = text.value.split(/([,;\n])/);
          parts[parts.length - 1] = (parts.length > 1 ? ' ' : '') + p;
          text.value = parts.join('');
          if (!draftCategory) { draftCategory = cat; sync(); }
          suggest();
          text.focus();
        },
      }, p));
    }
  }
  text.addEventListener('input', suggest);
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  waste.addEventListener('input', () => { wasteErr.textContent = wasteCodeOk(waste.value) ? '' : t('waste_invalid'); });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!draftCategory) return say(t('required_category'), 'error');
    if (!text.value.trim()) { text.focus(); return say(t('required_text'), 'error'); }
    if (!wasteCodeOk(waste.value)) {
      more.open = true;
      waste.focus();
      wasteErr.textContent = t('waste_invalid');
      return say(t('waste_invalid'), 'error');
    }
    const q = qtyField.read();
    if (q.state === 'error') { more.open = true; qty.focus(); return say(q.message, 'error'); }
    const quantity = q.state === 'ok' ? q.value : 0;
    const checked = [...months.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
    const draft = {
      kind: draftKind, category: draftCategory, text: text.value.trim(),
      hasQuantity: q.state === 'ok', quantity,
      unit: unit.value.trim(), frequency: freq.value, months: checked, availability: avail.value.trim(),
      wasteCode: waste.value.trim(), visibility: Number(vis.value) as Visibility, companyId: '',
    };
    if (!client) return;
    if (editingId) {
      client.send({ case: 'editCard', value: { cardId: editingId, card: draft } });
      editingId = '';
    } else {
      client.send({ case: 'postCard', value: { card: draft } });
      if (client.status !== 'online') say(t('queued_offline'));
    }
    form.reset();
    wasteErr.textContent = '';
    more.open = false;
    sync();
    suggest();
    render();
    // Show where the card went, moving the form as little as possible.
    document.querySelector('#mine > *')?.scrollIntoView({ block: 'nearest' });
  });

  refs = { form, text, qty, unit, freq, months, avail, waste, vis, more, sync };
  if (keep) {
    text.value = String(keep.text ?? '');
    qty.value = String(keep.qty ?? '');
    qtyField.read();
    unit.value = String(keep.unit ?? '');
    freq.value = String(keep.freq ?? '');
    avail.value = String(keep.avail ?? '');
    waste.value = String(keep.waste ?? '');
    vis.value = String(keep.vis ?? Visibility.ROOM);
    more.open = !!keep.open;
    const m = (keep.months as number[]) ?? [];
    months.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = m.includes(Number(i.value))));
  }
  sync();
  suggest();

  const leave = h('button', { class: 'ghost small', type: 'button', id: 'leave', onclick: async () => {
    const n = client?.pending ?? 0;
    const question = n > 0 ? `${n} ${t('confirm_leave_pending')}` : t('confirm_leave');
    if (!(await ask(question, t('leave'), n > 0))) return;
    const code = saved?.code ?? '';
    forget();
    showJoin(code, code ? ' ' : '');
  }, 'aria-label': t('leave'), title: t('leave') }, h('span', { 'aria-hidden': 'true' }, '⇄ '), h('span', { class: 'label' }, t('leave')));
  badge.el.setAttribute('title', t('reconnect_now'));
  badge.el.onclick = () => client?.reconnectNow();
  const tabs = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Atelier' },
    ...(['post', 'matches', 'table'] as const).map((k) => h('button', {
      type: 'button', role: 'tab', class: 'tab', 'data-tab': k, id: `tab-${k}`,
      onclick: () => setTab(k),
    }, t(`tab_${k}`), h('span', { class: 'tab-count', 'data-count': k }))));
  app.append(
    h('div', { class: 'top' },
      header(
        h('span', { class: 'brand', id: 'workshop-title' }, saved?.title ?? 'Atelier'),
        h('span', { class: 'who' }, h('span', { class: 'company-name', id: 'company-name' }, saved?.companyName ?? ''),
          h('span', { class: 'muted small', id: 'my-table' }),
          h('span', { class: 'round', id: 'round', role: 'timer', hidden: true })),
        badge.el, langSwitch(() => { showMain(); if (client) badge.set(client.status, client.pending); render(); }), leave),
      h('div', { class: 'banner', id: 'banner', role: 'status', hidden: true }),
      h('div', { class: 'banner banner-moderation', id: 'moderation-note', role: 'alert', hidden: true }),
      tabs),
    h('main', { id: 'main', class: 'tablet', 'data-tab': tab },
      h('section', { class: 'panel v-post', id: 'panel-post', 'aria-labelledby': 'h-post' },
        h('h2', { id: 'h-post' }, editingId ? t('editing') : t('post_title')), form,
        h('h2', { class: 'spaced' }, t('my_cards')), h('div', { id: 'mine', class: 'list' })),
      h('div', { class: 'col-right' },
        h('section', { class: 'panel v-matches', id: 'panel-matches', 'aria-labelledby': 'h-matches' },
          h('h2', { id: 'h-matches' }, t('my_matches')),
          h('div', { id: 'synergies', class: 'list' }),
          h('div', { id: 'matches', class: 'list' })),
        h('section', { class: 'panel v-table', id: 'panel-table', 'aria-labelledby': 'h-table' },
          h('div', { class: 'panel-head' }, h('h2', { id: 'h-table' }, tableScope === 'table' ? t('table_cards') : t('room_cards')),
            h('div', { class: 'seg small-seg' },
              h('button', { type: 'button', class: `seg-btn${tableScope === 'table' ? ' on' : ''}`, 'aria-pressed': String(tableScope === 'table'), onclick: () => { tableScope = 'table'; showMain(); render(); } }, t('tab_table')),
              h('button', { type: 'button', class: `seg-btn${tableScope === 'room' ? ' on' : ''}`, 'aria-pressed': String(tableScope === 'room'), onclick: () => { tableScope = 'room'; showMain(); render(); } }, t('vis_room')))),
          h('div', { id: 'table', class: 'list' })))),
    toast);
  setTab(tab, false);
}

function setTab(k: typeof tab, focus = true): void {
  tab = k;
  const main = document.querySelector<HTMLElement>('#main');
  if (main) main.dataset.tab = k;
  document.querySelectorAll<HTMLElement>('.tab').forEach((b) => {
    b.classList.toggle('on', b.dataset.tab === k);
    b.setAttribute('aria-selected', String(b.dataset.tab === k));
  });
  if (k === 'matches') {
    unseenMatches = 0;
    updateCounts();
  }
  if (focus) window.scrollTo({ top: 0 });
}

function startEdit(c: { id: string; kind: CardKind; category: string } & Parameters<typeof fillForm>[0]): void {
  if (!refs) return;
  editingId = c.id;
  draftKind = c.kind;
  draftCategory = c.category;
  fillForm(c);
  refs.sync();
  setTab('post');
  refs.text.focus();
  refs.form.scrollIntoView({ block: 'start' });
}

// ---- Rendering ------------------------------------------------------------------

interface Item {
  key: string;
  sig: string;
  build(): HTMLElement;
}

function sig(...parts: unknown[]): string {
  return JSON.stringify([currentLang(), ...parts], (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

// Brings `list` to `items` touching only what changed: nodes keep their place
// and focus, so cards arriving never make the page jump under a finger.
function sync(list: HTMLElement, items: Item[], empty: string): void {
  const old = new Map<string, HTMLElement>();
  for (const el of Array.from(list.children) as HTMLElement[]) {
    if (el.dataset.key) old.set(el.dataset.key, el);
    else el.remove();
  }
  let prev: Element | null = null;
  const keep = new Set<string>();
  for (const it of items) {
    keep.add(it.key);
    let el = old.get(it.key);
    if (!el || el.dataset.sig !== it.sig) {
      const fresh = it.build();
      fresh.dataset.key = it.key;
      fresh.dataset.sig = it.sig;
      if (el) {
        const focused = el.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.fk : undefined;
        el.replaceWith(fresh);
        if (focused) fresh.querySelector<HTMLElement>(`[data-fk="${CSS.escape(focused)}"]`)?.focus();
      }
      el = fresh;
    }
    const want: Element | null = prev ? prev.nextElementSibling : list.firstElementChild;
    if (want !== el) list.insertBefore(el, want);
    prev = el;
  }
  for (const [k, el] of old) if (!keep.has(k)) el.remove();
  if (!items.length && empty) list.append(h('p', { class: 'muted' }, empty));
}

function draftAsCard(d: CardDraft | undefined, id: string): Card {
  return {
    id, companyId: saved?.companyId ?? '', kind: d?.kind ?? CardKind.OFFER, category: d?.category ?? '', text: d?.text ?? '',
    hasQuantity: d?.hasQuantity ?? false, quantity: d?.quantity ?? 0, unit: d?.unit ?? '', frequency: d?.frequency ?? '',
    months: d?.months ?? [], availability: d?.availability ?? '', wasteCode: d?.wasteCode ?? '', visibility: d?.visibility ?? Visibility.ROOM,
    author: '', round: 0, withdrawn: false, postedSeq: 0n, postedAtMs: 0n, hazardous: (d?.wasteCode ?? '').includes('*'), table: myTable,
  } as unknown as Card;
}

function orderMatches(): Match[] {
  const me = saved?.companyId ?? '';
  const mine = [...view.matches.values()].filter((m) => !me || m.companyIds.includes(me));
  // Stable order: what was there first by score, later ones appended, so a
  // new match never pushes the one being read out of place.
  const known = new Set(matchOrder);
  const fresh = mine.filter((m) => !known.has(m.key)).sort((a, b) => b.score - a.score);
  for (const m of fresh) matchOrder.push(m.key);
  const byKey = new Map(mine.map((m) => [m.key, m]));
  return matchOrder.filter((k) => byKey.has(k)).map((k) => byKey.get(k)!);
}

function render(): void {
  if (!document.querySelector('#main') || !saved || !client) return;
  const me = saved.companyId;
  $('#workshop-title').textContent = view.info?.title ?? saved.title ?? 'Atelier';
  $('#company-name').textContent = view.companyName(me) || saved.companyName || '';
  $('#my-table').textContent = myTable ? ` · ${t('table')} ${myTable}` : '';
  tickRound();
  keepView();
  refs?.sync();

  const banner = $('#banner');
  const closed = view.info?.status === WorkshopStatus.CLOSED;
  banner.hidden = !(view.info?.paused || closed);
  banner.textContent = closed ? t('closed_banner') : view.info?.paused ? t('paused_banner') : '';

  const queued = client.queued();
  const pendingEdit = new Map<string, Pending>();
  const pendingWithdraw = new Set<string>();
  const pendingReact = new Map<string, Reaction>();
  for (const q of queued) {
    if (q.body.case === 'editCard') pendingEdit.set(q.body.value.cardId, q);
    if (q.body.case === 'withdrawCard') pendingWithdraw.add(q.body.value.cardId);
    if (q.body.case === 'react') pendingReact.set(q.body.value.matchKey, q.body.value.reaction);
  }

  // My cards: what waits or was refused first, then the posted ones, newest first.
  const mineItems: Item[] = [];
  for (const r of [...refused].reverse()) {
    const value = r.bytes.case === 'postCard' ? r.bytes.value.card : r.bytes.case === 'editCard' ? r.bytes.value.card : undefined;
    const cardId = r.bytes.case === 'editCard' ? r.bytes.value.cardId : '';
    mineItems.push({
      key: `r-${r.id}`, sig: sig(r),
      build: () => {
        const el = cardView(view, draftAsCard(value, cardId), h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'ghost', 'data-fk': 'edit', onclick: () => {
            dropRefused(r.id);
            const c = draftAsCard(value, cardId);
            if (!cardId) editingId = '';
            startEdit(c);
            if (!cardId) { editingId = ''; refs?.sync(); }
          } }, t('edit')),
          h('button', { type: 'button', class: 'ghost', 'data-fk': 'retry', onclick: () => {
            dropRefused(r.id);
            client?.send(r.bytes.case === 'postCard' ? { case: 'postCard', value: r.bytes.value } : { case: 'editCard', value: (r.bytes as Extract<SentBody, { case: 'editCard' }>).value });
            render();
          } }, t('retry')),
          h('button', { type: 'button', class: 'ghost danger', 'data-fk': 'discard', onclick: () => { dropRefused(r.id); render(); } }, t('discard'))));
        el.classList.add('refused');
        el.prepend(h('p', { class: 'state-note error' }, `${t('refused')} : ${r.message}`));
        return el;
      },
    });
  }
  for (const q of [...queued].reverse()) {
    if (q.body.case !== 'postCard') continue;
    const d = q.body.value.card;
    mineItems.push({
      key: `q-${q.id}`, sig: sig(d),
      build: () => {
        const el = cardView(view, draftAsCard(d, ''), h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'ghost', onclick: () => { client?.cancel(q.id); render(); } }, t('cancel_send'))));
        el.classList.add('pending');
        el.prepend(h('p', { class: 'state-note' }, `⏳ ${t('waiting')}`));
        return el;
      },
    });
  }
  const myCards = view.liveCards().filter((c) => c.companyId === me).reverse();
  for (const c of myCards) {
    const edit = pendingEdit.get(c.id);
    const editDraft = edit?.body.case === 'editCard' ? edit.body.value.card : undefined;
    const withdrawing = pendingWithdraw.has(c.id);
    mineItems.push({
      key: c.id, sig: sig(c, editDraft, withdrawing, editingId === c.id),
      build: () => {
        const shown = editDraft ? { ...draftAsCard(editDraft, c.id), companyId: c.companyId } as Card : c;
        const el = cardView(view, shown, withdrawing ? undefined : h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'ghost', 'data-fk': 'edit', 'data-action': 'edit', onclick: () => startEdit(c) }, t('edit')),
          h('button', { type: 'button', class: 'ghost danger', 'data-fk': 'withdraw', 'data-action': 'withdraw', onclick: async () => {
            if (!(await ask(t('confirm_withdraw'), t('withdraw'), true))) return;
            if (editingId === c.id) { editingId = ''; refs?.form.reset(); refs?.sync(); }
            client?.send({ case: 'withdrawCard', value: { cardId: c.id, reason: '' } });
            render();
          } }, t('withdraw'))));
        if (editDraft) {
          el.classList.add('pending');
          el.prepend(h('p', { class: 'state-note' }, `⏳ ${t('edit_waiting')}`));
        }
        if (withdrawing) {
          el.classList.add('pending', 'withdrawing');
          el.prepend(h('p', { class: 'state-note' }, `⏳ ${t('withdraw_waiting')}`));
        }
        if (editingId === c.id) el.classList.add('editing');
        return el;
      },
    });
  }
  sync($('#mine'), mineItems, t('no_cards'));

  // The table's (or the room's) cards, in posting order: new ones at the end.
  const others = view.liveCards().filter((c) => c.companyId !== me && (tableScope === 'room' || myTable === 0 || c.table === myTable));
  sync($('#table'), others.map((c) => ({ key: c.id, sig: sig(c, view.companyName(c.companyId)), build: () => cardView(view, c) })), t('no_cards'));

  // Synergies I am part of, then my matches.
  const syns = [...view.synergies.values()].filter((s) => s.companyIds.includes(me));
  sync($('#synergies'), syns.map((s) => ({
    key: s.id, sig: sig(s, s.companyIds.map((id) => view.companyName(id)), partnerContacts(s, me)),
    build: () => {
      const partners = s.companyIds.filter((id) => id !== me).map((id) => partnerLabel(id)).join(', ');
      const contacts = partnerContacts(s, me);
      return h('article', { class: 'synergy', 'data-synergy': s.id },
        h('div', { class: 'match-head' },
          h('span', { class: 'synergy-mark', 'aria-hidden': 'true' }, '🤝'),
          h('strong', {}, partners || t('vis_anonymous')),
          h('span', { class: 'pill' }, synergyKindLabel(s.kind))),
        s.title ? h('p', { class: 'card-text' }, s.title) : null,
        h('p', { class: 'synergy-note' }, `✔ ${t('synergy_proposed')}`),
        ...contacts.map((c) => h('p', { class: 'partner-contact', 'data-contact': c.id }, `📇 ${c.name} : ${c.contact}`)));
    },
  })), '');

  const matches = orderMatches();
  for (const m of matches) {
    if (!seenMatches.has(m.key)) {
      seenMatches.add(m.key);
      if (!matchesInSight()) unseenMatches++;
      say(`${t('new_match')} : ${matchTitle(view, m, me)}`);
    }
  }
  sync($('#matches'), matches.map((m) => matchItem(m, me, pendingReact.get(m.key))), syns.length ? '' : t('no_matches'));
  const matchKeys = new Set(matches.map((m) => m.key));
  updateCounts(myCards.length, matches.length + syns.filter((s) => !matchKeys.has(s.matchKey)).length, others.length);
}

// How to reach the other companies of a synergy: the server sends a contact
// only once both said « Intéressé » (and neither card is anonymous).
function partnerContacts(s: Synergy, me: string): { id: string; name: string; contact: string }[] {
  return s.companyIds.filter((id) => id !== me).flatMap((id) => {
    const p = s.partners.find((x) => x.id === id);
    const contact = view.companies.get(id)?.contact || p?.contact || '';
    return contact ? [{ id, name: view.companyName(id) || p?.name || '', contact }] : [];
  });
}

function partnerLabel(companyId: string): string {
  const c = view.companies.get(companyId);
  if (!c) return t('vis_anonymous');
  return c.table ? `${c.name} (${t('synergy_table')} ${c.table})` : c.name;
}

function matchItem(m: Match, me: string, pending: Reaction | undefined): Item {
  const reactions = view.reactions.get(m.key);
  const mine = pending ?? reactions?.get(me);
  const synergy = [...view.synergies.values()].find((s) => s.matchKey === m.key);
  const cards = m.cardIds.map((id) => view.cards.get(id)).filter((c): c is Card => !!c);
  const partners = m.companyIds.filter((id) => id !== me);
  return {
    key: m.key,
    sig: sig(m, mine, pending !== undefined, [...(reactions ?? new Map()).entries()], synergy?.id, cards.map((c) => [c.id, c.text]), partners.map((p) => view.companyName(p))),
    build: () => {
      const react = (r: Reaction, label: string, name: string) => h('button', {
        type: 'button', class: `react react-${name}${mine === r ? ' on' : ''}${pending === r ? ' pending' : ''}`,
        'data-react': name, 'data-fk': name, 'aria-pressed': String(mine === r),
        onclick: () => {
          if (mine === r && pending === undefined) return;
          client?.send({ case: 'react', value: { matchKey: m.key, reaction: r, companyId: '' } });
          render();
        },
      }, mine === r ? `✔ ${label}` : label);
      const partnerStates = partners.map((p) => {
        const r = reactions?.get(p);
        if (r === Reaction.INTERESTED) return h('p', { class: 'partner-state ok' }, `${view.companyName(p) || t('vis_anonymous')} ${t('partner_interested')}`);
        if (mine === Reaction.INTERESTED && !synergy) return h('p', { class: 'partner-state muted' }, `${t('waiting_partner')} ${view.companyName(p) || t('vis_anonymous')}`);
        return null;
      });
      return h('article', { class: `match${synergy ? ' has-synergy' : ''}${mine === Reaction.NOT_RELEVANT ? ' dismissed' : ''}`, 'data-match': m.key },
        h('div', { class: 'match-head' },
          h('strong', { class: 'match-partner' },
            [...partners.map(partnerLabel), ...m.earlierCards.map((e) => e.companyName || t('vis_anonymous'))].join(', ') || t('vis_anonymous')),
          h('span', { class: 'pill' }, synergyKindLabel(m.kind || SynergyKind.SUBSTITUTION)),
          h('span', { class: 'score', title: t('score') }, `${Math.round(m.score * 100)} %`)),
        h('div', { class: 'match-cards' }, ...cards.map((c) => h('p', { class: `match-card match-card-${c.kind === CardKind.OFFER ? 'offer' : 'need'}` },
          h('span', { class: 'match-card-who' }, `${c.companyId === me ? t('your_card') : t('their_card')} · ${kindLabel(c.kind)} · ${categoryLabel(c.category)}`),
          h('span', { class: 'match-card-text' }, c.text),
          formatQuantity(c) ? h('span', { class: 'muted small' }, ` — ${formatQuantity(c)}`) : null)),
          // Cards of an earlier workshop of the territory: read-only, with where they come from.
          ...m.earlierCards.map((e) => h('p', { class: `match-card match-card-earlier match-card-${e.kind === CardKind.OFFER ? 'offer' : 'need'}`, 'data-earlier': e.cardId },
            h('span', { class: 'match-card-who earlier-label' }, `${earlierLabel(e)} · ${kindLabel(e.kind)} · ${categoryLabel(e.category)}`),
            h('span', { class: 'match-card-text' }, e.text)))),
        m.reasons.length ? h('ul', { class: 'reasons' }, ...m.reasons.map((r) => h('li', {}, r))) : null,
        m.hazardous ? h('p', { class: 'card-hazard' }, `⚠ ${t('hazardous')}`) : null,
        ...partnerStates,
        synergy ? h('p', { class: 'synergy-note' }, `🤝 ${t('synergy_proposed')}`) : null,
        h('div', { class: 'actions react-row' },
          react(Reaction.INTERESTED, t('interested'), 'interested'),
          react(Reaction.NOT_RELEVANT, t('not_relevant'), 'not_relevant')));
    },
  };
}

// The matches list is on screen: its own tab, or the right column of a wide screen.
const wide = matchMedia('(min-width: 900px)');
function matchesInSight(): boolean {
  return document.visibilityState === 'visible' && (tab === 'matches' || wide.matches);
}

function markMatchesSeen(): void {
  if (unseenMatches && matchesInSight()) {
    unseenMatches = 0;
    updateCounts();
  }
}
document.addEventListener('visibilitychange', markMatchesSeen);
wide.addEventListener?.('change', markMatchesSeen);

function updateCounts(mine?: number, matches?: number, table?: number): void {
  const set = (k: string, n: number | undefined, extra = '') => {
    const el = document.querySelector<HTMLElement>(`[data-count=${k}]`);
    if (el && n !== undefined) el.textContent = ` ${n}${extra}`;
  };
  set('post', mine);
  set('matches', matches, unseenMatches ? ` · ${unseenMatches} ${t('new_badge').toLowerCase()}` : '');
  set('table', table);
  document.querySelector('#tab-matches')?.classList.toggle('has-new', unseenMatches > 0);
}

function dropRefused(id: string): void {
  refused = refused.filter((r) => r.id !== id);
  store(REFUSED_KEY, refused);
}

// Both sides said "intéressé": tell them loudly, and where to go.
function announceSynergy(id: string): void {
  const s = view.synergies.get(id);
  const me = saved?.companyId ?? '';
  if (!s || !s.companyIds.includes(me) || alertedSynergies.has(id)) return;
  alertedSynergies.add(id);
  document.querySelector('.synergy-alert')?.remove();
  const partners = s.companyIds.filter((c) => c !== me).map(partnerLabel).join(', ') || t('vis_anonymous');
  const close = () => alert.remove();
  const alert = h('div', { class: 'synergy-alert', role: 'alertdialog', 'aria-labelledby': 'syn-title', 'aria-describedby': 'syn-body', 'data-synergy': id },
    h('p', { class: 'synergy-alert-title', id: 'syn-title' }, `🤝 ${t('synergy_title')}`),
    h('p', { id: 'syn-body' }, `${s.matchKey ? t('synergy_body') : t('synergy_by_facilitator')} ${partners}.`),
    s.title ? h('p', { class: 'synergy-alert-card' }, s.title) : null,
    ...partnerContacts(s, me).map((c) => h('p', { class: 'partner-contact' }, `${t('partner_contact')} ${c.name} : ${c.contact}`)),
    h('div', { class: 'row end' },
      h('button', { type: 'button', class: 'ghost on-dark', onclick: close }, t('close')),
      h('button', { type: 'button', class: 'primary', onclick: () => {
        close();
        setTab('matches');
        document.querySelector(`[data-synergy="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
      } }, t('see'))));
  document.body.append(alert);
  (alert.querySelector('.primary') as HTMLElement | null)?.focus({ preventScroll: true });
}

// ---- Start ---------------------------------------------------------------------

document.body.append(toast);
window.setInterval(tickRound, 1000);
// The app shell, kept by the browser: a reload with no network still opens this page.
if ('serviceWorker' in navigator && window.isSecureContext) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
// The on-screen keyboard shrinks the viewport (interactive-widget=resizes-content):
// keep the field being typed in, and the post button under it, in sight.
addEventListener('resize', () => {
  const el = document.activeElement as HTMLElement | null;
  if (el && el.matches('input, textarea, select')) el.scrollIntoView({ block: 'nearest' });
});
const fragmentCode = takeFragment('code');
const tentCompany = takeFragment('c');
const tentKey = takeFragment('k');
const sameWorkshop = !!saved && (!fragmentCode || fragmentCode.toUpperCase() === saved.code.toUpperCase());
if (saved && sameWorkshop && (!tentCompany || tentCompany === saved.companyId)) {
  // This device already speaks for a company: resume without asking.
  startSession({ token: saved.token });
} else {
  if (saved && (fragmentCode || tentCompany)) forget(); // a QR for another workshop or company
  if (fragmentCode && tentCompany && tentKey) showTentJoin(fragmentCode.toUpperCase(), tentCompany, tentKey);
  else showJoin(fragmentCode ?? '');
}
