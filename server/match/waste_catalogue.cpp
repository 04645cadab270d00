#include "server/match/waste_catalogue.hpp"

#include <cctype>
#include <vector>

#include "server/match/embedded_data.hpp"

namespace atelier::match {

WasteCatalogue::WasteCatalogue(std::string_view tsv) {
  std::size_t start = 0;
  bool header = true;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    std::vector<std::string_view> f;
    std::size_t s = 0;
    while (true) {
      const std::size_t tab = line.find('\t', s);
      f.push_back(line.substr(s, tab == std::string_view::npos ? tab : tab - s));
      if (tab == std::string_view::npos) break;
      s = tab + 1;
    }
    if (f.size() < 4) continue;
    Entry e{std::string(f[0]), std::string(f[3]), f[2] == "1"};
    entries_.emplace(e.code, std::move(e));
  }
}

const WasteCatalogue& WasteCatalogue::Default() {
  static const WasteCatalogue catalogue(data::kWasteList);
  return catalogue;
}

std::string WasteCatalogue::Canonical(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (digits.size() != 6) return {};
  return digits.substr(0, 2) + " " + digits.substr(2, 2) + " " + digits.substr(4, 2);
}

const WasteCatalogue::Entry* WasteCatalogue::Find(std::string_view code) const {
  const auto it = entries_.find(std::string(code));
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace atelier::match
