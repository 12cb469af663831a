#include "plugins/common/utf8_repair.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace cxhub::plugin_common {
namespace {

TEST(RepairUtf8, LeavesValidTextAlone) {
  EXPECT_EQ(RepairUtf8(""), "");
  EXPECT_EQ(RepairUtf8("Entrega r\xC3\xA1pida \xF0\x9F\x91\x8D"),
            "Entrega r\xC3\xA1pida \xF0\x9F\x91\x8D");
}

TEST(RepairUtf8, ReplacesEachBadByteWithTheReplacementCharacter) {
  // Latin-1 "rápida", a cut emoji at the end, an overlong "/" and a surrogate.
  EXPECT_EQ(RepairUtf8("r\xE1pida"), "r\xEF\xBF\xBDpida");
  EXPECT_EQ(RepairUtf8("ok \xF0\x9F\x91"), "ok \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("\xF4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(RepairUtf8, ReplacesBadBytesWhereverTheyFallInALongText) {
  // Past the first eight bytes and between the eight-byte steps, where ASCII is read a word at a
  // time; a sequence of several bytes across a step.
  const std::string ascii(21, 'a');
  EXPECT_EQ(RepairUtf8(ascii + "\xFF" + ascii), ascii + "\xEF\xBF\xBD" + ascii);
  EXPECT_EQ(RepairUtf8(ascii + "\xC3\xA1" + ascii + "\xE1"),
            ascii + "\xC3\xA1" + ascii + "\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("1234567\xF0\x9F\x91\x8D"
                       "89"),
            "1234567\xF0\x9F\x91\x8D"
            "89");
  EXPECT_EQ(RepairUtf8("\xFF\xFE" + ascii), "\xEF\xBF\xBD\xEF\xBF\xBD" + ascii);
}

TEST(IsValidUtf8, SaysWhetherRepairWouldChangeTheText) {
  const std::string ascii(19, 'b');
  for (const std::string& text :
       {std::string(), ascii, absl::StrCat(ascii, "r\xC3\xA1pida \xF0\x9F\x91\x8D", ascii),
        absl::StrCat(ascii, "r\xE1pida"), absl::StrCat(ascii, "\xF0\x9F\x91"),
        std::string("\xC0\xAF"), absl::StrCat(ascii, "\xED\xA0\x80", ascii),
        absl::StrCat("\x80", ascii)}) {
    EXPECT_EQ(IsValidUtf8(text), RepairUtf8(text) == text) << absl::CHexEscape(text);
  }
  EXPECT_TRUE(IsValidUtf8(absl::StrCat(ascii, "\xC3\xA1")));
  EXPECT_FALSE(IsValidUtf8(absl::StrCat(ascii, "\xC3")));
}

}  // namespace
}  // namespace cxhub::plugin_common
