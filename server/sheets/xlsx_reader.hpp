#pragma once
// Reads the cells of an Office Open XML workbook (.xlsx, as Excel and LibreOffice save it):
// the ZIP container through minizip (Debian: libminizip-dev, zlib's own contrib), the XML
// parts through expat (libexpat1-dev). Shared strings, inline strings, numbers, booleans,
// errors and dates (by the cell's number format) become text as the user sees it: dates as
// AAAA-MM-JJ, numbers with a dot. Pure functions of the bytes; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "server/sheets/spreadsheet.hpp"

namespace atelier::sheets {

// The sheet named `sheet` (compared folded), else the first one.
ReadResult ReadXlsx(std::string_view bytes, std::string_view sheet = {});

// One member of a ZIP archive (e.g. "xl/worksheets/sheet1.xml"), or nullopt; at most
// 64 MiB uncompressed. Tests use it to look at what an export wrote.
std::optional<std::string> ReadZipMember(std::string_view zip, std::string_view name);

}  // namespace atelier::sheets
