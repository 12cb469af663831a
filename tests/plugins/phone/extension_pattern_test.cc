#include "plugins/phone/extension_pattern.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::phone {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ExtensionPatterns, MatchesDigitsOfExactlyThePatternsLength) {
  absl::StatusOr<ExtensionPatterns> patterns = ExtensionPatterns::Parse("1XX, _2nxx");
  ASSERT_TRUE(patterns.ok()) << patterns.status();
  EXPECT_THAT(patterns->patterns(), ElementsAre("1XX", "2NXX"));
  EXPECT_TRUE(patterns->Matches("100"));
  EXPECT_TRUE(patterns->Matches("103"));
  EXPECT_TRUE(patterns->Matches(" 199 "));
  EXPECT_TRUE(patterns->Matches("2200"));
  EXPECT_FALSE(patterns->Matches("2100"));  // N is 2-9
  EXPECT_FALSE(patterns->Matches("10"));
  EXPECT_FALSE(patterns->Matches("1000"));
  EXPECT_FALSE(patterns->Matches("912345678"));
  EXPECT_FALSE(patterns->Matches("+101"));
  EXPECT_FALSE(patterns->Matches("1a1"));
}

TEST(ExtensionPatterns, ZIsOneToNine) {
  absl::StatusOr<ExtensionPatterns> patterns = ExtensionPatterns::Parse("Z0");
  ASSERT_TRUE(patterns.ok());
  EXPECT_TRUE(patterns->Matches("90"));
  EXPECT_FALSE(patterns->Matches("00"));
}

TEST(ExtensionPatterns, EmptyTextMatchesNothing) {
  absl::StatusOr<ExtensionPatterns> patterns = ExtensionPatterns::Parse("");
  ASSERT_TRUE(patterns.ok());
  EXPECT_FALSE(patterns->Matches("101"));
}

TEST(ExtensionPatterns, RefusesOtherCharacters) {
  absl::StatusOr<ExtensionPatterns> patterns = ExtensionPatterns::Parse("1XX,1[0-9]");
  ASSERT_FALSE(patterns.ok());
  EXPECT_THAT(patterns.status().message(), HasSubstr("'1[0-9]'"));
  EXPECT_FALSE(ExtensionPatterns::Parse("_").ok());
}

}  // namespace
}  // namespace cxhub::phone
