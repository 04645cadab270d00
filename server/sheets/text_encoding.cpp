#include "server/sheets/text_encoding.hpp"

#include "server/common/text.hpp"

namespace atelier::sheets {
namespace {

// Windows-1252 bytes 0x80-0x9F; the five it leaves undefined keep their C1 code point, as
// browsers decode them (WHATWG Encoding).
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string FromUtf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (b << 8 | a) : (a << 8 | b);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else {
        c = 0xFFFD;
      }
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    AppendUtf8(out, c);
  }
  return out;
}

}  // namespace

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

DecodedText DecodeText(std::string_view bytes) {
  DecodedText out;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (common::IsValidUtf8(bytes)) {
      out.utf8 = std::string(bytes);
      out.encoding = Encoding::kUtf8Bom;
      return out;
    }
    // A BOM over mixed bytes: the rest is read as Windows-1252, which loses nothing.
  } else if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const bool le = bytes[0] == '\xFF';
    out.utf8 = FromUtf16(bytes.substr(2), le);
    out.encoding = le ? Encoding::kUtf16Le : Encoding::kUtf16Be;
    return out;
  } else if (common::IsValidUtf8(bytes)) {
    out.utf8 = std::string(bytes);
    out.encoding = Encoding::kUtf8;
    return out;
  }
  out.encoding = Encoding::kWindows1252;
  out.utf8.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.utf8 += ch;
    } else if (b < 0xA0) {
      AppendUtf8(out.utf8, kCp1252High[b - 0x80]);
    } else {
      AppendUtf8(out.utf8, b);
    }
  }
  return out;
}

std::string_view EncodingLabel(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8Bom:
      return "UTF-8 avec BOM";
    case Encoding::kUtf16Le:
      return "UTF-16 LE (Texte Unicode)";
    case Encoding::kUtf16Be:
      return "UTF-16 BE";
    case Encoding::kWindows1252:
      return "Windows-1252 (ANSI)";
  }
  return "UTF-8";
}

}  // namespace atelier::sheets
