// Shared by the pages used after the workshop (replay, follow-up, report):
// the facilitator token, authenticated requests to the server, the workshop's
// event log, and charts drawn as inline SVG (no chart library, no CDN).
import { fromBinary } from '@bufbuild/protobuf';
import { EventBatchSchema, SynergyKind, SynergyStatus, type Event } from '../gen/atelier/v1/atelier_pb';
import { takeFragment } from './dom';
import { WorkshopView } from './state';

const TOKEN_KEY = 'atelier.facilitator.token';

// The facilitator token: from `#token=` (then forgotten by the URL), else the tab's session.
export function facilitatorToken(): string {
  const t = takeFragment('token') ?? sessionStorage.getItem(TOKEN_KEY) ?? sessionStorage.getItem('atelier.console.token') ?? '';
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  return t;
}

export async function api(token: string, path: string): Promise<Response> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${res.status} ${(await res.text()).trim()}`);
  return res;
}

export interface Me {
  workshop_id: string;
  title: string;
  date: string;
  territory: string;
  seq: string;
}

export async function whoAmI(token: string): Promise<Me> {
  return (await api(token, '/api/me')).json() as Promise<Me>;
}

// The committed log of the workshop, seq 1..n.
export async function loadEvents(token: string, workshopId: string): Promise<Event[]> {
  const res = await api(token, `/api/workshops/${encodeURIComponent(workshopId)}/events`);
  return fromBinary(EventBatchSchema, new Uint8Array(await res.arrayBuffer())).events;
}

export function foldAll(events: Event[], upTo = events.length): WorkshopView {
  const v = new WorkshopView();
  for (let i = 0; i < upTo; i++) v.apply(events[i]);
  return v;
}

// Saves `path` (an authenticated download) under `filename`.
// `filename` unless the server names the file (Content-Disposition: the exports'
// « atelier-<titre>-<date>-… » names).
export async function download(token: string, path: string, filename: string): Promise<void> {
  const res = await api(token, path);
  const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '');
  if (named) filename = named[1];
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const STATUS_ORDER: SynergyStatus[] = [
  SynergyStatus.POTENTIAL, SynergyStatus.IN_DISCUSSION, SynergyStatus.IN_PROGRESS,
  SynergyStatus.REALISED, SynergyStatus.ABANDONED,
];
export const STATUS_LABELS: Record<number, [string, string]> = {
  [SynergyStatus.POTENTIAL]: ['Idée', 'Idea'],
  [SynergyStatus.IN_DISCUSSION]: ['En discussion', 'In discussion'],
  [SynergyStatus.IN_PROGRESS]: ['En cours', 'In progress'],
  [SynergyStatus.REALISED]: ['Réalisée', 'Realised'],
  [SynergyStatus.ABANDONED]: ['Abandonnée', 'Abandoned'],
};
export { ABANDON_REASONS } from './vocab';
export const KIND_COLOURS: Record<number, string> = {
  [SynergyKind.SUBSTITUTION]: '#1f77b4',
  [SynergyKind.MUTUALISATION]: '#2ca02c',
  [SynergyKind.ESS_BRIDGE]: '#c62828',
};
export const IMPACT_FIELDS = [
  ['Tonnes', 'tonnes', 't'],
  ['Euros', 'euros', '€'],
  ['Co2e', 'co2e', 't CO2e'],
  ['Jobs', 'jobs', 'emplois'],
  ['WaterM3', 'water_m3', 'm³'],
] as const;

export function fr(n: number, digits = 1): string {
  return n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
}

const SVG = 'http://www.w3.org/2000/svg';
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

// The network of companies: grey lines for suggestions, thick coloured ones for synergies.
export function networkSvg(view: WorkshopView, opts: { dark?: boolean; size?: number } = {}): SVGSVGElement {
  const W = opts.size ?? 420;
  const H = W;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Réseau des synergies / synergy network', class: 'network' });
  const ids = [...view.companies.keys()];
  const pos = new Map<string, [number, number]>();
  const R = W / 2 - 75; // room for the labels at the sides
  ids.forEach((id, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, ids.length) - Math.PI / 2;
    pos.set(id, [W / 2 + R * Math.cos(a), H / 2 + R * Math.sin(a)]);
  });
  const line = (a: string, b: string, colour: string, strong: boolean) => {
    const pa = pos.get(a);
    const pb = pos.get(b);
    if (!pa || !pb) return;
    svg.append(svgEl('line', { x1: pa[0], y1: pa[1], x2: pb[0], y2: pb[1], stroke: colour, 'stroke-width': strong ? 4 : 1.5, 'stroke-opacity': strong ? 0.9 : 0.45 }));
  };
  for (const m of view.matches.values()) for (let i = 1; i < m.companyIds.length; i++) line(m.companyIds[0], m.companyIds[i], '#888', false);
  for (const s of view.synergies.values()) {
    if (s.status === SynergyStatus.ABANDONED) continue;
    for (let i = 1; i < s.companyIds.length; i++) line(s.companyIds[0], s.companyIds[i], KIND_COLOURS[s.kind] ?? '#888', true);
  }
  for (const id of ids) {
    const [x, y] = pos.get(id)!;
    const c = view.companies.get(id)!;
    const dot = svgEl('circle', { cx: x, cy: y, r: 7, fill: c.ess ? '#c62828' : opts.dark ? '#dfe6ee' : '#334' });
    dot.append(svgEl('title', {}, c.name));
    svg.append(dot);
    svg.append(svgEl('text', { x, y: y - 11, 'text-anchor': 'middle', class: opts.dark ? 'graph-label' : 'network-label' },
      c.name.length > 20 ? `${c.name.slice(0, 19)}…` : c.name));
  }
  return svg;
}
