#include "plugins/chat/webhook_signature.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/chat/delivery_replay_guard.h"

namespace cxhub::chat {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kSecret = "whsec-test";
constexpr absl::string_view kBody = R"({"event":"message_created"})";

SignedDelivery Signed(absl::Time sent, absl::string_view body, std::string delivery_id) {
  const std::string timestamp = absl::StrCat(absl::ToUnixSeconds(sent));
  return SignedDelivery{absl::StrCat("sha256=", ChatwootSignature(kSecret, timestamp, body)),
                        timestamp, std::move(delivery_id)};
}

TEST(ChatwootSignature, IsTheHexHmacSha256OfTimestampDotBody) {
  // printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac key
  EXPECT_EQ(ChatwootSignature("key", "1700000000", "{}"),
            "9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
}

TEST(WebhookSignatureVerifier, AcceptsAGoodSignatureOnce) {
  WebhookSignatureVerifier verifier{std::string(kSecret)};
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const SignedDelivery delivery = Signed(now - absl::Seconds(3), kBody, "d-1");
  EXPECT_TRUE(verifier.Verify(delivery, kBody, now).ok());
  const absl::Status again = verifier.Verify(delivery, kBody, now + absl::Seconds(1));
  EXPECT_TRUE(absl::IsUnauthenticated(again)) << again;
  EXPECT_THAT(again.message(), HasSubstr("already accepted"));
}

TEST(WebhookSignatureVerifier, RefusesWrongStaleAndMissingSignatures) {
  WebhookSignatureVerifier verifier{std::string(kSecret)};
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const auto message = [&](const SignedDelivery& delivery, absl::string_view body) {
    const absl::Status status = verifier.Verify(delivery, body, now);
    EXPECT_TRUE(absl::IsUnauthenticated(status)) << status;
    return std::string(status.message());
  };
  EXPECT_THAT(message(Signed(now, kBody, "a"), "{}"), HasSubstr("does not match"));
  EXPECT_THAT(message(Signed(now - absl::Minutes(6), kBody, "b"), kBody),
              HasSubstr("more than 5m"));
  EXPECT_THAT(message(Signed(now + absl::Minutes(6), kBody, "c"), kBody),
              HasSubstr("more than 5m"));
  SignedDelivery unsigned_delivery = Signed(now, kBody, "d");
  unsigned_delivery.signature.reset();
  EXPECT_THAT(message(unsigned_delivery, kBody), HasSubstr("X-Chatwoot-Signature is missing"));
  SignedDelivery no_time = Signed(now, kBody, "e");
  no_time.timestamp.reset();
  EXPECT_THAT(message(no_time, kBody), HasSubstr("X-Chatwoot-Timestamp is missing"));
  SignedDelivery bare_hex = Signed(now, kBody, "f");
  bare_hex.signature = bare_hex.signature->substr(7);
  EXPECT_THAT(message(bare_hex, kBody), HasSubstr("sha256="));
}

TEST(WebhookSignatureVerifier, ReleasedDeliveryIsAcceptedOnRetry) {
  WebhookSignatureVerifier verifier{std::string(kSecret)};
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const SignedDelivery delivery = Signed(now, kBody, "d-1");
  ASSERT_TRUE(verifier.Verify(delivery, kBody, now).ok());
  verifier.Release(delivery);
  EXPECT_TRUE(verifier.Verify(delivery, kBody, now).ok());
}

TEST(WebhookSignatureVerifier, WithoutADeliveryIdTheSignatureIsRemembered) {
  WebhookSignatureVerifier verifier{std::string(kSecret)};
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  SignedDelivery delivery = Signed(now, kBody, "");
  delivery.delivery_id.reset();
  ASSERT_TRUE(verifier.Verify(delivery, kBody, now).ok());
  EXPECT_TRUE(absl::IsUnauthenticated(verifier.Verify(delivery, kBody, now)));
}

TEST(DeliveryReplayGuard, ForgetsAfterItsLifetimeAndRefusesWhenFull) {
  DeliveryReplayGuard guard(absl::Minutes(10), 2);
  const absl::Time start = absl::FromUnixSeconds(1'800'000'000);
  EXPECT_TRUE(guard.Claim("a", start).ok());
  EXPECT_TRUE(guard.Claim("b", start + absl::Minutes(1)).ok());
  EXPECT_TRUE(absl::IsResourceExhausted(guard.Claim("c", start + absl::Minutes(2))));
  EXPECT_TRUE(absl::IsUnauthenticated(guard.Claim("a", start + absl::Minutes(9))));
  EXPECT_TRUE(guard.Claim("a", start + absl::Minutes(10)).ok());  // "a" expired, room again
  EXPECT_TRUE(guard.Claim("c", start + absl::Minutes(11)).ok());  // "b" expired
}

TEST(DeliveryReplayGuard, AReclaimedIdKeepsItsNewLifetime) {
  DeliveryReplayGuard guard(absl::Minutes(10), 10);
  const absl::Time start = absl::FromUnixSeconds(1'800'000'000);
  ASSERT_TRUE(guard.Claim("a", start).ok());
  guard.Release("a");
  ASSERT_TRUE(guard.Claim("a", start + absl::Minutes(5)).ok());
  EXPECT_TRUE(absl::IsUnauthenticated(guard.Claim("a", start + absl::Minutes(12))));
}

}  // namespace
}  // namespace cxhub::chat
