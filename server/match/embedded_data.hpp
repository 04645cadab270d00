#pragma once

#include <string_view>

// Data files of server/match/data, compiled into the library by cmake/embed.cmake so the server
// needs no file at run time. Defined in the generated embedded_data.cpp.
namespace atelier::match::data {

extern const std::string_view kLexicon;          // lexicon.txt
extern const std::string_view kWasteList;        // liste-europeenne-dechets.tsv
extern const std::string_view kCommonWords;      // mots-courants.txt
extern const std::string_view kTradeVocabulary;  // vocabulaire-metiers.txt
extern const std::string_view kReach;            // portee-des-flux.tsv
extern const std::string_view kRoutes;           // filieres-valorisation.tsv

}  // namespace atelier::match::data
