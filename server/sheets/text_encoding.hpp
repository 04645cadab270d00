#pragma once
// Which encoding a spreadsheet export used, and its text as UTF-8. Excel writes
// « CSV UTF-8 » with a BOM, older Excel and « CSV (séparateur : point-virgule) »
// write Windows-1252, « Texte Unicode » writes UTF-16 with a BOM. Pure functions.

#include <string>
#include <string_view>

namespace atelier::sheets {

enum class Encoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kWindows1252 };

struct DecodedText {
  std::string utf8;
  Encoding encoding = Encoding::kUtf8;
};

// Strict UTF-8 (with or without BOM) when every byte sequence is well formed, UTF-16 when
// the file starts with its BOM, else Windows-1252 (every byte means a character there).
DecodedText DecodeText(std::string_view bytes);

// "UTF-8", "UTF-8 avec BOM", "Windows-1252 (ANSI)", … as the preview says it.
std::string_view EncodingLabel(Encoding encoding);

// One character as UTF-8.
void AppendUtf8(std::string& out, char32_t code_point);

}  // namespace atelier::sheets
