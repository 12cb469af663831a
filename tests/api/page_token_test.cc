#include "server/api/page_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

InteractionFilter SomeFilter() {
  InteractionFilter filter;
  filter.customer_id = 12;
  filter.channel = "email";
  filter.kind = InteractionKind::kMessage;
  filter.start_time = absl::FromUnixSeconds(1700000000);
  return filter;
}

TEST(PageToken, EmptyTokenStartsFromTheTop) {
  EXPECT_EQ(DecodeCustomerPageToken("").value(), 0);
  EXPECT_EQ(DecodeTouchpointPageToken("").value(), 0);
  EXPECT_FALSE(DecodeInteractionPageToken("", 1).value().has_value());
}

TEST(PageToken, IdTokensRoundTrip) {
  EXPECT_EQ(DecodeCustomerPageToken(EncodeCustomerPageToken(1)).value(), 1);
  EXPECT_EQ(DecodeCustomerPageToken(EncodeCustomerPageToken(9223372036854775807)).value(),
            9223372036854775807);
  EXPECT_EQ(DecodeTouchpointPageToken(EncodeTouchpointPageToken(77)).value(), 77);
}

TEST(PageToken, TokensAreOpaqueWebSafeText) {
  const std::string token =
      EncodeInteractionPageToken(InteractionCursor{absl::FromUnixSeconds(1700000000), 5}, 99);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos)
      << token;
}

TEST(PageToken, InteractionTokensRoundTripIncludingNanosAndOldDates) {
  const uint64_t fingerprint = InteractionFilterFingerprint(SomeFilter());
  for (absl::Time time : {absl::FromUnixSeconds(1700000000) + absl::Nanoseconds(123456789),
                          absl::FromUnixSeconds(-62135596800),  // 0001-01-01
                          absl::FromUnixSeconds(-1) + absl::Nanoseconds(1),
                          absl::FromUnixSeconds(253402300799) + absl::Nanoseconds(999999999)}) {
    absl::StatusOr<std::optional<InteractionCursor>> cursor = DecodeInteractionPageToken(
        EncodeInteractionPageToken(InteractionCursor{time, 42}, fingerprint), fingerprint);
    ASSERT_TRUE(cursor.ok()) << cursor.status();
    ASSERT_TRUE(cursor->has_value());
    EXPECT_EQ((*cursor)->occur_time, time);
    EXPECT_EQ((*cursor)->id, 42);
  }
}

TEST(PageToken, GarbageIsRejected) {
  for (const char* garbage : {"x", "not a token", "AAAA", "%%%", "AQEAAAAAAAAAAA"}) {
    EXPECT_TRUE(IsInvalidField(DecodeCustomerPageToken(garbage).status(), "page_token")) << garbage;
    EXPECT_TRUE(IsInvalidField(DecodeInteractionPageToken(garbage, 1).status(), "page_token"))
        << garbage;
  }
  EXPECT_TRUE(
      IsInvalidField(DecodeCustomerPageToken(std::string(5000, 'A')).status(), "page_token"));
}

TEST(PageToken, EveryFlippedBitIsRejected) {
  const std::string token = EncodeCustomerPageToken(1234);
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  for (size_t byte = 0; byte < raw.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string tampered = raw;
      tampered[byte] = static_cast<char>(tampered[byte] ^ (1 << bit));
      EXPECT_TRUE(IsInvalidField(
          DecodeCustomerPageToken(absl::WebSafeBase64Escape(tampered)).status(), "page_token"))
          << "byte " << byte << " bit " << bit;
    }
  }
}

TEST(PageToken, TruncatedOrExtendedTokenIsRejected) {
  const std::string token = EncodeCustomerPageToken(1234);
  EXPECT_FALSE(DecodeCustomerPageToken(token.substr(0, token.size() - 2)).ok());
  EXPECT_FALSE(DecodeCustomerPageToken(token + "AA").ok());
}

TEST(PageToken, TokenOfAnotherCollectionIsRejected) {
  EXPECT_TRUE(
      IsInvalidField(DecodeTouchpointPageToken(EncodeCustomerPageToken(3)).status(), "page_token"));
  EXPECT_TRUE(
      IsInvalidField(DecodeCustomerPageToken(EncodeTouchpointPageToken(3)).status(), "page_token"));
  EXPECT_TRUE(IsInvalidField(DecodeInteractionPageToken(EncodeCustomerPageToken(3), 0).status(),
                             "page_token"));
}

TEST(PageToken, InteractionTokenUsedWithAnotherFilterIsRejected) {
  const InteractionFilter filter = SomeFilter();
  const std::string token =
      EncodeInteractionPageToken(InteractionCursor{absl::FromUnixSeconds(1700000100), 5},
                                 InteractionFilterFingerprint(filter));
  InteractionFilter other = filter;
  other.channel = "chat";
  absl::Status status =
      DecodeInteractionPageToken(token, InteractionFilterFingerprint(other)).status();
  EXPECT_TRUE(IsInvalidField(status, "page_token"));
  EXPECT_NE(status.message().find("different filter"), std::string::npos) << status;
}

TEST(PageToken, FingerprintCoversEveryFilterField) {
  const InteractionFilter base = SomeFilter();
  const uint64_t fingerprint = InteractionFilterFingerprint(base);
  EXPECT_EQ(InteractionFilterFingerprint(SomeFilter()), fingerprint);

  InteractionFilter changed = base;
  changed.customer_id = 13;
  EXPECT_NE(InteractionFilterFingerprint(changed), fingerprint);
  changed = base;
  changed.channel = "";
  EXPECT_NE(InteractionFilterFingerprint(changed), fingerprint);
  changed = base;
  changed.touchpoint_id = 1;
  EXPECT_NE(InteractionFilterFingerprint(changed), fingerprint);
  changed = base;
  changed.kind = std::nullopt;
  EXPECT_NE(InteractionFilterFingerprint(changed), fingerprint);
  changed = base;
  changed.start_time = *base.start_time + absl::Nanoseconds(1);
  EXPECT_NE(InteractionFilterFingerprint(changed), fingerprint);
  changed = base;
  changed.start_time = std::nullopt;
  changed.end_time = base.start_time;
  EXPECT_NE(InteractionFilterFingerprint(changed), fingerprint);
}

TEST(PageToken, TouchpointRuleTokensRoundTripAndKeepTheirParent) {
  EXPECT_EQ(*DecodeTouchpointRulePageToken("", 0), std::nullopt);
  const std::string token = EncodeTouchpointRulePageToken({-5, 42}, 7);
  absl::StatusOr<std::optional<TouchpointRuleCursor>> cursor =
      DecodeTouchpointRulePageToken(token, 7);
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  ASSERT_TRUE(cursor->has_value());
  EXPECT_EQ((*cursor)->priority, -5);
  EXPECT_EQ((*cursor)->id, 42);
  EXPECT_TRUE(IsInvalidField(DecodeTouchpointRulePageToken(token, 0).status(), "page_token"));
  EXPECT_TRUE(IsInvalidField(
      DecodeTouchpointRulePageToken(EncodeTouchpointPageToken(42), 7).status(), "page_token"));
}

TEST(PageToken, OperationTokensRoundTripAndKeepTheirFilter) {
  EXPECT_EQ(DecodeOperationPageToken("", "done=true").value(), 0);
  EXPECT_EQ(
      DecodeOperationPageToken(EncodeOperationPageToken(12, "done=true"), "done=true").value(), 12);
  EXPECT_TRUE(IsInvalidField(
      DecodeOperationPageToken(EncodeOperationPageToken(12, "done=true"), "").status(),
      "page_token"));
  EXPECT_TRUE(IsInvalidField(DecodeOperationPageToken(EncodeCustomerPageToken(12), "").status(),
                             "page_token"));
}

}  // namespace
}  // namespace cxhub
