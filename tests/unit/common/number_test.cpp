#include "server/common/number.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

namespace atelier::common {
namespace {

// The cases the web client's parser is checked against too (tests/web/number.test.mjs).
TEST(FrenchNumberTest, SharedCases) {
  std::ifstream in(ATELIER_NUMBER_CASES);
  ASSERT_TRUE(in) << ATELIER_NUMBER_CASES;
  std::stringstream buf;
  buf << in.rdbuf();
  const boost::json::value doc = boost::json::parse(buf.str());
  const auto& cases = doc.at("cases").as_array();
  ASSERT_GT(cases.size(), 20u);
  for (const auto& c : cases) {
    const auto& o = c.as_object();
    const std::string typed(o.at("in").as_string());
    NumberOptions options;
    if (o.contains("min")) options.min = o.at("min").to_number<double>();
    if (o.contains("integer")) options.integer = o.at("integer").as_bool();
    if (o.contains("dotIsDecimal")) options.dot_is_decimal = o.at("dotIsDecimal").as_bool();
    const ParsedNumber p = ParseFrenchNumber(typed, options);
    if (o.contains("value")) {
      ASSERT_TRUE(p.value.has_value()) << typed << ": " << p.message;
      EXPECT_DOUBLE_EQ(*p.value, o.at("value").to_number<double>()) << typed;
      EXPECT_TRUE(p.message.empty());
    } else {
      EXPECT_FALSE(p.value.has_value()) << typed;
      EXPECT_EQ(NumberErrorName(p.error), std::string_view(o.at("error").as_string())) << typed;
      EXPECT_FALSE(p.message.empty());
    }
  }
}

TEST(FrenchNumberTest, MessageQuotesWhatWasTyped) {
  const ParsedNumber p = ParseFrenchNumber("1.234,5");
  EXPECT_EQ(p.error, NumberError::kAmbiguous);
  EXPECT_NE(p.message.find("« 1.234,5 »"), std::string::npos) << p.message;
}

}  // namespace
}  // namespace atelier::common
