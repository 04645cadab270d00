// The server's QR codes: a well-formed SVG whose modules are the code's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "server/app/qr_routes.hpp"

namespace atelier::app {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Counts the dark modules the path draws: each "h<run>" is a run of dark modules.
int DarkModules(const std::string& svg) {
  std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  int total = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ((*it)[3], (*it)[4]);
    total += std::stoi((*it)[3]);
  }
  return total;
}

TEST(QrSvg, IsAWellFormedSvgDocument) {
  auto qr = MakeQrSvg("http://192.168.1.10:8080/tablet.html#code=DEMO42");
  ASSERT_TRUE(qr.has_value());
  EXPECT_THAT(qr->svg, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  EXPECT_THAT(qr->svg, HasSubstr("xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(qr->svg, HasSubstr("</svg>\n"));
  // Every element is closed: one <svg> pair, the rect and path self-closed.
  EXPECT_EQ(qr->svg.find("<svg"), qr->svg.rfind("<svg"));
  EXPECT_NE(qr->svg.find("<rect "), std::string::npos);
  EXPECT_NE(qr->svg.find("\"/>\n<path"), std::string::npos);
  EXPECT_EQ(qr->svg.find('&'), std::string::npos);  // nothing to escape, no text leaks in
  EXPECT_EQ(qr->svg.find("DEMO42"), std::string::npos);
}

TEST(QrSvg, ModuleCountMatchesTheVersion) {
  // A 49-byte link at level M needs version 4: 17 + 4 * 4 = 33 modules.
  auto qr = MakeQrSvg("http://192.168.1.10:8080/tablet.html#code=DEMO42");
  ASSERT_TRUE(qr.has_value());
  EXPECT_EQ(qr->modules, 33);
  int side = qr->modules + 8;
  std::string box = "viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\"";
  EXPECT_THAT(qr->svg, HasSubstr(box));
  EXPECT_THAT(qr->svg, HasSubstr("data-modules=\"33\""));
  int dark = DarkModules(qr->svg);
  // A QR code is about half dark; the three finder patterns alone are 3 * 33 modules.
  EXPECT_GT(dark, 99);
  EXPECT_LT(dark, qr->modules * qr->modules);
  // The top-left finder: row 0 of the code starts with a run of 7 dark modules.
  EXPECT_THAT(qr->svg, HasSubstr("M4 4h7v1h-7z"));
}

TEST(QrSvg, ShortTextGivesVersionOne) {
  auto qr = MakeQrSvg("DEMO42");
  ASSERT_TRUE(qr.has_value());
  EXPECT_EQ(qr->modules, 21);
}

TEST(QrSvg, SameTextSamePicture) {
  EXPECT_EQ(MakeQrSvg("abc")->svg, MakeQrSvg("abc")->svg);
  EXPECT_NE(MakeQrSvg("abc")->svg, MakeQrSvg("abd")->svg);
}

TEST(QrSvg, RefusesEmptyAndOverlongText) {
  EXPECT_FALSE(MakeQrSvg("").has_value());
  EXPECT_TRUE(MakeQrSvg(std::string(kMaxQrTextBytes, 'a')).has_value());
  EXPECT_FALSE(MakeQrSvg(std::string(kMaxQrTextBytes + 1, 'a')).has_value());
}

TEST(QrSvg, EncodesUtf8AndNulBytes) {
  EXPECT_TRUE(MakeQrSvg("Atelier « Écoparc » — été").has_value());
  EXPECT_TRUE(MakeQrSvg(std::string("a\0b", 3)).has_value());
}

}  // namespace
}  // namespace atelier::app
