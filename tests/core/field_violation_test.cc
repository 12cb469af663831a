#include "server/core/field_violation.h"

#include "gtest/gtest.h"

namespace cxhub {
namespace {

TEST(FieldViolation, CarriesTheFieldAndTheDescriptionBesideTheMessage) {
  absl::Status status = InvalidFieldError("identities[1]", "not an e-mail: \"a: b\"");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "identities[1]: not an e-mail: \"a: b\"");
  std::optional<FieldViolation> violation = FieldViolationOf(status);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->field, "identities[1]");
  EXPECT_EQ(violation->description, "not an e-mail: \"a: b\"");
}

TEST(FieldViolation, NestsUnderAPrefixAndLeavesOtherErrorsAlone) {
  absl::Status nested = NestFieldViolation(InvalidFieldError("identities[0]", "bad"), "customer_");
  EXPECT_EQ(nested.message(), "customer_identities[0]: bad");
  EXPECT_EQ(FieldViolationOf(nested)->field, "customer_identities[0]");

  const absl::Status plain = absl::InvalidArgumentError("identities[0]: bad");
  EXPECT_FALSE(FieldViolationOf(plain).has_value());
  EXPECT_EQ(NestFieldViolation(plain, "x."), plain);
  EXPECT_EQ(NestFieldViolation(absl::NotFoundError("gone"), "x."), absl::NotFoundError("gone"));
}

}  // namespace
}  // namespace cxhub
