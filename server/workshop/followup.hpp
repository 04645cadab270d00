#pragma once
// Follow-up of synergies after the workshop: the abandon reasons people use,
// and how a SetSynergy command's impact figures are merged into a synergy.
// Pure functions, thread-safe.

#include <array>
#include <string>
#include <string_view>

#include "atelier/v1/atelier.pb.h"

namespace atelier::workshop {

// Abandon reasons: the protocol's enum v1::AbandonReason is the list; on the wire and in
// exports a reason is the value's name in lower case without its prefix ("plus_de_contact").
std::string AbandonReasonId(v1::AbandonReason reason);
// The reason an id names; ABANDON_REASON_UNSPECIFIED if none (ids are lower case).
v1::AbandonReason AbandonReasonFromId(std::string_view id);
bool IsAbandonReason(std::string_view id);
// The French label of a reason id ("" if unknown), for exports and reports.
std::string AbandonReasonLabel(std::string_view id);

// What a synergy says of the suggestion it came from, for learning from the room: +1 when
// the facilitator validated it (en discussion, en cours, réalisée), -1 when it was abandoned
// for a reason that judges the pair of resources (technique, réglementaire), 0 otherwise (an
// idée, or an abandon for volume, calendar, contact... that says nothing of like pairs).
int SynergyVerdict(const v1::Synergy& s);

// The impact figures of a synergy, by field name, estimated then verified.
inline constexpr std::array<const char*, 10> kImpactFields = {
    "estimated_tonnes", "estimated_euros", "estimated_co2e", "estimated_jobs", "estimated_water_m3",
    "verified_tonnes",  "verified_euros",  "verified_co2e",  "verified_jobs",  "verified_water_m3"};
double ImpactValue(const v1::Synergy& s, std::string_view field);

// Merges the follow-up part of a SetSynergy (impact figures and their basis)
// into `out`. A figure is written when it is non-zero or named in
// `in.set_fields()` (so that 0 can be set on purpose). Returns a French error
// ("" when valid); `out` may be partly written on error.
std::string ApplyFollowUp(const v1::Synergy& in, v1::Synergy* out);

// "idée", "en discussion"... for exports and reports.
std::string SynergyStatusLabel(v1::SynergyStatus status);
std::string SynergyKindLabel(v1::SynergyKind kind);

}  // namespace atelier::workshop
