#include "server/app/demo.hpp"

#include <future>
#include <stdexcept>

namespace atelier::app {

namespace {

struct DemoCompany {
  const char* id;
  const char* name;
  const char* naf;
  const char* zone;
  double lat, lon;
  int headcount;
  bool ess;
  int table;
};

// Fictional companies; coordinates near Rennes.
constexpr DemoCompany kCompanies[] = {
    {"menuiserie-ferrand", "Menuiserie Ferrand", "16.23Z", "ZA des Trois Chênes", 48.1352, -1.6201,
     24, false, 1},
    {"logistique-armor", "Logistique Armor", "52.10B", "ZA des Trois Chênes", 48.1361, -1.6185, 85,
     false, 1},
    {"boulangerie-du-parc", "Boulangerie Industrielle du Parc", "10.71B", "ZA des Trois Chênes",
     48.1344, -1.6223, 60, false, 1},
    {"esat-les-ateliers", "ESAT Les Ateliers de la Vilaine", "88.10C", "ZA des Trois Chênes",
     48.1370, -1.6160, 45, true, 2},
    {"imprimerie-rennaise", "Imprimerie Rennaise", "18.12Z", "ZA des Trois Chênes", 48.1338,
     -1.6240, 32, false, 2},
    {"plasturgie-ouest", "Plasturgie de l'Ouest", "22.29A", "Parc de la Lande", 48.0902, -1.7008,
     120, false, 2},
    {"agro-conserves", "Conserverie Saint-Jacques", "10.39A", "Parc de la Lande", 48.0911, -1.6987,
     150, false, 3},
    {"ressourcerie-la-trame", "Ressourcerie La Trame", "38.32Z", "Parc de la Lande", 48.0925,
     -1.7031, 12, true, 3},
    {"mecanique-precision", "Mécanique de Précision Bretonne", "25.62B", "Parc de la Lande",
     48.0895, -1.6960, 40, false, 3},
    {"traiteur-gourmet", "Traiteur Le Gourmet", "56.21Z", "Parc de la Lande", 48.0930, -1.6950, 18,
     false, 4},
    {"transports-guillou", "Transports Guillou", "49.41A", "ZA des Trois Chênes", 48.1329, -1.6172,
     70, false, 4},
    {"serres-du-pays", "Serres du Pays de Rennes", "01.13Z", "Parc de la Lande", 48.0870, -1.7060,
     22, false, 4},
};

struct DemoCard {
  const char* company;
  v1::CardKind kind;
  const char* category;
  const char* text;
  double quantity;  // 0: none
  const char* unit;
  const char* frequency;
  const char* waste_code;
};

constexpr DemoCard kCards[] = {
    {"menuiserie-ferrand", v1::CARD_KIND_OFFER, "dechet", "Chutes de bois massif et copeaux", 3,
     "t", "mois", "03 01 05"},
    {"menuiserie-ferrand", v1::CARD_KIND_NEED, "equipement",
     "Chariot élévateur 2 jours par semaine", 0, "", "", ""},
    {"logistique-armor", v1::CARD_KIND_OFFER, "dechet", "Palettes bois cassées", 200, "pièces",
     "mois", "15 01 03"},
    {"logistique-armor", v1::CARD_KIND_OFFER, "espace",
     "Entrepôt : 400 m² de stockage libres l'hiver", 400, "m²", "", ""},
    {"logistique-armor", v1::CARD_KIND_NEED, "service", "Gardiennage du site la nuit", 0, "", "",
     ""},
    {"boulangerie-du-parc", v1::CARD_KIND_OFFER, "energie",
     "Chaleur fatale des fours (eau chaude 60 °C)", 0, "", "", ""},
    {"boulangerie-du-parc", v1::CARD_KIND_OFFER, "dechet", "Invendus de pain et viennoiseries", 150,
     "kg", "semaine", "02 06 01"},
    {"boulangerie-du-parc", v1::CARD_KIND_NEED, "formation", "Formation SST pour 8 salariés", 8,
     "personnes", "", ""},
    {"esat-les-ateliers", v1::CARD_KIND_OFFER, "service",
     "Reconditionnement de palettes et petite menuiserie", 0, "", "", ""},
    {"esat-les-ateliers", v1::CARD_KIND_OFFER, "service", "Entretien des espaces verts", 0, "", "",
     ""},
    {"imprimerie-rennaise", v1::CARD_KIND_OFFER, "dechet", "Cartons et rognures de papier", 2, "t",
     "mois", "15 01 01"},
    {"imprimerie-rennaise", v1::CARD_KIND_NEED, "achat", "Achat groupé d'électricité verte", 0, "",
     "", ""},
    {"plasturgie-ouest", v1::CARD_KIND_NEED, "service", "Surveillance du site le week-end", 0, "",
     "", ""},
    {"plasturgie-ouest", v1::CARD_KIND_OFFER, "dechet", "Big bags vides réutilisables", 300,
     "pièces", "an", ""},
    {"agro-conserves", v1::CARD_KIND_NEED, "rh", "Personnel saisonnier de juin à septembre", 15,
     "personnes", "", ""},
    {"agro-conserves", v1::CARD_KIND_OFFER, "eau", "Eau de refroidissement propre", 20, "m³",
     "jour", ""},
    {"ressourcerie-la-trame", v1::CARD_KIND_NEED, "matiere",
     "Chutes de bois pour ateliers de réemploi", 0, "", "", ""},
    {"mecanique-precision", v1::CARD_KIND_NEED, "formation", "Formation SST recyclage", 5,
     "personnes", "", ""},
    {"traiteur-gourmet", v1::CARD_KIND_NEED, "matiere",
     "Pain de la veille pour chapelure et pudding", 30, "kg", "semaine", ""},
    {"transports-guillou", v1::CARD_KIND_OFFER, "logistique",
     "Fret retour à vide Rennes – Saint-Malo", 0, "", "", ""},
    {"transports-guillou", v1::CARD_KIND_NEED, "espace", "Stockage de 300 m² pour l'hiver", 300,
     "m²", "", ""},
    {"serres-du-pays", v1::CARD_KIND_NEED, "energie", "Chaleur pour chauffer les serres", 0, "", "",
     ""},
    {"serres-du-pays", v1::CARD_KIND_OFFER, "rh", "Saisonniers disponibles d'octobre à mars", 6,
     "personnes", "", ""},
};

void Wait(WorkshopActor& actor, std::function<workshop::Outcome(workshop::Workshop&, int64_t)> fn) {
  std::promise<workshop::Outcome> done;
  actor.Execute(std::move(fn), [&done](const workshop::Outcome& o) { done.set_value(o); });
  workshop::Outcome o = done.get_future().get();
  if (!o.ok()) throw std::runtime_error("demo: " + o.rejection->message);
}

}  // namespace

std::string EnsureDemoWorkshop(Hub& hub) {
  if (hub.ByCode(kDemoCode)) return "";
  v1::WorkshopInfo info;
  info.set_title("Atelier d'affaires — ZA des Trois Chênes & Parc de la Lande");
  info.set_date("2026-12-03");
  info.set_venue("CCI, salle Vilaine");
  info.set_territory("Rennes Métropole");
  info.set_tables(4);
  info.set_status(v1::WORKSHOP_STATUS_RUNNING);
  info.set_round(1);
  CreatedWorkshop created = hub.CreateWorkshop(info, kDemoCode);
  auto actor = hub.ById(created.id);
  workshop::Viewer facilitator;
  facilitator.role = v1::ROLE_FACILITATOR;
  facilitator.participant_id = created.facilitator_id;
  for (const DemoCompany& c : kCompanies) {
    v1::ClientMessage msg;
    v1::Company* company = msg.mutable_upsert_company()->mutable_company();
    company->set_id(c.id);
    company->set_name(c.name);
    company->set_naf(c.naf);
    company->set_zone(c.zone);
    company->set_has_location(true);
    company->set_lat(c.lat);
    company->set_lon(c.lon);
    company->set_headcount(c.headcount);
    company->set_ess(c.ess);
    // Fictional; shown to a partner once both said « Intéressé » (privacy.md).
    company->set_contact(std::string("Accueil, contact@") + c.id + ".example, 02 99 00 00 00");
    company->set_table(c.table);
    Wait(*actor,
         [&](workshop::Workshop& w, int64_t now) { return w.Handle(facilitator, msg, now); });
  }
  for (const DemoCard& c : kCards) {
    v1::ClientMessage msg;
    v1::CardDraft* d = msg.mutable_post_card()->mutable_card();
    d->set_company_id(c.company);
    d->set_kind(c.kind);
    d->set_category(c.category);
    d->set_text(c.text);
    if (c.quantity > 0) {
      d->set_has_quantity(true);
      d->set_quantity(c.quantity);
      d->set_unit(c.unit);
      d->set_frequency(c.frequency);
    }
    d->set_waste_code(c.waste_code);
    Wait(*actor,
         [&](workshop::Workshop& w, int64_t now) { return w.Handle(facilitator, msg, now); });
  }
  return created.facilitator_token;
}

}  // namespace atelier::app
