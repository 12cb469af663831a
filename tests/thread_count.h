// The threads of this process now, for tests that a component starts and ends its own.
#ifndef CXHUB_TESTS_THREAD_COUNT_H_
#define CXHUB_TESTS_THREAD_COUNT_H_

#include <cstdint>
#include <filesystem>

namespace cxhub::testing {

inline int64_t ThreadCount() {
  int64_t threads = 0;
  for ([[maybe_unused]] const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    ++threads;
  }
  return threads;
}

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_THREAD_COUNT_H_
