// The load pattern: a fixed number of calls in flight for a fixed time. Each of `concurrency`
// slots starts its next call from the end of its previous one (a closed loop), so no thread
// waits on a call, and every call's latency is recorded on its slot without a shared lock.
#ifndef CXHUB_BENCHMARKS_CXLOAD_CLOSED_LOOP_H_
#define CXHUB_BENCHMARKS_CXLOAD_CLOSED_LOOP_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "benchmarks/cxload/rpc_mix.h"

namespace cxhub::cxload {

// Told when a call ends.
class CallListener {
 public:
  virtual ~CallListener() = default;
  // Called exactly once per started call, on whatever thread ends it (possibly inside
  // CallStarter::StartCall, when a call fails at once).
  virtual void OnCallDone(int slot, absl::Status status) = 0;
};

// Starts calls without waiting for them.
class CallStarter {
 public:
  virtual ~CallStarter() = default;
  // Starts one call of `rpc` for `slot` and returns; `listener` hears of its end. A slot has
  // at most one call in flight, so what the starter keeps per slot needs no lock.
  virtual void StartCall(int slot, LoadRpc rpc, CallListener& listener) = 0;
};

// What one RPC did during a run.
struct RpcFigures {
  int64_t calls = 0;                      // that succeeded
  int64_t errors = 0;                     // calls that failed
  std::vector<absl::Duration> latencies;  // of the calls that succeeded, unsorted
  std::string first_error;                // the first failure of some slot; empty without
};

struct LoadFigures {
  absl::Duration elapsed;  // from the first call's start to the last call's end
  absl::Duration cpu;      // this process's CPU time over the run (in-process: server and client)
  // This process's busiest threads over the run, each as a share of `elapsed`
  // (bench::ThreadCpuSampler::Shares): in-process, which of the server's threads bounds it.
  std::string busiest;
  std::array<RpcFigures, kLoadRpcCount> rpcs;  // indexed by LoadRpc
};

// Runs `concurrency` slots for `duration`: slot s issues order[s], order[s + 1]... (round and
// round), each call from the end of the previous one, and stops when a call ends after
// `duration`. Returns once every slot's last call has ended. `order` must not be empty.
LoadFigures RunClosedLoop(CallStarter& starter, int concurrency, absl::Duration duration,
                          const std::vector<LoadRpc>& order);

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_CLOSED_LOOP_H_
