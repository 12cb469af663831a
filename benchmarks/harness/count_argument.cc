#include "benchmarks/harness/count_argument.h"

#include <cstdio>

#include "absl/strings/numbers.h"

namespace cxhub::bench {

std::optional<int64_t> CountArgument(int argc, char** argv, int64_t default_count,
                                     const char* usage_arguments) {
  std::optional<int64_t> count = WholeArgument(argc, argv, 1, default_count);
  if (!count.has_value()) std::fprintf(stderr, "usage: %s %s\n", argv[0], usage_arguments);
  return count;
}

std::optional<int64_t> WholeArgument(int argc, char** argv, int index, int64_t default_value) {
  if (argc <= index) return default_value;
  int64_t value = 0;
  if (!absl::SimpleAtoi(argv[index], &value) || value < 1) return std::nullopt;
  return value;
}

std::optional<SecondsAndThreads> SecondsAndThreadsArguments(int argc, char** argv) {
  SecondsAndThreads arguments;
  bool valid =
      argc <= 1 || (absl::SimpleAtod(argv[1], &arguments.seconds) && arguments.seconds > 0);
  for (int i = 2; valid && i < argc; ++i) {
    int threads = 0;
    valid = absl::SimpleAtoi(argv[i], &threads) && threads > 0;
    arguments.thread_counts.push_back(threads);
  }
  if (!valid) {
    std::fprintf(stderr, "usage: %s [seconds] [threads...]\n", argv[0]);
    return std::nullopt;
  }
  if (arguments.thread_counts.empty()) arguments.thread_counts = {1, 8};
  return arguments;
}

}  // namespace cxhub::bench
