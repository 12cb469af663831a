// The RPCs cxload can issue, and the weighted mix of them a run issues (--mix).
#ifndef CXHUB_BENCHMARKS_CXLOAD_RPC_MIX_H_
#define CXHUB_BENCHMARKS_CXLOAD_RPC_MIX_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::cxload {

// Values index per-RPC arrays, from 0 to kLoadRpcCount - 1.
enum class LoadRpc {
  kHealthCheck,        // grpc.health.v1.Health/Check: the baseline, never in a mix
  kGetCustomer,        // "get"
  kListInteractions,   // "list": one page of the 50 newest
  kRecordInteraction,  // "record": by customer id, a new (source, external_id) each call
};
inline constexpr int kLoadRpcCount = 4;

// How tables name the RPC: "health Check", "GetCustomer"...
absl::string_view LoadRpcName(LoadRpc rpc);

struct MixWeight {
  LoadRpc rpc;
  int weight;  // 1 to kMaxMixWeight.
};
inline constexpr int kMaxMixWeight = 1000;

// Parses "get:6,list:3,record:1": each of get, list and record at most once, with a whole
// weight from 0 (left out) to kMaxMixWeight. INVALID_ARGUMENT names the part that does not
// parse, or says the mix is empty.
absl::StatusOr<std::vector<MixWeight>> ParseMix(absl::string_view text);

// The order a call slot walks, round and round: each RPC appears `weight` times, spread out
// (smooth weighted round robin), so that any stretch of calls is close to the mix.
std::vector<LoadRpc> InterleavedOrder(const std::vector<MixWeight>& mix);

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_RPC_MIX_H_
