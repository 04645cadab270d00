#include "server/app/join_guard.hpp"

#include <gtest/gtest.h>

namespace atelier::app {
namespace {

using std::chrono::milliseconds;

TEST(JoinGuard, BlocksAfterTheBurstWithDoublingPenalties) {
  JoinGuard guard(JoinGuardLimits{5, milliseconds(1000), milliseconds(2000), milliseconds(16000),
                                  milliseconds(600'000)});
  const auto t0 = JoinGuard::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(guard.Allowed("10.0.0.1", t0));
    EXPECT_FALSE(guard.Failed("10.0.0.1", t0));
  }
  EXPECT_TRUE(guard.Failed("10.0.0.1", t0)) << "the sixth wrong code starts a block";
  EXPECT_FALSE(guard.Allowed("10.0.0.1", t0 + milliseconds(1999)));
  EXPECT_TRUE(guard.Allowed("10.0.0.2", t0)) << "other addresses are free";
  EXPECT_TRUE(guard.Allowed("10.0.0.1", t0 + milliseconds(2000)));
  // Right after a block, one more wrong code blocks again, for twice as long.
  const auto t1 = t0 + milliseconds(2000);
  EXPECT_TRUE(guard.Failed("10.0.0.1", t1));
  EXPECT_FALSE(guard.Allowed("10.0.0.1", t1 + milliseconds(3999)));
  EXPECT_TRUE(guard.Allowed("10.0.0.1", t1 + milliseconds(4000)));
  // Each wrong code as soon as a block ends: 8 s, then the cap of 16 s.
  auto t = t1 + milliseconds(4000);
  for (milliseconds penalty : {milliseconds(8000), milliseconds(16000), milliseconds(16000)}) {
    ASSERT_TRUE(guard.Failed("10.0.0.1", t));
    ASSERT_FALSE(guard.Allowed("10.0.0.1", t + penalty - milliseconds(1)));
    t += penalty;
    ASSERT_TRUE(guard.Allowed("10.0.0.1", t));
  }
  // Forgiven after a quiet while: the whole burst again.
  t += milliseconds(600'000);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(guard.Failed("10.0.0.1", t));
}

TEST(JoinGuard, EarnsAttemptsBackOverTime) {
  JoinGuard guard(JoinGuardLimits{2, milliseconds(1000), milliseconds(2000), milliseconds(16000),
                                  milliseconds(600'000)});
  const auto t0 = JoinGuard::Clock::time_point{} + std::chrono::hours(1);
  EXPECT_FALSE(guard.Failed("a", t0));
  EXPECT_FALSE(guard.Failed("a", t0));
  EXPECT_FALSE(guard.Failed("a", t0 + milliseconds(1000))) << "one earned back after 1 s";
  EXPECT_TRUE(guard.Failed("a", t0 + milliseconds(1100)));
}

}  // namespace
}  // namespace atelier::app
