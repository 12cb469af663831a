// Chatwoot's webhook signature (Chatwoot 4.11.2 and later, chatwoot/chatwoot#13573): each delivery
// carries
//
//   X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>
//   X-Chatwoot-Timestamp: <unix seconds when it was sent>
//   X-Chatwoot-Delivery:  <uuid, the same on Chatwoot's retries of one delivery>
//
// The timestamp is signed with the body, so a captured delivery cannot be freshened; one whose
// timestamp is more than `max_skew` from now is refused, and so is a delivery id (or, without
// one, a signature) already accepted within twice that window (DeliveryReplayGuard).
#ifndef CXHUB_PLUGINS_CHAT_WEBHOOK_SIGNATURE_H_
#define CXHUB_PLUGINS_CHAT_WEBHOOK_SIGNATURE_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "plugins/chat/delivery_replay_guard.h"

namespace cxhub::chat {

// The signature headers of one request; nullopt when a header is absent.
struct SignedDelivery {
  std::optional<std::string> signature;
  std::optional<std::string> timestamp;
  std::optional<std::string> delivery_id;
};

// The hex HMAC-SHA256 of `<timestamp>.<body>` with `secret`, as Chatwoot signs (without "sha256=").
std::string ChatwootSignature(absl::string_view secret, absl::string_view timestamp,
                              absl::string_view body);

class WebhookSignatureVerifier {
 public:
  static constexpr absl::Duration kMaxSkew = absl::Minutes(5);
  static constexpr size_t kMaxRememberedDeliveries = 100000;

  explicit WebhookSignatureVerifier(std::string secret);

  // Checks the signature (constant-time) and the timestamp, then claims the delivery id so that
  // it is not accepted again. UNAUTHENTICATED naming what is wrong; RESOURCE_EXHAUSTED when too
  // many deliveries are remembered. On OK the caller queues the body or calls Release.
  // Thread-safe.
  absl::Status Verify(const SignedDelivery& delivery, absl::string_view body, absl::Time now);

  // Forgets the claim Verify made for `delivery`, whose body could not be queued.
  void Release(const SignedDelivery& delivery);

 private:
  absl::Status CheckSignature(const SignedDelivery& delivery, absl::string_view body) const;

  const std::string secret_;
  DeliveryReplayGuard seen_;
};

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_WEBHOOK_SIGNATURE_H_
