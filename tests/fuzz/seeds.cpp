// Writes the seed corpora of the fuzz targets into <dir>/{command,match,csv}: valid
// inputs of each kind, for libFuzzer to mutate from (deploy/fuzz-smoke.sh).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "atelier/v1/atelier.pb.h"
#include "tests/fuzz/fuzz_support.hpp"

namespace v1 = atelier::v1;
using atelier::fuzz::AppendRecord;

namespace {

void Write(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

v1::ClientMessage Post(const std::string& text, v1::CardKind kind, const std::string& category) {
  v1::ClientMessage m;
  m.set_command_id("c-" + text.substr(0, 6));
  v1::CardDraft* d = m.mutable_post_card()->mutable_card();
  d->set_kind(kind);
  d->set_category(category);
  d->set_text(text);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const std::filesystem::path root = argv[1];
  // Commands: a participant's posts, a reaction, a withdrawal, the facilitator's work.
  std::vector<std::pair<uint8_t, v1::ClientMessage>> commands;
  commands.push_back({1, Post("Palettes bois, 200/mois", v1::CARD_KIND_OFFER, "matiere")});
  commands.push_back({2, Post("cherche palettes EUR", v1::CARD_KIND_NEED, "matiere")});
  commands.push_back({3, Post("Chaleur fatale 80 °C, « été » 😀", v1::CARD_KIND_OFFER, "energie")});
  v1::ClientMessage react;
  react.set_command_id("r1");
  react.mutable_react()->set_match_key("sub:k1|k2");
  commands.push_back({2, react});
  v1::ClientMessage withdraw;
  withdraw.set_command_id("w1");
  withdraw.mutable_withdraw_card()->set_card_id("k1");
  withdraw.mutable_withdraw_card()->set_reason("a" + std::string(150, 'e'));
  commands.push_back({1, withdraw});
  v1::ClientMessage update;
  update.set_command_id("u1");
  update.mutable_update_workshop()->mutable_workshop()->set_title("Atelier ZA Nord");
  update.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_RUNNING);
  commands.push_back({0, update});
  v1::ClientMessage synergy;
  synergy.set_command_id("s1");
  synergy.mutable_set_synergy()->mutable_synergy()->add_card_ids("k1");
  synergy.mutable_set_synergy()->mutable_synergy()->add_card_ids("k2");
  synergy.mutable_set_synergy()->mutable_synergy()->set_status(v1::SYNERGY_STATUS_IN_DISCUSSION);
  commands.push_back({0, synergy});
  v1::ClientMessage round;
  round.set_command_id("t1");
  round.mutable_start_round()->set_minutes(10);
  commands.push_back({0, round});
  std::string all;
  for (size_t i = 0; i < commands.size(); ++i) {
    std::string one;
    AppendRecord(one, commands[i].first, commands[i].second.SerializeAsString());
    Write(root / "command", "seed-" + std::to_string(i), one);
    all += one;
  }
  Write(root / "command", "seed-all", all);

  // Match: cards and companies in the engine's own words.
  std::string cards;
  AppendRecord(cards, 0x07 | 0x20, "Menuiserie Kervella");
  AppendRecord(cards, 0x04, "Palettes bois, 200/mois");
  AppendRecord(cards, 0x05 | 0x40, "cherche palettes");
  AppendRecord(cards, 0x0A, "Big bags vides, GRV 1000 L rincés");
  AppendRecord(cards, 0x0B, "besoin cuves 1000 L");
  AppendRecord(cards, 0x10 | 0x80, "chaleur fatale 80 °C l'hiver");
  AppendRecord(cards, 0x11, "PAS de déchets dangereux, eau potable obligatoire");
  AppendRecord(cards, 0x06, "");
  Write(root / "match", "seed-cards", cards);

  // CSV: companies as French spreadsheets export them.
  Write(root / "csv", "seed-utf8",
        "\xEF\xBB\xBFnom;siret;naf;zone;adresse;lat;lon;effectif;ess;contact;table\r\n"
        "Menuiserie Kervella;38212345600017;16.23Z;ZA Nord;\"1 rue du Port; Brest\";48,39;-4,48;12;"
        "non;\"Anne \"\"AL\"\" Le Goff\";2\r\n");
  Write(root / "csv", "seed-1252", "nom;zone\nCaf\xE9 du Port;Zone d'activit\xE9s\n");
  Write(root / "csv", "seed-comma", "name,siret\n\"Alpha, SA\",123\n\"multi\nline\",456\n");
  return 0;
}
