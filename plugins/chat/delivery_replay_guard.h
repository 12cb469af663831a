// Remembers which webhook deliveries were accepted recently, so that the same delivery is not
// accepted twice (a replay, or a Chatwoot retry of a delivery that was already queued).
//
// Memory is bounded: an id is forgotten `lifetime` after it was claimed (a signed delivery older
// than the signature's time window is refused anyway, so a lifetime of twice that window covers
// every delivery that could still pass), and at most `capacity` ids are held; when that many are
// live, Claim refuses instead of forgetting one early (forgetting would reopen a replay).
// In memory only: the ids are lost when the plugin closes or cxhubd restarts. Thread-safe.
#ifndef CXHUB_PLUGINS_CHAT_DELIVERY_REPLAY_GUARD_H_
#define CXHUB_PLUGINS_CHAT_DELIVERY_REPLAY_GUARD_H_

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub::chat {

class DeliveryReplayGuard {
 public:
  DeliveryReplayGuard(absl::Duration lifetime, size_t capacity)
      : lifetime_(lifetime), capacity_(capacity) {}

  // Claims `id` at `now`. UNAUTHENTICATED when it was claimed within its lifetime (a replay),
  // RESOURCE_EXHAUSTED when `capacity` ids are live.
  absl::Status Claim(absl::string_view id, absl::Time now);

  // Gives back a claim whose delivery could not be queued, so that its retry is accepted.
  void Release(absl::string_view id);

 private:
  void ForgetExpired(absl::Time now);  // needs mutex_

  const absl::Duration lifetime_;
  const size_t capacity_;
  std::mutex mutex_;
  absl::flat_hash_map<std::string, absl::Time> live_;      // id -> claimed at; guarded by mutex_
  std::deque<std::pair<absl::Time, std::string>> claims_;  // oldest first; guarded by mutex_
};

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_DELIVERY_REPLAY_GUARD_H_
