#include "server/sheets/header_aliases.hpp"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "server/common/text.hpp"
#include "server/sheets/embedded_data.hpp"

namespace atelier::sheets {
namespace {

struct Table {
  std::map<std::pair<std::string, std::string>, std::string> field;  // (section, folded) -> field
  std::map<std::pair<std::string, std::string>, std::string> first;  // (section, field) -> name
};

const Table& Aliases() {
  static const Table table = [] {
    Table t;
    std::string_view text = data::kHeaderAliases;
    while (!text.empty()) {
      const auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      const auto dot = line.find('.');
      if (tab == std::string_view::npos || dot == std::string_view::npos || dot > tab) continue;
      const std::string section(line.substr(0, dot));
      const std::string field(line.substr(dot + 1, tab - dot - 1));
      std::string_view names = line.substr(tab + 1);
      bool first = true;
      while (!names.empty()) {
        const auto bar = names.find('|');
        const std::string_view name = names.substr(0, bar);
        names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
        if (first) t.first[{section, field}] = std::string(name);
        first = false;
        t.field.try_emplace({section, FoldHeader(name)}, field);
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string FoldHeader(std::string_view header) {
  static const std::set<std::string, std::less<>> kSmallWords = {
      "n", "no", "nr", "de", "d", "du", "des", "la", "le", "l", "les", "en", "of", "the"};
  const std::string folded = common::FoldText(header);
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty() || kSmallWords.count(word)) {
      word.clear();
      return;
    }
    if (word.size() > 3 && word.back() == 's') word.pop_back();
    out += word;
    word.clear();
  };
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string FieldForHeader(std::string_view section, std::string_view header) {
  const auto& t = Aliases();
  auto it = t.field.find({std::string(section), FoldHeader(header)});
  return it == t.field.end() ? std::string() : it->second;
}

std::string FrenchHeader(std::string_view section, std::string_view field) {
  const auto& t = Aliases();
  auto it = t.first.find({std::string(section), std::string(field)});
  return it == t.first.end() ? std::string(field) : it->second;
}

}  // namespace atelier::sheets
