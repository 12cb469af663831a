#include "plugins/chat/delivery_replay_guard.h"

#include "absl/strings/str_cat.h"

namespace cxhub::chat {

absl::Status DeliveryReplayGuard::Claim(absl::string_view id, absl::Time now) {
  std::lock_guard<std::mutex> lock(mutex_);
  ForgetExpired(now);
  if (live_.contains(id)) {
    return absl::UnauthenticatedError(
        absl::StrCat("delivery '", id, "' was already accepted (a replay)"));
  }
  if (live_.size() >= capacity_) {
    return absl::ResourceExhaustedError(absl::StrCat("more than ", capacity_, " deliveries within ",
                                                     absl::FormatDuration(lifetime_),
                                                     "; try again later"));
  }
  live_.emplace(id, now);
  claims_.emplace_back(now, std::string(id));
  return absl::OkStatus();
}

void DeliveryReplayGuard::Release(absl::string_view id) {
  std::lock_guard<std::mutex> lock(mutex_);
  live_.erase(id);  // its queue entry stays; ForgetExpired skips it
}

void DeliveryReplayGuard::ForgetExpired(absl::Time now) {
  while (!claims_.empty() && now - claims_.front().first >= lifetime_) {
    const auto& [claimed_at, id] = claims_.front();
    // An id released and claimed again has a newer claim of its own.
    if (auto live = live_.find(id); live != live_.end() && live->second == claimed_at) {
      live_.erase(live);
    }
    claims_.pop_front();
  }
}

}  // namespace cxhub::chat
