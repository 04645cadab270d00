// Closed vocabularies that come from the protocol: the list is the enum of atelier.proto, the
// id on the wire is derived from the value's name, and this file only gives the labels (the
// Record over the enum makes a missing label a compile error).
import { AbandonReason } from '../gen/atelier/v1/atelier_pb';

type Reason = Exclude<AbandonReason, AbandonReason.UNSPECIFIED>;

const ABANDON_LABELS: Record<Reason, [string, string]> = {
  [AbandonReason.TECHNIQUE]: ['Technique', 'Technical'],
  [AbandonReason.REGLEMENTAIRE]: ['Réglementaire', 'Regulatory'],
  [AbandonReason.ECONOMIQUE]: ['Économique / transport', 'Economics / transport'],
  [AbandonReason.VOLUME]: ['Volume', 'Volume'],
  [AbandonReason.CALENDRIER]: ['Calendrier', 'Timing'],
  [AbandonReason.PLUS_DE_CONTACT]: ['Plus de contact', 'Lost contact'],
  [AbandonReason.PARTENAIRE_RETIRE]: ['Partenaire retiré', 'Partner withdrew'],
  [AbandonReason.DOUBLON]: ['Doublon', 'Duplicate'],
};

// ABANDON_REASON_PLUS_DE_CONTACT -> "plus_de_contact", as Synergy.abandon_reason carries it.
export function abandonReasonId(r: AbandonReason): string {
  return AbandonReason[r].toLowerCase();
}

// [id, French, English] in the protocol's order.
export const ABANDON_REASONS: [string, string, string][] = (Object.keys(ABANDON_LABELS) as unknown as string[])
  .map(Number)
  .sort((a, b) => a - b)
  .map((r) => [abandonReasonId(r), ...ABANDON_LABELS[r as Reason]]);

// The label of an id in `lang`; the id itself when unknown (an older or newer server).
export function abandonReasonLabel(id: string, lang: 'fr' | 'en'): string {
  const r = ABANDON_REASONS.find((x) => x[0] === id);
  return r ? (lang === 'fr' ? r[1] : r[2]) : id;
}
