#pragma once
// A small workshop with companies, built through the domain's own commands.

#include <gtest/gtest.h>

#include "server/workshop/workshop.hpp"

namespace atelier::workshop {

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
