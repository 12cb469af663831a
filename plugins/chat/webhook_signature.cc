#include "plugins/chat/webhook_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace cxhub::chat {
namespace {

constexpr absl::string_view kSignaturePrefix = "sha256=";

absl::Status Unsigned(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("signature: ", why));
}

// Without a delivery id, the signature itself names the delivery (it differs for every
// timestamp and body).
std::string ReplayKey(const SignedDelivery& delivery) {
  if (delivery.delivery_id.has_value() && !delivery.delivery_id->empty()) {
    return absl::StrCat("delivery:", *delivery.delivery_id);
  }
  return absl::StrCat("signature:", delivery.signature.value_or(""));
}

}  // namespace

std::string ChatwootSignature(absl::string_view secret, absl::string_view timestamp,
                              absl::string_view body) {
  const std::string message = absl::StrCat(timestamp, ".", body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), static_cast<size_t>(length)));
}

WebhookSignatureVerifier::WebhookSignatureVerifier(std::string secret)
    : secret_(std::move(secret)), seen_(2 * kMaxSkew, kMaxRememberedDeliveries) {}

absl::Status WebhookSignatureVerifier::Verify(const SignedDelivery& delivery,
                                              absl::string_view body, absl::Time now) {
  if (absl::Status signed_ok = CheckSignature(delivery, body); !signed_ok.ok()) return signed_ok;
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(*delivery.timestamp, &seconds)) {
    return Unsigned(
        absl::StrCat("X-Chatwoot-Timestamp '", *delivery.timestamp, "' is not unix seconds"));
  }
  const absl::Duration skew = now - absl::FromUnixSeconds(seconds);
  if (absl::AbsDuration(skew) > kMaxSkew) {
    return Unsigned(absl::StrCat("X-Chatwoot-Timestamp is ", absl::FormatDuration(skew),
                                 " away from now (more than ", absl::FormatDuration(kMaxSkew),
                                 ")"));
  }
  return seen_.Claim(ReplayKey(delivery), now);
}

void WebhookSignatureVerifier::Release(const SignedDelivery& delivery) {
  seen_.Release(ReplayKey(delivery));
}

absl::Status WebhookSignatureVerifier::CheckSignature(const SignedDelivery& delivery,
                                                      absl::string_view body) const {
  if (!delivery.signature.has_value()) return Unsigned("X-Chatwoot-Signature is missing");
  if (!delivery.timestamp.has_value()) return Unsigned("X-Chatwoot-Timestamp is missing");
  absl::string_view given = *delivery.signature;
  if (!absl::ConsumePrefix(&given, kSignaturePrefix)) {
    return Unsigned("X-Chatwoot-Signature does not start with sha256=");
  }
  const std::string expected = ChatwootSignature(secret_, *delivery.timestamp, body);
  const std::string given_lower = absl::AsciiStrToLower(given);
  // The length is public (64 hex digits); the content is compared in constant time.
  if (given_lower.size() != expected.size() ||
      CRYPTO_memcmp(given_lower.data(), expected.data(), expected.size()) != 0) {
    return Unsigned("X-Chatwoot-Signature does not match the body and timestamp");
  }
  return absl::OkStatus();
}

}  // namespace cxhub::chat
