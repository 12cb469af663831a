#include "plugins/common/utf8_repair.h"

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

}  // namespace
}  // namespace cxhub::plugin_common
