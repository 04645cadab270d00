#include "server/match/engine.hpp"

#include <algorithm>
#include <cmath>

namespace atelier::match {
namespace {

// Sorted keys are scanned in this order while the candidate budget lasts: strongest evidence
// first.
enum KeyType : std::uint64_t {
  kCode = 1,         // waste code
  kSelf = 2,         // the card names this concept
  kBelow = 3,        // the card names a descendant of this concept
  kWord = 4,         // a free word of any card
  kBareWord = 5,     // a free word of a card that names no concept
  kFeature = 6,      // a word or 4-gram of the recall floor (LexicalModel), fetched separately
  kRouteSource = 7,  // the card names a resource of this recovery route
  kRouteOutlet = 8,  // the card names an outlet of this recovery route
};

// The recall floor's retrieval: the rarest query features first, at most this many of them, the
// newest postings of each; a feature used by more cards than kSaturated says nothing and is no
// longer indexed nor fetched. Candidates are ranked by the share of the smaller card's weight
// they share, and only the best are scored.
constexpr std::size_t kFloorQueryFeatures = 24;
constexpr std::size_t kFloorPostingsPerFeature = 300;
constexpr std::size_t kSaturated = 6000;
constexpr std::size_t kFloorCandidates = 48;
constexpr float kFloorMinShare = 0.3F;

std::uint64_t Key(KeyType type, std::uint64_t value) { return (type << 56) | value; }

// Learning from the room (Engine::SetEvidence): each validation or rejection of a like suggestion
// moves a score by kLearnStep of itself, at most kMaxLearned of each kind.
constexpr double kLearnStep = 0.1;
constexpr int kMaxLearned = 3;

// How far ahead Insert prefetches a candidate's brief and its slot.
constexpr std::size_t kPrefetchBrief = 16;
constexpr std::size_t kPrefetchSlot = 4;

std::uint64_t CodeValue(const std::string& canonical) {
  std::uint64_t v = 0;
  for (char c : canonical) {
    if (c >= '0' && c <= '9') v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

using Sorted = std::vector<std::pair<std::string, std::uint32_t>>;

Sorted::iterator LowerBound(Sorted& v, const std::string& key) {
  return std::lower_bound(v.begin(), v.end(), key,
                          [](const auto& e, const std::string& k) { return e.first < k; });
}

// Adds `delta` to the count of `key`; a count that reaches zero leaves the tally.
void Count(Sorted& tally, const std::string& key, int delta) {
  auto it = LowerBound(tally, key);
  if (it == tally.end() || it->first != key) it = tally.emplace(it, key, 0);
  it->second = static_cast<std::uint32_t>(static_cast<int>(it->second) + delta);
  if (it->second == 0) tally.erase(it);
}

void EraseKey(Sorted& v, const std::string& key) {
  const auto it = LowerBound(v, key);
  if (it != v.end() && it->first == key) v.erase(it);
}

bool BetterFirst(const Match& a, const Match& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.key < b.key;
}

}  // namespace

Engine::Engine() : Engine(MatchOptions{}) {}

Engine::Engine(MatchOptions options) : lexicon_(Lexicon::Default()), scorer_(lexicon_, options) {}

const Company* Engine::CompanyOf(const std::string& company_id) const {
  const auto it = companies_.find(company_id);
  return it == companies_.end() ? nullptr : &it->second;
}

const CardProfile* Engine::Profile(const std::string& card_id) const {
  const auto it = slot_of_.find(card_id);
  return it == slot_of_.end() ? nullptr : &slots_[it->second].profile;
}

std::optional<Match> Engine::FindGroup(const std::string& key) const {
  if (const auto it = group_of_key_.find(key); it != group_of_key_.end()) {
    const auto& g = groups_.at(it->second);
    if (g.match) return *g.match;
  }
  return std::nullopt;
}

std::optional<Match> Engine::TakeGroup(int concept_index) {
  const auto it = groups_.find(concept_index);
  if (it == groups_.end() || !it->second.match) return std::nullopt;
  std::optional<Match> m = std::move(it->second.match);
  it->second.match.reset();
  return m;
}

std::optional<Match> Engine::Materialize(PairId id) const {
  if (!pairs_.count(id)) return std::nullopt;
  const Slot& a = slots_[static_cast<std::uint32_t>(id >> 32)];
  const Slot& b = slots_[static_cast<std::uint32_t>(id & 0xFFFFFFFFu)];
  std::optional<Match> m =
      scorer_.Pair(a.profile, a.company, b.profile, b.company, /*explain=*/true);
  if (m && !evidence_.empty()) Weigh(*m);
  return m;
}

void Engine::Weigh(Match& m) const {
  const auto it = m.evidence.empty() ? evidence_.end() : evidence_.find(m.evidence);
  if (it == evidence_.end()) return;
  const Evidence& e = it->second;
  int validated = 0, rejected = 0;
  for (const auto& [key, verdict] : e.here) {
    if (key == m.key) continue;  // a match's own verdict is its synergy's status, not evidence
    validated += verdict > 0;
    rejected += verdict < 0;
  }
  // Each piece of evidence moves the score by a tenth, at most three of either kind.
  const int up = std::min(validated + e.territory_validated, kMaxLearned);
  const int down = std::min(rejected + e.territory_rejected, kMaxLearned);
  if (up == 0 && down == 0) return;
  m.score =
      std::round(std::clamp(m.score * (1 + kLearnStep * (up - down)), 0.0, 1.0) * 1000) / 1000;
  auto plural = [](int n, const char* one, const char* many) {
    return n == 1 ? std::string(one) : std::to_string(n) + " " + many;
  };
  if (validated) {
    m.reasons.push_back(plural(validated, "Une synergie semblable", "synergies semblables") +
                        (validated == 1 ? " validée" : " validées") + " dans cet atelier");
  }
  if (e.territory_validated) {
    m.reasons.push_back("Validé dans " + plural(e.territory_validated, "1 atelier", "ateliers") +
                        " du territoire");
  }
  if (rejected) {
    m.reasons.push_back(plural(rejected, "Une suggestion semblable", "suggestions semblables") +
                        (rejected == 1 ? " jugée non pertinente" : " jugées non pertinentes") +
                        " dans cet atelier");
  }
  if (e.territory_rejected) {
    m.reasons.push_back("Écarté dans " + plural(e.territory_rejected, "1 atelier", "ateliers") +
                        " du territoire");
  }
}

MatchDelta Engine::SetEvidence(const std::string& subject, Evidence evidence) {
  if (subject.empty()) return {};
  const auto current = evidence_.find(subject);
  if (current == evidence_.end() ? evidence == Evidence{} : current->second == evidence) return {};
  // The pairs and groups that carry this evidence, as shown before the change.
  std::vector<PairId> ids;
  std::vector<int> touched_groups;
  std::map<std::string, Match> before;
  for (const auto& [id, score] : pairs_) {
    if (auto m = Materialize(id); m && m->evidence == subject) {
      ids.push_back(id);
      before.emplace(m->key, std::move(*m));
    }
  }
  for (const auto& [concept_index, g] : groups_) {
    if (g.match && g.match->evidence == subject) {
      touched_groups.push_back(concept_index);
      before.emplace(g.match->key, *g.match);
    }
  }
  if (evidence == Evidence{}) {
    evidence_.erase(subject);
  } else {
    evidence_[subject] = std::move(evidence);
  }
  MatchDelta delta;
  for (PairId id : ids) {
    if (auto m = Materialize(id); m && !(before.at(m->key) == *m)) {
      delta.upserted.push_back(std::move(*m));
    }
  }
  for (int concept_index : touched_groups) {
    RebuildGroup(concept_index);
    const GroupMembers& g = groups_.at(concept_index);
    if (g.match && !(before.at(g.match->key) == *g.match)) delta.upserted.push_back(*g.match);
  }
  std::sort(delta.upserted.begin(), delta.upserted.end(), BetterFirst);
  return delta;
}

std::string Engine::KeyOf(PairId id) const {
  const auto m = Materialize(id);
  return m ? m->key : std::string();
}

MatchDelta Engine::UpsertCompany(const Company& company) {
  std::vector<std::string> ids;
  for (const auto& [id, slot] : slot_of_) {
    if (slots_[slot].profile.card.company_id == company.id) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  // Matches are written from the company record, so the snapshot must precede the change.
  auto snapshot = [&] {
    std::map<std::string, Match> out;
    for (const auto& id : ids) {
      for (auto& m : ForCard(id)) out.emplace(m.key, std::move(m));
    }
    return out;
  };
  const auto before = snapshot();
  companies_[company.id] = company;
  for (auto& [concept_index, g] : groups_) g.located_valid = false;  // positions may have moved
  for (const auto& id : ids) {
    const Card card = slots_[slot_of_.at(id)].profile.card;
    Apply(id, Read(card));
  }
  auto after = snapshot();
  MatchDelta delta;
  for (auto& [key, now] : after) {
    const auto old = before.find(key);
    if (old == before.end() || !(old->second == now)) delta.upserted.push_back(std::move(now));
  }
  for (const auto& [key, old] : before) {
    if (!after.count(key)) delta.removed_keys.push_back(key);
  }
  std::sort(delta.upserted.begin(), delta.upserted.end(), BetterFirst);
  return delta;
}

CardProfile Engine::Read(const Card& card) const {
  return CardProfile::Build(card, lexicon_, WasteCatalogue::Default());
}

MatchDelta Engine::Add(const Card& card) { return Apply(card.id, Read(card)); }

MatchDelta Engine::Update(const Card& card) { return Apply(card.id, Read(card)); }

MatchDelta Engine::Add(CardProfile profile) {
  const std::string id = profile.card.id;
  return Apply(id, std::move(profile));
}

MatchDelta Engine::Update(CardProfile profile) { return Add(std::move(profile)); }

MatchDelta Engine::Remove(const std::string& card_id) {
  if (!slot_of_.count(card_id)) return {};
  return Apply(card_id, std::nullopt);
}

MatchDelta Engine::Apply(const std::string& card_id, std::optional<CardProfile> profile) {
  // Snapshot every match the change can touch, then diff after the change.
  std::map<std::string, std::optional<Match>> before;
  std::set<int> touched_groups;
  const auto existing = slot_of_.find(card_id);
  if (existing != slot_of_.end()) {
    const Slot& s = slots_[existing->second];
    for (PairId id : s.pairs) {
      if (auto m = Materialize(id)) before[m->key] = std::move(m);
    }
    touched_groups.insert(s.profile.groups.begin(), s.profile.groups.end());
  }
  if (profile) touched_groups.insert(profile->groups.begin(), profile->groups.end());
  // Every touched group is rebuilt below, so its current match can be moved out.
  for (int g : touched_groups) before[Scorer::GroupKey(lexicon_, g)] = TakeGroup(g);

  if (existing != slot_of_.end()) {
    const std::uint32_t slot = existing->second;
    Erase(slot);
  }
  if (profile) Place(std::move(*profile), /*search=*/true);
  for (int g : touched_groups) RebuildGroup(g);

  std::map<std::string, Match> after;
  if (const auto it = slot_of_.find(card_id); it != slot_of_.end()) {
    for (PairId id : slots_[it->second].pairs) {
      if (auto m = Materialize(id)) after.emplace(m->key, std::move(*m));
    }
  }
  for (int g : touched_groups) {
    const std::string key = Scorer::GroupKey(lexicon_, g);
    if (auto m = FindGroup(key)) after.emplace(key, std::move(*m));
  }
  MatchDelta delta;
  for (auto& [key, now] : after) {
    const auto old = before.find(key);
    if (old == before.end() || !old->second || !(*old->second == now)) {
      delta.upserted.push_back(std::move(now));
    }
  }
  for (const auto& [key, old] : before) {
    if (old && !after.count(key)) delta.removed_keys.push_back(key);
  }
  std::sort(delta.upserted.begin(), delta.upserted.end(), BetterFirst);
  return delta;
}

std::uint32_t Engine::Place(CardProfile profile, bool search) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    briefs_.emplace_back();
  }
  slots_[slot].profile = std::move(profile);
  const CardProfile& p = slots_[slot].profile;
  slots_[slot].company = CompanyOf(p.card.company_id);
  slots_[slot].live = true;
  const auto number =
      company_numbers_
          .try_emplace(p.card.company_id, static_cast<std::uint32_t>(company_numbers_.size()))
          .first->second;
  briefs_[slot] = Brief{briefs_[slot].seen,
                        number,
                        p.lexical_norm,
                        p.months,
                        p.card.kind == CardKind::kOffer,
                        p.staff,
                        Scorer::Collects(p, slots_[slot].company),
                        Scorer::Pools(p)};
  slot_of_[p.card.id] = slot;
  Insert(slot, search);
  return slot;
}

void Engine::AddReferences(const std::vector<Card>& cards) {
  std::set<int> touched_groups;
  for (const Card& card : cards) {
    if (slot_of_.count(card.id)) continue;
    CardProfile profile = CardProfile::Build(card, lexicon_, WasteCatalogue::Default());
    touched_groups.insert(profile.groups.begin(), profile.groups.end());
    Place(std::move(profile), /*search=*/false);
  }
  for (int g : touched_groups) RebuildGroup(g);
}

std::vector<std::uint64_t> Engine::IndexKeys(const CardProfile& p) {
  std::vector<std::uint64_t> keys;
  for (const auto& c : p.concepts) {
    keys.push_back(Key(kSelf, static_cast<std::uint64_t>(c.concept_index)));
    int depth = 0;
    for (int a = lexicon_.ConceptAt(c.concept_index).parent; a >= 0 && depth < 2;
         a = lexicon_.ConceptAt(a).parent, ++depth) {
      keys.push_back(Key(kBelow, static_cast<std::uint64_t>(a)));
    }
  }
  for (const auto& w : p.residual) {
    const auto [it, inserted] = words_.try_emplace(w, static_cast<std::uint32_t>(words_.size()));
    keys.push_back(Key(kWord, it->second));
    if (p.concepts.empty()) keys.push_back(Key(kBareWord, it->second));
  }
  if (!p.waste_code.empty()) keys.push_back(Key(kCode, CodeValue(p.waste_code)));
  for (const auto& item : p.items) {
    for (const auto& f : item.features) keys.push_back(Key(kFeature, f.id));
  }
  for (int r : p.route_sources) keys.push_back(Key(kRouteSource, static_cast<std::uint64_t>(r)));
  for (int r : p.route_outlets) keys.push_back(Key(kRouteOutlet, static_cast<std::uint64_t>(r)));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<std::uint64_t> Engine::QueryKeys(const CardProfile& p) const {
  // Same concept, descendants and ancestors up to two steps: the relations that can score above
  // the threshold. Siblings and weak pairs cannot, so they are not fetched.
  std::vector<std::uint64_t> keys;
  for (const auto& c : p.concepts) {
    keys.push_back(Key(kSelf, static_cast<std::uint64_t>(c.concept_index)));
    keys.push_back(Key(kBelow, static_cast<std::uint64_t>(c.concept_index)));
    int depth = 0;
    for (int a = lexicon_.ConceptAt(c.concept_index).parent; a >= 0 && depth < 2;
         a = lexicon_.ConceptAt(a).parent, ++depth) {
      keys.push_back(Key(kSelf, static_cast<std::uint64_t>(a)));
    }
  }
  // Free words only decide between cards when one of them names no concept.
  for (const auto& w : p.residual) {
    const auto it = words_.find(w);
    if (it == words_.end()) continue;
    keys.push_back(Key(p.concepts.empty() ? kWord : kBareWord, it->second));
  }
  if (!p.waste_code.empty()) keys.push_back(Key(kCode, CodeValue(p.waste_code)));
  // A resource meets the outlets of its recovery routes, an outlet their resources.
  for (int r : p.route_sources) keys.push_back(Key(kRouteOutlet, static_cast<std::uint64_t>(r)));
  for (int r : p.route_outlets) keys.push_back(Key(kRouteSource, static_cast<std::uint64_t>(r)));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

// The first checks of Scorer::Pair, on the brief alone; Pair makes them again.
bool Engine::MayPair(const Brief& a, const Brief& b) {
  if (a.company == b.company) return false;
  if (a.offer && b.offer) return a.collector != b.collector;
  if (!a.offer && !b.offer)
    return (a.staff && b.staff && a.months && b.months && !(a.months & b.months)) ||
           (a.pools && b.pools);
  return true;
}

void Engine::Index(std::uint32_t slot, bool add) {
  for (std::uint64_t key : IndexKeys(slots_[slot].profile)) {
    auto& list = postings_[key];
    if (add) {
      if ((key >> 56) == kFeature && list.size() >= kSaturated) continue;
      list.push_back(slot);
    } else {
      std::erase(list, slot);
      if (list.empty()) postings_.erase(key);
    }
  }
}

void Engine::Insert(std::uint32_t slot, bool search) {
  const CardProfile& p = slots_[slot].profile;
  if (!search) {
    Index(slot, true);
    AddToGroups(slot);
    return;
  }
  const Company* company = slots_[slot].company;
  ++epoch_;
  Brief& self = briefs_[slot];
  self.seen = epoch_;
  const auto& options = scorer_.options();
  const auto max_words = static_cast<std::size_t>(options.max_token_postings);
  const auto max_per_key = static_cast<std::size_t>(options.max_postings_per_key);
  std::size_t budget = static_cast<std::size_t>(options.max_candidates);
  struct Found {
    double score;
    const std::string* other_id;  // ties go to the smaller id: deterministic, no key to build
    PairId id;
  };
  std::vector<Found> found;
  auto score = [&](std::uint32_t other) {
    const CardProfile& q = slots_[other].profile;
    auto m = scorer_.Pair(p, company, q, slots_[other].company, /*explain=*/false);
    if (!m) return;
    // Same orientation as the match's card_ids: the offer first, else the smaller id.
    const bool new_first =
        p.card.kind != q.card.kind ? p.card.kind == CardKind::kOffer : p.card.id < q.card.id;
    const PairId id = new_first ? (static_cast<PairId>(slot) << 32) | other
                                : (static_cast<PairId>(other) << 32) | slot;
    found.push_back(Found{m->score, &q.card.id, id});
  };
  for (std::uint64_t key : QueryKeys(p)) {
    const auto it = postings_.find(key);
    if (it == postings_.end()) continue;
    const auto& list = it->second;
    const bool word_key = (key >> 56) == kWord || (key >> 56) == kBareWord;
    const std::size_t cap = word_key ? max_words : max_per_key;
    const std::size_t begin = list.size() > cap ? list.size() - cap : 0;
    for (std::size_t i = list.size(); i-- > begin && budget > 0;) {
      const std::uint32_t other = list[i];
      // Candidates are scattered over a large catalogue: ask for the next ones early.
      if (i >= begin + kPrefetchBrief) __builtin_prefetch(&briefs_[list[i - kPrefetchBrief]]);
      if (i >= begin + kPrefetchSlot) {
        const Slot& ahead = slots_[list[i - kPrefetchSlot]];
        __builtin_prefetch(&ahead.profile.card.company_id);
        __builtin_prefetch(&ahead.profile.concepts);
      }
      Brief& brief = briefs_[other];
      if (brief.seen == epoch_) continue;
      brief.seen = epoch_;
      --budget;
      if (!MayPair(self, brief)) continue;
      score(other);
    }
  }
  // The recall floor: cards sharing rare words or 4-grams with this one, whatever the lexicon
  // says, accumulated over the rarest features' postings.
  if (!p.items.empty() && budget > 0) {
    struct Query {
      const std::vector<std::uint32_t>* list;
      float weight;
    };
    std::vector<Query> queries;
    for (const auto& item : p.items) {
      for (const auto& f : item.features) {
        const auto it = postings_.find(Key(kFeature, f.id));
        if (it == postings_.end() || it->second.size() >= kSaturated) continue;
        queries.push_back(Query{&it->second, f.weight});
      }
    }
    std::sort(queries.begin(), queries.end(), [](const Query& a, const Query& b) {
      return a.list != b.list ? a.list < b.list : a.weight > b.weight;
    });
    queries.erase(std::unique(queries.begin(), queries.end(),
                              [](const Query& a, const Query& b) { return a.list == b.list; }),
                  queries.end());
    std::sort(queries.begin(), queries.end(), [](const Query& a, const Query& b) {
      return a.list->size() != b.list->size() ? a.list->size() < b.list->size()
                                              : a.weight > b.weight;
    });
    if (queries.size() > kFloorQueryFeatures) queries.resize(kFloorQueryFeatures);
    if (accumulated_.size() < slots_.size()) {
      accumulated_.resize(slots_.size(), 0);
      accumulated_epoch_.resize(slots_.size(), 0);
    }
    std::vector<std::uint32_t> touched;
    for (const Query& q : queries) {
      const auto& list = *q.list;
      const std::size_t begin =
          list.size() > kFloorPostingsPerFeature ? list.size() - kFloorPostingsPerFeature : 0;
      for (std::size_t i = list.size(); i-- > begin;) {
        const std::uint32_t other = list[i];
        if (briefs_[other].seen == epoch_) continue;
        if (accumulated_epoch_[other] != epoch_) {
          accumulated_epoch_[other] = epoch_;
          accumulated_[other] = 0;
          touched.push_back(other);
        }
        accumulated_[other] += q.weight;
      }
    }
    struct Near {
      float share;
      std::uint32_t slot;
    };
    std::vector<Near> near;
    for (std::uint32_t other : touched) {
      if (!MayPair(self, briefs_[other])) continue;
      const float smaller = std::min(p.lexical_norm, briefs_[other].lexical_norm);
      const float share = smaller > 0 ? accumulated_[other] / smaller : 0;
      if (share >= kFloorMinShare) near.push_back(Near{share, other});
    }
    auto better = [](const Near& a, const Near& b) {
      return a.share != b.share ? a.share > b.share : a.slot > b.slot;
    };
    if (near.size() > kFloorCandidates) {
      std::partial_sort(near.begin(), near.begin() + kFloorCandidates, near.end(), better);
      near.resize(kFloorCandidates);
    }
    for (const Near& n : near) {
      if (budget == 0) break;
      briefs_[n.slot].seen = epoch_;
      --budget;
      score(n.slot);
    }
  }
  const auto keep = static_cast<std::size_t>(std::max(1, options.max_pairs_per_card));
  if (found.size() > keep) {
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      [](const Found& a, const Found& b) {
                        return a.score != b.score ? a.score > b.score : *a.other_id < *b.other_id;
                      });
    found.resize(keep);
  }
  for (const Found& f : found) {
    pairs_.emplace(f.id, static_cast<float>(f.score));
    const auto first = static_cast<std::uint32_t>(f.id >> 32);
    const auto second = static_cast<std::uint32_t>(f.id & 0xFFFFFFFFu);
    slots_[first].pairs.push_back(f.id);
    slots_[second].pairs.push_back(f.id);
  }
  Index(slot, true);
  AddToGroups(slot);
}

void Engine::AddToGroups(std::uint32_t slot) {
  const CardProfile& p = slots_[slot].profile;
  for (int g : p.groups) {
    auto& members = groups_[g];
    auto& list = p.card.kind == CardKind::kNeed ? members.needs : members.providers;
    list.emplace(LowerBound(list, p.card.id), p.card.id, slot);
    Tally(members, g, p, +1);
    group_of_key_.emplace(Scorer::GroupKey(lexicon_, g), g);
  }
}

void Engine::Erase(std::uint32_t slot) {
  Slot& s = slots_[slot];
  for (PairId id : s.pairs) {
    const auto first = static_cast<std::uint32_t>(id >> 32);
    const auto second = static_cast<std::uint32_t>(id & 0xFFFFFFFFu);
    std::erase(slots_[first == slot ? second : first].pairs, id);
    pairs_.erase(id);
  }
  s.pairs.clear();
  Index(slot, false);
  for (int g : s.profile.groups) {
    auto& members = groups_[g];
    EraseKey(members.needs, s.profile.card.id);
    EraseKey(members.providers, s.profile.card.id);
    Tally(members, g, s.profile, -1);
  }
  slot_of_.erase(s.profile.card.id);
  s.live = false;
  s.company = nullptr;
  s.profile = CardProfile{};
  free_slots_.push_back(slot);
}

void Engine::Tally(GroupMembers& group, int concept_index, const CardProfile& p, int delta) {
  Count(group.companies, p.card.company_id, delta);
  if (p.card.kind != CardKind::kNeed) return;
  Count(group.need_companies, p.card.company_id, delta);
  for (const auto& c : p.concepts) {
    if (c.concept_index == concept_index) Count(group.terms, c.term, delta);
  }
}

void Engine::RebuildGroup(int concept_index) {
  auto it = groups_.find(concept_index);
  if (it == groups_.end()) return;
  GroupMembers& g = it->second;
  if (g.needs.empty() && g.providers.empty()) {
    group_of_key_.erase(Scorer::GroupKey(lexicon_, concept_index));
    groups_.erase(it);
    return;
  }
  // A group needs needs from two companies; providers alone do not make one.
  if (g.need_companies.size() < 2) {
    g.match.reset();
    return;
  }
  Scorer::GroupInput in;
  in.needs.reserve(g.needs.size());
  in.providers.reserve(g.providers.size());
  in.provider_companies.reserve(g.providers.size());
  // Distances are computed between the first distinct companies; past a few dozen the farthest
  // pair no longer changes the picture and would cost a quadratic scan.
  std::vector<const std::string*> located_ids;
  std::vector<const Company*> located;
  for (const auto& [id, slot] : g.needs) {
    const Slot& s = slots_[slot];
    in.needs.push_back(&s.profile);
    const std::string& company = s.profile.card.company_id;
    if (located.size() < 24 && std::none_of(located_ids.begin(), located_ids.end(),
                                            [&](auto* c) { return *c == company; })) {
      located_ids.push_back(&company);
      located.push_back(s.company);
    }
  }
  for (const auto& [id, slot] : g.providers) {
    const Slot& s = slots_[slot];
    in.providers.push_back(&s.profile);
    in.provider_companies.push_back(s.company);
  }
  in.company_ids.reserve(g.companies.size());
  for (const auto& [company, count] : g.companies) in.company_ids.push_back(&company);
  in.need_company_count = static_cast<int>(g.need_companies.size());
  in.terms.reserve(g.terms.size());
  for (const auto& [term, count] : g.terms) in.terms.push_back(&term);
  if (!g.located_valid || located != g.located) {
    g.farthest_km = Scorer::FarthestKm(located);
    g.located = std::move(located);
    g.located_valid = true;
  }
  in.farthest_km = g.farthest_km;
  g.match = scorer_.Group(concept_index, in);
  if (!evidence_.empty()) Weigh(*g.match);
}

std::vector<Match> Engine::All() const {
  std::vector<Match> all;
  all.reserve(pairs_.size() + groups_.size());
  for (const auto& [id, score] : pairs_) {
    if (auto m = Materialize(id)) all.push_back(std::move(*m));
  }
  for (const auto& [concept_index, g] : groups_) {
    if (g.match) all.push_back(*g.match);
  }
  std::sort(all.begin(), all.end(), BetterFirst);
  return all;
}

std::vector<Match> Engine::ForCard(const std::string& card_id) const {
  std::vector<Match> out;
  const auto it = slot_of_.find(card_id);
  if (it == slot_of_.end()) return out;
  const Slot& s = slots_[it->second];
  for (PairId id : s.pairs) {
    if (auto m = Materialize(id)) out.push_back(std::move(*m));
  }
  for (int concept_index : s.profile.groups) {
    const auto g = groups_.find(concept_index);
    if (g != groups_.end() && g->second.match) out.push_back(*g->second.match);
  }
  std::sort(out.begin(), out.end(), BetterFirst);
  return out;
}

}  // namespace atelier::match
