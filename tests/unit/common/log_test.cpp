#include "server/common/log.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace atelier::log {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetSinkForTesting([this](const std::string& line) { lines_.push_back(line); });
  }
  void TearDown() override {
    SetSinkForTesting({});
    SetLevel(Level::kInfo);
  }
  std::vector<std::string> lines_;
};

TEST(LogFormat, IsoUtcTimestampLevelAndMessage) {
  // 2026-05-12T08:30:01.123Z
  EXPECT_EQ(FormatLine(Level::kInfo, "démarrage", 1778574601123),
            "2026-05-12T08:30:01.123Z INFO  démarrage\n");
  EXPECT_EQ(FormatLine(Level::kError, "x", 0), "1970-01-01T00:00:00.000Z ERROR x\n");
}

TEST(LogFormat, NewlinesInAMessageStayOnOneLine) {
  EXPECT_EQ(FormatLine(Level::kWarn, "a\nb\rc", 0), "1970-01-01T00:00:00.000Z WARN  a\\nb\\rc\n");
}

TEST(LogLevels, ParseKnownNamesOnly) {
  EXPECT_EQ(ParseLevel("debug"), Level::kDebug);
  EXPECT_EQ(ParseLevel("info"), Level::kInfo);
  EXPECT_EQ(ParseLevel("warn"), Level::kWarn);
  EXPECT_EQ(ParseLevel("warning"), Level::kWarn);
  EXPECT_EQ(ParseLevel("error"), Level::kError);
  EXPECT_EQ(ParseLevel("verbose"), std::nullopt);
  EXPECT_EQ(ParseLevel(""), std::nullopt);
}

TEST_F(LogTest, LinesBelowTheLevelAreDroppedWithoutEvaluation) {
  SetLevel(Level::kWarn);
  int evaluated = 0;
  auto count = [&] { return ++evaluated; };
  LOG_INFO("info " << count());
  LOG_DEBUG("debug " << count());
  LOG_WARN("warn " << count());
  LOG_ERROR("error " << count());
  EXPECT_EQ(evaluated, 2);
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_THAT(lines_[0], HasSubstr(" WARN  warn 1\n"));
  EXPECT_THAT(lines_[1], HasSubstr(" ERROR error 2\n"));
}

TEST_F(LogTest, DebugShowsEverything) {
  SetLevel(Level::kDebug);
  LOG_DEBUG("d");
  LOG_INFO("i");
  EXPECT_EQ(lines_.size(), 2u);
}

TEST(LogThrottle, HoldsBackRepeatsAndCountsThem) {
  Throttle throttle(std::chrono::hours(1));
  uint64_t held = 99;
  EXPECT_TRUE(throttle.Allow(&held));
  EXPECT_EQ(held, 0u);
  EXPECT_FALSE(throttle.Allow(&held));
  EXPECT_FALSE(throttle.Allow(&held));
  Throttle open(std::chrono::milliseconds(0));
  EXPECT_TRUE(open.Allow(&held));
  EXPECT_TRUE(open.Allow(&held));
  EXPECT_EQ(held, 0u);
}

}  // namespace
}  // namespace atelier::log
