#include "benchmarks/harness/paired_rounds.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace cxhub::bench {

double PairedRound::Ratio() const {
  return measured <= absl::ZeroDuration() ? 0 : absl::FDivDuration(baseline, measured);
}

size_t MedianIndexOf(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  return order[(order.size() - 1) / 2];
}

std::string RoundsNote(const std::vector<double>& values, const absl::FormatSpec<double>& format) {
  if (values.size() == 1) return "1 round";
  return absl::StrFormat("median of %d rounds (%s)", values.size(),
                         absl::StrJoin(values, " ", [&](std::string* out, double value) {
                           absl::StrAppend(out, absl::StrFormat(format, value));
                         }));
}

namespace {

std::vector<double> Ratios(const std::vector<PairedRound>& rounds) {
  std::vector<double> ratios;
  ratios.reserve(rounds.size());
  for (const PairedRound& round : rounds) ratios.push_back(round.Ratio());
  return ratios;
}

}  // namespace

size_t PairedRounds::MedianIndex() const { return MedianIndexOf(Ratios(rounds)); }

std::string PairedRounds::Note() const { return RoundsNote(Ratios(rounds), "%.3fx"); }

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
