// The room's board as a view, shared by the live board (board.ts) and the
// replay (replay.ts): counters, the table columns (paged when they do not fit,
// whole cards only), « Qui va voir qui » (synergies people confirmed or both
// said « Intéressé » to), the network clustered by table, and the results
// screen once the workshop is closed. Sizes come from the stylesheet, which
// scales them with the screen; this code measures what fits and shows that.
import { CardKind, SynergyKind, SynergyStatus, WorkshopStatus, type Card, type Synergy } from '../gen/atelier/v1/atelier_pb';
import { clear, h } from './dom';
import { clusterCentres, clusterLayout, mergeLinks, type GraphLink, type Point } from './graph';
import { currentLang, plural, pluralWord, t } from './i18n';
import type { WorkshopView } from './state';
import { cardView, synergyKindLabel } from './ui';

const SVG = 'http://www.w3.org/2000/svg';
// Colours that stay apart on a washed-out projector and for common colour
// blindness (blue / yellow-green / orange), with dashes for suggestions.
export const KIND_COLOURS: Record<number, string> = {
  [SynergyKind.SUBSTITUTION]: '#5aa9ff',
  [SynergyKind.MUTUALISATION]: '#b6e35a',
  [SynergyKind.ESS_BRIDGE]: '#ff9f43',
};
export const KINDS = [SynergyKind.SUBSTITUTION, SynergyKind.MUTUALISATION, SynergyKind.ESS_BRIDGE];
// Cards kept in a column's DOM; older ones are counted, not drawn.
const MAX_CARDS_PER_COLUMN = 14;
// A column narrower than this many letters is not readable from the back.
const MIN_COLUMN_EM = 12;
// Past this many links between companies, the network draws one bundle per
// pair of tables instead: a few thick, numbered lines rather than a hairball.
const MAX_COMPANY_LINKS = 40;
const PAGE_MS = 12_000;
const LABEL_CHARS = 16;

export interface BoardViewOptions {
  // The live board jumps to the page of a card that just arrived.
  followArrivals?: boolean;
  // Render times, read by the browser tests (and handy in devtools).
  stats?: { graphMs: number; columnsMs?: number; whoMs?: number };
}

// One line of « Qui va voir qui ».
export interface WhoRow {
  id: string;
  kind: number;
  confirmed: boolean;
  names: string[];
  tables: number[];
}

export function whoRows(view: WorkshopView): WhoRow[] {
  const rows: WhoRow[] = [];
  for (const s of view.synergies.values()) {
    if (s.status === SynergyStatus.ABANDONED || s.status === SynergyStatus.UNSPECIFIED) continue;
    rows.push({
      id: s.id,
      kind: s.kind,
      confirmed: s.status !== SynergyStatus.POTENTIAL,
      names: s.companyIds.map((id) => view.companyName(id) || t('vis_anonymous')),
      tables: s.companyIds.map((id) => view.companies.get(id)?.table ?? 0),
    });
  }
  // Confirmed first, then the newest (a later synergy is what people look for).
  const order = new Map([...view.synergies.keys()].map((id, i) => [id, i]));
  rows.sort((a, b) => Number(b.confirmed) - Number(a.confirmed) || order.get(b.id)! - order.get(a.id)!);
  return rows;
}

export function liveSynergies(view: WorkshopView): Synergy[] {
  return [...view.synergies.values()].filter((s) => s.status !== SynergyStatus.ABANDONED);
}

function counter(n: number, label: string, id: string, colour = ''): HTMLElement {
  return h('div', { class: 'counter', 'data-counter': id, style: colour ? `border-color:${colour}` : undefined },
    h('strong', {}, n), h('span', {}, label));
}

function whoItem(r: WhoRow): HTMLElement {
  const parts: (Node | string)[] = [];
  r.names.forEach((n, i) => {
    if (i) parts.push(h('span', { class: 'who-arrow', 'aria-hidden': 'true' }, ' ⇄ '));
    parts.push(h('span', { class: 'who-name' }, n));
    if (r.tables[i]) parts.push(h('span', { class: 'who-table' }, ` T${r.tables[i]}`));
  });
  return h('li', { class: `who-row${r.confirmed ? ' who-confirmed' : ''}`, 'data-synergy': r.id },
    h('span', { class: 'who-kind', style: `background:${KIND_COLOURS[r.kind] ?? '#999'}`, title: synergyKindLabel(r.kind) }),
    h('span', { class: 'who-names' }, ...parts),
    h('span', { class: 'who-state' }, r.confirmed ? t('who_confirmed') : t('who_mutual')));
}

// Shows the items of `box` from `start` that fit whole; hides the rest.
// Returns the index of the first hidden item (items.length when all fit).
function fitFrom(box: HTMLElement, items: HTMLElement[], start: number): number {
  // Writes, then reads only, then writes: one layout, not one per item.
  items.forEach((el, i) => (el.hidden = i < start));
  const limit = box.clientHeight;
  const width = box.clientWidth;
  let end = items.length;
  for (let i = start + 1; i < items.length; i++) {
    const el = items[i];
    // Below the bottom, or (in a list set in columns) in a column past the right edge.
    if (el.offsetTop + el.offsetHeight > limit + 1 || el.offsetLeft + el.offsetWidth > width + 1) {
      end = i;
      break;
    }
  }
  for (let i = end; i < items.length; i++) items[i].hidden = true;
  return end;
}

// A list that shows whole rows only and turns its pages by itself. Rows are
// built when their page is shown (a page holds a few dozen at most).
const PAGE_ROWS = 40;
class PagedList {
  private start = 0;
  private timer = 0;
  private rows: WhoRow[] = [];
  constructor(readonly box: HTMLElement, private readonly pager: HTMLElement) {}

  set(rows: WhoRow[]): void {
    this.rows = rows;
    if (this.start >= rows.length) this.start = 0;
    this.fit();
  }

  fit(): void {
    const items = this.rows.slice(this.start, this.start + PAGE_ROWS).map(whoItem);
    this.box.replaceChildren(...items);
    const end = this.start + fitFrom(this.box, items, 0);
    const paged = this.start > 0 || end < this.rows.length;
    this.pager.textContent = paged ? `${this.start + 1}–${end} / ${this.rows.length}` : '';
    clearTimeout(this.timer);
    if (paged) {
      this.timer = window.setTimeout(() => {
        this.start = end >= this.rows.length ? 0 : end;
        this.fit();
      }, PAGE_MS);
    }
  }
}

export class BoardView {
  readonly el: HTMLElement;
  private view: WorkshopView;
  private readonly cardEls = new Map<string, HTMLElement>();
  private columnCount = 0;
  private firstPaint = true;
  private tablePage = 0;
  private tablePages = 1;
  private perPage = 1;
  private pageTimer = 0;
  private heldUntil = 0;
  private readonly who: PagedList;
  private readonly resultsWho: PagedList;
  private nodeSignature = '';
  private linkSignature = '';
  private positions = new Map<string, Point>();
  private graphSize = { w: 600, h: 500 };
  private lang = currentLang();
  private svgBox?: { w: number; h: number; font: number };
  private measuredPerPage = 0;
  private fitPending = true;

  constructor(view: WorkshopView, private readonly opts: BoardViewOptions = {}, side: (HTMLElement | null)[] = []) {
    this.view = view;
    const whoList = h('ol', { class: 'who-list', id: 'who-list' });
    const resultsList = h('ol', { class: 'who-list results-who', id: 'results-who' });
    this.el = h('div', { class: 'board-view' },
      h('main', { class: 'board', id: 'board-main' },
        h('section', { class: 'tables-wrap', 'aria-label': t('tables') },
          h('div', { class: 'tables', id: 'tables' }),
          h('p', { class: 'tables-pager', id: 'tables-pager', 'aria-live': 'off' })),
        h('aside', { class: 'side' },
          ...side,
          h('section', { class: 'who-box', id: 'who', hidden: true },
            h('h2', {}, h('span', { id: 'who-title' }, t('who_title')), h('span', { class: 'pager', id: 'who-pager' })),
            whoList),
          h('div', { class: 'graph-box' },
            this.graphSvg(),
            h('ul', { class: 'legend', id: 'legend' })))),
      h('section', { class: 'results', id: 'results', hidden: true, 'aria-labelledby': 'results-title' },
        h('h2', { id: 'results-title' }),
        h('div', { class: 'results-figures', id: 'results-figures' }),
        h('h3', {}, h('span', { id: 'results-who-title' }), h('span', { class: 'pager', id: 'results-pager' })),
        resultsList));
    this.who = new PagedList(whoList, this.el.querySelector('#who-pager')!);
    this.resultsWho = new PagedList(resultsList, this.el.querySelector('#results-pager')!);
    const refit = () => {
      this.nodeSignature = '';
      this.measuredPerPage = 0;
      this.fitPending = true;
      this.svgBox = undefined;
      this.render(this.view);
    };
    if (typeof ResizeObserver !== 'undefined') {
      let last = '';
      new ResizeObserver(() => {
        const key = `${innerWidth}x${innerHeight}`;
        if (key !== last) {
          last = key;
          refit();
        }
      }).observe(document.documentElement);
      // The network's box changes when « Qui va voir qui » appears or grows.
      const svg = this.el.querySelector<SVGSVGElement>('#graph')!;
      new ResizeObserver(([entry]) => {
        const { width, height } = entry.contentRect;
        if (!this.svgBox || (Math.abs(width - this.svgBox.w) < 2 && Math.abs(height - this.svgBox.h) < 2)) return;
        this.svgBox = undefined;
        this.nodeSignature = '';
        if (!this.closed) this.renderGraph();
      }).observe(svg);
    }
  }

  // Draws everything again (a language switch).
  reset(): void {
    this.columnCount = 0;
    this.fitPending = true;
    this.nodeSignature = '';
    this.linkSignature = '';
    this.firstPaint = true;
  }

  get closed(): boolean {
    return this.view.info?.status === WorkshopStatus.CLOSED;
  }

  render(view: WorkshopView): void {
    if (view !== this.view) {
      this.view = view;
    }
    if (this.lang !== currentLang()) {
      this.lang = currentLang();
      this.reset();
    }
    const closed = this.closed;
    document.body.classList.toggle('board-closed', closed);
    this.el.querySelector<HTMLElement>('#results')!.hidden = !closed;
    this.el.querySelector<HTMLElement>('#board-main')!.hidden = closed;
    this.el.querySelector('#who-title')!.textContent = t('who_title');
    this.renderLegend();
    if (closed) {
      this.renderResults();
      return;
    }
    const t0 = performance.now();
    this.renderColumns();
    const t1 = performance.now();
    this.renderWho();
    const t2 = performance.now();
    this.renderGraph();
    if (this.opts.stats) {
      this.opts.stats.columnsMs = t1 - t0;
      this.opts.stats.whoMs = t2 - t1;
    }
  }

  // The header's figures; the count per kind is in the network's legend.
  counters(withKinds = false): HTMLElement[] {
    const v = this.view;
    const synergies = liveSynergies(v);
    return [
      counter(v.companies.size, pluralWord('companies', v.companies.size), 'companies'),
      counter(v.liveCards().length, pluralWord('cards', v.liveCards().length), 'cards'),
      counter(v.matches.size, pluralWord('matches', v.matches.size), 'matches'),
      counter(synergies.length, pluralWord('synergies', synergies.length), 'synergies'),
      ...(withKinds ? KINDS.map((k) => counter(synergies.filter((s) => s.kind === k).length, synergyKindLabel(k), `kind-${k}`, KIND_COLOURS[k])) : []),
    ];
  }

  private renderLegend(): void {
    const legend = this.el.querySelector<HTMLElement>('#legend')!;
    const synergies = liveSynergies(this.view);
    const counts = KINDS.map((k) => synergies.filter((s) => s.kind === k).length);
    const sig = `${this.lang}|${counts.join(',')}`;
    if (legend.dataset.sig === sig) return;
    legend.dataset.sig = sig;
    legend.replaceChildren(
      ...KINDS.map((k, i) => h('li', { 'data-kind': k, 'data-counter': `kind-${k}` },
        h('span', { class: 'swatch', style: `background:${KIND_COLOURS[k]}` }), h('strong', {}, counts[i]), synergyKindLabel(k))),
      h('li', { class: 'legend-note' }, h('span', { class: 'swatch dashed' }), t('matches')),
      h('li', { class: 'legend-note' }, h('span', { class: 'dot-ess' }), 'ESS'));
  }

  // ---- Results ---------------------------------------------------------------

  private renderResults(): void {
    const v = this.view;
    const synergies = liveSynergies(v);
    const done = synergies.filter((s) => s.status === SynergyStatus.REALISED).length;
    this.el.querySelector('#results-title')!.textContent = `${t('results_title')} — ${t('results_thanks')}`;
    const figures = this.el.querySelector<HTMLElement>('#results-figures')!;
    figures.replaceChildren(
      ...this.counters(true),
      ...(done ? [counter(done, pluralWord('realised', done), 'realised')] : []));
    const rows = whoRows(v);
    this.el.querySelector('#results-who-title')!.textContent = rows.length ? t('who_title') : t('who_none');
    this.resultsWho.set(rows);
  }

  // ---- « Qui va voir qui » ----------------------------------------------------

  private whoSignature = '';
  private renderWho(): void {
    const rows = whoRows(this.view);
    const sig = JSON.stringify([this.lang, rows]);
    const box = this.el.querySelector<HTMLElement>('#who')!;
    box.hidden = rows.length === 0;
    if (sig === this.whoSignature) return;
    this.whoSignature = sig;
    this.who.set(rows);
  }

  // ---- Columns ---------------------------------------------------------------

  private cardKey(c: Card): string {
    // Redraw a card when its text or company changes (an edit, a reveal).
    return `${c.text}|${c.companyId}|${c.category}|${c.kind}|${c.table}|${this.view.companyName(c.companyId)}`;
  }

  private columnsPerPage(tables: HTMLElement): number {
    const em = parseFloat(getComputedStyle(tables).fontSize) || 16;
    const gap = em * 0.5;
    const width = tables.clientWidth || innerWidth;
    return Math.max(1, Math.floor((width + gap) / (MIN_COLUMN_EM * em + gap)));
  }

  private showPage(page: number, hold = false): void {
    this.tablePage = ((page % this.tablePages) + this.tablePages) % this.tablePages;
    if (hold) this.heldUntil = Date.now() + PAGE_MS;
    this.fitPending = true;
    const tables = this.el.querySelector<HTMLElement>('#tables')!;
    const first = this.tablePage * this.perPage + 1;
    const last = Math.min(this.columnCount, first + this.perPage - 1);
    for (const col of tables.querySelectorAll<HTMLElement>('.column')) {
      const n = Number(col.dataset.table);
      col.hidden = n < first || n > last;
    }
    const pager = this.el.querySelector<HTMLElement>('#tables-pager')!;
    pager.textContent = this.tablePages > 1 ? `${t('tables')} ${first}–${last} / ${this.columnCount}` : '';
    pager.hidden = this.tablePages <= 1;
    clearTimeout(this.pageTimer);
    if (this.tablePages > 1) {
      this.pageTimer = window.setTimeout(() => {
        if (Date.now() < this.heldUntil) return this.showPage(this.tablePage);
        this.showPage(this.tablePage + 1);
        this.fitCards();
      }, Math.max(PAGE_MS, this.heldUntil - Date.now()));
    }
  }

  private renderColumns(): void {
    const view = this.view;
    const tables = this.el.querySelector<HTMLElement>('#tables')!;
    const count = Math.max(1, view.info?.tables ?? 1);
    if (count !== this.columnCount) {
      clear(tables);
      this.cardEls.clear();
      for (let i = 1; i <= count; i++) {
        tables.append(h('div', { class: 'column', 'data-table': i },
          h('h2', {}, h('span', {}, `${t('table')} ${i}`), h('span', { class: 'col-count' })),
          h('div', { class: 'col-cards' }),
          h('p', { class: 'col-more' })));
      }
      this.columnCount = count;
      this.tablePage = 0;
      this.measuredPerPage = 0;
      this.perPage = 0; // new columns: page them again
    }
    // Measured once per size (a measure costs a layout), not at each update.
    if (!this.measuredPerPage) this.measuredPerPage = this.columnsPerPage(tables);
    const perPage = Math.min(count, this.measuredPerPage);
    if (perPage !== this.perPage || Math.ceil(count / perPage) !== this.tablePages) {
      this.perPage = perPage;
      this.tablePages = Math.ceil(count / perPage);
      tables.style.setProperty('--per-row', String(perPage));
      this.showPage(Math.min(this.tablePage, this.tablePages - 1));
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
    let arrivedAt = 0;
    let moved = this.fitPending;
    for (let i = 1; i <= count; i++) {
      const col = tables.querySelector<HTMLElement>(`.column[data-table="${i}"]`)!;
      const box = col.querySelector<HTMLElement>('.col-cards')!;
      const all = byTable.get(i) ?? [];
      const shown = all.slice(-MAX_CARDS_PER_COLUMN).reverse(); // newest on top
      col.querySelector('.col-count')!.textContent = plural('cards', all.length);
      col.dataset.total = String(all.length);
      // Place the wanted elements in order, reusing existing ones.
      let cursor: ChildNode | null = box.firstChild;
      for (const c of shown) {
        keep.add(c.id);
        let el = this.cardEls.get(c.id);
        if (!el || el.dataset.key !== this.cardKey(c)) {
          const fresh = boardCard(view, c);
          fresh.dataset.key = this.cardKey(c);
          if (!el && !this.firstPaint) {
            fresh.classList.add('arrived');
            arrivedAt = i;
          }
          if (el) el.replaceWith(fresh);
          el = fresh;
          moved = true;
          this.cardEls.set(c.id, el);
        }
        if (el !== cursor) {
          box.insertBefore(el, cursor);
          moved = true;
        }
        cursor = el.nextSibling;
      }
      while (cursor) {
        const next = cursor.nextSibling;
        moved = true;
        cursor.remove();
        cursor = next;
      }
    }
    for (const id of [...this.cardEls.keys()]) if (!keep.has(id)) this.cardEls.delete(id);
    // A card just posted: show its table (for a while) rather than wait for the rotation.
    if (arrivedAt && this.opts.followArrivals && this.tablePages > 1) {
      const page = Math.floor((arrivedAt - 1) / this.perPage);
      if (page !== this.tablePage) this.showPage(page, true);
      else this.heldUntil = Date.now() + PAGE_MS;
    }
    this.firstPaint = false;
    // Only when a card came, went or changed (or the page or the size did).
    if (moved) this.fitCards();
    this.fitPending = false;
  }

  // Whole cards only: those that would be cut by the column's bottom are
  // hidden and counted. All columns at once: one layout for the lot.
  private fitCards(): void {
    const tables = this.el.querySelector<HTMLElement>('#tables')!;
    const cols = [...tables.querySelectorAll<HTMLElement>('.column')].filter((c) => !c.hidden).map((col) => {
      const box = col.querySelector<HTMLElement>('.col-cards')!;
      return { col, box, items: [...box.children] as HTMLElement[], end: 0 };
    });
    for (const c of cols) for (const el of c.items) el.hidden = false;
    for (const c of cols) {
      const limit = c.box.clientHeight;
      c.end = c.items.length;
      for (let i = 1; i < c.items.length; i++) {
        if (c.items[i].offsetTop + c.items[i].offsetHeight > limit + 1) {
          c.end = i;
          break;
        }
      }
    }
    for (const c of cols) {
      for (let i = c.end; i < c.items.length; i++) c.items[i].hidden = true;
      const more = Number(c.col.dataset.total ?? 0) - c.end;
      c.col.querySelector('.col-more')!.textContent = more > 0 ? `+ ${plural('cards', more)}…` : '';
    }
  }

  // ---- Graph -----------------------------------------------------------------

  private graphSvg(): SVGSVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('id', 'graph');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Réseau des synergies / synergy network');
    for (const g of ['graph-tables', 'graph-links', 'graph-nodes', 'graph-labels']) {
      const el = document.createElementNS(SVG, 'g');
      el.setAttribute('id', g);
      svg.appendChild(el);
    }
    return svg;
  }

  // The network: nodes clustered by table; per-company links while they are
  // few, else one numbered bundle per pair of tables. Names only where they
  // fit without overlapping, most linked first. The SVG's units are the
  // screen's pixels, so a label's font size is what the room reads.
  private renderGraph(): void {
    const started = performance.now();
    const view = this.view;
    const svg = this.el.querySelector<SVGSVGElement>('#graph')!;
    // Measured when the box changes size, not at each update (that would cost a layout).
    if (!this.svgBox) {
      const rect = svg.getBoundingClientRect();
      this.svgBox = { w: rect.width, h: rect.height, font: parseFloat(getComputedStyle(svg).fontSize) || 16 };
    }
    const W = Math.max(200, Math.round(this.svgBox.w));
    const H = Math.max(160, Math.round(this.svgBox.h));
    const font = this.svgBox.font;
    const items = [
      ...[...view.matches.values()].map((m) => ({ companyIds: m.companyIds, kind: m.kind, strong: false })),
      ...liveSynergies(view).map((s) => ({ companyIds: s.companyIds, kind: s.kind, strong: true })),
    ];
    const nodes = [...view.companies.values()].map((c) => ({ id: c.id, table: c.table, ess: c.ess }));
    const links = mergeLinks(items);
    const tables = Math.max(1, view.info?.tables ?? 1);
    const nodeSig = `${W}x${H}@${font}#${tables}#${nodes.map((n) => `${n.id}:${n.table}:${n.ess ? 1 : 0}:${view.companyName(n.id)}`).join(',')}`;
    const linkSig = links.map((l) => `${l.a}-${l.b}-${l.kind}-${l.strong ? 1 : 0}-${l.count}`).join(',');
    if (nodeSig === this.nodeSignature && linkSig === this.linkSignature) return;
    const layer = (id: string) => svg.querySelector<SVGGElement>(`#${id}`)!;

    if (nodeSig !== this.nodeSignature) {
      this.nodeSignature = nodeSig;
      this.graphSize = { w: W, h: H };
      svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
      // Room for the table labels at the edges.
      this.positions = clusterLayout(nodes, tables, W, H);
      const tableFrag = document.createDocumentFragment();
      const { centres, radius } = clusterCentres(tables, W, H);
      for (let i = 1; i <= tables && tables > 1; i++) {
        const p = centres.get(i)!;
        tableFrag.appendChild(svgEl('circle', { cx: p.x, cy: p.y, r: radius + font * 0.5, class: 'graph-table', 'data-table': i }));
        tableFrag.appendChild(svgEl('text', { x: p.x, y: p.y + font * 0.35, 'text-anchor': 'middle', class: 'graph-table-label' }, `T${i}`));
      }
      layer('graph-tables').replaceChildren(tableFrag);
      const nodeFrag = document.createDocumentFragment();
      const r = Math.max(5, Math.min(font * 0.4, radius / 4));
      for (const c of view.companies.values()) {
        const p = this.positions.get(c.id);
        if (!p) continue;
        const g = svgEl('g', { class: 'graph-node', 'data-company': c.id });
        const dot = svgEl('circle', { cx: p.x, cy: p.y, r, class: c.ess ? 'node-ess' : 'node' });
        dot.appendChild(svgEl('title', {}, c.name));
        g.appendChild(dot);
        nodeFrag.appendChild(g);
      }
      layer('graph-nodes').replaceChildren(nodeFrag);
      this.linkSignature = '';
    }
    if (linkSig === this.linkSignature) return;
    this.linkSignature = linkSig;
    const { w, h: hh } = this.graphSize;
    const frag = document.createDocumentFragment();
    const bundled = links.length > MAX_COMPANY_LINKS;
    svg.dataset.mode = bundled ? 'tables' : 'companies';
    if (!bundled) {
      for (const l of [...links].sort((a, b) => Number(a.strong) - Number(b.strong))) {
        const pa = this.positions.get(l.a);
        const pb = this.positions.get(l.b);
        if (pa && pb) frag.appendChild(linkPath(pa, pb, l));
      }
    } else {
      frag.appendChild(this.bundles(links, tables, w, hh, font));
    }
    layer('graph-links').replaceChildren(frag);
    layer('graph-labels').replaceChildren(this.labels(links, w, hh, font, bundled));
    if (this.opts.stats) this.opts.stats.graphMs = performance.now() - started;
  }

  // One line per pair of tables (confirmed synergies only), its width and
  // number saying how many; synergies within a table are counted under its name.
  private bundles(links: GraphLink[], tables: number, W: number, H: number, font: number): DocumentFragment {
    const frag = document.createDocumentFragment();
    const { centres, radius } = clusterCentres(tables, W, H);
    const tableOf = (id: string) => {
      const t = this.view.companies.get(id)?.table ?? 0;
      return t >= 1 && t <= tables ? t : 0;
    };
    const pairs = new Map<string, { a: number; b: number; n: number }>();
    for (const l of links) {
      if (!l.strong) continue;
      const [a, b] = [tableOf(l.a), tableOf(l.b)].sort((x, y) => x - y);
      const key = `${a}|${b}`;
      const p = pairs.get(key) ?? { a, b, n: 0 };
      p.n += l.count;
      pairs.set(key, p);
    }
    const max = Math.max(1, ...[...pairs.values()].map((p) => p.n));
    // Numbers on the strongest bundles only: a few that can be read.
    const numbered = new Set([...pairs.values()].filter((p) => p.a !== p.b).sort((x, y) => y.n - x.n).slice(0, 5));
    for (const p of pairs.values()) {
      const ca = centres.get(p.a)!;
      const cb = centres.get(p.b)!;
      if (p.a === p.b) {
        frag.appendChild(svgEl('text', { x: ca.x, y: ca.y + radius + font * 1.6, 'text-anchor': 'middle', class: 'graph-count' }, `${p.n}`));
        continue;
      }
      const width = 1.5 + (font * 0.5 * p.n) / max;
      frag.appendChild(svgEl('line', { x1: ca.x, y1: ca.y, x2: cb.x, y2: cb.y, stroke: '#dfe6ee', 'stroke-width': width, 'stroke-opacity': numbered.has(p) ? 0.7 : 0.3, class: 'link-synergy link-bundle' }));
      if (!numbered.has(p)) continue;
      const mx = (ca.x + cb.x) / 2;
      const my = (ca.y + cb.y) / 2;
      frag.appendChild(svgEl('circle', { cx: mx, cy: my, r: font * 0.9, class: 'graph-count-disc' }));
      frag.appendChild(svgEl('text', { x: mx, y: my + font * 0.35, 'text-anchor': 'middle', class: 'graph-count' }, `${p.n}`));
    }
    return frag;
  }

  // Names, most linked first, where they fit without overlapping each other or the edges.
  private labels(links: GraphLink[], W: number, H: number, font: number, bundled: boolean): DocumentFragment {
    const frag = document.createDocumentFragment();
    const degree = new Map<string, number>();
    for (const l of links) {
      const weight = l.strong ? 10 : 1;
      degree.set(l.a, (degree.get(l.a) ?? 0) + weight);
      degree.set(l.b, (degree.get(l.b) ?? 0) + weight);
    }
    const ids = [...this.view.companies.keys()].filter((id) => !bundled || degree.has(id));
    ids.sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : 1));
    const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
    // The tables' names stay readable: no company name over them.
    const tables = Math.max(1, this.view.info?.tables ?? 1);
    if (tables > 1) {
      for (const [n, c] of clusterCentres(tables, W, H).centres) {
        if (n === 0) continue;
        placed.push({ x0: c.x - font * 1.2, y0: c.y - font * 0.8, x1: c.x + font * 1.2, y1: c.y + font * 0.6 });
      }
    }
    const reserved = placed.length;
    const limit = reserved + (bundled ? 8 : 24);
    for (const id of ids) {
      if (placed.length >= limit) break;
      const p = this.positions.get(id);
      const name = this.view.companyName(id);
      if (!p || !name) continue;
      const text = name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name;
      const width = text.length * font * 0.62; // bold letters, with room to spare
      const x = Math.min(W - width / 2 - 2, Math.max(width / 2 + 2, p.x));
      // Above the dot, else below it: the first place that overlaps nothing.
      const spot = [p.y - font * 0.7, p.y + font * 1.4].map((y) => ({ y, box: { x0: x - width / 2, y0: y - font, x1: x + width / 2, y1: y + font * 0.25 } }))
        .find(({ box }) => box.y0 >= 0 && box.y1 <= H && !placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1));
      if (!spot) continue;
      const { y, box } = spot;
      placed.push(box);
      frag.appendChild(svgEl('text', { x, y, 'text-anchor': 'middle', class: 'graph-label', 'data-company': id }, text));
    }
    return frag;
  }
}

function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, typeof v === 'number' ? v.toFixed(1).replace(/\.0$/, '') : v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function linkPath(a: Point, b: Point, l: GraphLink): SVGElement {
  // A slight curve keeps links of the same pair and different kinds apart.
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const bend = 0.12 * (l.kind - 2);
  const path = svgEl('path', {
    d: `M${a.x.toFixed(1)} ${a.y.toFixed(1)}Q${(mx - dy * bend).toFixed(1)} ${(my + dx * bend).toFixed(1)} ${b.x.toFixed(1)} ${b.y.toFixed(1)}`,
    stroke: KIND_COLOURS[l.kind] ?? '#999',
    fill: 'none',
    'stroke-width': l.strong ? 4 + Math.min(3, l.count - 1) : 1.5 + Math.min(2, (l.count - 1) * 0.5),
    'stroke-opacity': l.strong ? 0.95 : 0.5,
    class: l.strong ? 'link-synergy' : 'link-match',
    'data-kind': l.kind,
  });
  if (!l.strong) path.setAttribute('stroke-dasharray', '6 5');
  return path;
}

// A card as the room reads it: kind and category, the text, the company.
function boardCard(view: WorkshopView, c: Card): HTMLElement {
  const el = cardView(view, c);
  el.classList.add(c.kind === CardKind.OFFER ? 'board-offer' : 'board-need');
  return el;
}
