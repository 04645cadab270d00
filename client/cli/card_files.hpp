#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "server/match/types.hpp"

namespace atelier::cli {

// Where an input file is wrong, precisely enough for the person who exported it to fix it.
struct InputError {
  std::string file;
  std::size_t line = 0;
  std::string field;  // "" when the whole line or file is at fault
  std::string message;

  std::string ToString() const;  // "cards.csv:12: champ « quantity » : nombre attendu, lu « abc »"
};

template <typename T>
struct Parsed {
  std::vector<T> items;
  std::optional<InputError> error;
};

// Companies and cards for `atelier match`: a JSON array, or a spreadsheet read as the imports
// read it (CSV in UTF-8 or Windows-1252, `;` `,` or tab, XLSX; server/sheets), its headers
// named through the one header table. Unknown fields are ignored. Pure functions of the text: the
// caller reads the file.
Parsed<match::Company> ParseCompanies(std::string_view file_name, std::string_view content);
Parsed<match::Card> ParseCards(std::string_view file_name, std::string_view content);

// Checks that every card's company_id names a company of `companies`.
std::optional<InputError> CheckCompanies(std::string_view cards_file_name,
                                         std::string_view cards_content,
                                         const std::vector<match::Company>& companies,
                                         const std::vector<match::Card>& cards);

}  // namespace atelier::cli
