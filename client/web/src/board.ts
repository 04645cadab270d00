// Board page: the read-only view projected for the room (1920×1080, read from
// the back) — live columns per table, counters, the network of synergies, the
// round timer and the join QR. Updates are batched to one animation frame;
// card elements are kept and only new ones are added, so nothing jumps.
import { SynergyKind, SynergyStatus, WorkshopStatus, type Card } from './gen/atelier/v1/atelier_pb';
import { AtelierClient, serverUrl } from './lib/client';
import { $, clear, h, takeFragment } from './lib/dom';
import { clusterCentres, clusterLayout, mergeLinks, type Point } from './lib/graph';
import { currentLang, setLang, t } from './lib/i18n';
import { chooseBase, joinBox, type ServerAddresses } from './lib/join';
import { WorkshopView } from './lib/state';
import { cardView, earlierLabel, statusBadge, synergyKindLabel } from './lib/ui';

setLang((new URLSearchParams(location.search).get('lang') as 'fr' | 'en') ?? 'fr');
const code = takeFragment('code') ?? sessionStorage.getItem('atelier.board.code') ?? '';
if (code) sessionStorage.setItem('atelier.board.code', code);

const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
const SVG = 'http://www.w3.org/2000/svg';
// Colours that stay apart on a washed-out projector and for common colour
// blindness (blue / yellow-green / orange), with dashes for suggestions.
const KIND_COLOURS: Record<number, string> = {
  [SynergyKind.SUBSTITUTION]: '#5aa9ff',
  [SynergyKind.MUTUALISATION]: '#b6e35a',
  [SynergyKind.ESS_BRIDGE]: '#ff9f43',
};
const KINDS = [SynergyKind.SUBSTITUTION, SynergyKind.MUTUALISATION, SynergyKind.ESS_BRIDGE];
// Cards kept in a column's DOM; older ones are counted, not drawn.
const MAX_CARDS_PER_COLUMN = 14;
const GRAPH_W = 600;
const GRAPH_H = 520;

// Render times, read by the browser tests (and handy in devtools).
const stats = { renders: 0, lastMs: 0, maxMs: 0, totalMs: 0, graphMs: 0 };
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

function layout(): void {
  clear(app);
  app.append(
    h('header', { class: 'board-bar' },
      h('h1', { id: 'board-title' }, 'Atelier'),
      h('div', { class: 'counters', id: 'counters' }),
      h('div', { class: 'timer', id: 'timer', role: 'timer' }),
      badge.el),
    h('div', { class: 'board-banner', id: 'banner', hidden: true }),
    h('main', { class: 'board' },
      h('section', { class: 'tables', id: 'tables' }),
      h('aside', { class: 'side' },
        code ? join.el : null,
        h('div', { class: 'graph-box' },
          graphSvg(),
          h('ul', { class: 'legend', id: 'legend' },
            ...KINDS.map((k) => h('li', { 'data-kind': k },
              h('span', { class: 'swatch', style: `background:${KIND_COLOURS[k]}` }), synergyKindLabel(k))),
            h('li', { class: 'legend-note' }, h('span', { class: 'swatch dashed' }), t('matches')),
            h('li', { class: 'legend-note' }, h('span', { class: 'dot-ess' }), 'ESS'))),
        h('div', { class: 'earlier-box', id: 'earlier', hidden: true }))));
}

// Matches with a card of an earlier workshop of the territory: the graph has
// no node for that company, so they are listed, newest match keys last.
let earlierSignature = '';
function renderEarlier(): void {
  const box = $('#earlier');
  const matches = [...view.matches.values()].filter((m) => m.earlierCards.length > 0);
  const signature = JSON.stringify([currentLang(), matches.map((m) => [m.key, m.companyIds.map((id) => view.companyName(id)), m.earlierCards])]);
  if (signature === earlierSignature) return;
  earlierSignature = signature;
  clear(box);
  box.hidden = matches.length === 0;
  if (!matches.length) return;
  const shown = matches.sort((a, b) => b.score - a.score).slice(0, 6);
  box.append(
    h('h2', {}, `${t('earlier_matches')} · ${matches.length}`),
    h('ul', {}, ...shown.map((m) => h('li', { 'data-match': m.key },
      h('strong', {}, m.companyIds.map((id) => view.companyName(id)).filter(Boolean).join(', ') || t('vis_anonymous')),
      ...m.earlierCards.map((e) => h('p', { class: 'earlier-card' },
        h('span', { class: 'earlier-label' }, earlierLabel(e)),
        h('span', { class: 'earlier-text' }, e.text)))))));
}

function graphSvg(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('id', 'graph');
  svg.setAttribute('viewBox', `0 0 ${GRAPH_W} ${GRAPH_H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Réseau des synergies / synergy network');
  for (const g of ['graph-tables', 'graph-links', 'graph-nodes']) {
    const el = document.createElementNS(SVG, 'g');
    el.setAttribute('id', g);
    svg.appendChild(el);
  }
  return svg;
}

function counter(n: number, label: string, id: string, colour = ''): HTMLElement {
  return h('div', { class: 'counter', 'data-counter': id, style: colour ? `border-color:${colour}` : undefined },
    h('strong', {}, n), h('span', {}, label));
}

function renderCounters(): void {
  const cards = view.liveCards();
  const synergies = [...view.synergies.values()].filter((s) => s.status !== SynergyStatus.ABANDONED);
  const counters = $('#counters');
  clear(counters);
  counters.append(
    counter(view.companies.size, t('companies'), 'companies'),
    counter(cards.length, t('cards'), 'cards'),
    counter(view.matches.size, t('matches'), 'matches'),
    counter(synergies.length, t('synergies'), 'synergies'),
    ...KINDS.map((k) => counter(synergies.filter((s) => s.kind === k).length, synergyKindLabel(k), `kind-${k}`, KIND_COLOURS[k])),
  );
}

// ---- Columns ----------------------------------------------------------------

const cardEls = new Map<string, HTMLElement>();
let columnCount = 0;
let firstPaint = true;

function cardKey(c: Card): string {
  // Redraw a card when its text or company changes (an edit, a reveal).
  return `${c.text}|${c.companyId}|${c.category}|${c.kind}|${c.table}`;
}

function renderColumns(): void {
  const tables = $('#tables');
  const count = Math.max(1, view.info?.tables ?? 1);
  if (count !== columnCount) {
    clear(tables);
    cardEls.clear();
    for (let i = 1; i <= count; i++) {
      tables.append(h('div', { class: 'column', 'data-table': i },
        h('h2', {}, h('span', {}, `${t('table')} ${i}`), h('span', { class: 'col-count' })),
        h('div', { class: 'col-cards' }),
        h('p', { class: 'col-more' })));
    }
    columnCount = count;
    // Past five tables, two rows of columns: each card stays wide enough to read.
    tables.classList.toggle('two-rows', count > 5);
    tables.style.setProperty('--per-row', String(count > 5 ? Math.ceil(count / 2) : count));
  }
  const byTable = new Map<number, Card[]>();
  for (const c of view.cards.values()) {
    if (c.withdrawn) continue;
    const table = c.table >= 1 && c.table <= count ? c.table : 1;
    let list = byTable.get(table);
    if (!list) byTable.set(table, (list = []));
    list.push(c);
  }
  const keep = new Set<string>();
  for (let i = 1; i <= count; i++) {
    const col = tables.querySelector<HTMLElement>(`.column[data-table="${i}"]`)!;
    const box = col.querySelector<HTMLElement>('.col-cards')!;
    const all = byTable.get(i) ?? [];
    const shown = all.slice(-MAX_CARDS_PER_COLUMN).reverse(); // newest on top
    col.querySelector('.col-count')!.textContent = `${all.length} ${t('cards')}`;
    const more = all.length - shown.length;
    col.querySelector('.col-more')!.textContent = more > 0 ? `+ ${more} ${t('cards')}…` : '';
    // Place the wanted elements in order, reusing existing ones.
    let cursor: ChildNode | null = box.firstChild;
    for (const c of shown) {
      keep.add(c.id);
      let el = cardEls.get(c.id);
      if (!el || el.dataset.key !== cardKey(c)) {
        const fresh = cardView(view, c);
        fresh.dataset.key = cardKey(c);
        if (!el && !firstPaint) fresh.classList.add('arrived');
        if (el) el.replaceWith(fresh);
        el = fresh;
        cardEls.set(c.id, el);
      }
      if (el !== cursor) box.insertBefore(el, cursor);
      cursor = el.nextSibling;
    }
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
  }
  for (const id of [...cardEls.keys()]) if (!keep.has(id)) cardEls.delete(id);
  firstPaint = false;
}

// ---- Graph ------------------------------------------------------------------

let nodeSignature = '';
let linkSignature = '';
const linkEls = new Map<string, SVGElement>();
let positions = new Map<string, Point>();

// Redraws what changed: nodes (and every link) only when companies or tables
// change; otherwise links are added, removed or restyled one by one.
function renderGraph(): void {
  const started = performance.now();
  const items = [
    ...[...view.matches.values()].map((m) => ({ companyIds: m.companyIds, kind: m.kind, strong: false })),
    ...[...view.synergies.values()]
      .filter((s) => s.status !== SynergyStatus.ABANDONED)
      .map((s) => ({ companyIds: s.companyIds, kind: s.kind, strong: true })),
  ];
  const nodes = [...view.companies.values()].map((c) => ({ id: c.id, table: c.table, ess: c.ess }));
  const links = mergeLinks(items);
  const tables = Math.max(1, view.info?.tables ?? 1);
  const degree = new Map<string, number>();
  for (const l of links) {
    degree.set(l.a, (degree.get(l.a) ?? 0) + 1);
    degree.set(l.b, (degree.get(l.b) ?? 0) + 1);
  }
  // Past 24 companies, only the ten most linked are named: names are for reading.
  const named = new Set(
    view.companies.size <= 24 ? [...view.companies.keys()]
      : [...degree.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([id]) => id),
  );
  const nodeSig = `${tables}#${nodes.map((n) => `${n.id}:${n.table}:${n.ess ? 1 : 0}:${named.has(n.id) ? 1 : 0}`).join(',')}`;
  const linkSig = links.map((l) => `${l.a}-${l.b}-${l.kind}-${l.strong ? 1 : 0}-${l.count}`).join(',');
  if (nodeSig === nodeSignature && linkSig === linkSignature) return;
  const linkLayer = document.getElementById('graph-links');
  const nodeLayer = document.getElementById('graph-nodes');
  const tableLayer = document.getElementById('graph-tables');
  if (!linkLayer || !nodeLayer || !tableLayer) return;

  if (nodeSig !== nodeSignature) {
    nodeSignature = nodeSig;
    positions = clusterLayout(nodes, tables, GRAPH_W, GRAPH_H);
    linkEls.clear();
    linkLayer.replaceChildren();
    // A faint disc per table, its number in the middle: the room's geography.
    const tableFrag = document.createDocumentFragment();
    const { centres, radius } = clusterCentres(tables, GRAPH_W, GRAPH_H);
    for (let i = 1; i <= tables && tables > 1; i++) {
      const p = centres.get(i)!;
      const disc = document.createElementNS(SVG, 'circle');
      disc.setAttribute('cx', p.x.toFixed(1));
      disc.setAttribute('cy', p.y.toFixed(1));
      disc.setAttribute('r', (radius + 14).toFixed(1));
      disc.setAttribute('class', 'graph-table');
      tableFrag.appendChild(disc);
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', p.x.toFixed(1));
      label.setAttribute('y', (p.y + 8).toFixed(1));
      label.setAttribute('text-anchor', 'middle');
      label.setAttribute('class', 'graph-table-label');
      label.textContent = `T${i}`;
      tableFrag.appendChild(label);
    }
    tableLayer.replaceChildren(tableFrag);
    const nodeFrag = document.createDocumentFragment();
    for (const c of view.companies.values()) {
      const p = positions.get(c.id);
      if (!p) continue;
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', 'graph-node');
      g.setAttribute('data-company', c.id);
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', p.x.toFixed(1));
      dot.setAttribute('cy', p.y.toFixed(1));
      dot.setAttribute('r', named.has(c.id) && view.companies.size > 24 ? '10' : '8');
      dot.setAttribute('class', c.ess ? 'node-ess' : 'node');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = c.name;
      dot.appendChild(title);
      g.appendChild(dot);
      if (named.has(c.id)) {
        const label = document.createElementNS(SVG, 'text');
        // Kept inside the box: a name cut by the edge is no name.
        label.setAttribute('x', Math.min(GRAPH_W - 62, Math.max(62, p.x)).toFixed(1));
        label.setAttribute('y', (p.y - 14).toFixed(1));
        label.setAttribute('text-anchor', 'middle');
        label.setAttribute('class', 'graph-label');
        label.textContent = c.name.length > 16 ? `${c.name.slice(0, 15)}…` : c.name;
        g.appendChild(label);
      }
      nodeFrag.appendChild(g);
    }
    nodeLayer.replaceChildren(nodeFrag);
  }

  linkSignature = linkSig;
  const wanted = new Set<string>();
  for (const l of links) {
    const pa = positions.get(l.a);
    const pb = positions.get(l.b);
    if (!pa || !pb) continue;
    const key = `${l.a}|${l.b}|${l.kind}|${l.strong ? 1 : 0}|${l.count}`;
    wanted.add(key);
    if (linkEls.has(key)) continue;
    const el = linkPath(pa, pb, l.kind, l.strong, l.count);
    linkEls.set(key, el);
    // Confirmed synergies over suggestions.
    if (l.strong) linkLayer.appendChild(el);
    else linkLayer.insertBefore(el, linkLayer.firstChild);
  }
  for (const [key, el] of linkEls) {
    if (!wanted.has(key)) {
      el.remove();
      linkEls.delete(key);
    }
  }
  stats.graphMs = performance.now() - started;
}

function linkPath(a: Point, b: Point, kind: number, strong: boolean, count: number): SVGElement {
  // A slight curve keeps links of the same pair and different kinds apart.
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const bend = 0.12 * (kind - 2);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', `M${a.x.toFixed(1)} ${a.y.toFixed(1)}Q${(mx - dy * bend).toFixed(1)} ${(my + dx * bend).toFixed(1)} ${b.x.toFixed(1)} ${b.y.toFixed(1)}`);
  path.setAttribute('stroke', KIND_COLOURS[kind] ?? '#999');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke-width', String(strong ? 3.5 + Math.min(3, count - 1) : 1.2 + Math.min(2, (count - 1) * 0.5)));
  path.setAttribute('stroke-opacity', strong ? '0.95' : '0.5');
  if (!strong) path.setAttribute('stroke-dasharray', '5 4');
  path.setAttribute('class', strong ? 'link-synergy' : 'link-match');
  path.setAttribute('data-kind', String(kind));
  return path;
}

// ---- Page -------------------------------------------------------------------

function renderBanner(): void {
  const el = $('#banner');
  const w = view.info;
  const en = currentLang() === 'en';
  const text = !w ? '' : w.status === WorkshopStatus.CLOSED ? (en ? 'Workshop closed — thank you!' : 'Atelier clos — merci !')
    : w.paused ? (en ? 'Pause — inputs are frozen' : 'Pause — les saisies sont gelées') : '';
  el.textContent = text;
  el.hidden = !text;
}

function render(): void {
  const started = performance.now();
  $('#board-title').textContent = view.info?.title ?? 'Atelier';
  renderBanner();
  renderCounters();
  renderColumns();
  renderGraph();
  renderEarlier();
  tick();
  const ms = performance.now() - started;
  stats.renders++;
  stats.lastMs = ms;
  stats.totalMs += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
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
  if (!ends) {
    el.textContent = round ? `${t('round')} ${round}` : '';
    return;
  }
  const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
  el.textContent = `${t('round')} ${round} · ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  if (left <= 60) el.classList.add('timer-low');
}

layout();
if (code) renderJoinBox();
if (!code) {
  $('#tables').append(h('p', { class: 'error' }, 'Ajoutez #code=… à l’adresse / add #code=… to the address'));
} else {
  const client = new AtelierClient(serverUrl(), { code, asBoard: true }, {
    welcome(w) {
      addresses = { publicUrl: w.publicUrl, lanUrls: w.lanUrls };
      renderJoinBox();
      if (w.snapshot) {
        view.load(w.snapshot);
        firstPaint = true;
        nodeSignature = '';
      }
      schedule();
    },
    events(events) {
      for (const e of events) view.apply(e);
      schedule();
    },
    status: (s, p) => badge.set(s, p),
  });
  // The board joins by code each time: it has no token to keep.
  client.start();
  window.setInterval(tick, 1000);
}

