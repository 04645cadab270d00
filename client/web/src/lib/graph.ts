// The board's network of companies: a stable layout (companies clustered by
// table, each table's cluster on a ring) and the links between them, merged
// per pair and kind. Pure functions over plain data, so that a redraw only
// costs what changed and tests can check positions without a browser.

export interface GraphNode {
  id: string;
  table: number;
  ess: boolean;
}

export interface GraphLink {
  a: string;
  b: string;
  kind: number;
  strong: boolean; // a synergy people confirmed (not just a suggestion)
  count: number;
}

export interface Point {
  x: number;
  y: number;
}

// Cluster centres on a ring, one per table (table 0, "not seated", in the
// middle); companies of a table on a small circle (or two rings past 12)
// around its centre, in a fixed order so a new company never moves others of
// other tables and only slides its own table's neighbours.
export function clusterCentres(tables: number, width: number, height: number): { centres: Map<number, Point>; radius: number } {
  const cx = width / 2;
  const cy = height / 2;
  const m = Math.min(width, height);
  // An ellipse uses the whole box; clusters shrink so that neighbours never overlap.
  const rx = tables <= 1 ? 0 : (tables <= 4 ? 0.3 : 0.36) * width;
  const ry = tables <= 1 ? 0 : (tables <= 4 ? 0.3 : 0.36) * height;
  const spacing = tables <= 1 ? m : Math.min(rx, ry) * Math.sin(Math.PI / tables);
  const radius = tables <= 1 ? m * 0.4 : Math.min(m * 0.16, spacing * 0.75);
  const centres = new Map<number, Point>();
  centres.set(0, { x: cx, y: cy });
  for (let t = 1; t <= tables; t++) {
    const a = -Math.PI / 2 + (2 * Math.PI * (t - 1)) / Math.max(1, tables);
    centres.set(t, tables > 1 ? { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) } : { x: cx, y: cy });
  }
  return { centres, radius };
}

export function clusterLayout(nodes: GraphNode[], tables: number, width: number, height: number): Map<string, Point> {
  const out = new Map<string, Point>();
  const { centres, radius: cluster } = clusterCentres(tables, width, height);
  const byTable = new Map<number, string[]>();
  for (const n of nodes) {
    const t = n.table >= 1 && n.table <= tables ? n.table : 0;
    let list = byTable.get(t);
    if (!list) byTable.set(t, (list = []));
    list.push(n.id);
  }
  for (const [t, ids] of byTable) {
    ids.sort();
    const { x: ox, y: oy } = centres.get(t)!;
    const n = ids.length;
    ids.forEach((id, i) => {
      if (n === 1) {
        out.set(id, { x: ox, y: oy });
        return;
      }
      // Past 12 companies, a second inner ring keeps them apart.
      const outer = n > 12 ? Math.ceil(n * 0.6) : n;
      const inner = i >= outer;
      const k = inner ? i - outer : i;
      const m = inner ? n - outer : outer;
      const r = inner ? cluster * 0.55 : cluster;
      const a = -Math.PI / 2 + (2 * Math.PI * k) / m + (inner ? Math.PI / m : 0);
      out.set(id, { x: ox + r * Math.cos(a), y: oy + r * Math.sin(a) });
    });
  }
  return out;
}

// One link per pair of companies and kind; confirmed synergies win over
// suggestions for the same pair and kind. Groups (mutualisation of 3+) link
// every member to the first, as a star.
export function mergeLinks(
  items: { companyIds: string[]; kind: number; strong: boolean }[],
): GraphLink[] {
  const links = new Map<string, GraphLink>();
  for (const it of items) {
    const [first, ...rest] = it.companyIds;
    for (const other of rest) {
      if (!first || !other || other === first) continue;
      const [a, b] = first < other ? [first, other] : [other, first];
      const key = `${a}|${b}|${it.kind}`;
      const l = links.get(key);
      if (!l) links.set(key, { a, b, kind: it.kind, strong: it.strong, count: 1 });
      else {
        l.count++;
        l.strong ||= it.strong;
      }
    }
  }
  return [...links.values()];
}
