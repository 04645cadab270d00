// WorkshopView: the client's copy of a workshop — a snapshot, then every event
// folded in order, exactly as the server folds them (server/workshop/state.cpp).
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { SnapshotSchema } from '../gen/atelier/v1/atelier_pb';
import type {
  Card,
  Company,
  Event,
  Match,
  Participant,
  Reaction,
  Snapshot,
  Synergy,
  WorkshopInfo,
} from '../gen/atelier/v1/atelier_pb';

export class WorkshopView {
  info?: WorkshopInfo;
  seq = 0n;
  companies = new Map<string, Company>();
  cards = new Map<string, Card>(); // insertion order = posting order
  matches = new Map<string, Match>();
  synergies = new Map<string, Synergy>();
  participants = new Map<string, Participant>();
  reactions = new Map<string, Map<string, Reaction>>();

  load(s: Snapshot): void {
    this.info = s.workshop;
    this.seq = s.seq;
    this.companies = new Map(s.companies.map((c) => [c.id, c]));
    this.cards = new Map(s.cards.map((c) => [c.id, c]));
    this.matches = new Map(s.matches.map((m) => [m.key, m]));
    this.synergies = new Map(s.synergies.map((x) => [x.id, x]));
    this.participants = new Map(s.participants.map((p) => [p.id, p]));
    this.reactions = new Map();
    for (const r of s.reactions) this.react(r.matchKey, r.companyId, r.reaction);
  }

  apply(e: Event): void {
    this.seq = e.seq;
    const b = e.body;
    switch (b.case) {
      case 'workshopCreated':
      case 'workshopUpdated':
        this.info = b.value.workshop;
        break;
      case 'companyUpserted':
        if (b.value.company) this.companies.set(b.value.company.id, b.value.company);
        break;
      case 'participantJoined':
        if (b.value.participant) this.participants.set(b.value.participant.id, b.value.participant);
        break;
      case 'participantRevoked': {
        const p = this.participants.get(b.value.participantId);
        if (p) p.revoked = true;
        break;
      }
      case 'companyDataErased': {
        // RGPD erasure: the company's contact and its people's names leave this view too.
        const c = this.companies.get(b.value.companyId);
        if (c) c.contact = '';
        for (const p of this.participants.values()) if (p.companyId === b.value.companyId) p.name = '';
        break;
      }
      case 'cardPosted':
      case 'cardEdited':
        if (b.value.card) this.cards.set(b.value.card.id, b.value.card);
        break;
      case 'cardWithdrawn': {
        const c = this.cards.get(b.value.cardId);
        if (c) c.withdrawn = true;
        break;
      }
      case 'matchFound':
        if (b.value.match) this.matches.set(b.value.match.key, b.value.match);
        break;
      case 'matchRemoved':
        this.matches.delete(b.value.key);
        break;
      case 'reacted':
        this.react(b.value.matchKey, b.value.companyId, b.value.reaction);
        break;
      case 'synergyUpserted':
        if (b.value.synergy) this.synergies.set(b.value.synergy.id, b.value.synergy);
        break;
      default:
        break; // an event this viewer may not see: only its seq counts
    }
  }

  // The view as a snapshot again (kept on the device to open it offline).
  toSnapshot(): Snapshot {
    const reactions = [];
    for (const [matchKey, m] of this.reactions) for (const [companyId, reaction] of m) reactions.push({ matchKey, companyId, reaction });
    return create(SnapshotSchema, {
      workshop: this.info, seq: this.seq, companies: [...this.companies.values()], cards: [...this.cards.values()],
      matches: [...this.matches.values()], synergies: [...this.synergies.values()],
      participants: [...this.participants.values()], reactions,
    });
  }

  toBytes(): Uint8Array {
    return toBinary(SnapshotSchema, this.toSnapshot());
  }

  static fromBytes(bytes: Uint8Array): WorkshopView {
    const v = new WorkshopView();
    v.load(fromBinary(SnapshotSchema, bytes));
    return v;
  }

  liveCards(): Card[] {
    return [...this.cards.values()].filter((c) => !c.withdrawn);
  }

  companyName(id: string): string {
    return this.companies.get(id)?.name ?? '';
  }

  private react(key: string, company: string, r: Reaction): void {
    let m = this.reactions.get(key);
    if (!m) this.reactions.set(key, (m = new Map()));
    m.set(company, r);
  }
}
