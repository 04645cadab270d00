#include "server/sheets/xlsx_reader.hpp"

#include <expat.h>
#include <minizip/unzip.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <vector>

#include "server/common/text.hpp"

namespace atelier::sheets {
namespace {

constexpr std::size_t kMaxMemberBytes = 64u * 1024 * 1024;

// minizip reads the archive from memory through these callbacks.
struct MemoryFile {
  std::string_view data;
  std::size_t pos = 0;
};

voidpf ZOpen(voidpf opaque, const char*, int) { return opaque; }
uLong ZRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const std::size_t n = std::min<std::size_t>(size, f->data.size() - f->pos);
  std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return static_cast<uLong>(n);
}
uLong ZWrite(voidpf, voidpf, const void*, uLong) { return 0; }
long ZTell(voidpf, voidpf stream) {
  return static_cast<long>(static_cast<MemoryFile*>(stream)->pos);
}
long ZSeek(voidpf, voidpf stream, uLong offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  std::size_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = f->pos;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = f->data.size();
  if (base + offset > f->data.size()) return -1;
  f->pos = base + offset;
  return 0;
}
int ZClose(voidpf, voidpf) { return 0; }
int ZError(voidpf, voidpf) { return 0; }

// Element handlers over expat, with namespace prefixes dropped ("x:row" -> "row").
class XmlWalker {
 public:
  using Attributes = std::map<std::string, std::string>;
  std::function<void(const std::string&, const Attributes&)> on_start;
  std::function<void(const std::string&)> on_end;
  std::function<void(std::string_view)> on_text;

  bool Parse(std::string_view xml) {
    XML_Parser p = XML_ParserCreate(nullptr);
    XML_SetUserData(p, this);
    XML_SetElementHandler(p, &XmlWalker::Start, &XmlWalker::End);
    XML_SetCharacterDataHandler(p, &XmlWalker::Text);
    const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) != XML_STATUS_ERROR;
    XML_ParserFree(p);
    return ok;
  }

 private:
  static std::string Local(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
  }
  static void Start(void* self, const char* name, const char** attrs) {
    auto* w = static_cast<XmlWalker*>(self);
    if (!w->on_start) return;
    Attributes a;
    for (int i = 0; attrs[i]; i += 2) a[Local(attrs[i])] = attrs[i + 1];
    w->on_start(Local(name), a);
  }
  static void End(void* self, const char* name) {
    auto* w = static_cast<XmlWalker*>(self);
    if (w->on_end) w->on_end(Local(name));
  }
  static void Text(void* self, const char* s, int len) {
    auto* w = static_cast<XmlWalker*>(self);
    if (w->on_text) w->on_text(std::string_view(s, static_cast<std::size_t>(len)));
  }
};

std::string Get(const XmlWalker::Attributes& a, const char* key) {
  auto it = a.find(key);
  return it == a.end() ? std::string() : it->second;
}

bool IsDateFormatId(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom number format shows a date when it has a day, year or hour outside quotes and
// brackets ("dd/mm/yyyy", "[$-40C]d mmmm yyyy"; not "0,00 €").
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') ++bracket;
    if (c == ']') --bracket;
    if (bracket > 0) continue;
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'h' || c == 'H') return true;
  }
  return false;
}

// Days since 1970-01-01 -> y, m, d (H. Hinnant's civil_from_days).
void CivilFromDays(long z, int* y, int* m, int* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

std::string SerialToText(double serial, bool date1904) {
  // Excel's day 0 is 1899-12-30 (so that its phantom 1900-02-29 falls out), 1904 mode 1904-01-01.
  const long epoch = date1904 ? -24107 : -25569;
  double whole = std::floor(serial);
  long seconds = std::lround((serial - whole) * 86400.0);
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  int y, m, d;
  CivilFromDays(static_cast<long>(whole) + epoch, &y, &m, &d);
  char buf[64];
  if (seconds == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02ld:%02ld", y, m, d, seconds / 3600,
                  seconds / 60 % 60);
  }
  return buf;
}

// "48.1173" stays as written; "3.8212345600012E+13" becomes "38212345600012".
std::string NumberText(const std::string& raw) {
  if (raw.find_first_of("eE") == std::string::npos) return raw;
  char* end = nullptr;
  const double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str()) return raw;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// 0-based column of a reference such as "AB12".
std::size_t ColumnOf(const std::string& ref, std::size_t fallback) {
  std::size_t col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? fallback : col - 1;
}

std::string ResolveTarget(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

std::optional<std::string> ReadZipMember(std::string_view zip, std::string_view name) {
  MemoryFile file{zip, 0};
  zlib_filefunc_def io{};
  io.zopen_file = ZOpen;
  io.zread_file = ZRead;
  io.zwrite_file = ZWrite;
  io.ztell_file = ZTell;
  io.zseek_file = ZSeek;
  io.zclose_file = ZClose;
  io.zerror_file = ZError;
  io.opaque = &file;
  unzFile zf = unzOpen2("memory", &io);
  if (!zf) return std::nullopt;
  std::optional<std::string> out;
  const std::string member(name);
  if (unzLocateFile(zf, member.c_str(), 1) == UNZ_OK && unzOpenCurrentFile(zf) == UNZ_OK) {
    std::string data;
    char buf[65536];
    int n;
    bool ok = true;
    while ((n = unzReadCurrentFile(zf, buf, sizeof buf)) > 0) {
      data.append(buf, static_cast<std::size_t>(n));
      if (data.size() > kMaxMemberBytes) {
        ok = false;
        break;
      }
    }
    if (n < 0) ok = false;
    if (unzCloseCurrentFile(zf) != UNZ_OK) ok = false;  // CRC mismatch
    if (ok) out = std::move(data);
  }
  unzClose(zf);
  return out;
}

ReadResult ReadXlsx(std::string_view bytes, std::string_view wanted) {
  ReadResult out;
  out.source.format = SourceInfo::Format::kXlsx;
  out.source.encoding = Encoding::kUtf8;
  out.source.line_ending.clear();
  auto broken = [&](std::string why) {
    out.error = "classeur XLSX illisible (" + why +
                ") : ouvrez-le et enregistrez-le à nouveau en « Classeur Excel (.xlsx) »";
    out.error_line = 0;
    return out;
  };
  auto workbook = ReadZipMember(bytes, "xl/workbook.xml");
  if (!workbook) {
    if (ReadZipMember(bytes, "content.xml")) {
      out.error =
          "fichier OpenDocument (.ods) : enregistrez-le en « Classeur Excel (.xlsx) » ou en CSV";
      return out;
    }
    return broken("pas de xl/workbook.xml");
  }
  // Sheets in order, with their relationship ids.
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  bool date1904 = false;
  {
    XmlWalker w;
    w.on_start = [&](const std::string& el, const XmlWalker::Attributes& a) {
      if (el == "sheet") sheets.emplace_back(Get(a, "name"), Get(a, "id"));
      if (el == "workbookPr") {
        const std::string v = Get(a, "date1904");
        date1904 = v == "1" || v == "true";
      }
    };
    if (!w.Parse(*workbook)) return broken("xl/workbook.xml");
  }
  if (sheets.empty()) return broken("aucune feuille");
  for (const auto& s : sheets) out.source.sheet_names.push_back(s.first);
  std::size_t chosen = 0;
  if (!wanted.empty()) {
    chosen = sheets.size();
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      if (common::FoldedEquals(sheets[i].first, wanted)) chosen = i;
    }
    if (chosen == sheets.size()) {
      std::string names;
      for (const auto& s : sheets) names += (names.empty() ? "« " : ", « ") + s.first + " »";
      out.error = "pas de feuille « " + std::string(wanted) +
                  " » dans le classeur (feuilles : " + names + ")";
      return out;
    }
  }
  out.source.sheet = sheets[chosen].first;
  std::string sheet_path = "xl/worksheets/sheet" + std::to_string(chosen + 1) + ".xml";
  if (auto rels = ReadZipMember(bytes, "xl/_rels/workbook.xml.rels")) {
    XmlWalker w;
    w.on_start = [&](const std::string& el, const XmlWalker::Attributes& a) {
      if (el == "Relationship" && Get(a, "Id") == sheets[chosen].second)
        sheet_path = ResolveTarget(Get(a, "Target"));
    };
    w.Parse(*rels);
  }
  std::vector<std::string> shared;
  if (auto sst = ReadZipMember(bytes, "xl/sharedStrings.xml")) {
    XmlWalker w;
    bool in_t = false;
    int phonetic = 0;
    w.on_start = [&](const std::string& el, const XmlWalker::Attributes&) {
      if (el == "si") shared.emplace_back();
      if (el == "rPh") ++phonetic;
      if (el == "t" && phonetic == 0) in_t = true;
    };
    w.on_end = [&](const std::string& el) {
      if (el == "t") in_t = false;
      if (el == "rPh") --phonetic;
    };
    w.on_text = [&](std::string_view s) {
      if (in_t && !shared.empty()) shared.back() += s;
    };
    if (!w.Parse(*sst)) return broken("xl/sharedStrings.xml");
  }
  std::vector<bool> date_style;  // by cellXfs index
  if (auto styles = ReadZipMember(bytes, "xl/styles.xml")) {
    std::map<int, bool> custom;
    std::vector<int> xf_formats;
    bool in_cell_xfs = false;
    XmlWalker w;
    w.on_start = [&](const std::string& el, const XmlWalker::Attributes& a) {
      if (el == "numFmt")
        custom[std::atoi(Get(a, "numFmtId").c_str())] = IsDateFormatCode(Get(a, "formatCode"));
      if (el == "cellXfs") in_cell_xfs = true;
      if (el == "xf" && in_cell_xfs) xf_formats.push_back(std::atoi(Get(a, "numFmtId").c_str()));
    };
    w.on_end = [&](const std::string& el) {
      if (el == "cellXfs") in_cell_xfs = false;
    };
    w.Parse(*styles);
    for (int id : xf_formats) {
      auto it = custom.find(id);
      date_style.push_back(it != custom.end() ? it->second : IsDateFormatId(id));
    }
  }
  auto sheet_xml = ReadZipMember(bytes, sheet_path);
  if (!sheet_xml) return broken(sheet_path);
  {
    XmlWalker w;
    std::size_t next_row = 1;
    std::string type;
    int style = 0;
    std::size_t col = 0;
    std::string value;
    bool in_value = false;
    bool in_inline = false;
    SheetRow* row = nullptr;
    w.on_start = [&](const std::string& el, const XmlWalker::Attributes& a) {
      if (el == "row") {
        const std::string r = Get(a, "r");
        const std::size_t n = r.empty() ? next_row : std::strtoul(r.c_str(), nullptr, 10);
        next_row = n + 1;
        out.rows.push_back(SheetRow{n, {}});
        row = &out.rows.back();
      } else if (el == "c" && row) {
        type = Get(a, "t");
        style = std::atoi(Get(a, "s").c_str());
        col = ColumnOf(Get(a, "r"), row->cells.size());
        value.clear();
      } else if (el == "v") {
        in_value = true;
      } else if (el == "is") {
        in_inline = true;
      } else if (el == "t" && in_inline) {
        in_value = true;
      }
    };
    w.on_text = [&](std::string_view s) {
      if (in_value) value += s;
    };
    w.on_end = [&](const std::string& el) {
      if (el == "v" || el == "t") in_value = false;
      if (el == "is") in_inline = false;
      if (el != "c" || !row) return;
      std::string text;
      if (type == "s") {
        const std::size_t i = std::strtoul(value.c_str(), nullptr, 10);
        text = i < shared.size() ? shared[i] : std::string();
      } else if (type == "b") {
        text = value == "1" ? "oui" : value.empty() ? "" : "non";
      } else if (type == "str" || type == "inlineStr" || type == "e") {
        text = value;
      } else if (!value.empty() && style >= 0 &&
                 static_cast<std::size_t>(style) < date_style.size() && date_style[style]) {
        text = SerialToText(std::strtod(value.c_str(), nullptr), date1904);
      } else {
        text = NumberText(value);
      }
      if (col >= 16384) return;
      if (row->cells.size() <= col) row->cells.resize(col + 1);
      row->cells[col] = std::move(text);
    };
    if (!w.Parse(*sheet_xml)) return broken(sheet_path);
  }
  return out;
}

}  // namespace atelier::sheets
