#include "server/match/calendar.hpp"

#include <gtest/gtest.h>

namespace atelier::match {
namespace {

constexpr std::uint16_t M(int m) { return static_cast<std::uint16_t>(1u << (m - 1)); }

TEST(MatchCalendarTest, ExplicitMonthsWin) {
  EXPECT_EQ(Calendar::Months({7, 8}, "l'hiver", ""), M(7) | M(8));
}

TEST(MatchCalendarTest, SeasonsAndRangesFromFreeText) {
  EXPECT_EQ(Calendar::Months({}, "l'hiver", ""), M(12) | M(1) | M(2));
  EXPECT_EQ(Calendar::Months({}, "de juin à août", ""), M(6) | M(7) | M(8));
  EXPECT_EQ(Calendar::Months({}, "juillet-août", ""), M(7) | M(8));
  EXPECT_EQ(Calendar::Months({}, "nov à fév", ""), M(11) | M(12) | M(1) | M(2));
  EXPECT_EQ(Calendar::Months({}, "toute l'année", ""), Calendar::kAllMonths);
}

TEST(MatchCalendarTest, CardTextNeedsUnambiguousMentions) {
  EXPECT_EQ(Calendar::Months({}, "", "besoin en été"), M(6) | M(7) | M(8));
  EXPECT_EQ(Calendar::Months({}, "", "les fûts ont été rincés"), 0);
  EXPECT_EQ(Calendar::Months({}, "", "sept palettes"), 0);
}

TEST(MatchCalendarTest, Weekdays) {
  EXPECT_EQ(Calendar::Weekdays("le vendredi", ""), 1u << 4);
  EXPECT_EQ(Calendar::Weekdays("du lundi au vendredi", ""), 0x1F);
  EXPECT_EQ(Calendar::Weekdays("", "libre le week-end"), 0x60);
}

TEST(MatchCalendarTest, DescribesRunsAcrossTheNewYear) {
  EXPECT_EQ(Calendar::DescribeMonths(M(7) | M(8)), "juillet\u2013août");
  EXPECT_EQ(Calendar::DescribeMonths(M(12) | M(1) | M(2)), "décembre\u2013février");
  EXPECT_EQ(Calendar::DescribeMonths(M(3) | M(6)), "mars, juin");
  EXPECT_EQ(Calendar::DescribeMonths(Calendar::kAllMonths), "toute l'année");
  EXPECT_EQ(Calendar::DescribeWeekdays(1u << 4), "vendredi");
}

}  // namespace
}  // namespace atelier::match
