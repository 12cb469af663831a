// Assertions on grpc::Status values returned over the wire.
#ifndef CXHUB_TESTS_INTEGRATION_GRPC_ASSERTIONS_H_
#define CXHUB_TESTS_INTEGRATION_GRPC_ASSERTIONS_H_

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"

namespace cxhub {

inline std::string Describe(const grpc::Status& status) {
  return absl::StrCat("code ", status.error_code(), " \"", status.error_message(), "\"");
}

inline testing::AssertionResult IsOk(const grpc::Status& status) {
  if (status.ok()) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "expected OK, got " << Describe(status);
}

inline testing::AssertionResult HasCode(const grpc::Status& status, grpc::StatusCode code) {
  if (status.error_code() == code) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "expected code " << code << ", got " << Describe(status);
}

// INVALID_ARGUMENT whose message starts with "<field>: ".
inline testing::AssertionResult IsInvalidField(const grpc::Status& status,
                                               const std::string& field) {
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
      absl::StartsWith(status.error_message(), field + ": ")) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure()
         << "expected INVALID_ARGUMENT naming " << field << ", got " << Describe(status);
}

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_GRPC_ASSERTIONS_H_
