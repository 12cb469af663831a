// The counts benchmark programs take as arguments (messages, rows, events...).
#ifndef CXHUB_BENCHMARKS_HARNESS_COUNT_ARGUMENT_H_
#define CXHUB_BENCHMARKS_HARNESS_COUNT_ARGUMENT_H_

#include <cstdint>
#include <optional>

namespace cxhub::bench {

// argv[1] as a whole number >= 1, or `default_count` when there is no argument. nullopt after
// printing "usage: <argv[0]> <usage_arguments>" when argv[1] is anything else.
std::optional<int64_t> CountArgument(int argc, char** argv, int64_t default_count,
                                     const char* usage_arguments);

// argv[index] as a whole number >= 1, or `default_value` when there are fewer arguments;
// nullopt when it is anything else (the caller prints its usage).
std::optional<int64_t> WholeArgument(int argc, char** argv, int index, int64_t default_value);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_COUNT_ARGUMENT_H_
