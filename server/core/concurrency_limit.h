// A cap on how many of one kind of work run at once (Watch streams): a slot is taken without
// waiting, or refused with RESOURCE_EXHAUSTED naming the limit, so that work over the cap is
// turned away at once instead of queueing behind the rest. Thread-safe.
#ifndef CXHUB_SERVER_CORE_CONCURRENCY_LIMIT_H_
#define CXHUB_SERVER_CORE_CONCURRENCY_LIMIT_H_

#include <atomic>
#include <string>

#include "absl/status/statusor.h"

namespace cxhub {

class ConcurrencyLimit {
 public:
  // `what` names the work and the setting in the refusal, e.g. "Watch streams (config
  // load_limits.max_watch_streams)".
  ConcurrencyLimit(int max_in_use, std::string what)
      : max_in_use_(max_in_use), what_(std::move(what)) {}
  ConcurrencyLimit(const ConcurrencyLimit&) = delete;
  ConcurrencyLimit& operator=(const ConcurrencyLimit&) = delete;

  // Held while the work runs; gives the slot back when destroyed. Move-only.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : limit_(other.limit_) { other.limit_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
      if (limit_ != nullptr) limit_->in_use_.fetch_sub(1, std::memory_order_relaxed);
    }

   private:
    friend class ConcurrencyLimit;
    explicit Slot(ConcurrencyLimit* limit) : limit_(limit) {}
    ConcurrencyLimit* limit_;
  };

  // A slot, or RESOURCE_EXHAUSTED when `max_in_use` are taken.
  absl::StatusOr<Slot> Acquire();

  int in_use() const { return in_use_.load(std::memory_order_relaxed); }

 private:
  const int max_in_use_;
  const std::string what_;
  std::atomic<int> in_use_{0};
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_CONCURRENCY_LIMIT_H_
