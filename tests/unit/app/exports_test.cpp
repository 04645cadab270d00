// Dates, numbers and names of the spreadsheet exports (server/app/exports.cpp).
#include "server/app/exports.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server/workshop/state.hpp"

namespace atelier::app {
namespace {

int64_t Utc(int y, int m, int d, int h, int min) {
  // Days from civil, for the test's own instants.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  return (days * 86400LL + h * 3600 + min * 60) * 1000;
}

TEST(ExportsTest, DatesAreEuropeParisWinterAndSummer) {
  EXPECT_EQ(DateText(ParisDate(Utc(2026, 3, 12, 13, 5))), "12/03/2026 14:05");  // CET
  EXPECT_EQ(DateText(ParisDate(Utc(2026, 7, 1, 22, 30))), "02/07/2026 00:30");  // CEST
  // The change of 29 March 2026 happens at 01:00 UTC.
  EXPECT_EQ(DateText(ParisDate(Utc(2026, 3, 29, 0, 59))), "29/03/2026 01:59");
  EXPECT_EQ(DateText(ParisDate(Utc(2026, 3, 29, 1, 0))), "29/03/2026 03:00");
  // And back on 25 October 2026.
  EXPECT_EQ(DateText(ParisDate(Utc(2026, 10, 25, 0, 30))), "25/10/2026 02:30");
  EXPECT_EQ(DateText(ParisDate(Utc(2026, 10, 25, 1, 30))), "25/10/2026 02:30");
  // Spreadsheet serial: 1 January 2026 00:00 in Paris is day 46023.
  EXPECT_DOUBLE_EQ(ParisDate(Utc(2025, 12, 31, 23, 0)).serial, 46023.0);
}

TEST(ExportsTest, NumbersKeepEveryDigitWithADecimalComma) {
  EXPECT_EQ(FrenchNumber(48.117312345678), "48,117312345678");
  EXPECT_EQ(FrenchNumber(-1.6778), "-1,6778");
  EXPECT_EQ(FrenchNumber(12.5), "12,5");
  EXPECT_EQ(FrenchNumber(3), "3");
  EXPECT_EQ(FrenchNumber(-0.0), "0");
}

TEST(ExportsTest, FileNamesSayWhatAndWhen) {
  v1::WorkshopInfo info;
  info.set_title("Atelier d'affaires — ZA des Trois Chênes & Parc");
  info.set_date("2026-12-03");
  EXPECT_EQ(ExportFileName(info, "synergies", "xlsx", 0),
            "atelier-d-affaires-za-des-trois-chenes-parc-2026-12-03-synergies.xlsx");
  info.set_date("");
  EXPECT_EQ(ExportFileName(info, "cartes", "csv", Utc(2027, 1, 5, 23, 30)),
            "atelier-d-affaires-za-des-trois-chenes-parc-2027-01-06-cartes.csv");
}

// A workshop of three companies, one card each, one synergy between two of them.
workshop::WorkshopState SmallWorkshop() {
  workshop::WorkshopState state;
  uint64_t seq = 0;
  auto apply = [&](v1::Event e) {
    e.set_seq(++seq);
    state.Apply(e);
  };
  v1::Event w;
  w.mutable_workshop_created()->mutable_workshop()->set_id("w1");
  w.mutable_workshop_created()->mutable_workshop()->set_title("Atelier <ZA> du Bois");
  w.mutable_workshop_created()->mutable_workshop()->set_date("2026-03-12");
  apply(w);
  for (const char* id : {"a", "b", "c"}) {
    v1::Event c;
    c.mutable_company_upserted()->mutable_company()->set_id(id);
    c.mutable_company_upserted()->mutable_company()->set_name(std::string("Entreprise ") + id);
    apply(c);
    v1::Event p;
    v1::Card* card = p.mutable_card_posted()->mutable_card();
    card->set_id(std::string("c") + id);
    card->set_company_id(id);
    card->set_kind(*id == 'a' ? v1::CARD_KIND_OFFER : v1::CARD_KIND_NEED);
    card->set_category(*id == 'c' ? "service" : "dechet");
    card->set_text("palettes");
    apply(p);
  }
  v1::Event s;
  v1::Synergy* syn = s.mutable_synergy_upserted()->mutable_synergy();
  syn->set_id("s1");
  syn->set_kind(v1::SYNERGY_KIND_SUBSTITUTION);
  syn->add_company_ids("a");
  syn->add_company_ids("b");
  syn->set_status(v1::SYNERGY_STATUS_IN_DISCUSSION);
  syn->set_estimated_tonnes(12.5);
  apply(s);
  return state;
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportTest, OneReportWithFiguresChartsNetworkAndPrintLayout) {
  ReportOptions o;
  o.organisation = "CCI <Ille-et-Vilaine>";
  o.issued_at_ms = Utc(2026, 12, 4, 10, 0);
  const std::string html = ReportHtml(SmallWorkshop(), 1, o);
  EXPECT_NE(html.find("CCI &lt;Ille-et-Vilaine&gt;"), std::string::npos);
  EXPECT_NE(html.find("Atelier &lt;ZA&gt; du Bois"), std::string::npos);
  EXPECT_EQ(html.find("<ZA>"), std::string::npos);
  EXPECT_NE(html.find("Bilan établi le 4 décembre 2026"), std::string::npos);
  EXPECT_NE(html.find("12 mars 2026"), std::string::npos);
  EXPECT_NE(html.find("data-figure=\"companies\"><strong>3</strong>entreprises engagées"),
            std::string::npos);
  EXPECT_NE(html.find("data-figure=\"workshops\"><strong>1</strong>atelier tenu<"),
            std::string::npos);
  EXPECT_NE(html.find("<tr data-impact=\"tonnes\"><th>Tonnes détournées (t)</th><td>12,5</td>"),
            std::string::npos);
  EXPECT_EQ(Count(html, "<svg class=\"chart\""), 3);  // by kind, by status, by domain
  EXPECT_NE(html.find("aria-label=\"Cartes par domaine : Déchets 2, Services 1\""),
            std::string::npos);
  EXPECT_EQ(Count(html, "<circle"), 3);             // one dot per company
  EXPECT_EQ(Count(html, "stroke-width=\"4\""), 1);  // the synergy
  // Print: page numbers, headings kept with what follows.
  EXPECT_NE(html.find("counter(page)"), std::string::npos);
  EXPECT_NE(html.find("h2,.report h3{break-after:avoid"), std::string::npos);
  // A synergy without a title is named by its companies, not left blank.
  EXPECT_NE(html.find("<td>Entreprise a ↔ Entreprise b</td>"), std::string::npos);
}

TEST(ReportTest, TheLogoIsReadOnceAsAnImageOrRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "atelier-logo-test";
  std::filesystem::create_directories(dir);
  const std::string svg = (dir / "logo.svg").string();
  std::ofstream(svg) << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  const ReportOptions o = LoadReportOptions("CCI", svg);
  EXPECT_EQ(o.logo_data_uri.rfind("data:image/svg+xml;base64,PHN2Zy", 0), 0u) << o.logo_data_uri;
  EXPECT_NE(ReportHtml(SmallWorkshop(), 1, o).find("<img src=\"data:image/svg+xml;base64,"),
            std::string::npos);
  const std::string text = (dir / "logo.txt").string();
  std::ofstream(text) << "pas une image";
  EXPECT_THROW(LoadReportOptions("CCI", text), std::runtime_error);
  EXPECT_THROW(LoadReportOptions("CCI", (dir / "absent.png").string()), std::runtime_error);
  EXPECT_TRUE(LoadReportOptions("CCI", "").logo_data_uri.empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace atelier::app
