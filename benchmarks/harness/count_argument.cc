#include "benchmarks/harness/count_argument.h"

#include <cstdio>

#include "absl/strings/numbers.h"

namespace cxhub::bench {

std::optional<int64_t> CountArgument(int argc, char** argv, int64_t default_count,
                                     const char* usage_arguments) {
  int64_t count = default_count;
  if (argc > 1 && (!absl::SimpleAtoi(argv[1], &count) || count < 1)) {
    std::fprintf(stderr, "usage: %s %s\n", argv[0], usage_arguments);
    return std::nullopt;
  }
  return count;
}

}  // namespace cxhub::bench
