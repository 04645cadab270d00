#include "server/workshop/followup.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "server/common/text.hpp"

namespace atelier::workshop {

namespace {
constexpr double kMaxFigure = 1e12;
}  // namespace

constexpr std::string_view kReasonPrefix = "ABANDON_REASON_";

std::string AbandonReasonId(v1::AbandonReason reason) {
  if (reason == v1::ABANDON_REASON_UNSPECIFIED || !v1::AbandonReason_IsValid(reason)) return "";
  std::string id = v1::AbandonReason_Name(reason).substr(kReasonPrefix.size());
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

v1::AbandonReason AbandonReasonFromId(std::string_view id) {
  std::string name(kReasonPrefix);
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return v1::ABANDON_REASON_UNSPECIFIED;
    name.push_back(c == '_' ? '_' : static_cast<char>(c - 'a' + 'A'));
  }
  v1::AbandonReason reason = v1::ABANDON_REASON_UNSPECIFIED;
  if (!v1::AbandonReason_Parse(name, &reason)) return v1::ABANDON_REASON_UNSPECIFIED;
  return reason;
}

bool IsAbandonReason(std::string_view id) {
  return AbandonReasonFromId(id) != v1::ABANDON_REASON_UNSPECIFIED;
}

int SynergyVerdict(const v1::Synergy& s) {
  switch (s.status()) {
    case v1::SYNERGY_STATUS_IN_DISCUSSION:
    case v1::SYNERGY_STATUS_IN_PROGRESS:
    case v1::SYNERGY_STATUS_REALISED:
      return 1;
    case v1::SYNERGY_STATUS_ABANDONED: {
      const v1::AbandonReason r = AbandonReasonFromId(s.abandon_reason());
      return r == v1::ABANDON_REASON_TECHNIQUE || r == v1::ABANDON_REASON_REGLEMENTAIRE ? -1 : 0;
    }
    default:
      return 0;
  }
}

std::string AbandonReasonLabel(std::string_view id) {
  switch (AbandonReasonFromId(id)) {
    case v1::ABANDON_REASON_TECHNIQUE:
      return "Technique";
    case v1::ABANDON_REASON_REGLEMENTAIRE:
      return "Réglementaire";
    case v1::ABANDON_REASON_ECONOMIQUE:
      return "Économique / transport";
    case v1::ABANDON_REASON_VOLUME:
      return "Volume";
    case v1::ABANDON_REASON_CALENDRIER:
      return "Calendrier";
    case v1::ABANDON_REASON_PLUS_DE_CONTACT:
      return "Plus de contact";
    case v1::ABANDON_REASON_PARTENAIRE_RETIRE:
      return "Partenaire retiré";
    case v1::ABANDON_REASON_DOUBLON:
      return "Doublon";
    default:
      return "";
  }
}

double ImpactValue(const v1::Synergy& s, std::string_view field) {
  const auto* f = v1::Synergy::descriptor()->FindFieldByName(std::string(field));
  if (!f || f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_DOUBLE) return 0;
  return s.GetReflection()->GetDouble(s, f);
}

std::string ApplyFollowUp(const v1::Synergy& in, v1::Synergy* out) {
  for (const std::string& name : in.set_fields()) {
    if (std::find(kImpactFields.begin(), kImpactFields.end(), name) == kImpactFields.end()) {
      return "Champ d'impact inconnu : " + name;
    }
  }
  const auto* reflection = out->GetReflection();
  for (const char* name : kImpactFields) {
    const auto* field = v1::Synergy::descriptor()->FindFieldByName(name);
    double value = in.GetReflection()->GetDouble(in, field);
    bool named =
        std::find(in.set_fields().begin(), in.set_fields().end(), name) != in.set_fields().end();
    if (value == 0 && !named) continue;
    if (!std::isfinite(value) || value < 0 || value > kMaxFigure) {
      return std::string("Valeur d'impact invalide (") + name + ") : nombre positif attendu.";
    }
    reflection->SetDouble(out, field, value);
  }
  if (!in.impact_basis().empty()) {
    if (common::CountChars(in.impact_basis()) > v1::TEXT_LIMIT_IMPACT_BASIS) {
      return "Base de calcul trop longue (" + std::to_string(v1::TEXT_LIMIT_IMPACT_BASIS) +
             " caractères au plus).";
    }
    out->set_impact_basis(in.impact_basis());
  }
  out->clear_set_fields();
  return "";
}

std::string SynergyStatusLabel(v1::SynergyStatus status) {
  switch (status) {
    case v1::SYNERGY_STATUS_POTENTIAL:
      return "idée";
    case v1::SYNERGY_STATUS_IN_DISCUSSION:
      return "en discussion";
    case v1::SYNERGY_STATUS_IN_PROGRESS:
      return "en cours";
    case v1::SYNERGY_STATUS_REALISED:
      return "réalisée";
    case v1::SYNERGY_STATUS_ABANDONED:
      return "abandonnée";
    default:
      return "";
  }
}

std::string SynergyKindLabel(v1::SynergyKind kind) {
  switch (kind) {
    case v1::SYNERGY_KIND_SUBSTITUTION:
      return "substitution";
    case v1::SYNERGY_KIND_MUTUALISATION:
      return "mutualisation";
    case v1::SYNERGY_KIND_ESS_BRIDGE:
      return "passerelle ESS";
    default:
      return "";
  }
}

}  // namespace atelier::workshop
