#include "server/match/category.hpp"

#include <array>
#include <string>
#include <utility>

#include "server/common/text.hpp"
#include "server/match/types.hpp"

namespace atelier::match {
namespace {

struct CategoryInfo {
  Category category;
  std::string_view id;
  std::string_view label;
};

constexpr std::array<CategoryInfo, 12> kCategories = {{
    {Category::kNone, "", ""},
    {Category::kMatiere, "matiere", "Matières, sous-produits"},
    {Category::kDechet, "dechet", "Déchets"},
    {Category::kEnergie, "energie", "Énergie"},
    {Category::kEau, "eau", "Eau"},
    {Category::kEquipement, "equipement", "Équipements"},
    {Category::kEspace, "espace", "Espaces"},
    {Category::kLogistique, "logistique", "Logistique, transport"},
    {Category::kService, "service", "Services"},
    {Category::kRh, "rh", "Compétences, emploi"},
    {Category::kAchat, "achat", "Achats"},
    {Category::kFormation, "formation", "Formation"},
}};

using C = Category;
constexpr std::array<std::pair<Category, Category>, 14> kCompatible = {{
    {C::kMatiere, C::kDechet},
    {C::kMatiere, C::kEnergie},
    {C::kDechet, C::kEnergie},
    {C::kEau, C::kEnergie},
    {C::kEquipement, C::kLogistique},
    {C::kEquipement, C::kEspace},
    {C::kEquipement, C::kService},
    {C::kEquipement, C::kMatiere},
    {C::kService, C::kRh},
    {C::kService, C::kLogistique},
    {C::kService, C::kFormation},
    {C::kRh, C::kFormation},
    {C::kAchat, C::kEnergie},
    {C::kAchat, C::kEquipement},
}};

}  // namespace

const char* SynergyKindId(SynergyKind kind) {
  switch (kind) {
    case SynergyKind::kSubstitution:
      return "substitution";
    case SynergyKind::kMutualisation:
      return "mutualisation";
    case SynergyKind::kEssBridge:
      return "ess_bridge";
  }
  return "substitution";
}

Category ParseCategory(std::string_view text) {
  std::string folded = common::FoldText(text);
  while (!folded.empty() && (folded.back() == ' ' || folded.back() == 's')) folded.pop_back();
  while (!folded.empty() && folded.front() == ' ') folded.erase(0, 1);
  if (folded.empty()) return Category::kNone;
  for (const auto& info : kCategories) {
    if (info.id.empty()) continue;
    if (folded == info.id) return info.category;
    // Labels: "Matières, sous-produits" -> matiere, "Compétences" -> rh, "Achats" -> achat.
    const std::string label = common::FoldText(info.label);
    if (label.rfind(folded, 0) == 0 && folded.size() >= 3) return info.category;
  }
  if (folded == "competence" || folded == "emploi" || folded == "ressources humaine") {
    return Category::kRh;
  }
  if (folded == "transport") return Category::kLogistique;
  if (folded == "matiere premiere" || folded == "sous-produit") return Category::kMatiere;
  return Category::kNone;
}

std::string_view CategoryId(Category category) {
  return kCategories[static_cast<int>(category)].id;
}

std::string_view CategoryLabel(Category category) {
  return kCategories[static_cast<int>(category)].label;
}

bool CategoriesCompatible(Category a, Category b) {
  if (a == Category::kNone || b == Category::kNone || a == b) return true;
  for (const auto& [x, y] : kCompatible) {
    if ((x == a && y == b) || (x == b && y == a)) return true;
  }
  return false;
}

}  // namespace atelier::match
