#pragma once
// The one table of column names the imports recognise (data/entetes.tsv, embedded at build
// time), for companies and for cards. Immutable after first use; thread-safe.

#include <string>
#include <string_view>

namespace atelier::sheets {

// A header as compared: accents, case, punctuation, spaces, « N° », small words (de, d', la,
// du, des…) and a plural -s dropped. "N° de SIRET" -> "siret", "Zone d'activités" ->
// "zoneactivite".
std::string FoldHeader(std::string_view header);

// The field (`name`, `siret`, … or `ignore`) that `header` names in `section`
// ("entreprises" or "cartes"), or "" when the table does not know it.
std::string FieldForHeader(std::string_view section, std::string_view header);

// The first name the table lists for a field: the French header the exports write.
std::string FrenchHeader(std::string_view section, std::string_view field);

}  // namespace atelier::sheets
