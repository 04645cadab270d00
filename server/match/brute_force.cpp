#include "server/match/brute_force.hpp"

#include <algorithm>

namespace atelier::match {

BruteForce::BruteForce(MatchOptions options)
    : lexicon_(Lexicon::Default()), scorer_(lexicon_, options) {}

void BruteForce::UpsertCompany(const Company& company) { companies_[company.id] = company; }

std::vector<Match> BruteForce::Scan(const Card& card) const {
  const CardProfile p = CardProfile::Build(card, lexicon_, WasteCatalogue::Default());
  auto company = [&](const CardProfile& x) -> const Company* {
    const auto it = companies_.find(x.card.company_id);
    return it == companies_.end() ? nullptr : &it->second;
  };
  std::vector<Match> out;
  for (const CardProfile& q : cards_) {
    if (auto m = scorer_.Pair(p, company(p), q, company(q))) out.push_back(std::move(*m));
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.score != b.score ? a.score > b.score : a.key < b.key;
  });
  return out;
}

std::vector<Match> BruteForce::Add(const Card& card) {
  std::vector<Match> out = Scan(card);
  Store(card);
  return out;
}

std::vector<BruteForce::Rejection> BruteForce::Rejections() const {
  auto company = [&](const CardProfile& x) -> const Company* {
    const auto it = companies_.find(x.card.company_id);
    return it == companies_.end() ? nullptr : &it->second;
  };
  std::vector<Rejection> out;
  for (std::size_t i = 0; i < cards_.size(); ++i) {
    for (std::size_t j = i + 1; j < cards_.size(); ++j) {
      std::string veto;
      const CardProfile& a = cards_[i];
      const CardProfile& b = cards_[j];
      if (scorer_.Pair(a, company(a), b, company(b), /*explain=*/false, &veto) || veto.empty()) {
        continue;
      }
      const bool a_first = a.card.kind != b.card.kind ? a.card.kind == CardKind::kOffer
                                                      : !Scorer::Collects(a, company(a));
      out.push_back(a_first ? Rejection{a.card.id, b.card.id, std::move(veto)}
                            : Rejection{b.card.id, a.card.id, std::move(veto)});
    }
  }
  return out;
}

void BruteForce::Store(const Card& card) {
  cards_.push_back(CardProfile::Build(card, lexicon_, WasteCatalogue::Default()));
}

}  // namespace atelier::match
