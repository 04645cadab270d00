#include "server/match/geo.hpp"

#include <gtest/gtest.h>

namespace atelier::match {
namespace {

TEST(MatchGeoTest, HaversineRennesNantes) {
  EXPECT_NEAR(HaversineKm(48.1113, -1.6800, 47.2184, -1.5536), 99.8, 1.0);
  EXPECT_DOUBLE_EQ(HaversineKm(48.1, -1.6, 48.1, -1.6), 0.0);
}

TEST(MatchGeoTest, FormatsNumbersTheFrenchWay) {
  EXPECT_EQ(FormatFrench(3.24), "3,2");
  EXPECT_EQ(FormatFrench(200.0), "200");
  EXPECT_EQ(FormatFrench(0.5, 2), "0,5");
}

}  // namespace
}  // namespace atelier::match
