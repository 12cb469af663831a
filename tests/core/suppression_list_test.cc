// The suppression list's keyed hashes, and how erasure finds an identity in a dead letter's
// bytes.
#include "server/core/suppression_list.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "server/core/identity_mentions.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

const IdentityNormalizer& Normalizer() {
  static const IdentityNormalizer* const kNormalizer = new IdentityNormalizer(PortugalNormalizer());
  return *kNormalizer;
}

TEST(SuppressionList, FingerprintIsTheHmacOfKindAndValueUnderTheKey) {
  const SuppressionList list(Normalizer(), "key");
  // HMAC-SHA256("key", "email:ana@example.com"), computed apart with `openssl dgst -sha256
  // -hmac key`.
  EXPECT_EQ(absl::BytesToHexString(list.Fingerprint(Email("ana@example.com"))),
            "33671d22726ec4f437be419ae53b5c7aed2ea325a009fc6784132b1f34b7aa6d");
  EXPECT_EQ(list.Fingerprint(Email("ana@example.com")), list.Fingerprint(Email("ana@example.com")));
  EXPECT_NE(list.Fingerprint(Email("ana@example.com")),
            SuppressionList(Normalizer(), "another key").Fingerprint(Email("ana@example.com")));
  EXPECT_NE(list.Fingerprint(Email("ana@example.com")),
            list.Fingerprint({IdentityKind::kExternal, "ana@example.com"}));
}

TEST(SuppressionList, RequireKeyNamesTheSetting) {
  EXPECT_TRUE(SuppressionList(Normalizer(), "k").RequireKey().ok());
  const absl::Status refused = SuppressionList(Normalizer(), "").RequireKey();
  EXPECT_TRUE(absl::IsFailedPrecondition(refused));
  EXPECT_NE(refused.message().find("privacy.suppression_key_file"), absl::string_view::npos);
  EXPECT_FALSE(IsSuppressedIdentityError(refused));
}

TEST(IdentityMentions, FindsAddressesWithoutCaseAndNumbersWithoutPlus) {
  EXPECT_TRUE(MentionsIdentity("From: Ana <ANA@Example.com>", Email("ana@example.com")));
  EXPECT_FALSE(MentionsIdentity("From: anabela@example.com", Email("ana@example.com")));
  EXPECT_TRUE(MentionsIdentity("\"351912345678\",\"100\"", Phone("+351912345678")));
  EXPECT_TRUE(MentionsIdentity("{\"acct\":\"@ana@example.social\"}",
                               {IdentityKind::kSocial, "mastodon:@ana@example.social"}));
  EXPECT_FALSE(MentionsIdentity("contact 12 said", {IdentityKind::kChat, "12"}))
      << "too short to tell from chance";
}

}  // namespace
}  // namespace cxhub
