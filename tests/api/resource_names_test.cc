#include "server/api/resource_names.h"

#include "gtest/gtest.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

TEST(ResourceNames, FormatsNames) {
  EXPECT_EQ(CustomerName(42), "customers/42");
  EXPECT_EQ(TouchpointName(7), "touchpoints/7");
  EXPECT_EQ(InteractionName(9223372036854775807), "interactions/9223372036854775807");
}

TEST(ResourceNames, ParsesWhatItFormats) {
  EXPECT_EQ(ParseCustomerName(CustomerName(42), "name").value(), 42);
  EXPECT_EQ(ParseTouchpointName(TouchpointName(1), "name").value(), 1);
  EXPECT_EQ(ParseInteractionName("interactions/9223372036854775807", "name").value(),
            9223372036854775807);
}

TEST(ResourceNames, EmptyNameIsRequired) {
  absl::Status status = ParseCustomerName("", "interaction.customer").status();
  EXPECT_TRUE(IsInvalidField(status, "interaction.customer"));
  EXPECT_EQ(status.message(), "interaction.customer: required");
}

TEST(ResourceNames, MalformedNameSaysWhatWasExpectedAndWhatCame) {
  absl::Status status = ParseCustomerName("cust/x", "name").status();
  EXPECT_TRUE(IsInvalidField(status, "name"));
  EXPECT_EQ(status.message(), "name: expected customers/{id}, got \"cust/x\"");
}

TEST(ResourceNames, RejectsJunk) {
  for (const char* junk :
       {"customers/", "customers/0", "customers/-1", "customers/+1", "customers/007",
        "customers/1x", "customers/1/", "customers/ 1", "customers/1 ", "customers//1",
        "Customers/1", "customers/9223372036854775808", "customers/99999999999999999999",
        "customers", "/customers/1", "touchpoints/1", "customers/1\n"}) {
    EXPECT_TRUE(IsInvalidField(ParseCustomerName(junk, "name").status(), "name")) << junk;
  }
}

TEST(ResourceNames, CollectionsAreNotInterchangeable) {
  EXPECT_TRUE(
      IsInvalidField(ParseTouchpointName("customers/1", "touchpoint").status(), "touchpoint"));
  EXPECT_TRUE(IsInvalidField(ParseInteractionName("touchpoints/1", "name").status(), "name"));
}

TEST(ResourceNames, LongOrBinaryJunkIsQuotedSafelyAndShort) {
  const std::string junk = std::string(10000, 'x') + "\x01";
  absl::Status status = ParseCustomerName(junk, "name").status();
  EXPECT_TRUE(IsInvalidField(status, "name"));
  EXPECT_LT(status.message().size(), 200u);
  absl::Status binary = ParseCustomerName(std::string("a\0b\xff", 4), "name").status();
  // Escaped so that the digit-like byte after \x00 cannot be read as part of it.
  EXPECT_EQ(std::string(binary.message()),
            "name: expected customers/{id}, got \"a\\x00\\x62\\xff\"");
}

TEST(ResourceNames, OperationNamesRoundTrip) {
  EXPECT_EQ(OperationName(5), "operations/5");
  EXPECT_EQ(ParseOperationName("operations/5", "name").value(), 5);
  EXPECT_TRUE(IsInvalidField(ParseOperationName("operations/05", "name").status(), "name"));
  EXPECT_TRUE(IsInvalidField(ParseOperationName("customers/5", "name").status(), "name"));
}

}  // namespace
}  // namespace cxhub
