// Board page: the read-only view projected for the room — live columns per
// table, counters, the network of synergies, the round timer and the join QR.
import { CardKind, SynergyKind } from './gen/atelier/v1/atelier_pb';
import { AtelierClient, serverUrl } from './lib/client';
import { $, clear, h, takeFragment } from './lib/dom';
import { setLang, t } from './lib/i18n';
import { qrSvg } from './lib/qr';
import { WorkshopView } from './lib/state';
import { cardView, statusBadge } from './lib/ui';

setLang((new URLSearchParams(location.search).get('lang') as 'fr' | 'en') ?? 'fr');
const code = takeFragment('code') ?? sessionStorage.getItem('atelier.board.code') ?? '';
if (code) sessionStorage.setItem('atelier.board.code', code);

const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
const seen = new Set<string>();
const SVG = 'http://www.w3.org/2000/svg';
const KIND_COLOURS: Record<number, string> = {
  [SynergyKind.SUBSTITUTION]: '#1f77b4',
  [SynergyKind.MUTUALISATION]: '#2ca02c',
  [SynergyKind.ESS_BRIDGE]: '#d62728',
};

function layout(): void {
  clear(app);
  const joinUrl = `${location.origin}/tablet.html#code=${encodeURIComponent(code)}`;
  app.append(
    h('header', { class: 'board-bar' },
      h('h1', { id: 'board-title' }, 'Atelier'),
      h('div', { class: 'counters', id: 'counters' }),
      h('div', { class: 'timer', id: 'timer' }),
      badge.el),
    h('main', { class: 'board' },
      h('section', { class: 'tables', id: 'tables' }),
      h('aside', { class: 'side' },
        h('div', { class: 'join-box' },
          h('p', {}, t('board_join')),
          h('p', { class: 'join-code', id: 'join-code' }, code),
          qrSvg(joinUrl, 180),
          h('p', { class: 'muted small' }, `${location.host}/tablet.html`)),
        h('div', { class: 'graph-box' }, graphSvg()))));
}

function graphSvg(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('id', 'graph');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Réseau des synergies / synergy network');
  return svg;
}

function counter(n: number, label: string, id: string): HTMLElement {
  return h('div', { class: 'counter', 'data-counter': id }, h('strong', {}, n), h('span', {}, label));
}

function render(): void {
  $('#board-title').textContent = view.info?.title ?? 'Atelier';
  const cards = view.liveCards();
  const companiesWithCards = new Set(cards.map((c) => c.companyId).filter(Boolean));
  const synergies = [...view.synergies.values()];
  const counters = $('#counters');
  clear(counters);
  counters.append(
    counter(view.companies.size, t('companies'), 'companies'),
    counter(cards.filter((c) => c.kind === CardKind.OFFER).length, t('offers'), 'offers'),
    counter(cards.filter((c) => c.kind === CardKind.NEED).length, t('needs'), 'needs'),
    counter(view.matches.size, t('matches'), 'matches'),
    counter(synergies.length, t('synergies'), 'synergies'),
  );
  void companiesWithCards;

  const tables = $('#tables');
  clear(tables);
  const count = Math.max(1, view.info?.tables ?? 1);
  for (let i = 1; i <= count; i++) {
    const col = h('div', { class: 'column', 'data-table': i }, h('h2', {}, `${t('table')} ${i}`));
    const list = cards.filter((c) => (c.table || 1) === i).reverse();
    for (const c of list) {
      const el = cardView(view, c);
      if (!seen.has(c.id)) {
        el.classList.add('arrived');
        seen.add(c.id);
      }
      col.append(el);
    }
    tables.append(col);
  }
  renderGraph();
}

function renderGraph(): void {
  const svg = document.getElementById('graph') as unknown as SVGSVGElement | null;
  if (!svg) return;
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const W = 420;
  const H = 420;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const ids = [...view.companies.keys()];
  const pos = new Map<string, [number, number]>();
  ids.forEach((id, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, ids.length);
    pos.set(id, [W / 2 + 170 * Math.cos(a), H / 2 + 170 * Math.sin(a)]);
  });
  const links: { a: string; b: string; kind: SynergyKind; strong: boolean }[] = [];
  for (const m of view.matches.values()) {
    for (let i = 1; i < m.companyIds.length; i++) links.push({ a: m.companyIds[0], b: m.companyIds[i], kind: m.kind, strong: false });
  }
  for (const s of view.synergies.values()) {
    for (let i = 1; i < s.companyIds.length; i++) links.push({ a: s.companyIds[0], b: s.companyIds[i], kind: s.kind, strong: true });
  }
  for (const l of links) {
    const pa = pos.get(l.a);
    const pb = pos.get(l.b);
    if (!pa || !pb) continue;
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', String(pa[0]));
    line.setAttribute('y1', String(pa[1]));
    line.setAttribute('x2', String(pb[0]));
    line.setAttribute('y2', String(pb[1]));
    line.setAttribute('stroke', KIND_COLOURS[l.kind] ?? '#888');
    line.setAttribute('stroke-width', l.strong ? '4' : '1.5');
    line.setAttribute('stroke-opacity', l.strong ? '0.9' : '0.45');
    svg.appendChild(line);
  }
  for (const id of ids) {
    const [x, y] = pos.get(id)!;
    const c = view.companies.get(id)!;
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', String(x));
    dot.setAttribute('cy', String(y));
    dot.setAttribute('r', '7');
    dot.setAttribute('fill', c.ess ? '#d62728' : '#334');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = c.name;
    dot.appendChild(title);
    svg.appendChild(dot);
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String(x));
    label.setAttribute('y', String(y - 11));
    label.setAttribute('text-anchor', 'middle');
    label.setAttribute('class', 'graph-label');
    label.textContent = c.name.length > 18 ? `${c.name.slice(0, 17)}…` : c.name;
    svg.appendChild(label);
  }
}

function tick(): void {
  const el = document.getElementById('timer');
  if (!el) return;
  const ends = Number(view.info?.roundEndsAtMs ?? 0n);
  const round = view.info?.round ?? 0;
  if (!ends) {
    el.textContent = round ? `${t('round')} ${round}` : '';
    return;
  }
  const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
  el.textContent = `${t('round')} ${round} · ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

layout();
if (!code) {
  $('#tables').append(h('p', { class: 'error' }, 'Ajoutez #code=… à l’adresse / add #code=… to the address'));
} else {
  const client = new AtelierClient(serverUrl(), { code, asBoard: true }, {
    welcome(w) {
      if (w.snapshot) {
        view.load(w.snapshot);
        for (const c of view.cards.keys()) seen.add(c);
      }
      render();
    },
    events(events) {
      for (const e of events) view.apply(e);
      render();
    },
    status: (s, p) => badge.set(s, p),
  });
  // The board joins by code each time: it has no token to keep.
  client.start();
  window.setInterval(tick, 1000);
}
