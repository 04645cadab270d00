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

void BruteForce::Store(const Card& card) {
  cards_.push_back(CardProfile::Build(card, lexicon_, WasteCatalogue::Default()));
}

}  // namespace atelier::match
