#include "server/core/identity_normalizer.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

struct Case {
  IdentityKind kind;
  std::string raw;
  std::string normalized;
};

struct BadCase {
  IdentityKind kind;
  std::string raw;
  std::string message_part;  // What the message must say.
};

IdentityNormalizer Portugal() {
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  EXPECT_TRUE(normalizer.ok()) << normalizer.status();
  return *normalizer;
}

TEST(IdentityNormalizer, NormalizesEveryAcceptedForm) {
  const Case cases[] = {
      // Email: trimmed and lower-cased.
      {IdentityKind::kEmail, "Tom.Becker@Example.DE", "tom.becker@example.de"},
      {IdentityKind::kEmail, "  marta.ferreira@example.pt\t", "marta.ferreira@example.pt"},
      {IdentityKind::kEmail, "priya.nair+orders@mail.example.in",
       "priya.nair+orders@mail.example.in"},
      // Phone: every form in shared/samples/README.md's phone section, default region PT.
      {IdentityKind::kPhone, "912345678", "+351912345678"},
      {IdentityKind::kPhone, "00351912345678", "+351912345678"},
      {IdentityKind::kPhone, "+351912345678", "+351912345678"},
      {IdentityKind::kPhone, "00351 912 345 678", "+351912345678"},
      {IdentityKind::kPhone, "0049301234567", "+49301234567"},
      {IdentityKind::kPhone, "+49301234567", "+49301234567"},
      {IdentityKind::kPhone, "+14155550199", "+14155550199"},
      {IdentityKind::kPhone, "0014155550199", "+14155550199"},
      {IdentityKind::kPhone, " +351 912-345-678 ", "+351912345678"},
      {IdentityKind::kPhone, "(+49) 30 1234567", "+49301234567"},
      // Social: network-qualified, '@' added, lower-cased.
      {IdentityKind::kSocial, "mastodon:@ana@example.social", "mastodon:@ana@example.social"},
      {IdentityKind::kSocial, "mastodon:priya@fosstodon.example",
       "mastodon:@priya@fosstodon.example"},
      {IdentityKind::kSocial, " Mastodon:@Ines_Rocha@Mastodon.Example ",
       "mastodon:@ines_rocha@mastodon.example"},
      {IdentityKind::kSocial, "bluesky:@ana", "bluesky:@ana"},
      // Chat and external: qualified, trimmed, case kept.
      {IdentityKind::kChat, " chatwoot:7:5231 ", "chatwoot:7:5231"},
      {IdentityKind::kChat, "chatwoot:7:quiet-Snow", "chatwoot:7:quiet-Snow"},
      {IdentityKind::kExternal, "crm:ACME-0042", "crm:ACME-0042"},
  };
  const IdentityNormalizer normalizer = Portugal();
  for (const Case& c : cases) {
    absl::StatusOr<Identity> got = normalizer.Normalize({c.kind, c.raw});
    ASSERT_TRUE(got.ok()) << "\"" << c.raw << "\": " << got.status();
    EXPECT_EQ(got->value, c.normalized) << "input \"" << c.raw << "\"";
    EXPECT_EQ(got->kind, c.kind);
  }
}

TEST(IdentityNormalizer, RejectsMalformedValuesSayingWhatIsWrongAndQuotingThem) {
  const BadCase cases[] = {
      {IdentityKind::kEmail, "", "empty"},
      {IdentityKind::kEmail, "   ", "empty"},
      {IdentityKind::kEmail, "tom.becker.example.de", "exactly one '@'"},
      {IdentityKind::kEmail, "tom@becker@example.de", "exactly one '@'"},
      {IdentityKind::kEmail, "@example.de", "empty local part"},
      {IdentityKind::kEmail, "tom@", "domain"},
      {IdentityKind::kEmail, "tom@localhost", "domain"},
      {IdentityKind::kEmail, "tom@example..de", "domain"},
      {IdentityKind::kEmail, "tom becker@example.de", "spaces"},
      {IdentityKind::kEmail, "tom\x01@example.de", "control"},
      {IdentityKind::kPhone, "anonymous", "not a phone number"},
      {IdentityKind::kPhone, "", "empty"},
      {IdentityKind::kPhone, "101", "\"101\""},
      {IdentityKind::kPhone, "12", "\"12\""},
      {IdentityKind::kPhone, "+999123456789", "\"+999123456789\""},
      {IdentityKind::kPhone, "+3519123456789999", "\"+3519123456789999\""},
      {IdentityKind::kPhone, "+351 123 456 789", "not a valid number"},
      {IdentityKind::kPhone, "1-800-FLOWERS", "not a phone number"},
      {IdentityKind::kPhone, "+", "not a phone number"},
      {IdentityKind::kSocial, "@ana@example.social", "network"},
      {IdentityKind::kSocial, "ana@example.social", "network"},
      {IdentityKind::kSocial, ":@ana@example.social", "network"},
      {IdentityKind::kSocial, "mastodon:", "user name"},
      {IdentityKind::kSocial, "mastodon:@", "user name"},
      {IdentityKind::kSocial, "mastodon:@@example.social", "empty user name"},
      {IdentityKind::kSocial, "mastodon:@ana@", "instance"},
      {IdentityKind::kSocial, "mastodon:@ana smith@example.social", "spaces"},
      {IdentityKind::kChat, "5231", "qualified"},
      {IdentityKind::kChat, ":5231", "qualified"},
      {IdentityKind::kChat, "chatwoot:", "empty id"},
      {IdentityKind::kChat, "chatwoot:   ", "empty id"},
      {IdentityKind::kExternal, "ACME-0042", "qualified"},
      {IdentityKind::kExternal, "crm:", "empty id"},
  };
  const IdentityNormalizer normalizer = Portugal();
  for (const BadCase& c : cases) {
    absl::StatusOr<Identity> got = normalizer.Normalize({c.kind, c.raw});
    ASSERT_FALSE(got.ok()) << "accepted \"" << c.raw << "\" as \"" << got->value << "\"";
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << c.raw;
    EXPECT_THAT(std::string(got.status().message()), HasSubstr(c.message_part)) << c.raw;
    if (!c.raw.empty() && c.raw.find_first_not_of(' ') != std::string::npos) {
      EXPECT_THAT(std::string(got.status().message()), HasSubstr("\"" + c.raw + "\""));
    }
  }
}

TEST(IdentityNormalizer, AnonymousCallerIsNotAPhoneNumber) {
  absl::StatusOr<Identity> got = Portugal().Normalize({IdentityKind::kPhone, "anonymous"});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message(), "not a phone number: \"anonymous\"");
}

TEST(IdentityNormalizer, NationalNumbersFollowTheDefaultRegion) {
  absl::StatusOr<IdentityNormalizer> germany = IdentityNormalizer::Create("DE");
  ASSERT_TRUE(germany.ok());
  absl::StatusOr<Identity> got = germany->Normalize({IdentityKind::kPhone, "030 1234567"});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->value, "+49301234567");

  absl::StatusOr<IdentityNormalizer> us = IdentityNormalizer::Create("us");
  ASSERT_TRUE(us.ok());
  EXPECT_EQ(us->default_region(), "US");
  got = us->Normalize({IdentityKind::kPhone, "(415) 555-0199"});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->value, "+14155550199");
  // "00" is understood even where the international prefix is 011.
  got = us->Normalize({IdentityKind::kPhone, "00351912345678"});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->value, "+351912345678");
  got = us->Normalize({IdentityKind::kPhone, "011 351 912 345 678"});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->value, "+351912345678");
}

TEST(IdentityNormalizer, RejectsUnknownDefaultRegion) {
  for (const char* region : {"", "XX", "Portugal", "351"}) {
    absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create(region);
    ASSERT_FALSE(normalizer.ok()) << region;
    EXPECT_EQ(normalizer.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(normalizer.status().message()),
                HasSubstr("\"" + std::string(region) + "\""));
  }
}

TEST(IdentityNormalizer, RejectsUnknownKind) {
  absl::StatusOr<Identity> got = Portugal().Normalize({static_cast<IdentityKind>(42), "someone"});
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(IdentityKindName, NamesEveryKindInLowerCase) {
  EXPECT_EQ(IdentityKindName(IdentityKind::kEmail), "email");
  EXPECT_EQ(IdentityKindName(IdentityKind::kPhone), "phone");
  EXPECT_EQ(IdentityKindName(IdentityKind::kSocial), "social");
  EXPECT_EQ(IdentityKindName(IdentityKind::kChat), "chat");
  EXPECT_EQ(IdentityKindName(IdentityKind::kExternal), "external");
}

}  // namespace
}  // namespace cxhub
