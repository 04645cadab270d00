// Fuzz target: the CSV reader of imports, on any bytes, with each separator. Checks,
// beyond the sanitizers: a refusal says why (a French message and a line); an accepted
// table has data rows on strictly increasing lines after the header's, and looking a
// column up by any name never fails.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/common/csv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

void Check(const atelier::common::CsvTable::Result& result, std::string_view text) {
  if (!result.ok()) {
    ATELIER_FUZZ_CHECK(!result.message.empty());
    return;
  }
  size_t last = 1;
  for (const auto& row : result.table.rows()) {
    ATELIER_FUZZ_CHECK(row.line > last);
    last = row.line;
    for (const auto& field : row.fields) ATELIER_FUZZ_CHECK(field.size() <= text.size());
  }
  auto column = result.table.Column(text.substr(0, 16));
  if (column) ATELIER_FUZZ_CHECK(*column < result.table.header().size());
  for (const auto& row : result.table.rows()) {
    (void)atelier::common::CsvTable::Field(row, column);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (char separator : {';', ',', '\t'}) {
    atelier::common::CsvTable::Options options;
    options.separator = separator;
    Check(atelier::common::CsvTable::Parse(text, options), text);
  }
  Check(atelier::common::CsvTable::Parse(text), text);
  return 0;
}
