#include "server/auth/token_registry.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/auth/token_hash.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

TEST(TokenHash, IsTheSha256InHex) {
  EXPECT_EQ(TokenSha256Hex("test"),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
}

TEST(TokenHash, NewTokensAreLongAndDifferent) {
  absl::StatusOr<std::string> a = NewRandomToken();
  absl::StatusOr<std::string> b = NewRandomToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_NE(*a, *b);
}

TEST(TokenEntries, ParsesNamesRolesAndHashesIgnoringComments) {
  absl::StatusOr<std::vector<TokenEntry>> entries =
      ParseTokenEntries(absl::StrCat("# who role hash\n\nci writer ", TokenSha256Hex("a"),
                                     "  # the CI\n", "ana\tadmin\t", TokenSha256Hex("b"), "\n"),
                        "tokens");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "ci");
  EXPECT_EQ((*entries)[0].role, Role::kWriter);
  EXPECT_EQ((*entries)[1].role, Role::kAdmin);
}

TEST(TokenEntries, NamesTheLineOfABadEntry) {
  EXPECT_THAT(ParseTokenEntries("ci writer\n", "tokens").status().message(),
              HasSubstr("tokens:1:"));
  EXPECT_THAT(ParseTokenEntries(absl::StrCat("\nci owner ", TokenSha256Hex("a")), "tokens")
                  .status()
                  .message(),
              HasSubstr("tokens:2: unknown role \"owner\""));
  EXPECT_THAT(ParseTokenEntries("ci reader abc\n", "tokens").status().message(),
              HasSubstr("64 hex digits"));
  const std::string line = absl::StrCat("ci reader ", TokenSha256Hex("a"), "\n");
  EXPECT_THAT(ParseTokenEntries(line + line, "tokens").status().message(), HasSubstr("used twice"));
}

TEST(TokenRegistry, FindsTheCallerOfAKnownTokenOnlyAndReloads) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/tokens_", getpid());
  std::ofstream(path) << "ci writer " << TokenSha256Hex("secret-1") << "\n";
  absl::StatusOr<std::unique_ptr<TokenRegistry>> registry = TokenRegistry::Load(path);
  ASSERT_TRUE(registry.ok()) << registry.status();
  std::optional<Caller> caller = (*registry)->Find("secret-1");
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->token_name, "ci");
  EXPECT_EQ(caller->role, Role::kWriter);
  EXPECT_FALSE((*registry)->Find("secret-2").has_value());
  EXPECT_FALSE((*registry)->Find(TokenSha256Hex("secret-1")).has_value());  // The hash is no token.

  std::ofstream(path) << "ops reader " << TokenSha256Hex("secret-2") << "\n";
  ASSERT_TRUE((*registry)->Reload().ok());
  EXPECT_FALSE((*registry)->Find("secret-1").has_value());
  EXPECT_TRUE((*registry)->Find("secret-2").has_value());

  std::ofstream(path) << "broken\n";
  EXPECT_FALSE((*registry)->Reload().ok());
  EXPECT_TRUE((*registry)->Find("secret-2").has_value());  // Kept.
  std::filesystem::remove(path);
}

TEST(Role, HigherRolesIncludeLowerOnes) {
  EXPECT_TRUE(RoleAllows(Role::kAdmin, Role::kReader));
  EXPECT_TRUE(RoleAllows(Role::kWriter, Role::kWriter));
  EXPECT_FALSE(RoleAllows(Role::kReader, Role::kWriter));
  EXPECT_EQ(ParseRole("admin"), Role::kAdmin);
  EXPECT_EQ(ParseRole("root"), std::nullopt);
}

}  // namespace
}  // namespace cxhub
