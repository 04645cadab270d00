#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace atelier::match {

enum class CardKind { kOffer, kNeed };
enum class SynergyKind { kSubstitution, kMutualisation, kEssBridge };

// A company at the workshop, as the facilitator imported it. Plain value.
struct Company {
  std::string id, name, siret, naf, zone;
  std::optional<double> lat, lon;
  int headcount = 0;
  bool ess = false;
};

// An offer or a need as typed on a tablet. Only kind and text are required. Plain value.
struct Card {
  std::string id, company_id;
  CardKind kind = CardKind::kOffer;
  // ids: matiere dechet energie eau equipement espace logistique service rh achat formation, or "".
  std::string category, text;
  std::optional<double> quantity;
  std::string unit, frequency;
  std::vector<int> months;   // 1..12
  std::string availability;  // free text, e.g. "le vendredi", "l'hiver"
  std::string waste_code;    // "15 01 03" or ""

  bool operator==(const Card&) const = default;
};

// A synergy the engine suggests, with the reasons a facilitator can read aloud. Plain value.
struct Match {
  std::string key;  // stable identity: the same synergy keeps its key across calls
  SynergyKind kind = SynergyKind::kSubstitution;
  std::vector<std::string> card_ids;
  std::vector<std::string> company_ids;
  double score = 0;                  // 0..1
  std::vector<std::string> reasons;  // French sentences
  bool hazardous = false;
  // What kind of suggestion this is: its shape and the pair of resources that made it
  // ("flow:palettes>palettes", "pool:formation-caces", "flow:mots:drêches"). Suggestions with
  // the same evidence learn from one another's validations and rejections (Engine::SetEvidence).
  std::string evidence;

  bool operator==(const Match&) const = default;
};

// What the room said of suggestions with one evidence (Match.evidence). Plain value.
struct Evidence {
  // This workshop's verdicts, by match key: +1 validated by the facilitator, -1 rejected by the
  // facilitator or judged « pas pertinent » by a participant.
  std::map<std::string, int> here;
  // Earlier workshops of the territory that validated, or only rejected, such a suggestion.
  int territory_validated = 0;
  int territory_rejected = 0;

  bool operator==(const Evidence&) const = default;
};

// What changed after one engine call: matches to (re)draw and keys to take off the board.
struct MatchDelta {
  std::vector<Match> upserted;
  std::vector<std::string> removed_keys;
};

// "substitution", "mutualisation", "ess_bridge": the ids used in files and on the wire.
const char* SynergyKindId(SynergyKind kind);

}  // namespace atelier::match
