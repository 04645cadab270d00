#pragma once
// A small workshop with companies, built through the domain's own commands.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "server/workshop/workshop.hpp"

namespace atelier::workshop {

// Appends the UTF-8 of code point `cp`.
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Random well-formed text of up to `max_chars` characters drawn from what tablets send:
// ASCII, French accents, typographic signs, other scripts, combining marks and emoji
// (4 bytes each), so that any limit falls inside multi-byte characters.
inline std::string RandomText(std::mt19937& rng, int max_chars) {
  static constexpr char32_t kPicks[] = {U'e', U' ', U'é', U'è', U'à', U'ç', U'œ', U'’', U'«',
                                        U'\u00A0', U'\u0301', U'€', U'中', U'ß', U'😀', U'🏭'};
  const int n = static_cast<int>(rng() % static_cast<unsigned>(max_chars + 1));
  std::string out;
  for (int i = 0; i < n; ++i) {
    const unsigned r = rng() % 4;
    if (r == 0) {
      AppendUtf8(out, static_cast<char32_t>('a' + rng() % 26));
    } else if (r == 1) {
      AppendUtf8(out, kPicks[rng() % std::size(kPicks)]);
    } else if (r == 2) {
      AppendUtf8(out, static_cast<char32_t>(0x20 + rng() % (0xD7FF - 0x20)));  // any BMP
    } else {
      AppendUtf8(out, static_cast<char32_t>(0x10000 + rng() % 0xFFFF0));  // astral planes
    }
  }
  return out;
}

inline Viewer Facilitator() {
  Viewer v;
  v.role = v1::ROLE_FACILITATOR;
  v.participant_id = "p2";
  return v;
}

inline Viewer ParticipantOf(const std::string& company, const std::string& id = "px") {
  Viewer v;
  v.role = v1::ROLE_PARTICIPANT;
  v.company_id = company;
  v.participant_id = id;
  return v;
}

inline v1::ClientMessage Post(const std::string& text, v1::CardKind kind = v1::CARD_KIND_OFFER,
                              const std::string& category = "dechet",
                              const std::string& company = "") {
  v1::ClientMessage m;
  m.set_command_id("cmd");
  v1::CardDraft* d = m.mutable_post_card()->mutable_card();
  d->set_kind(kind);
  d->set_category(category);
  d->set_text(text);
  d->set_company_id(company);
  return m;
}

inline v1::ClientMessage AddCompany(const std::string& id, const std::string& name, int table = 1,
                                    const std::string& siret = "") {
  v1::ClientMessage m;
  v1::Company* c = m.mutable_upsert_company()->mutable_company();
  c->set_id(id);
  c->set_name(name);
  c->set_table(table);
  c->set_siret(siret);
  return m;
}

// Creates a workshop with 2 tables and companies "a", "b", "c".
inline void SetUpWorkshop(Workshop& w) {
  v1::WorkshopInfo info;
  info.set_id("w1");
  info.set_title("Test");
  info.set_tables(2);
  ASSERT_TRUE(w.Create(info, 1000).ok());
  v1::Participant p;
  p.set_role(v1::ROLE_FACILITATOR);
  ASSERT_TRUE(w.AddParticipant(p, 1000).ok());
  for (auto [id, name, table] :
       {std::tuple{"a", "Alpha", 1}, {"b", "Bravo", 1}, {"c", "Charlie", 2}}) {
    ASSERT_TRUE(w.Handle(Facilitator(), AddCompany(id, name, table), 1000).ok());
  }
}

}  // namespace atelier::workshop
