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

}  // namespace cxhub::bench
