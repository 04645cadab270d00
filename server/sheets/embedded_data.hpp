#pragma once
// Data files of server/sheets/data, embedded at build time (embed.cmake).

#include <string_view>

namespace atelier::sheets::data {

extern const std::string_view kHeaderAliases;  // data/entetes.tsv

}  // namespace atelier::sheets::data
