#include "plugins/social/mastodon_handle.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::social {
namespace {

using ::testing::HasSubstr;

std::string Qualify(absl::string_view acct, absl::string_view url) {
  absl::StatusOr<std::string> handle = QualifyAcct(acct, url, "mastodon.example");
  EXPECT_TRUE(handle.ok()) << handle.status();
  return handle.ok() ? *handle : "";
}

TEST(MastodonHandle, RemoteAcctKeepsItsDomain) {
  EXPECT_EQ(Qualify("priya@fosstodon.example", "https://fosstodon.example/@priya"),
            "@priya@fosstodon.example");
  EXPECT_EQ(Qualify("@Priya@Fosstodon.Example", ""), "@priya@fosstodon.example");
}

TEST(MastodonHandle, LocalAcctTakesTheHostOfItsProfileUrl) {
  EXPECT_EQ(Qualify("ines_rocha", "https://mastodon.example/@ines_rocha"),
            "@ines_rocha@mastodon.example");
  EXPECT_EQ(Qualify("ana", "https://social.other.example:8443/@ana"),
            "@ana@social.other.example:8443");
}

TEST(MastodonHandle, LocalAcctWithoutUrlTakesTheConfiguredInstance) {
  EXPECT_EQ(Qualify("northwind", ""), "@northwind@mastodon.example");
  EXPECT_EQ(Qualify("@northwind", ""), "@northwind@mastodon.example");
}

TEST(MastodonHandle, RefusesMalformedAccounts) {
  EXPECT_FALSE(QualifyAcct("", "", "mastodon.example").ok());
  EXPECT_FALSE(QualifyAcct("a b", "", "mastodon.example").ok());
  EXPECT_FALSE(QualifyAcct("ana@", "", "mastodon.example").ok());
  EXPECT_FALSE(QualifyAcct("ana@bad domain", "", "mastodon.example").ok());
  EXPECT_FALSE(QualifyAcct("ana@x@y", "", "mastodon.example").ok());
  absl::StatusOr<std::string> no_host = QualifyAcct("ana", "mailto:ana", "mastodon.example");
  ASSERT_FALSE(no_host.ok());
  EXPECT_THAT(no_host.status().message(), HasSubstr("profile url without a host"));
}

TEST(MastodonHandle, UrlHostIsLowerCaseAndIgnoresUserInfoAndPath) {
  EXPECT_EQ(UrlHost("HTTPS://Mastodon.Example/@ana?x#y"), "mastodon.example");
  EXPECT_EQ(UrlHost("http://user@host.example/"), "host.example");
  EXPECT_EQ(UrlHost("ftp://host.example/"), "");
  EXPECT_EQ(UrlHost("https:///path"), "");
}

TEST(MastodonHandle, SocialIdentityIsQualifiedByTheNetwork) {
  EXPECT_EQ(SocialIdentityValue("@ana@example.social"), "mastodon:@ana@example.social");
}

}  // namespace
}  // namespace cxhub::social
