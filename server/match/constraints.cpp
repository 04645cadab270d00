#include "server/match/constraints.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "server/common/text.hpp"
#include "server/match/normalizer.hpp"

namespace atelier::match {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Letter(char c) { return c >= 'a' && c <= 'z'; }

bool Has(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

// "80 °C", "-18°C", "+2 ºC", "35 degrés": folded, ° is a space, so a number, spaces, then a lone
// "c" or "degre".
std::vector<int> Temperatures(std::string_view t) {
  std::vector<int> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!Digit(t[i]) || (i > 0 && (Digit(t[i - 1]) || Letter(t[i - 1])))) continue;
    std::size_t j = i;
    // Saturates: "222222222222 °C" is read as a very hot 100000, never an overflow.
    constexpr int kHottest = 100000;
    int v = 0;
    while (j < t.size() && Digit(t[j])) v = std::min(kHottest, v * 10 + (t[j++] - '0'));
    if (j < t.size() && (t[j] == ',' || t[j] == '.') && j + 1 < t.size() && Digit(t[j + 1])) {
      j += 2;
      while (j < t.size() && Digit(t[j])) ++j;
    }
    std::size_t k = j;
    while (k < t.size() && t[k] == ' ') ++k;
    const bool celsius =
        (k < t.size() && t[k] == 'c' && (k + 1 == t.size() || !Letter(t[k + 1])) && k > j) ||
        t.compare(k, 5, "degre") == 0;
    if (!celsius) continue;
    std::size_t s = i;
    while (s > 0 && t[s - 1] == ' ') --s;
    if (s > 0 && (t[s - 1] == '-' || t[s - 1] == '+')) {
      // "-18 °C" is negative; "20-25 °C" is a range.
      const bool range = s >= 2 && Digit(t[s - 2]);
      if (t[s - 1] == '-' && !range) v = -v;
    }
    out.push_back(v);
    i = j;
  }
  return out;
}

struct Polymer {
  const char* name;
  std::array<const char*, 6> words;
};
constexpr std::array<Polymer, 9> kPolymers = {{
    {"PVC", {"pvc", "polychlorure", "", "", "", ""}},
    {"PP", {"pp", "polypropylene", "", "", "", ""}},
    {"PE", {"pe", "pehd", "pebd", "hdpe", "ldpe", "polyethylene"}},
    {"PET", {"pet", "polyester", "", "", "", ""}},
    {"PS", {"ps", "pse", "eps", "polystyrene", "", ""}},
    {"ABS", {"abs", "", "", "", "", ""}},
    {"PA", {"polyamide", "nylon", "", "", "", ""}},
    {"PMMA", {"pmma", "plexiglas", "plexiglass", "", "", ""}},
    {"PU", {"polyurethane", "pur", "", "", "", ""}},
}};

// Water that is not drinking water, as offers name it.
constexpr std::array<const char*, 10> kNonPotable = {
    "non potable", "pluie",    "pluvial",  "eaux grise", "eau grise",
    "eaux usee",   "eau usee", "recyclee", "eau brute",  "eau de process"};
// What a container held or is made for that rules out food contact.
constexpr std::array<const char*, 12> kNonFood = {
    "non alimentaire", "chimique",           "solvant",        "hydrocarbure",
    "huile minerale",  "huiles minerale",    "huile moteur",   "vidange",
    "acide",           "produits dangereux", "phytosanitaire", "pesticide"};
constexpr std::array<const char*, 7> kFoodRequired = {
    "contact alimentaire", "qualite alimentaire",    "grade alimentaire",      "apte au contact",
    "usage alimentaire",   "alimentaire uniquement", "alimentaire obligatoire"};

std::string ColdName(Constraints::Cold c) {
  return c == Constraints::Cold::kNegative ? "froid négatif" : "froid positif";
}

// Acronyms of standards as people write them: "norme RABC", "certifié MASE", "label HVE",
// "méthode rabc" (any case after such a word, upper case elsewhere). A card requires them when
// it says so: "obligatoire", "exigé(e)", "imposé(e)", "requis(e)", "uniquement".
void ReadStandards(std::string_view raw, const std::string& folded, Constraints& c) {
  static constexpr std::array<std::string_view, 8> kIntro = {
      "norme", "normes",      "certifie", "certification",
      "label", "referentiel", "methode",  "agrement"};
  const bool required = Has(folded, "obligatoire") || Has(folded, "exige") ||
                        Has(folded, "impose") || Has(folded, "requis") || Has(folded, "uniquement");
  // Words as typed, case kept (accented letters stay inside their word).
  std::vector<std::string> words(1);
  for (char ch : raw) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || u >= 0x80) {
      words.back().push_back(ch);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    const bool letters =
        w.size() >= 3 && w.size() <= 6 && std::all_of(w.begin(), w.end(), [](char ch) {
          return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
        });
    if (!letters) continue;
    const std::string before = i > 0 ? common::FoldText(words[i - 1]) : std::string();
    const bool introduced = std::find(kIntro.begin(), kIntro.end(), before) != kIntro.end();
    const bool upper =
        std::all_of(w.begin(), w.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!upper && !introduced) continue;
    std::transform(w.begin(), w.end(), w.begin(), [](char ch) {
      return static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    });
    if (introduced && required) c.required_standards.push_back(w);
    c.standards.push_back(std::move(w));
  }
  for (auto* v : {&c.standards, &c.required_standards}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
}

}  // namespace

Constraints Constraints::Read(std::string_view raw) {
  Constraints c;
  const std::string t = common::FoldText(raw);
  const std::vector<int> temps = Temperatures(t);
  const bool cold_words = Has(t, "froid") || Has(t, "frigo") || Has(t, "refriger") ||
                          Has(t, "congel") || Has(t, "surgel") || Has(t, "frais");
  if (Has(t, "froid negatif") || Has(t, "surgel") || Has(t, "congel") ||
      std::any_of(temps.begin(), temps.end(), [](int v) { return v < -2; })) {
    c.cold = Cold::kNegative;
  } else if (Has(t, "froid positif") || Has(t, "refrigere") ||
             (cold_words &&
              std::any_of(temps.begin(), temps.end(), [](int v) { return v >= -2 && v <= 12; }))) {
    c.cold = Cold::kPositive;
  }
  if (c.cold == Cold::kNone) {
    for (int v : temps) {
      if (v >= 20) c.heat_c = std::max(c.heat_c.value_or(v), v);
    }
  }

  const std::vector<std::string> words = Normalizer::SplitWords(raw);
  const bool habilitation = Has(t, "habilit");
  auto add_code = [&](std::string family, std::string value) {
    const std::pair<std::string, std::string> code{std::move(family), std::move(value)};
    if (std::find(c.codes.begin(), c.codes.end(), code) == c.codes.end()) c.codes.push_back(code);
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string next = i + 1 < words.size() ? words[i + 1] : std::string();
    auto digits = [](const std::string& s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return Digit(ch); });
    };
    // CACES recommendations: R482 (engins de chantier), R489 (chariots), R486 (nacelles)...
    if (w.size() == 4 && w[0] == 'r' && w[1] == '4' && digits(w.substr(1))) {
      add_code("CACES", "R" + w.substr(1));
    } else if (w == "r" && next.size() == 3 && next[0] == '4' && digits(next)) {
      add_code("CACES", "R" + next);
    }
    // NF C 18-510 (habilitation électrique), C 18-550 (véhicules électriques).
    if ((w == "c18" || (w == "c" && next == "18"))) {
      const std::size_t v = w == "c18" ? i + 1 : i + 2;
      if (v < words.size() && words[v].size() == 3 && digits(words[v])) {
        add_code("NF C 18", "C18-" + words[v]);
      }
    }
    if (w == "iso" && digits(next) && next.size() >= 4) add_code("ISO", "ISO " + next);
    if (habilitation) {
      static const std::array<const char*, 13> kLevels = {
          "b0", "b1", "b1v", "b2", "b2v", "br", "bc", "h0", "h0v", "h1", "h1v", "h2", "hc"};
      for (const char* level : kLevels) {
        if (w == level) add_code("habilitation électrique", level);
      }
    }
    for (std::size_t p = 0; p < kPolymers.size(); ++p) {
      for (const char* pw : kPolymers[p].words) {
        if (*pw && w == pw) c.polymers |= static_cast<std::uint16_t>(1u << p);
      }
    }
    if (w == "classe" && (next == "a" || next == "b" || next == "c") && Has(t, "bois")) {
      c.wood_class = next[0];
    }
  }

  const bool potable = Has(t, "potable");
  for (const char* w : kNonPotable) c.non_potable = c.non_potable || Has(t, w);
  c.potable_required = potable && !Has(t, "non potable") && !c.non_potable;
  for (const char* w : kFoodRequired)
    c.food_contact_required = c.food_contact_required || Has(t, w);
  for (const char* w : kNonFood) c.non_food = c.non_food || Has(t, w);
  c.refuses_hazardous = Has(t, "non dangereux") || Has(t, "pas de dechets dangereux") ||
                        Has(t, "pas de dechet dangereux") || Has(t, "sans dechets dangereux") ||
                        Has(t, "pas de produits dangereux") || Has(t, "sans produits dangereux") ||
                        Has(t, "aucun dechet dangereux");
  ReadStandards(raw, t, c);
  return c;
}

std::string Constraints::PolymerNames(std::uint16_t mask) {
  std::string out;
  for (std::size_t p = 0; p < kPolymers.size(); ++p) {
    if (mask & (1u << p)) out += (out.empty() ? "" : ", ") + std::string(kPolymers[p].name);
  }
  return out;
}

std::string Contradiction(const Constraints& offer, const Constraints& need) {
  using Cold = Constraints::Cold;
  if (offer.cold != Cold::kNone && need.cold != Cold::kNone && offer.cold != need.cold) {
    return "Températures incompatibles : " + ColdName(offer.cold) + " offert, " +
           ColdName(need.cold) + " demandé";
  }
  if (offer.heat_c && need.heat_c && *offer.heat_c + 5 < *need.heat_c) {
    return "Température insuffisante : chaleur à " + std::to_string(*offer.heat_c) +
           " °C offerte, " + std::to_string(*need.heat_c) + " °C demandés";
  }
  for (const std::string& standard : need.required_standards) {
    if (!std::binary_search(offer.standards.begin(), offer.standards.end(), standard)) {
      return "Norme exigée : " + standard + ", que l'offre ne mentionne pas";
    }
  }
  for (const auto& [family, value] : need.codes) {
    bool same_family = false, same_code = false;
    std::string offered;
    for (const auto& [f, v] : offer.codes) {
      if (f != family) continue;
      same_family = true;
      same_code = same_code || v == value;
      offered += (offered.empty() ? "" : ", ") + v;
    }
    if (same_family && !same_code) {
      std::string wanted;
      for (const auto& [f, v] : need.codes) {
        if (f == family) wanted += (wanted.empty() ? "" : ", ") + v;
      }
      return "Référentiels différents (" + family + ") : " + wanted + " demandé, " + offered +
             " proposé";
    }
  }
  if (offer.polymers && need.polymers && !(offer.polymers & need.polymers)) {
    return "Polymères différents : " + Constraints::PolymerNames(offer.polymers) + " offert, " +
           Constraints::PolymerNames(need.polymers) + " demandé";
  }
  if (need.potable_required && offer.non_potable) {
    return "Eau potable exigée : l'eau offerte n'est pas potable";
  }
  if (need.food_contact_required && offer.non_food) {
    return "Contact alimentaire exigé : l'offre a contenu des produits non alimentaires";
  }
  if (need.wood_class && offer.wood_class && offer.wood_class > need.wood_class) {
    return std::string("Bois classe ") + static_cast<char>(std::toupper(need.wood_class)) +
           " exigé, classe " + static_cast<char>(std::toupper(offer.wood_class)) + " offert";
  }
  return {};
}

}  // namespace atelier::match
