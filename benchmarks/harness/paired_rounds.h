// A measured path and its baseline run alternately, round after round, so that both meet the
// same spells of a shared host: on this VM one run of either can take 1.5x another minutes
// apart, and a ratio from one run of each moved from 0.25x to 0.53x between two runs of
// connector_ingest_benchmark on MySQL.
#ifndef CXHUB_BENCHMARKS_HARNESS_PAIRED_ROUNDS_H_
#define CXHUB_BENCHMARKS_HARNESS_PAIRED_ROUNDS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"

namespace cxhub::bench {

// The times of one round; both did the same work.
struct PairedRound {
  absl::Duration baseline;
  absl::Duration measured;

  double Ratio() const;  // measured's rate as a multiple of baseline's
};

struct PairedRounds {
  std::vector<PairedRound> rounds;  // in the order run

  // The round whose ratio is the median (the lower middle one for an even count): the one a
  // table shows, so that its "x baseline" column reads the median ratio.
  const PairedRound& Median() const { return rounds[MedianIndex()]; }
  size_t MedianIndex() const;
  // "median of 3 rounds (0.251x 0.290x 0.527x)", or "1 round" for one.
  std::string Note() const;
};

// The index of the median of `values` (the lower middle one for an even count); `values` must
// not be empty.
size_t MedianIndexOf(const std::vector<double>& values);
// "median of 3 rounds (<each of `values` as `format` prints it, space-separated>)", or
// "1 round" for one.
std::string RoundsNote(const std::vector<double>& values, const absl::FormatSpec<double>& format);

// Runs baseline(round) then measured(round) for round in [0, rounds), rounds >= 1. Each returns
// the time its work took; each round should start from the same state (fresh databases).
PairedRounds RunPairedRounds(int rounds, absl::FunctionRef<absl::Duration(int round)> baseline,
                             absl::FunctionRef<absl::Duration(int round)> measured);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_PAIRED_ROUNDS_H_
