// The shared validation rules, and the CustomerService requests that exercise them.
#include "server/api/request_validation.h"

#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "server/api/customer_validation.h"
#include "server/api/page_token.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

v1::Identity EmailIdentity(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::EMAIL);
  identity.set_value(value);
  return identity;
}

class CustomerRequestValidation : public testing::Test {
 protected:
  RequestLimits limits_;
};

TEST_F(CustomerRequestValidation, AcceptsAWellFormedCreate) {
  v1::CreateCustomerRequest request;
  request.mutable_customer()->set_display_name("Marta Ferreira");
  *request.mutable_customer()->add_identities() = EmailIdentity("marta@example.pt");
  (*request.mutable_customer()->mutable_attributes())["plan"] = "gold";
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
}

TEST_F(CustomerRequestValidation, MissingMessageIsRequired) {
  EXPECT_TRUE(IsInvalidField(ValidateRequest(v1::CreateCustomerRequest(), limits_), "customer"));
  EXPECT_TRUE(IsInvalidField(ValidateRequest(v1::LookupCustomerRequest(), limits_), "identity"));
}

TEST_F(CustomerRequestValidation, MissingNameIsRequired) {
  absl::Status status = ValidateRequest(v1::GetCustomerRequest(), limits_);
  EXPECT_TRUE(IsInvalidField(status, "name"));
  EXPECT_EQ(status.message(), "name: required");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(v1::DeleteCustomerRequest(), limits_), "name"));
}

TEST_F(CustomerRequestValidation, MalformedNameIsRejected) {
  v1::GetCustomerRequest request;
  request.set_name("cust/x");
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_EQ(status.message(), "name: expected customers/{id}, got \"cust/x\"");
}

TEST_F(CustomerRequestValidation, PageSizeOutOfRangeIsRejected) {
  v1::ListCustomersRequest request;
  for (int32_t size : {0, 1, limits_.max_page_size}) {
    request.set_page_size(size);
    EXPECT_TRUE(ValidateRequest(request, limits_).ok()) << size;
  }
  for (int32_t size : {-1, limits_.max_page_size + 1}) {
    request.set_page_size(size);
    EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "page_size")) << size;
  }
}

TEST_F(CustomerRequestValidation, PageSizeZeroMeansTheDefault) {
  EXPECT_EQ(PageSizeOrDefault(0, limits_), limits_.default_page_size);
  EXPECT_EQ(PageSizeOrDefault(7, limits_), 7);
}

TEST_F(CustomerRequestValidation, BadPageTokenIsRejected) {
  v1::ListCustomersRequest request;
  request.set_page_token("garbage");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "page_token"));
  request.set_page_token(EncodeCustomerPageToken(10));
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
}

TEST_F(CustomerRequestValidation, OverLongShortFieldIsRejected) {
  v1::CreateCustomerRequest request;
  request.mutable_customer()->set_display_name(std::string(limits_.max_field_bytes, 'a'));
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
  request.mutable_customer()->set_display_name(std::string(limits_.max_field_bytes + 1, 'a'));
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_TRUE(IsInvalidField(status, "customer.display_name"));
  EXPECT_NE(status.message().find("at most 1024 bytes"), std::string::npos) << status;
}

TEST_F(CustomerRequestValidation, OverLongAttributeValueIsRejectedAgainstTheBodyLimit) {
  limits_.max_body_bytes = 10;
  v1::CreateCustomerRequest request;
  (*request.mutable_customer()->mutable_attributes())["plan"] = std::string(10, 'g');
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
  (*request.mutable_customer()->mutable_attributes())["plan"] = std::string(11, 'g');
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer.attributes[\"plan\"]"));
}

TEST_F(CustomerRequestValidation, OfSeveralBadAttributesTheFirstKeyInOrderIsNamed) {
  limits_.max_body_bytes = 10;
  v1::CreateCustomerRequest request;
  auto& attributes = *request.mutable_customer()->mutable_attributes();
  for (const char* key : {"zeta", "mid", "beta", "omega", "gamma"}) {
    attributes[key] = std::string(11, 'v');
  }
  attributes["alpha"] = "fits";
  // A proto map has no order of its own: whatever order it iterates in, the same key is named.
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer.attributes[\"beta\"]"));
}

TEST_F(CustomerRequestValidation, OverLongOrEmptyAttributeKeyIsRejected) {
  v1::CreateCustomerRequest request;
  (*request.mutable_customer()->mutable_attributes())[""] = "x";
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer.attributes"));
  request.mutable_customer()->clear_attributes();
  (*request.mutable_customer()->mutable_attributes())[std::string(2000, 'k')] = "x";
  EXPECT_TRUE(ValidateRequest(request, limits_).code() == absl::StatusCode::kInvalidArgument);
}

TEST_F(CustomerRequestValidation, TooManyAttributesAreRejected) {
  limits_.max_attributes = 2;
  v1::CreateCustomerRequest request;
  auto& attributes = *request.mutable_customer()->mutable_attributes();
  attributes["a"] = "1";
  attributes["b"] = "2";
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
  attributes["c"] = "3";
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer.attributes"));
}

TEST_F(CustomerRequestValidation, TooManyIdentitiesAreRejected) {
  limits_.max_identities = 1;
  v1::CreateCustomerRequest request;
  *request.mutable_customer()->add_identities() = EmailIdentity("a@example.com");
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
  *request.mutable_customer()->add_identities() = EmailIdentity("b@example.com");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer.identities"));
}

TEST_F(CustomerRequestValidation, IdentityKindUnspecifiedIsRequired) {
  v1::CreateCustomerRequest request;
  *request.mutable_customer()->add_identities() = EmailIdentity("a@example.com");
  request.mutable_customer()->add_identities()->set_value("b@example.com");
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_TRUE(IsInvalidField(status, "customer.identities[1].kind"));
  EXPECT_EQ(status.message(), "customer.identities[1].kind: required");
}

TEST_F(CustomerRequestValidation, UnknownEnumNumberIsRejected) {
  v1::LookupCustomerRequest request;
  request.mutable_identity()->set_kind(static_cast<v1::IdentityKind>(42));
  request.mutable_identity()->set_value("x");
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_TRUE(IsInvalidField(status, "identity.kind"));
  EXPECT_EQ(status.message(), "identity.kind: unknown value 42");
}

TEST_F(CustomerRequestValidation, EmptyIdentityValueIsRequired) {
  v1::AddIdentityRequest request;
  request.set_name("customers/1");
  request.mutable_identity()->set_kind(v1::PHONE);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "identity.value"));
}

TEST_F(CustomerRequestValidation, AddAndRemoveIdentityNeedNameAndIdentity) {
  v1::RemoveIdentityRequest request;
  *request.mutable_identity() = EmailIdentity("a@example.com");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "name"));
  request.set_name("customers/1");
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
  request.clear_identity();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "identity"));
}

TEST_F(CustomerRequestValidation, UpdateNeedsTheCustomerName) {
  v1::UpdateCustomerRequest request;
  request.mutable_customer()->set_display_name("x");
  request.mutable_update_mask()->add_paths("display_name");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer.name"));
  request.mutable_customer()->set_name("customers/3");
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
}

TEST_F(CustomerRequestValidation, EmptyUpdateMaskIsRejected) {
  v1::UpdateCustomerRequest request;
  request.mutable_customer()->set_name("customers/3");
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_TRUE(IsInvalidField(status, "update_mask"));
}

TEST_F(CustomerRequestValidation, UpdateMaskPathMustBeUpdatable) {
  v1::UpdateCustomerRequest request;
  request.mutable_customer()->set_name("customers/3");
  request.mutable_update_mask()->add_paths("attributes");
  request.mutable_update_mask()->add_paths("identities");
  absl::Status status = ValidateRequest(request, limits_);
  EXPECT_TRUE(IsInvalidField(status, "update_mask.paths[1]"));
  EXPECT_NE(status.message().find("display_name, attributes"), std::string::npos) << status;
  request.mutable_update_mask()->set_paths(1, "name");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "update_mask.paths[1]"));
}

TEST_F(CustomerRequestValidation, MergeNeedsTwoDifferentCustomers) {
  v1::MergeCustomersRequest request;
  request.set_name("customers/1");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "merged_customer"));
  request.set_merged_customer("customers/1");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "merged_customer"));
  request.set_merged_customer("customers/2");
  EXPECT_TRUE(ValidateRequest(request, limits_).ok());
  request.set_name("x");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "name"));
}

TEST(TimestampValidation, AcceptsTheWholeDocumentedRange) {
  google::protobuf::Timestamp timestamp;
  for (int64_t seconds : {int64_t{-62135596800}, int64_t{0}, int64_t{253402300799}}) {
    timestamp.set_seconds(seconds);
    timestamp.set_nanos(999999999);
    EXPECT_TRUE(ValidateTimestamp(timestamp, "occur_time").ok()) << seconds;
  }
}

TEST(TimestampValidation, RejectsYearsOutside1To9999) {
  google::protobuf::Timestamp timestamp;
  for (int64_t seconds :
       {int64_t{-62135596801}, int64_t{253402300800}, std::numeric_limits<int64_t>::min(),
        std::numeric_limits<int64_t>::max()}) {
    timestamp.set_seconds(seconds);
    EXPECT_TRUE(IsInvalidField(ValidateTimestamp(timestamp, "start_time"), "start_time"))
        << seconds;
  }
}

TEST(TimestampValidation, RejectsNanosOutOfRange) {
  google::protobuf::Timestamp timestamp;
  for (int32_t nanos : {-1, 1000000000}) {
    timestamp.set_nanos(nanos);
    EXPECT_TRUE(IsInvalidField(ValidateTimestamp(timestamp, "end_time"), "end_time")) << nanos;
  }
}

TEST(DurationValidation, AcceptsNonNegativeDurations) {
  google::protobuf::Duration duration;
  duration.set_seconds(90);
  duration.set_nanos(500);
  EXPECT_TRUE(ValidateDuration(duration, "duration").ok());
}

TEST(DurationValidation, RejectsNegativeMismatchedAndHugeDurations) {
  google::protobuf::Duration duration;
  duration.set_seconds(-1);
  EXPECT_TRUE(IsInvalidField(ValidateDuration(duration, "duration"), "duration"));
  duration.set_seconds(1);
  duration.set_nanos(-1);
  EXPECT_TRUE(IsInvalidField(ValidateDuration(duration, "duration"), "duration"));
  duration.set_nanos(1000000000);
  EXPECT_TRUE(IsInvalidField(ValidateDuration(duration, "duration"), "duration"));
  duration.set_nanos(0);
  duration.set_seconds(315576000001);
  EXPECT_TRUE(IsInvalidField(ValidateDuration(duration, "duration"), "duration"));
}

TEST(ChannelSlugValidation, AcceptsLowerCaseDigitsAndUnderscores) {
  for (const char* slug : {"email", "in_person", "web2", "a", "abcdefghijklmnopqrstuvwxyz012345"}) {
    EXPECT_TRUE(ValidateChannelSlug(slug, "channel").ok()) << slug;
  }
}

TEST(ChannelSlugValidation, RejectsEverythingElse) {
  for (const char* slug : {"", "Email", "e-mail", "e mail", "email ", "é", "chat.v2",
                           "abcdefghijklmnopqrstuvwxyz0123456"}) {
    EXPECT_TRUE(
        IsInvalidField(ValidateChannelSlug(slug, "interaction.channel"), "interaction.channel"))
        << slug;
  }
}

}  // namespace
}  // namespace cxhub
