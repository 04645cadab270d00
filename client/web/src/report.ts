// Report page: the workshop's key figures, charts by kind, status and domain,
// estimated and verified impact, and the synergy network — printable (and
// saved as PDF through the browser's print dialog). Charts are inline SVG.
import { CardKind, SynergyKind, SynergyStatus } from './gen/atelier/v1/atelier_pb';
import { IMPACT_FIELDS, KIND_COLOURS, STATUS_LABELS, STATUS_ORDER, api, barChart, facilitatorToken, foldAll, fr, loadEvents, networkSvg, whoAmI } from './lib/after';
import { $, h } from './lib/dom';
import { CATEGORIES, formatDate, pluralWord, setLang } from './lib/i18n';
import { facilitatorNav } from './lib/nav';
import type { WorkshopView } from './lib/state';
import { synergyKindLabel } from './lib/ui';

setLang('fr');
const token = facilitatorToken();
const app = $('#app');

function figure(value: number | string, label: string, id: string): HTMLElement {
  return h('div', { class: 'figure', 'data-figure': id }, h('strong', {}, typeof value === 'number' ? fr(value) : value), h('span', {}, label));
}

function render(view: WorkshopView, workshopsHeld: number): void {
  const cards = view.liveCards();
  const synergies = [...view.synergies.values()];
  const engaged = new Set<string>([...cards.map((c) => c.companyId), ...synergies.flatMap((s) => s.companyIds)].filter(Boolean));
  const count = (st: SynergyStatus) => synergies.filter((s) => s.status === st).length;
  const live = synergies.filter((s) => s.status !== SynergyStatus.ABANDONED);
  const total = (prefix: string, field: string) => live.reduce((a, s) => a + ((s as unknown as Record<string, number>)[`${prefix}${field}`] ?? 0), 0);
  const info = view.info;
  const printBtn = h('button', { type: 'button', class: 'primary no-print', id: 'print' }, 'Imprimer / PDF');
  printBtn.addEventListener('click', () => window.print());
  const kinds = [SynergyKind.SUBSTITUTION, SynergyKind.MUTUALISATION, SynergyKind.ESS_BRIDGE];
  const bases = live.filter((s) => s.impactBasis).map((s) => h('li', {}, h('strong', {}, `${s.title || s.id} : `), s.impactBasis));
  app.append(
    facilitatorNav('report', token),
    h('header', { class: 'report-head' },
      h('div', {},
        h('h1', {}, info?.title ?? 'Atelier'),
        h('p', { class: 'muted' }, [info?.date, info?.venue, info?.territory].filter(Boolean).join(' · ')),
        h('p', { class: 'muted small' }, `Bilan établi le ${formatDate(Date.now())} · ${view.seq} évènements`)),
      printBtn),
    h('section', { class: 'figures', 'aria-label': 'Chiffres clés' },
      figure(engaged.size, 'entreprises engagées', 'companies'),
      figure(workshopsHeld, `${pluralWord('workshops_held', workshopsHeld, 'fr')} sur le territoire`, 'workshops'),
      figure(cards.filter((c) => c.kind === CardKind.OFFER).length, pluralWord('offers', cards.filter((c) => c.kind === CardKind.OFFER).length, 'fr'), 'offers'),
      figure(cards.filter((c) => c.kind === CardKind.NEED).length, pluralWord('needs', cards.filter((c) => c.kind === CardKind.NEED).length, 'fr'), 'needs'),
      figure(synergies.length, 'synergies identifiées', 'identified'),
      figure(count(SynergyStatus.IN_DISCUSSION) + count(SynergyStatus.IN_PROGRESS), 'en discussion ou en cours', 'in_progress'),
      figure(count(SynergyStatus.REALISED), pluralWord('realised', count(SynergyStatus.REALISED), 'fr'), 'realised')),
    h('section', { class: 'report-section' },
      h('h2', {}, 'Impact annuel (synergies non abandonnées)'),
      h('table', { class: 'impact-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'Estimé'), h('th', {}, 'Vérifié'))),
        h('tbody', {}, ...IMPACT_FIELDS.map(([f, name, unit]) => h('tr', { 'data-impact': name },
          h('th', {}, { Tonnes: 'Tonnes détournées', Euros: 'Euros économisés ou gagnés', Co2e: 't CO2e évitées', Jobs: 'Emplois créés ou maintenus', WaterM3: 'm³ d’eau économisés' }[f] + ` (${unit})`),
          h('td', {}, fr(total('estimated', f))), h('td', {}, fr(total('verified', f))))))),
      bases.length ? h('div', {}, h('h3', {}, 'Bases de calcul'), h('ul', { class: 'bases' }, ...bases)) : null),
    h('div', { class: 'report-charts' },
      h('section', { class: 'report-section chart-box', id: 'chart-kind' },
        h('h2', {}, 'Synergies par type'),
        barChart(kinds.map((k) => ({ label: synergyKindLabel(k), value: synergies.filter((s) => s.kind === k).length, colour: KIND_COLOURS[k] })), 'Synergies par type')),
      h('section', { class: 'report-section chart-box', id: 'chart-status' },
        h('h2', {}, 'Synergies par statut'),
        barChart(STATUS_ORDER.map((st) => ({ label: STATUS_LABELS[st][0], value: count(st), colour: st === SynergyStatus.ABANDONED ? '#8a8f96' : '#1f6f50' })), 'Synergies par statut')),
      h('section', { class: 'report-section chart-box wide', id: 'chart-domain' },
        h('h2', {}, 'Cartes par domaine'),
        barChart(CATEGORIES.map((c) => ({ label: c.fr, value: cards.filter((x) => x.category === c.id).length })).filter((r) => r.value > 0), 'Cartes par domaine'))),
    h('section', { class: 'report-section network-box', id: 'network' },
      h('h2', {}, 'Réseau des synergies'),
      h('p', { class: 'muted small' }, 'Traits épais : synergies (bleu substitution, vert mutualisation, rouge passerelle ESS) ; fins : suggestions. Points rouges : structures de l’ESS.'),
      networkSvg(view, { size: 620 })),
    h('section', { class: 'report-section' },
      h('h2', {}, 'Liste des synergies'),
      h('table', { class: 'synergy-table' },
        h('thead', {}, h('tr', {}, ...['Synergie', 'Type', 'Entreprises', 'Statut', 'Prochaine action'].map((x) => h('th', {}, x)))),
        h('tbody', {}, ...synergies.map((s) => h('tr', {},
          h('td', {}, s.title || s.id), h('td', {}, synergyKindLabel(s.kind)),
          h('td', {}, s.companyIds.map((id) => view.companyName(id)).join(', ')),
          h('td', {}, STATUS_LABELS[s.status]?.[0] ?? ''),
          h('td', {}, [s.nextAction, s.nextActionDate].filter(Boolean).join(' — '))))))));
}

async function main(): Promise<void> {
  if (!token) {
    app.append(h('p', { class: 'error' }, 'Lien animateur incomplet : ajoutez #token=… / Incomplete facilitator link.'));
    return;
  }
  try {
    const me = await whoAmI(token);
    const events = await loadEvents(token, me.workshop_id);
    let held = 1;
    try {
      const list = (await (await api(token, `/api/territory/workshops?territory=${encodeURIComponent(me.territory)}`)).json()) as unknown[];
      held = Math.max(1, list.length);
    } catch {
      // A workshop without a territory counts alone.
    }
    render(foldAll(events), held);
    document.body.dataset.ready = '1';
  } catch (e) {
    app.append(h('p', { class: 'error', role: 'alert' }, `Bilan impossible : ${(e as Error).message}`));
  }
}
void main();
