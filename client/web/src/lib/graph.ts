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
export function clusterLayout(nodes: GraphNode[], tables: number, width: number, height: number): Map<string, Point> {
  const out = new Map<string, Point>();
  const byTable = new Map<number, string[]>();
  for (const n of nodes) {
    const t = n.table >= 1 && n.table <= tables ? n.table : 0;
    let list = byTable.get(t);
    if (!list) byTable.set(t, (list = []));
    list.push(n.id);
  }
  const cx = width / 2;
  const cy = height / 2;
  const ring = Math.min(width, height) * (tables <= 1 ? 0 : 0.3);
  const cluster = Math.min(width, height) * (tables <= 1 ? 0.4 : tables <= 4 ? 0.16 : 0.12);
  for (const [t, ids] of byTable) {
    ids.sort();
    let ox = cx;
    let oy = cy;
    if (t > 0 && tables > 1) {
      const a = -Math.PI / 2 + (2 * Math.PI * (t - 1)) / tables;
      ox = cx + ring * Math.cos(a);
      oy = cy + ring * Math.sin(a);
    }
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
