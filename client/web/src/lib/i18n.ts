// French first, English second. The choice is kept on the device.
import { ErrorCode } from '../gen/atelier/v1/atelier_pb';

export type Lang = 'fr' | 'en';
let lang: Lang = (localStorage.getItem('atelier.lang') as Lang) === 'en' ? 'en' : 'fr';

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('atelier.lang', l);
  document.documentElement.lang = l;
}

const dict: Record<string, [string, string]> = {
  app: ['Atelier', 'Atelier'],
  offer: ['Offre', 'Offer'],
  need: ['Besoin', 'Need'],
  offers: ['Offres', 'Offers'],
  needs: ['Besoins', 'Needs'],
  join_title: ['Rejoindre l’atelier', 'Join the workshop'],
  code: ['Code de l’atelier', 'Workshop code'],
  next: ['Continuer', 'Continue'],
  pick_company: ['Votre entreprise', 'Your company'],
  your_name: ['Votre prénom (facultatif)', 'Your first name (optional)'],
  join: ['Rejoindre', 'Join'],
  table: ['Table', 'Table'],
  post: ['Publier', 'Post'],
  post_title: ['Nouvelle carte', 'New card'],
  text_placeholder: ['Ex. : palettes bois, 200/mois', 'E.g. wooden pallets, 200/month'],
  quantity: ['Quantité', 'Quantity'],
  unit: ['Unité', 'Unit'],
  frequency: ['Fréquence', 'Frequency'],
  months: ['Mois de disponibilité', 'Months available'],
  availability: ['Disponibilité (texte libre)', 'Availability (free text)'],
  waste_code: ['Code déchet (facultatif)', 'Waste code (optional)'],
  visibility: ['Visibilité', 'Visibility'],
  vis_room: ['Toute la salle', 'Whole room'],
  vis_facilitators: ['Animateurs seulement', 'Facilitators only'],
  vis_anonymous: ['Anonyme', 'Anonymous'],
  details: ['Détails (facultatif)', 'Details (optional)'],
  my_cards: ['Mes cartes', 'My cards'],
  table_cards: ['Cartes de ma table', 'My table’s cards'],
  room_cards: ['Toutes les cartes', 'All cards'],
  my_matches: ['Mes correspondances', 'My matches'],
  no_cards: ['Aucune carte pour l’instant.', 'No cards yet.'],
  no_matches: ['Pas encore de correspondance : publiez vos offres et besoins.', 'No match yet: post your offers and needs.'],
  withdraw: ['Retirer', 'Withdraw'],
  edit: ['Modifier', 'Edit'],
  save: ['Enregistrer', 'Save'],
  cancel: ['Annuler', 'Cancel'],
  interested: ['Intéressé', 'Interested'],
  not_relevant: ['Pas pertinent', 'Not relevant'],
  online: ['Connecté', 'Connected'],
  connecting: ['Connexion…', 'Connecting…'],
  reconnecting: ['Reconnexion…', 'Reconnecting…'],
  offline: ['Hors ligne', 'Offline'],
  stopped: ['Déconnecté', 'Disconnected'],
  pending: ['en attente d’envoi', 'waiting to be sent'],
  posted: ['Carte publiée', 'Card posted'],
  queued_offline: ['Carte gardée sur la tablette : elle partira à la reconnexion.', 'Card kept on the tablet: it will be sent on reconnect.'],
  leave: ['Changer d’entreprise', 'Switch company'],
  companies: ['entreprises', 'companies'],
  cards: ['cartes', 'cards'],
  matches: ['correspondances', 'matches'],
  synergies: ['synergies', 'synergies'],
  board_join: ['Rejoignez avec le code', 'Join with code'],
  round: ['Tour', 'Round'],
  score: ['Score', 'Score'],
  kind_substitution: ['Substitution', 'Substitution'],
  kind_mutualisation: ['Mutualisation', 'Pooling'],
  kind_ess_bridge: ['Passerelle ESS', 'Social economy bridge'],
  synergy_proposed: ['Synergie proposée', 'Synergy proposed'],
  hazardous: ['Déchet dangereux', 'Hazardous waste'],
  required_text: ['Écrivez quelques mots.', 'Write a few words.'],
  required_category: ['Choisissez une catégorie.', 'Pick a category.'],
};

export function t(key: string): string {
  const e = dict[key];
  if (!e) return key;
  return lang === 'fr' ? e[0] : e[1];
}

export const CATEGORIES: { id: string; icon: string; fr: string; en: string }[] = [
  { id: 'matiere', icon: '🪵', fr: 'Matières', en: 'Materials' },
  { id: 'dechet', icon: '♻️', fr: 'Déchets', en: 'Waste' },
  { id: 'energie', icon: '🔥', fr: 'Énergie', en: 'Energy' },
  { id: 'eau', icon: '💧', fr: 'Eau', en: 'Water' },
  { id: 'equipement', icon: '🚜', fr: 'Équipements', en: 'Equipment' },
  { id: 'espace', icon: '🏭', fr: 'Espaces', en: 'Space' },
  { id: 'logistique', icon: '🚚', fr: 'Logistique', en: 'Logistics' },
  { id: 'service', icon: '🛡️', fr: 'Services', en: 'Services' },
  { id: 'rh', icon: '👷', fr: 'Compétences, emploi', en: 'Skills, staff' },
  { id: 'achat', icon: '🛒', fr: 'Achats', en: 'Purchasing' },
  { id: 'formation', icon: '🎓', fr: 'Formation', en: 'Training' },
];

export function categoryLabel(id: string): string {
  const c = CATEGORIES.find((x) => x.id === id);
  if (!c) return id;
  return `${c.icon} ${lang === 'fr' ? c.fr : c.en}`;
}

export const MONTHS_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function monthLabel(m: number): string {
  return (lang === 'fr' ? MONTHS_FR : MONTHS_EN)[m - 1] ?? String(m);
}

const errors: Partial<Record<ErrorCode, [string, string]>> = {
  [ErrorCode.BAD_CODE]: ['Code inconnu : vérifiez le code affiché à l’écran.', 'Unknown code: check the code on screen.'],
  [ErrorCode.JOINS_LOCKED]: ['Les inscriptions sont fermées : demandez à l’animateur.', 'Joining is locked: ask the facilitator.'],
  [ErrorCode.RATE_LIMITED]: ['Un instant : trop de messages.', 'One moment: too many messages.'],
  [ErrorCode.TOO_MANY_ATTEMPTS]: ['Trop de codes erronés. Réessayez plus tard.', 'Too many wrong codes. Try again later.'],
};

// The server's message is French; in English, a translation where we have one.
export function errorText(code: ErrorCode, serverMessage: string): string {
  const e = errors[code];
  if (lang === 'en' && e) return e[1];
  return serverMessage || (e ? e[0] : 'Erreur');
}
