// Replay page: the workshop's timeline after the fact. Scrub it or play it
// (×1 to ×60 on the events' own clock); the board is rebuilt at each moment
// from the same fold as the live clients (lib/state.ts).
import { type Event } from './gen/atelier/v1/atelier_pb';
import { facilitatorToken, foldAll, loadEvents, whoAmI } from './lib/after';
import { BoardView } from './lib/boardview';
import { $, clear, h } from './lib/dom';
import { currentLang, setLang, t } from './lib/i18n';
import { facilitatorNav } from './lib/nav';
import { WorkshopView } from './lib/state';
import { langSwitch } from './lib/ui';

setLang(currentLang());
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
// The same board as the room's, without the join box.
const board = new BoardView(view, { followArrivals: true });

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
  return new Date(ms).toLocaleTimeString(currentLang() === 'en' ? 'en-GB' : 'fr-FR');
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
      h('div', { class: 'counters', id: 'counters' }),
      langSwitch(() => {
        board.reset();
        render();
      })),
    facilitatorNav('replay', token),
    h('div', { class: 'replay-controls' },
      step(-1, 'Évènement précédent / previous event', 'prev'), play, step(1, 'Évènement suivant / next event', 'next'),
      scrub, speedSel,
      h('span', { id: 'replay-seq', class: 'replay-seq', 'aria-live': 'off' }),
      h('span', { id: 'replay-time', class: 'replay-time' })),
    board.el);
}

function render(): void {
  $('#board-title').textContent = `${view.info?.title ?? 'Atelier'} — ${t('replay')}`;
  board.render(view);
  $('#counters').replaceChildren(...board.counters());
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
