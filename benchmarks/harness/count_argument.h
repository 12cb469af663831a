// The counts benchmark programs take as arguments (messages, rows, events, seconds, threads).
#ifndef CXHUB_BENCHMARKS_HARNESS_COUNT_ARGUMENT_H_
#define CXHUB_BENCHMARKS_HARNESS_COUNT_ARGUMENT_H_

#include <cstdint>
#include <optional>
#include <vector>

namespace cxhub::bench {

// argv[1] as a whole number >= 1, or `default_count` when there is no argument. nullopt after
// printing "usage: <argv[0]> <usage_arguments>" when argv[1] is anything else.
std::optional<int64_t> CountArgument(int argc, char** argv, int64_t default_count,
                                     const char* usage_arguments);

// argv[index] as a whole number >= 1, or `default_value` when there are fewer arguments;
// nullopt when it is anything else (the caller prints its usage).
std::optional<int64_t> WholeArgument(int argc, char** argv, int index, int64_t default_value);

// The arguments of a program that times calls: "[seconds] [threads...]".
struct SecondsAndThreads {
  double seconds = 5;              // Per mode; positive.
  std::vector<int> thread_counts;  // Each >= 1; {1, 8} when none is given.
};

// argv as [seconds] [threads...]; nullopt after printing "usage: <argv[0]> [seconds]
// [threads...]" when any of them is not a positive number.
std::optional<SecondsAndThreads> SecondsAndThreadsArguments(int argc, char** argv);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_COUNT_ARGUMENT_H_
