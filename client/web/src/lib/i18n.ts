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
  tent_title: ['Rejoindre l’atelier pour votre entreprise', 'Join the workshop for your company'],
  tent_hint: ['Le QR code du chevalet de votre table vous inscrit pour votre entreprise.', 'The QR code on your table tent signs you in for your company.'],
  tent_join: ['Rejoindre', 'Join'],
  tents_only: ['Scannez le QR code du chevalet posé sur votre table : il vous inscrit pour votre entreprise.', 'Scan the QR code on the tent on your table: it signs you in for your company.'],
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
  // Tablet.
  join_hint: ['Saisissez le code affiché à l’écran, ou scannez son QR code avec l’appareil photo.', 'Type the code shown on screen, or scan its QR code with the camera.'],
  join_offline: ['Pas de réseau : nouvel essai dès que le Wi-Fi revient.', 'No network: trying again as soon as Wi-Fi is back.'],
  search_company: ['Rechercher votre entreprise', 'Search for your company'],
  no_company: ['Aucune entreprise ne correspond.', 'No company matches.'],
  your_table: ['Votre table', 'Your table'],
  table_none: ['Pas de table', 'No table'],
  planned: ['prévue', 'planned'],
  back: ['Retour', 'Back'],
  joining: ['Connexion à l’atelier…', 'Joining the workshop…'],
  kind_label: ['Je publie', 'I post'],
  category: ['Catégorie', 'Category'],
  text_label: ['En quelques mots', 'In a few words'],
  suggestions: ['Suggestions', 'Suggestions'],
  tab_post: ['Publier', 'Post'],
  tab_matches: ['Correspondances', 'Matches'],
  tab_table: ['Ma table', 'My table'],
  waiting: ['En attente d’envoi', 'Waiting to be sent'],
  edit_waiting: ['Modification en attente', 'Edit waiting'],
  withdraw_waiting: ['Retrait en attente', 'Withdrawal waiting'],
  cancel_send: ['Ne pas envoyer', 'Don’t send'],
  refused: ['Refusée par le serveur', 'Refused by the server'],
  retry: ['Réessayer', 'Retry'],
  discard: ['Abandonner', 'Discard'],
  confirm_withdraw: ['Retirer cette carte ? Elle disparaîtra de la salle et de vos correspondances.', 'Withdraw this card? It will disappear from the room and from your matches.'],
  confirm_leave: ['Quitter cette entreprise sur cette tablette ?', 'Leave this company on this tablet?'],
  confirm_leave_pending: ['actions pas encore envoyées seront perdues. Quitter quand même ?', 'actions not sent yet will be lost. Leave anyway?'],
  withdrawn_ok: ['Carte retirée', 'Card withdrawn'],
  withdrawn_by_facilitator: ['L’animateur a retiré votre carte', 'The facilitator withdrew your card'],
  dismiss: ['Compris', 'Got it'],
  saved_ok: ['Modification enregistrée', 'Change saved'],
  editing: ['Modification de la carte', 'Editing card'],
  waste_invalid: ['Code déchet : six chiffres, par exemple 15 01 03 (astérisque si dangereux).', 'Waste code: six digits, e.g. 15 01 03 (asterisk if hazardous).'],
  qty_invalid: ['La quantité doit être un nombre positif.', 'Quantity must be a positive number.'],
  you_interested: ['Vous êtes intéressé', 'You are interested'],
  you_not_relevant: ['Vous avez jugé non pertinent', 'You marked it not relevant'],
  partner_interested: ['est intéressé', 'is interested'],
  partner_contact: ['Pour joindre', 'To reach'],
  waiting_partner: ['En attente de la réponse de', 'Waiting for the answer of'],
  synergy_title: ['Synergie !', 'Synergy!'],
  synergy_body: ['Vous êtes tous deux intéressés. Allez voir', 'You are both interested. Go and meet'],
  synergy_table: ['table', 'table'],
  synergy_by_facilitator: ['L’animateur propose une synergie avec', 'The facilitator proposes a synergy with'],
  see: ['Voir', 'See'],
  close: ['Fermer', 'Close'],
  new_match: ['Nouvelle correspondance', 'New match'],
  earlier_workshop: ['Atelier précédent', 'Earlier workshop'],
  earlier_matches: ['Avec les ateliers précédents', 'With earlier workshops'],
  new_badge: ['Nouveau', 'New'],
  their_card: ['Sa carte', 'Their card'],
  your_card: ['Votre carte', 'Your card'],
  my_synergies: ['Mes synergies', 'My synergies'],
  paused_banner: ['L’animateur a mis l’atelier en pause.', 'The facilitator paused the workshop.'],
  closed_banner: ['L’atelier est clos : lecture seule.', 'The workshop is closed: read only.'],
  stopped_kicked: ['Cette tablette a été déconnectée par l’animateur.', 'This tablet was disconnected by the facilitator.'],
  stopped_closed: ['L’atelier est clos.', 'The workshop is closed.'],
  session_lost: ['Session inconnue du serveur : rejoignez à nouveau avec le code.', 'The server does not know this session: join again with the code.'],
  reconnect_now: ['Reconnecter', 'Reconnect'],
  freq_none: ['—', '—'],
  freq_day: ['par jour', 'per day'],
  freq_week: ['par semaine', 'per week'],
  freq_month: ['par mois', 'per month'],
  freq_year: ['par an', 'per year'],
  freq_once: ['ponctuel', 'one-off'],
  all_year: ['Toute l’année', 'All year'],
  cards_count: ['cartes', 'cards'],
  table_moved: ['L’animateur vous a placé à la table', 'The facilitator moved you to table'],
  resumed: ['L’atelier reprend.', 'The workshop resumes.'],
  // Board and replay.
  tables: ['Tables', 'Tables'],
  who_title: ['Qui va voir qui', 'Who meets whom'],
  who_confirmed: ['confirmée', 'confirmed'],
  who_mutual: ['intérêt mutuel', 'mutual interest'],
  who_none: ['Aucune synergie n’a été confirmée.', 'No synergy was confirmed.'],
  results_title: ['Atelier clos', 'Workshop closed'],
  results_thanks: ['merci !', 'thank you!'],
  board_closed_status: ['Atelier clos', 'Workshop closed'],
  board_closed_cached: ['Résultats gardés par cet écran à la clôture.', 'Results kept by this screen at the close.'],
  board_closed_gone: ['L’atelier est clos ; ses résultats sont dans le bilan de l’animateur.', 'The workshop is closed; its results are in the facilitator’s report.'],
  board_paused: ['Pause — les saisies sont gelées', 'Pause — inputs are frozen'],
  board_no_code: ['Ajoutez #code=… à l’adresse.', 'Add #code=… to the address.'],
  replay: ['relecture', 'replay'],
  time_left: ['restantes', 'left'],
  // Home page.
  home_tagline: ['Ateliers d’affaires d’écologie industrielle et territoriale.', 'Industrial and territorial ecology business workshops.'],
  home_board: ['Écran projeté : /board.html#code=CODE · Console animateur : le lien affiché au démarrage du serveur, ou la ', 'Projected board: /board.html#code=CODE · Facilitator console: the link printed when the server starts, or the '],
  home_admin: ['page d’administration', 'administration page'],
  home_admin_after: [' (créer et gérer les ateliers).', ' (create and manage workshops).'],
};

// Words that change with a count, by the language's plural rules
// (Intl.PluralRules: French says « 0 carte », « 1 carte », « 2 cartes »).
const plurals: Record<string, Record<Lang, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>> = {
  cards: { fr: { one: 'carte', other: 'cartes' }, en: { one: 'card', other: 'cards' } },
  companies: { fr: { one: 'entreprise', other: 'entreprises' }, en: { one: 'company', other: 'companies' } },
  matches: { fr: { one: 'correspondance', other: 'correspondances' }, en: { one: 'match', other: 'matches' } },
  synergies: { fr: { one: 'synergie', other: 'synergies' }, en: { one: 'synergy', other: 'synergies' } },
  realised: { fr: { one: 'réalisée', other: 'réalisées' }, en: { one: 'realised', other: 'realised' } },
  workshops_held: { fr: { one: 'atelier tenu', other: 'ateliers tenus' }, en: { one: 'workshop held', other: 'workshops held' } },
  offers: { fr: { one: 'offre', other: 'offres' }, en: { one: 'offer', other: 'offers' } },
  needs: { fr: { one: 'besoin', other: 'besoins' }, en: { one: 'need', other: 'needs' } },
  pending: { fr: { one: 'en attente d’envoi', other: 'en attente d’envoi' }, en: { one: 'waiting to be sent', other: 'waiting to be sent' } },
  minutes: { fr: { one: 'minute', other: 'minutes' }, en: { one: 'minute', other: 'minutes' } },
};
const pluralRules = new Map<Lang, Intl.PluralRules>();

// `inLang` names the language for a page written in one language only (the report).
export function pluralWord(key: string, n: number, inLang: Lang = lang): string {
  const forms = plurals[key]?.[inLang];
  if (!forms) return t(key);
  let rules = pluralRules.get(inLang);
  if (!rules) pluralRules.set(inLang, (rules = new Intl.PluralRules(inLang === 'fr' ? 'fr-FR' : 'en-GB')));
  return forms[rules.select(n)] ?? forms.other;
}

// « 1 réalisée », « 2 réalisées », « 1 234 cartes »: the number as the reader writes it, then the word.
export function plural(key: string, n: number): string {
  return `${formatNumber(n)} ${pluralWord(key, n)}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
}

// A date in the reader's language (« 14 mars 2025 »), from "YYYY-MM-DD", milliseconds or a Date.
export function formatDate(d: string | number | Date, withTime = false): string {
  let date: Date;
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) return d;
    date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  } else date = new Date(d);
  return date.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric', month: 'long', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

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
  [ErrorCode.PAUSED]: ['L’animateur a mis l’atelier en pause.', 'The facilitator paused the workshop.'],
  [ErrorCode.WORKSHOP_CLOSED]: ['L’atelier est clos.', 'The workshop is closed.'],
  [ErrorCode.QUOTA]: ['Trop de cartes : retirez-en avant d’en publier d’autres.', 'Too many cards: withdraw some before posting more.'],
  [ErrorCode.INTERNAL]: ['Erreur du serveur : rien n’a été enregistré, réessayez.', 'Server error: nothing was saved, try again.'],
};

// The server's message is French; in English, a translation where we have one.
export function errorText(code: ErrorCode, serverMessage: string): string {
  const e = errors[code];
  if (lang === 'en' && e) return e[1];
  return serverMessage || (e ? e[0] : 'Erreur');
}
