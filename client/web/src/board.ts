// Board page: the read-only view projected for the room, read from 5 m at
// 1920×1080 or 1280×720 — live columns per table, counters, « Qui va voir
// qui », the network of synergies, the round timer and the join QR; after the
// close, the results. Updates are batched to one animation frame; card
// elements are kept and only new ones are added, so nothing jumps.
import { ErrorCode, WorkshopStatus } from './gen/atelier/v1/atelier_pb';
import { AtelierClient, serverUrl, type Status } from './lib/client';
import { BoardView, whoRows } from './lib/boardview';
import { $, clear, h, takeFragment } from './lib/dom';
import { currentLang, setLang, t } from './lib/i18n';
import { chooseBase, joinBox, type ServerAddresses } from './lib/join';
import { WorkshopView } from './lib/state';
import { earlierLabel, langSwitch, statusBadge } from './lib/ui';

const langParam = new URLSearchParams(location.search).get('lang');
setLang(langParam === 'en' || langParam === 'fr' ? langParam : currentLang());
const code = takeFragment('code') ?? sessionStorage.getItem('atelier.board.code') ?? '';
if (code) sessionStorage.setItem('atelier.board.code', code);
const RESULTS_KEY = `atelier.board.results.${code}`;

const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
let connection: { s: Status; pending: number } = { s: 'connecting', pending: 0 };

// Render times, read by the browser tests (and handy in devtools).
const stats = { renders: 0, lastMs: 0, maxMs: 0, totalMs: 0, graphMs: 0, columnsMs: 0, whoMs: 0 };
(window as unknown as { atelierBoardStats: typeof stats }).atelierBoardStats = stats;

// The tablets' address (lib/join.ts): the server's --public-url, else the console's choice
// (#base=), else this page's address, else the server's LAN address.
const chosenBase = takeFragment('base') ?? sessionStorage.getItem('atelier.board.base') ?? '';
if (chosenBase) sessionStorage.setItem('atelier.board.base', chosenBase);
let addresses: ServerAddresses | undefined;
const join = joinBox(code, 200);
function renderJoinBox(): void {
  join.update(chooseBase(addresses, chosenBase, location.origin));
}

const earlierBox = h('div', { class: 'earlier-box', id: 'earlier', hidden: true });
const board = new BoardView(view, { followArrivals: true, stats }, [code ? join.el : null, earlierBox]);

function layout(): void {
  clear(app);
  app.append(
    h('header', { class: 'board-bar' },
      h('h1', { id: 'board-title' }, 'Atelier'),
      h('div', { class: 'counters', id: 'counters' }),
      h('div', { class: 'timer', id: 'timer', role: 'timer' }),
      badge.el,
      langSwitch(() => {
        board.reset();
        render();
      })),
    h('div', { class: 'board-banner', id: 'banner', hidden: true }),
    board.el);
}

// Matches with a card of an earlier workshop of the territory: the graph has
// no node for that company, so they are listed, best first.
let earlierSignature = '';
function renderEarlier(): void {
  const matches = board.closed ? [] : [...view.matches.values()].filter((m) => m.earlierCards.length > 0);
  const signature = JSON.stringify([currentLang(), matches.map((m) => [m.key, m.companyIds.map((id) => view.companyName(id)), m.earlierCards])]);
  if (signature === earlierSignature) return;
  earlierSignature = signature;
  clear(earlierBox);
  earlierBox.hidden = matches.length === 0;
  if (!matches.length) return;
  const shown = matches.sort((a, b) => b.score - a.score).slice(0, 3);
  earlierBox.append(
    h('h2', {}, `${t('earlier_matches')} · ${matches.length}`),
    h('ul', {}, ...shown.map((m) => h('li', { 'data-match': m.key },
      h('strong', {}, m.companyIds.map((id) => view.companyName(id)).filter(Boolean).join(', ') || t('vis_anonymous')),
      ...m.earlierCards.map((e) => h('p', { class: 'earlier-card' },
        h('span', { class: 'earlier-label' }, earlierLabel(e)),
        h('span', { class: 'earlier-text' }, e.text)))))));
}

function renderBanner(): void {
  const el = $('#banner');
  const w = view.info;
  const text = w && w.status !== WorkshopStatus.CLOSED && w.paused ? t('board_paused') : '';
  el.textContent = text;
  el.hidden = !text;
}

// After the close the connection no longer matters to the room: the badge says the workshop is closed.
function renderBadge(): void {
  if (board.closed) {
    badge.el.className = 'status status-closed';
    badge.el.textContent = t('board_closed_status');
    badge.el.dataset.status = 'closed';
  } else badge.set(connection.s, connection.pending);
}

function render(): void {
  const started = performance.now();
  $('#board-title').textContent = view.info?.title ?? 'Atelier';
  const joinLabel = document.getElementById('join-label');  // no join box without a code
  if (joinLabel) joinLabel.textContent = t('board_join');
  renderBanner();
  renderEarlier();
  board.render(view);
  $('#counters').replaceChildren(...(board.closed ? [] : board.counters()));
  renderBadge();
  tick();
  if (board.closed) keepResults();
  const ms = performance.now() - started;
  stats.renders++;
  stats.lastMs = ms;
  stats.totalMs += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
}

// The results as this screen saw them at the close, for a reopening after the
// server's window for closed workshops (or with no server at all).
function keepResults(): void {
  try {
    localStorage.setItem(RESULTS_KEY, JSON.stringify({
      title: view.info?.title ?? '',
      counters: board.counters().map((c) => [c.dataset.counter, c.querySelector('strong')!.textContent, c.querySelector('span')!.textContent]),
      who: whoRows(view),
    }));
  } catch {
    // storage refused: the server still has them
  }
}

function showKeptResults(): void {
  const kept = (() => {
    try {
      return JSON.parse(localStorage.getItem(RESULTS_KEY) ?? 'null') as null | { title: string; counters: string[][]; who: { names: string[]; confirmed: boolean }[] };
    } catch {
      return null;
    }
  })();
  document.body.classList.add('board-closed');
  badge.el.className = 'status status-closed';
  badge.el.textContent = t('board_closed_status');
  badge.el.dataset.status = 'closed';
  $('#board-main').hidden = true;
  const results = $('#results');
  results.hidden = false;
  $('#results-title').textContent = `${t('results_title')} — ${t('results_thanks')}`;
  if (!kept) {
    $('#results-figures').replaceChildren(h('p', { class: 'results-note' }, t('board_closed_gone')));
    return;
  }
  $('#board-title').textContent = kept.title || 'Atelier';
  $('#results-figures').replaceChildren(...kept.counters.map(([id, n, label]) =>
    h('div', { class: 'counter', 'data-counter': id }, h('strong', {}, n), h('span', {}, label))));
  $('#results-who-title').textContent = kept.who.length ? t('who_title') : t('who_none');
  $('#results-who').replaceChildren(...kept.who.map((r) => h('li', { class: `who-row${r.confirmed ? ' who-confirmed' : ''}` },
    h('span', { class: 'who-names' }, r.names.join(' ⇄ ')))));
  results.append(h('p', { class: 'results-note' }, t('board_closed_cached')));
}

let frame = 0;
function schedule(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    render();
  });
}

function tick(): void {
  const el = document.getElementById('timer');
  if (!el) return;
  const ends = Number(view.info?.roundEndsAtMs ?? 0n);
  const round = view.info?.round ?? 0;
  el.classList.remove('timer-low');
  if (board.closed) {
    el.textContent = '';
    return;
  }
  if (!ends) {
    el.textContent = round ? `${t('round')} ${round}` : '';
    return;
  }
  const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
  el.textContent = `${t('round')} ${round} · ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  if (left <= 60) el.classList.add('timer-low');
}

layout();
render();
if (code) renderJoinBox();
if (!code) {
  $('#tables').append(h('p', { class: 'error' }, t('board_no_code')));
} else {
  const client = new AtelierClient(serverUrl(code), { code, asBoard: true }, {
    welcome(w) {
      addresses = { publicUrl: w.publicUrl, lanUrls: w.lanUrls };
      renderJoinBox();
      if (w.snapshot) {
        view.load(w.snapshot);
        board.reset();
      }
      schedule();
    },
    events(events) {
      for (const e of events) view.apply(e);
      schedule();
    },
    joinFailed(e) {
      if (e.code === ErrorCode.WORKSHOP_CLOSED) showKeptResults();
      else $('#tables').replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    },
    status: (s, p) => {
      connection = { s, pending: p };
      renderBadge();
    },
  });
  // The board joins by code each time: it has no token to keep.
  client.start();
  window.setInterval(tick, 1000);
}
