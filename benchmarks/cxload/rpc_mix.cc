#include "benchmarks/cxload/rpc_mix.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cxhub::cxload {
namespace {

// The names --mix accepts.
constexpr std::array<std::pair<absl::string_view, LoadRpc>, 3> kMixNames = {{
    {"get", LoadRpc::kGetCustomer},
    {"list", LoadRpc::kListInteractions},
    {"record", LoadRpc::kRecordInteraction},
}};

}  // namespace

absl::string_view LoadRpcName(LoadRpc rpc) {
  switch (rpc) {
    case LoadRpc::kHealthCheck:
      return "health Check";
    case LoadRpc::kGetCustomer:
      return "GetCustomer";
    case LoadRpc::kListInteractions:
      return "ListInteractions";
    case LoadRpc::kRecordInteraction:
      return "RecordInteraction";
  }
  return "unknown";
}

absl::StatusOr<std::vector<MixWeight>> ParseMix(absl::string_view text) {
  std::vector<MixWeight> mix;
  std::array<bool, kLoadRpcCount> seen = {};
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    const std::vector<absl::string_view> name_weight = absl::StrSplit(part, ':');
    int weight = 0;
    if (name_weight.size() != 2 || !absl::SimpleAtoi(name_weight[1], &weight) || weight < 0 ||
        weight > kMaxMixWeight) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--mix: \"", part, "\" is not name:weight with a weight from 0 to ", kMaxMixWeight));
    }
    const absl::string_view name = name_weight[0];
    const auto* known = std::find_if(kMixNames.begin(), kMixNames.end(),
                                     [&](const auto& entry) { return entry.first == name; });
    if (known == kMixNames.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--mix: unknown RPC \"", name, "\" (get, list or record)"));
    }
    bool& named_before = seen[static_cast<int>(known->second)];
    if (named_before) {
      return absl::InvalidArgumentError(absl::StrCat("--mix: \"", name, "\" given twice"));
    }
    named_before = true;
    if (weight > 0) mix.push_back({known->second, weight});
  }
  if (mix.empty()) {
    return absl::InvalidArgumentError("--mix: no RPC with a weight above 0");
  }
  return mix;
}

std::vector<LoadRpc> InterleavedOrder(const std::vector<MixWeight>& mix) {
  int64_t total = 0;
  for (const MixWeight& entry : mix) total += entry.weight;
  std::vector<LoadRpc> order;
  order.reserve(total);
  // Each step credits every RPC its weight and issues the one with the most credit, which
  // then pays the total back: over `total` steps each RPC is issued exactly `weight` times.
  std::vector<int64_t> credit(mix.size(), 0);
  for (int64_t step = 0; step < total; ++step) {
    size_t chosen = 0;
    for (size_t i = 0; i < mix.size(); ++i) {
      credit[i] += mix[i].weight;
      if (credit[i] > credit[chosen]) chosen = i;
    }
    credit[chosen] -= total;
    order.push_back(mix[chosen].rpc);
  }
  return order;
}

}  // namespace cxhub::cxload
