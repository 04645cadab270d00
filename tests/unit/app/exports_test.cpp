// Dates, numbers and names of the spreadsheet exports (server/app/exports.cpp).
#include "server/app/exports.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace atelier::app
