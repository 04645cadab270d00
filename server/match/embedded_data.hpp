#pragma once

#include <string_view>

// Data files of server/match/data, compiled into the library by cmake/embed.cmake so the server
// needs no file at run time. Defined in the generated embedded_data.cpp.
namespace atelier::match::data {

extern const std::string_view kLexicon;    // lexicon.txt
extern const std::string_view kWasteList;  // liste-europeenne-dechets.tsv

}  // namespace atelier::match::data
