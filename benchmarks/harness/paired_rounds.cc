#include "benchmarks/harness/paired_rounds.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace cxhub::bench {

double PairedRound::Ratio() const {
  return measured <= absl::ZeroDuration() ? 0 : absl::FDivDuration(baseline, measured);
}

size_t PairedRounds::MedianIndex() const {
  std::vector<size_t> order(rounds.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return rounds[a].Ratio() < rounds[b].Ratio(); });
  return order[(order.size() - 1) / 2];
}

std::string PairedRounds::Note() const {
  if (rounds.size() == 1) return "1 round";
  return absl::StrFormat("median of %d rounds (%s)", rounds.size(),
                         absl::StrJoin(rounds, " ", [](std::string* out, const PairedRound& round) {
                           absl::StrAppendFormat(out, "%.3fx", round.Ratio());
                         }));
}

PairedRounds RunPairedRounds(int rounds, absl::FunctionRef<absl::Duration(int round)> baseline,
                             absl::FunctionRef<absl::Duration(int round)> measured) {
  PairedRounds result;
  for (int round = 0; round < std::max(rounds, 1); ++round) {
    PairedRound times;
    times.baseline = baseline(round);
    times.measured = measured(round);
    result.rounds.push_back(times);
  }
  return result;
}

}  // namespace cxhub::bench
