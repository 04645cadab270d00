// Pieces of interface shared by the pages: connection badge, language switch,
// card and match rendering. Text from users only ever goes through textContent.
import { CardKind, type Card, type EarlierCard, type Match, SynergyKind } from '../gen/atelier/v1/atelier_pb';
import type { Status } from './client';
import { h } from './dom';
import { categoryLabel, currentLang, monthLabel, setLang, t } from './i18n';
import type { WorkshopView } from './state';

export function statusBadge(): { el: HTMLElement; set(s: Status, pending: number): void } {
  const el = h('span', { class: 'status status-connecting', role: 'status', 'aria-live': 'polite' });
  return {
    el,
    set(s, pending) {
      el.className = `status status-${s}`;
      el.textContent = t(s) + (pending > 0 ? ` · ${pending} ${t('pending')}` : '');
      el.dataset.status = s;
      el.dataset.pending = String(pending);
    },
  };
}

export function langSwitch(onChange: () => void): HTMLElement {
  const b = h('button', { class: 'lang', type: 'button' });
  const label = () => (b.textContent = currentLang() === 'fr' ? 'EN' : 'FR');
  label();
  b.addEventListener('click', () => {
    setLang(currentLang() === 'fr' ? 'en' : 'fr');
    label();
    onChange();
  });
  return b;
}

export function kindLabel(k: CardKind): string {
  return k === CardKind.OFFER ? t('offer') : t('need');
}

export function synergyKindLabel(k: SynergyKind): string {
  switch (k) {
    case SynergyKind.SUBSTITUTION:
      return t('kind_substitution');
    case SynergyKind.MUTUALISATION:
      return t('kind_mutualisation');
    case SynergyKind.ESS_BRIDGE:
      return t('kind_ess_bridge');
    default:
      return '';
  }
}

export function formatQuantity(c: Card): string {
  if (!c.hasQuantity) return '';
  const n = c.quantity.toLocaleString(currentLang() === 'fr' ? 'fr-FR' : 'en-GB');
  return [n, c.unit, frequencyLabel(c.frequency)].filter(Boolean).join(' ');
}

// Frequencies are stored in French words ("mois"); shown in the reader's language.
const FREQUENCY_EN: Record<string, string> = { jour: 'day', semaine: 'week', mois: 'month', an: 'year' };
export function frequencyLabel(f: string): string {
  if (!f) return '';
  if (f === 'ponctuel') return currentLang() === 'fr' ? '(ponctuel)' : '(one-off)';
  return `/ ${currentLang() === 'en' ? (FREQUENCY_EN[f] ?? f) : f}`;
}

export function cardView(view: WorkshopView, c: Card, actions?: HTMLElement): HTMLElement {
  const company = c.companyId ? view.companyName(c.companyId) : t('vis_anonymous');
  const months = c.months.length ? c.months.map(monthLabel).join(', ') : '';
  return h(
    'article',
    {
      class: `card card-${c.kind === CardKind.OFFER ? 'offer' : 'need'}${c.withdrawn ? ' withdrawn' : ''}`,
      'data-card': c.id,
    },
    h('div', { class: 'card-head' },
      h('span', { class: 'card-kind' }, kindLabel(c.kind)),
      h('span', { class: 'card-cat' }, categoryLabel(c.category)),
    ),
    h('p', { class: 'card-text' }, c.text),
    h('div', { class: 'card-meta' },
      h('span', { class: 'card-company' }, company),
      formatQuantity(c) ? h('span', { class: 'card-qty' }, formatQuantity(c)) : null,
      months ? h('span', { class: 'card-months' }, months) : null,
      c.availability ? h('span', { class: 'card-avail' }, c.availability) : null,
      c.wasteCode ? h('span', { class: 'card-waste' }, c.wasteCode) : null,
      c.hazardous ? h('span', { class: 'card-hazard' }, `⚠ ${t('hazardous')}`) : null,
    ),
    actions ?? null,
  );
}

export function matchTitle(view: WorkshopView, m: Match, exceptCompany = ''): string {
  const names = m.companyIds.filter((id) => id !== exceptCompany).map((id) => view.companyName(id));
  return [...names.filter(Boolean), ...m.earlierCards.map(earlierLabel)].join(', ') || t('vis_anonymous');
}

// "2025-03-14" as people read it; anything else as typed.
function workshopDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    .toLocaleDateString(currentLang() === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

// « Atelier précédent : <titre> (<date>) — <entreprise> »: a card of an
// earlier workshop of the territory, which this workshop cannot edit.
export function earlierLabel(e: EarlierCard): string {
  const date = e.workshopDate ? ` (${workshopDate(e.workshopDate)})` : '';
  const company = e.companyName || t('vis_anonymous');
  return `${t('earlier_workshop')} : ${e.workshopTitle}${date} — ${company}`;
}
