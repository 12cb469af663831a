// Assertions on the INVALID_ARGUMENT errors api/ returns: the code, and that the message
// starts with the field path.
#ifndef CXHUB_TESTS_API_FIELD_ERROR_MATCHERS_H_
#define CXHUB_TESTS_API_FIELD_ERROR_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace cxhub {

inline testing::AssertionResult IsInvalidField(const absl::Status& status,
                                               const std::string& field) {
  if (status.code() != absl::StatusCode::kInvalidArgument) {
    return testing::AssertionFailure()
           << "expected INVALID_ARGUMENT naming " << field << ", got " << status;
  }
  if (!absl::StartsWith(status.message(), absl::StrCat(field, ": "))) {
    return testing::AssertionFailure() << "expected the message to start with \"" << field
                                       << ": \", got \"" << status.message() << "\"";
  }
  return testing::AssertionSuccess();
}

}  // namespace cxhub

#endif  // CXHUB_TESTS_API_FIELD_ERROR_MATCHERS_H_
