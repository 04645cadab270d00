// Replay page: the workshop's timeline after the fact. Scrub it or play it
// (×1 to ×60 on the events' own clock); the board is rebuilt at each moment
// from the same fold as the live clients (lib/state.ts).
import { CardKind, type Event } from './gen/atelier/v1/atelier_pb';
import { facilitatorToken, foldAll, loadEvents, networkSvg, whoAmI } from './lib/after';
import { $, clear, h } from './lib/dom';
import { facilitatorNav } from './lib/nav';
import { setLang, t } from './lib/i18n';
import { WorkshopView } from './lib/state';
import { cardView } from './lib/ui';

setLang((localStorage.getItem('atelier.lang') as 'fr' | 'en') ?? 'fr');
const token = facilitatorToken();
const app = $('#app');
const SPEEDS = [1, 2, 5, 10, 30, 60];
// Quiet spells longer than this (event time) are shortened when playing.
const MAX_GAP_MS = 60_000;

let events: Event[] = [];
let view = new WorkshopView();
let position = 0; // events applied
let playing = false;
let speed = 10;
let clockMs = 0; // event time being shown while playing
let lastTick = 0;

function seekTo(n: number): void {
  n = Math.max(0, Math.min(events.length, n));
  if (n < position) {
    view = foldAll(events, n);
  } else {
    for (let i = position; i < n; i++) view.apply(events[i]);
  }
  position = n;
  clockMs = n > 0 ? Number(events[n - 1].atMs) : events.length ? Number(events[0].atMs) : 0;
  render();
}

function timeLabel(ms: number): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleTimeString(document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR');
}

function counter(n: number, label: string, id: string): HTMLElement {
  return h('div', { class: 'counter', 'data-counter': id }, h('strong', {}, n), h('span', {}, label));
}

function layout(): void {
  clear(app);
  const speedSel = h('select', { id: 'speed', 'aria-label': 'Vitesse / speed' },
    ...SPEEDS.map((s) => h('option', { value: s, selected: s === speed }, `×${s}`)));
  speedSel.addEventListener('change', () => (speed = Number(speedSel.value)));
  const scrub = h('input', { id: 'scrub', type: 'range', min: 0, max: events.length, value: position, step: 1, 'aria-label': 'Position dans l’atelier / position' });
  scrub.addEventListener('input', () => {
    playing = false;
    seekTo(Number(scrub.value));
  });
  const play = h('button', { id: 'play', type: 'button', class: 'primary' }, '▶');
  play.addEventListener('click', () => {
    if (position >= events.length) seekTo(0);
    playing = !playing;
    lastTick = performance.now();
    render();
  });
  const step = (d: number, label: string, id: string) => {
    const b = h('button', { id, type: 'button', 'aria-label': label }, d < 0 ? '⏮' : '⏭');
    b.addEventListener('click', () => {
      playing = false;
      seekTo(position + d);
    });
    return b;
  };
  app.append(
    h('header', { class: 'board-bar' },
      h('h1', { id: 'board-title' }, 'Atelier'),
      h('div', { class: 'counters', id: 'counters' })),
    facilitatorNav('replay', token),
    h('div', { class: 'replay-controls' },
      step(-1, 'Évènement précédent / previous event', 'prev'), play, step(1, 'Évènement suivant / next event', 'next'),
      scrub, speedSel,
      h('span', { id: 'replay-seq', class: 'replay-seq', 'aria-live': 'off' }),
      h('span', { id: 'replay-time', class: 'replay-time' })),
    h('main', { class: 'board replay-board' },
      h('section', { class: 'tables', id: 'tables' }),
      h('aside', { class: 'side' }, h('div', { class: 'graph-box', id: 'graph-box' }))));
}

function render(): void {
  $('#board-title').textContent = `${view.info?.title ?? 'Atelier'} — ${document.documentElement.lang === 'en' ? 'replay' : 'relecture'}`;
  const cards = view.liveCards();
  const counters = $('#counters');
  clear(counters);
  counters.append(
    counter(view.companies.size, t('companies'), 'companies'),
    counter(cards.filter((c) => c.kind === CardKind.OFFER).length, t('offers'), 'offers'),
    counter(cards.filter((c) => c.kind === CardKind.NEED).length, t('needs'), 'needs'),
    counter(view.matches.size, t('matches'), 'matches'),
    counter(view.synergies.size, t('synergies'), 'synergies'));
  const tables = $('#tables');
  clear(tables);
  for (let i = 1; i <= Math.max(1, view.info?.tables ?? 1); i++) {
    tables.append(h('div', { class: 'column', 'data-table': i }, h('h2', {}, `${t('table')} ${i}`),
      ...cards.filter((c) => (c.table || 1) === i).reverse().map((c) => cardView(view, c))));
  }
  const box = $('#graph-box');
  clear(box);
  box.append(networkSvg(view, { dark: true }));
  const scrub = $('#scrub') as HTMLInputElement;
  scrub.max = String(events.length);
  scrub.value = String(position);
  $('#replay-seq').textContent = `${position} / ${events.length}`;
  $('#replay-seq').dataset.seq = String(view.seq);
  $('#replay-time').textContent = timeLabel(clockMs);
  $('#play').textContent = playing ? '⏸' : '▶';
  $('#play').setAttribute('aria-label', playing ? 'Pause' : 'Lecture / play');
}

function tick(now: number): void {
  if (playing && position < events.length) {
    const dt = (now - lastTick) * speed;
    const next = Number(events[position].atMs);
    clockMs = Math.max(clockMs + dt, next - MAX_GAP_MS);
    let n = position;
    while (n < events.length && Number(events[n].atMs) <= clockMs) n++;
    if (n !== position) {
      const keep = clockMs;
      seekTo(n);
      clockMs = keep;
    }
    $('#replay-time').textContent = timeLabel(clockMs);
    if (position >= events.length) {
      playing = false;
      render();
    }
  }
  lastTick = now;
  requestAnimationFrame(tick);
}

async function main(): Promise<void> {
  if (!token) {
    app.append(h('p', { class: 'error' }, 'Lien animateur incomplet : ajoutez #token=… / Incomplete facilitator link.'));
    return;
  }
  try {
    const me = await whoAmI(token);
    events = await loadEvents(token, me.workshop_id);
  } catch (e) {
    app.append(h('p', { class: 'error', role: 'alert' }, `Relecture impossible : ${(e as Error).message}`));
    return;
  }
  layout();
  const at = Number(new URLSearchParams(location.search).get('seq') ?? events.length);
  seekTo(Number.isFinite(at) ? at : events.length);
  document.body.dataset.ready = '1';
  requestAnimationFrame((now) => {
    lastTick = now;
    tick(now);
  });
}
void main();
