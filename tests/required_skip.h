// Skipping a test that cannot run here (no MariaDB named by CXHUB_TEST_MYSQL, no shared samples)
// is fine on a laptop, but a CI run that skips them passes with less than it claims. With
// CXHUB_REQUIRE_ALL=1 (scripts/test sets it) such a skip is a failure instead. Every test that
// skips for want of MySQL or the samples goes through CXHUB_SKIP_UNLESS_REQUIRED.
#ifndef CXHUB_TESTS_REQUIRED_SKIP_H_
#define CXHUB_TESTS_REQUIRED_SKIP_H_

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace cxhub::testing {

inline constexpr char kRequireAllEnv[] = "CXHUB_REQUIRE_ALL";

// True when CXHUB_REQUIRE_ALL=1: a skip for want of MySQL or the samples fails the test.
inline bool SkipsAreFailures() {
  const char* value = std::getenv(kRequireAllEnv);
  return value != nullptr && std::string_view(value) == "1";
}

}  // namespace cxhub::testing

// Skips the current test (or, with CXHUB_REQUIRE_ALL=1, fails it) giving `reason`, a string.
// Returns from the enclosing void function, like GTEST_SKIP.
#define CXHUB_SKIP_UNLESS_REQUIRED(reason)                                  \
  do {                                                                      \
    const std::string cxhub_skip_reason = (reason);                         \
    if (::cxhub::testing::SkipsAreFailures()) {                             \
      GTEST_FAIL() << ::cxhub::testing::kRequireAllEnv                      \
                   << "=1 and this test cannot run: " << cxhub_skip_reason; \
    }                                                                       \
    GTEST_SKIP() << cxhub_skip_reason;                                      \
  } while (false)

// In a target that defines CXHUB_SAMPLES_DIR: skips (or fails, see above) without the samples.
#define CXHUB_SKIP_UNLESS_SAMPLES()                                                  \
  do {                                                                               \
    if (!std::filesystem::is_directory(CXHUB_SAMPLES_DIR)) {                         \
      CXHUB_SKIP_UNLESS_REQUIRED(std::string("no samples at ") + CXHUB_SAMPLES_DIR); \
    }                                                                                \
  } while (false)

#endif  // CXHUB_TESTS_REQUIRED_SKIP_H_
