#pragma once

#include <string_view>

namespace atelier::match {

// The eleven card categories of the workshop. kNone when unknown.
enum class Category {
  kNone,
  kMatiere,
  kDechet,
  kEnergie,
  kEau,
  kEquipement,
  kEspace,
  kLogistique,
  kService,
  kRh,
  kAchat,
  kFormation
};

// Accepts the ids ("dechet") and the labels people type ("Déchets", "energie").
Category ParseCategory(std::string_view text);
std::string_view CategoryId(Category category);
std::string_view CategoryLabel(Category category);  // French, for reasons
// Whether a card of one category can plausibly serve a card of the other (waste is a material,
// wood is fuel, a truck is logistics). Same category is compatible; kNone is compatible with all.
bool CategoriesCompatible(Category a, Category b);

}  // namespace atelier::match
