#include "plugins/common/utf8_clip.h"

#include "gtest/gtest.h"

namespace cxhub::plugin_common {
namespace {

TEST(ClipUtf8, KeepsTextThatFits) {
  EXPECT_EQ(ClipUtf8("Olá", 4), "Olá");
  EXPECT_EQ(ClipUtf8("", 0), "");
  EXPECT_EQ(ClipUtf8("abcdef", 3), "abc");
}

TEST(ClipUtf8, NeverEndsInsideACharacter) {
  // "é" is 2 bytes, "€" 3, "😀" 4.
  EXPECT_EQ(ClipUtf8("Olá", 3), "Ol");
  EXPECT_EQ(ClipUtf8("a€b", 2), "a");
  EXPECT_EQ(ClipUtf8("a€b", 3), "a");
  EXPECT_EQ(ClipUtf8("a€b", 4), "a€");
  EXPECT_EQ(ClipUtf8("😀x", 3), "");
  EXPECT_EQ(ClipUtf8("😀x", 4), "😀");
}

TEST(ClipUtf8, BacksOffAtMostThreeBytesOnInvalidText) {
  EXPECT_EQ(ClipUtf8("ab\x80\x80\x80\x80\x80", 6), "ab\x80");
}

}  // namespace
}  // namespace cxhub::plugin_common
