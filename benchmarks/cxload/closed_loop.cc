#include "benchmarks/cxload/closed_loop.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "benchmarks/harness/stopwatch.h"
#include "benchmarks/harness/thread_cpu.h"

namespace cxhub::cxload {
namespace {

using Clock = std::chrono::steady_clock;

// Enough room that a slot's record vector rarely grows during a run: a guess at the fastest
// rate over all slots, capped so that a long run does not reserve too much up front.
constexpr int64_t kExpectedCallsPerSecond = 50'000;
constexpr int64_t kMaxReservedRecords = int64_t{1} << 22;

// One ended call, 16 bytes.
struct CallRecord {
  int64_t latency_ns;
  LoadRpc rpc;
  bool ok;
};

class ClosedLoop final : public CallListener {
 public:
  ClosedLoop(CallStarter& starter, int concurrency, absl::Duration duration,
             const std::vector<LoadRpc>& order)
      : starter_(starter), duration_(duration), order_(order), slots_(concurrency) {
    const double seconds = absl::ToDoubleSeconds(duration);
    const int64_t expected = std::min<int64_t>(
        kMaxReservedRecords, static_cast<int64_t>(seconds * kExpectedCallsPerSecond));
    for (size_t i = 0; i < slots_.size(); ++i) {
      slots_[i].next_in_order = i % order_.size();
      slots_[i].records.reserve(expected / concurrency + 64);
    }
  }

  LoadFigures Run() {
    start_ = Clock::now();
    stop_after_ = start_ + absl::ToChronoNanoseconds(duration_);
    {
      absl::MutexLock lock(&mu_);
      running_slots_ = static_cast<int>(slots_.size());
      last_end_ = start_;
    }
    for (size_t i = 0; i < slots_.size(); ++i) Issue(static_cast<int>(i));
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &ClosedLoop::AllSlotsFinished));
    return Collect();
  }

  void OnCallDone(int slot_index, absl::Status status) override {
    Slot& slot = slots_[slot_index];
    const Clock::time_point end = Clock::now();
    slot.records.push_back(
        {std::chrono::duration_cast<std::chrono::nanoseconds>(end - slot.call_start).count(),
         slot.in_flight, status.ok()});
    std::string& first_error = slot.first_errors[static_cast<int>(slot.in_flight)];
    if (!status.ok() && first_error.empty()) first_error = status.ToString();
    slot.last_end = end;
    slot.go_on = end < stop_after_;
    // StartCall has not returned yet (the call ended inside it, or very fast on another
    // thread): Issue's loop goes on, rather than this recursing or racing with it.
    if (slot.starting.exchange(false, std::memory_order_acq_rel)) return;
    if (slot.go_on) {
      Issue(slot_index);
    } else {
      FinishSlot(slot);
    }
  }

 private:
  // Per slot; aligned so that two slots' completions do not share a cache line.
  struct alignas(64) Slot {
    size_t next_in_order = 0;
    LoadRpc in_flight = LoadRpc::kHealthCheck;
    Clock::time_point call_start;
    Clock::time_point last_end;
    bool go_on = false;  // Whether the call that ended should be followed by another.
    std::atomic<bool> starting{false};
    std::vector<CallRecord> records;
    std::array<std::string, kLoadRpcCount> first_errors;
  };

  void Issue(int slot_index) {
    Slot& slot = slots_[slot_index];
    while (true) {
      slot.in_flight = order_[slot.next_in_order];
      slot.next_in_order = (slot.next_in_order + 1) % order_.size();
      slot.starting.store(true, std::memory_order_relaxed);
      slot.call_start = Clock::now();
      starter_.StartCall(slot_index, slot.in_flight, *this);
      // True: the call is still in flight, and OnCallDone takes it from here.
      if (slot.starting.exchange(false, std::memory_order_acq_rel)) return;
      if (!slot.go_on) {
        FinishSlot(slot);
        return;
      }
    }
  }

  bool AllSlotsFinished() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return running_slots_ == 0; }

  // The slot's last call has ended and nothing of it runs any more.
  void FinishSlot(const Slot& slot) {
    absl::MutexLock lock(&mu_);
    last_end_ = std::max(last_end_, slot.last_end);
    --running_slots_;
  }

  LoadFigures Collect() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    LoadFigures figures;
    figures.elapsed = absl::FromChrono(last_end_ - start_);
    for (Slot& slot : slots_) {
      for (const CallRecord& record : slot.records) {
        RpcFigures& rpc = figures.rpcs[static_cast<int>(record.rpc)];
        if (record.ok) {
          ++rpc.calls;
          rpc.latencies.push_back(absl::Nanoseconds(record.latency_ns));
        } else {
          ++rpc.errors;
        }
      }
      for (int i = 0; i < kLoadRpcCount; ++i) {
        if (figures.rpcs[i].first_error.empty()) {
          figures.rpcs[i].first_error = std::move(slot.first_errors[i]);
        }
      }
    }
    return figures;
  }

  CallStarter& starter_;
  const absl::Duration duration_;
  const std::vector<LoadRpc>& order_;
  std::vector<Slot> slots_;
  Clock::time_point start_;
  Clock::time_point stop_after_;

  absl::Mutex mu_;
  int running_slots_ ABSL_GUARDED_BY(mu_) = 0;
  Clock::time_point last_end_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

LoadFigures RunClosedLoop(CallStarter& starter, int concurrency, absl::Duration duration,
                          const std::vector<LoadRpc>& order) {
  const absl::Duration cpu_before = bench::ProcessCpuTime();
  bench::ThreadCpuSampler threads;  // The server's and gRPC's threads live through the run.
  LoadFigures figures = ClosedLoop(starter, concurrency, duration, order).Run();
  figures.cpu = bench::ProcessCpuTime() - cpu_before;
  threads.Sample();
  figures.busiest = threads.Shares(figures.elapsed, 4);
  return figures;
}

}  // namespace cxhub::cxload
