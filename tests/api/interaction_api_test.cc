// Validation and conversion of InteractionService messages.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/api/interaction_conversion.h"
#include "server/api/interaction_validation.h"
#include "server/api/page_token.h"
#include "server/api/proto_conversion.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

v1::RecordInteractionRequest ValidRecord() {
  v1::RecordInteractionRequest request;
  v1::Interaction* interaction = request.mutable_interaction();
  interaction->set_customer("customers/1");
  interaction->set_channel("email");
  interaction->set_kind(v1::MESSAGE);
  interaction->set_direction(v1::INBOUND);
  interaction->mutable_occur_time()->set_seconds(1700000000);
  interaction->set_subject("Where is my order?");
  interaction->set_body("It has been a week.");
  interaction->set_source("support-mail");
  interaction->set_external_id("<msg-1@example.pt>");
  return request;
}

v1::RecordInteractionRequest ValidSurvey(v1::SurveyMetric metric, int32_t score) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->set_kind(v1::SURVEY_RESPONSE);
  request.mutable_interaction()->mutable_survey()->set_metric(metric);
  request.mutable_interaction()->mutable_survey()->set_score(score);
  return request;
}

class InteractionRequestValidation : public testing::Test {
 protected:
  absl::Status Validate(const v1::RecordInteractionRequest& request) {
    return ValidateRequest(request, limits_);
  }
  RequestLimits limits_;
};

TEST_F(InteractionRequestValidation, AcceptsAWellFormedRecord) {
  EXPECT_TRUE(Validate(ValidRecord()).ok()) << Validate(ValidRecord());
}

TEST_F(InteractionRequestValidation, InteractionIsRequired) {
  EXPECT_TRUE(IsInvalidField(Validate(v1::RecordInteractionRequest()), "interaction"));
}

TEST_F(InteractionRequestValidation, CustomerOrIdentitiesAreRequired) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_customer();
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.customer"));
  v1::Identity* identity = request.add_customer_identities();
  identity->set_kind(v1::EMAIL);
  identity->set_value("ana@example.pt");
  EXPECT_TRUE(Validate(request).ok());
}

TEST_F(InteractionRequestValidation, CustomerAndIdentitiesTogetherAreRejected) {
  v1::RecordInteractionRequest request = ValidRecord();
  v1::Identity* identity = request.add_customer_identities();
  identity->set_kind(v1::EMAIL);
  identity->set_value("ana@example.pt");
  EXPECT_TRUE(IsInvalidField(Validate(request), "customer_identities"));
}

TEST_F(InteractionRequestValidation, BadIdentityIsNamedByIndex) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_customer();
  v1::Identity* good = request.add_customer_identities();
  good->set_kind(v1::EMAIL);
  good->set_value("ana@example.pt");
  request.add_customer_identities()->set_kind(v1::PHONE);
  EXPECT_TRUE(IsInvalidField(Validate(request), "customer_identities[1].value"));
}

TEST_F(InteractionRequestValidation, TooManyIdentitiesAreRejected) {
  limits_.max_identities = 1;
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_customer();
  for (const char* email : {"a@example.pt", "b@example.pt"}) {
    v1::Identity* identity = request.add_customer_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(email);
  }
  EXPECT_TRUE(IsInvalidField(Validate(request), "customer_identities"));
}

TEST_F(InteractionRequestValidation, MalformedCustomerNameIsRejected) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->set_customer("customer/1");
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.customer"));
}

TEST_F(InteractionRequestValidation, MalformedTouchpointNameIsRejected) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->set_touchpoint("touchpoints/0");
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.touchpoint"));
}

TEST_F(InteractionRequestValidation, ChannelIsRequiredAndASlug) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_channel();
  EXPECT_EQ(Validate(request).message(), "interaction.channel: required");
  request.mutable_interaction()->set_channel("E-Mail");
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.channel"));
}

TEST_F(InteractionRequestValidation, KindAndDirectionAreRequiredAndKnown) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_kind();
  EXPECT_EQ(Validate(request).message(), "interaction.kind: required");
  request.mutable_interaction()->set_kind(static_cast<v1::InteractionKind>(77));
  EXPECT_EQ(Validate(request).message(), "interaction.kind: unknown value 77");
  request = ValidRecord();
  request.mutable_interaction()->clear_direction();
  EXPECT_EQ(Validate(request).message(), "interaction.direction: required");
  request.mutable_interaction()->set_direction(static_cast<v1::Direction>(3));
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.direction"));
}

TEST_F(InteractionRequestValidation, OccurTimeIsRequiredAndInRange) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_occur_time();
  EXPECT_EQ(Validate(request).message(), "interaction.occur_time: required");
  request.mutable_interaction()->mutable_occur_time()->set_seconds(253402300800);
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.occur_time"));
  request.mutable_interaction()->mutable_occur_time()->set_seconds(0);
  request.mutable_interaction()->mutable_occur_time()->set_nanos(-5);
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.occur_time"));
}

TEST_F(InteractionRequestValidation, NegativeDurationIsRejected) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->mutable_duration()->set_seconds(-3);
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.duration"));
}

TEST_F(InteractionRequestValidation, SourceAndExternalIdAreRequired) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_source();
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.source"));
  request = ValidRecord();
  request.mutable_interaction()->clear_external_id();
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.external_id"));
}

TEST_F(InteractionRequestValidation, OverLongFieldsAreRejected) {
  limits_.max_field_bytes = 16;
  limits_.max_body_bytes = 8;
  v1::RecordInteractionRequest request = ValidRecord();
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.subject"));
  request.mutable_interaction()->set_subject("short");
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.body"));
  request.mutable_interaction()->set_body("short");
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.external_id"));
  request.mutable_interaction()->set_external_id("m1");
  request.mutable_interaction()->set_thread_id(std::string(17, 't'));
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.thread_id"));
  request.mutable_interaction()->clear_thread_id();
  request.set_customer_display_name(std::string(17, 'n'));
  EXPECT_TRUE(IsInvalidField(Validate(request), "customer_display_name"));
}

TEST_F(InteractionRequestValidation, AttributesAreLimited) {
  limits_.max_attributes = 1;
  v1::RecordInteractionRequest request = ValidRecord();
  (*request.mutable_interaction()->mutable_attributes())["a"] = "1";
  EXPECT_TRUE(Validate(request).ok());
  (*request.mutable_interaction()->mutable_attributes())["b"] = "2";
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.attributes"));
}

TEST_F(InteractionRequestValidation, SurveyIsRequiredForSurveyResponses) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->set_kind(v1::SURVEY_RESPONSE);
  EXPECT_EQ(Validate(request).message(),
            "interaction.survey: required when kind is SURVEY_RESPONSE");
}

TEST_F(InteractionRequestValidation, SurveyIsRejectedOnOtherKinds) {
  v1::RecordInteractionRequest request = ValidSurvey(v1::NPS, 9);
  request.mutable_interaction()->set_kind(v1::MESSAGE);
  EXPECT_TRUE(IsInvalidField(Validate(request), "interaction.survey"));
}

TEST_F(InteractionRequestValidation, SurveyMetricIsRequiredAndKnown) {
  EXPECT_EQ(Validate(ValidSurvey(v1::SURVEY_METRIC_UNSPECIFIED, 1)).message(),
            "interaction.survey.metric: required");
  EXPECT_TRUE(IsInvalidField(Validate(ValidSurvey(static_cast<v1::SurveyMetric>(4), 1)),
                             "interaction.survey.metric"));
}

TEST_F(InteractionRequestValidation, SurveyScoreMustBeInTheMetricsRange) {
  const struct {
    v1::SurveyMetric metric;
    int32_t min;
    int32_t max;
  } ranges[] = {{v1::NPS, 0, 10}, {v1::CSAT, 1, 5}, {v1::CES, 1, 7}};
  for (const auto& range : ranges) {
    EXPECT_TRUE(Validate(ValidSurvey(range.metric, range.min)).ok());
    EXPECT_TRUE(Validate(ValidSurvey(range.metric, range.max)).ok());
    EXPECT_TRUE(IsInvalidField(Validate(ValidSurvey(range.metric, range.min - 1)),
                               "interaction.survey.score"));
    EXPECT_TRUE(IsInvalidField(Validate(ValidSurvey(range.metric, range.max + 1)),
                               "interaction.survey.score"));
  }
  EXPECT_EQ(Validate(ValidSurvey(v1::CSAT, 6)).message(),
            "interaction.survey.score: CSAT scores are 1 to 5, got 6");
}

// A batch's item is checked as a request of its own; the service puts the item's name before the
// field (integration test BatchReportsEachItem...: "requests[1].interaction.channel").
TEST_F(InteractionRequestValidation, FieldsAreNamedAsInARecordRequest) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->set_channel("Bad Channel");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "interaction.channel"));
  request = ValidRecord();
  request.set_customer_display_name(std::string(limits_.max_field_bytes + 1, 'n'));
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, limits_), "customer_display_name"));
}

TEST_F(InteractionRequestValidation, BatchSizeMustBeOneToMax) {
  limits_.max_batch_size = 2;
  v1::BatchRecordInteractionsRequest batch;
  EXPECT_TRUE(IsInvalidField(ValidateRequest(batch, limits_), "requests"));
  *batch.add_requests() = ValidRecord();
  *batch.add_requests() = ValidRecord();
  EXPECT_TRUE(ValidateRequest(batch, limits_).ok());
  *batch.add_requests() = ValidRecord();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(batch, limits_), "requests"));
}

TEST_F(InteractionRequestValidation, GetAndWatchCheckNames) {
  v1::GetInteractionRequest get;
  get.set_name("interactions/x");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(get, limits_), "name"));
  v1::WatchInteractionsRequest watch;
  EXPECT_TRUE(ValidateRequest(watch, limits_).ok()) << "empty watches everyone";
  watch.set_customer("customers/-2");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(watch, limits_), "customer"));
}

class ListInteractionsValidation : public testing::Test {
 protected:
  ListInteractionsValidation() { request_.set_parent("customers/5"); }
  v1::ListInteractionsRequest request_;
  RequestLimits limits_;
};

TEST_F(ListInteractionsValidation, ParentIsRequired) {
  request_.clear_parent();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "parent"));
}

TEST_F(ListInteractionsValidation, FiltersAreChecked) {
  EXPECT_TRUE(ValidateRequest(request_, limits_).ok());
  request_.set_channel("Chat");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "channel"));
  request_.set_channel("chat");
  request_.set_touchpoint("tp/1");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "touchpoint"));
  request_.set_touchpoint("touchpoints/1");
  request_.set_kind(static_cast<v1::InteractionKind>(100));
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "kind"));
  request_.set_kind(v1::CALL);
  EXPECT_TRUE(ValidateRequest(request_, limits_).ok());
}

TEST_F(ListInteractionsValidation, TimeRangeIsChecked) {
  request_.mutable_start_time()->set_nanos(1000000000);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "start_time"));
  request_.mutable_start_time()->set_nanos(0);
  request_.mutable_start_time()->set_seconds(100);
  request_.mutable_end_time()->set_seconds(50);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "end_time"));
}

TEST_F(ListInteractionsValidation, TokenMustMatchTheFilter) {
  const InteractionFilter filter = InteractionFilterFromRequest(request_);
  request_.set_page_token(EncodeInteractionPageToken(
      InteractionCursor{absl::FromUnixSeconds(10), 3}, InteractionFilterFingerprint(filter)));
  EXPECT_TRUE(ValidateRequest(request_, limits_).ok());
  request_.set_page_size(7);  // The page size may change between pages.
  EXPECT_TRUE(ValidateRequest(request_, limits_).ok());
  request_.set_kind(v1::CALL);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request_, limits_), "page_token"));
}

TEST(InteractionConversion, EnumsRoundTripAndUnspecifiedIsRejected) {
  for (int kind = 1; kind <= 7; ++kind) {
    ASSERT_TRUE(InteractionKindFromProto(kind).has_value()) << kind;
    EXPECT_EQ(InteractionKindToProto(*InteractionKindFromProto(kind)), kind);
  }
  EXPECT_EQ(InteractionKindFromProto(0), std::nullopt);
  EXPECT_EQ(InteractionKindFromProto(8), std::nullopt);
  EXPECT_EQ(DirectionFromProto(v1::OUTBOUND), Direction::kOutbound);
  EXPECT_EQ(DirectionToProto(Direction::kInbound), v1::INBOUND);
  EXPECT_EQ(DirectionFromProto(0), std::nullopt);
  EXPECT_EQ(DirectionFromProto(3), std::nullopt);
  EXPECT_EQ(SurveyMetricFromProto(v1::CES), SurveyMetric::kCes);
  EXPECT_EQ(SurveyMetricToProto(SurveyMetric::kCsat), v1::CSAT);
  EXPECT_EQ(SurveyMetricFromProto(0), std::nullopt);
  EXPECT_EQ(SurveyMetricFromProto(-4), std::nullopt);
}

TEST(InteractionConversion, RoundTripsEveryField) {
  Interaction interaction;
  interaction.id = 31;
  interaction.customer_id = 5;
  interaction.channel = "phone";
  interaction.touchpoint_id = 2;
  interaction.kind = InteractionKind::kSurveyResponse;
  interaction.direction = Direction::kOutbound;
  interaction.occur_time = absl::FromUnixSeconds(1700000000) + absl::Nanoseconds(250);
  interaction.thread_id = "call-9";
  interaction.subject = "Follow-up";
  interaction.body = "How did we do?";
  interaction.duration = absl::Seconds(95) + absl::Milliseconds(500);
  interaction.source = "asterisk";
  interaction.external_id = "1700000000.42";
  interaction.survey.emplace();
  interaction.survey->metric = SurveyMetric::kNps;
  interaction.survey->score = 9;
  interaction.survey->comment = "Quick";
  interaction.attributes = {{"queue", "billing"}};
  interaction.create_time = absl::FromUnixSeconds(1700000001);

  v1::Interaction proto;
  InteractionToProto(interaction, &proto);
  EXPECT_EQ(proto.name(), "interactions/31");
  EXPECT_EQ(proto.customer(), "customers/5");
  EXPECT_EQ(proto.touchpoint(), "touchpoints/2");
  EXPECT_EQ(proto.kind(), v1::SURVEY_RESPONSE);
  EXPECT_EQ(proto.duration().seconds(), 95);
  EXPECT_EQ(proto.duration().nanos(), 500000000);
  EXPECT_EQ(proto.create_time().seconds(), 1700000001);

  const Interaction back = InteractionFromProto(proto);
  EXPECT_EQ(back.id, 0) << "name is output only";
  EXPECT_EQ(back.customer_id, 5);
  EXPECT_EQ(back.channel, interaction.channel);
  EXPECT_EQ(back.touchpoint_id, 2);
  EXPECT_EQ(back.kind, interaction.kind);
  EXPECT_EQ(back.direction, interaction.direction);
  EXPECT_EQ(back.occur_time, interaction.occur_time);
  EXPECT_EQ(back.thread_id, interaction.thread_id);
  EXPECT_EQ(back.subject, interaction.subject);
  EXPECT_EQ(back.body, interaction.body);
  EXPECT_EQ(back.duration, interaction.duration);
  EXPECT_EQ(back.source, interaction.source);
  EXPECT_EQ(back.external_id, interaction.external_id);
  ASSERT_TRUE(back.survey.has_value());
  EXPECT_EQ(back.survey->metric, SurveyMetric::kNps);
  EXPECT_EQ(back.survey->score, 9);
  EXPECT_EQ(back.survey->comment, "Quick");
  EXPECT_EQ(back.attributes, interaction.attributes);
}

TEST(InteractionConversion, OptionalPartsStayUnset) {
  Interaction interaction;
  interaction.id = 1;
  interaction.customer_id = 1;
  v1::Interaction proto;
  InteractionToProto(interaction, &proto);
  EXPECT_EQ(proto.touchpoint(), "");
  EXPECT_FALSE(proto.has_duration());
  EXPECT_FALSE(proto.has_survey());
  const Interaction back = InteractionFromProto(proto);
  EXPECT_EQ(back.touchpoint_id, 0);
  EXPECT_EQ(back.duration, absl::ZeroDuration());
  EXPECT_FALSE(back.survey.has_value());
}

TEST(InteractionConversion, RecordRequestAndResult) {
  v1::RecordInteractionRequest request = ValidRecord();
  request.mutable_interaction()->clear_customer();
  v1::Identity* identity = request.add_customer_identities();
  identity->set_kind(v1::PHONE);
  identity->set_value("912 345 678");
  request.set_customer_display_name("Rui");
  const RecordRequest record = RecordRequestFromProto(request, "crm-sync");
  EXPECT_EQ(record.actor, "crm-sync");
  EXPECT_EQ(record.assertion.source, "api");
  EXPECT_EQ(record.assertion.asserted_by,
            absl::StrCat("RecordInteraction ", request.interaction().source(), "/",
                         request.interaction().external_id(), " by crm-sync"));
  EXPECT_EQ(RecordRequestFromProto(request, "").assertion.asserted_by,
            absl::StrCat("RecordInteraction ", request.interaction().source(), "/",
                         request.interaction().external_id()));
  EXPECT_EQ(record.interaction.customer_id, 0);
  ASSERT_EQ(record.identities.size(), 1u);
  EXPECT_EQ(record.identities[0].kind, IdentityKind::kPhone);
  EXPECT_EQ(record.identities[0].value, "912 345 678");
  EXPECT_EQ(record.customer_display_name, "Rui");

  RecordResult result;
  result.interaction.id = 8;
  result.interaction.customer_id = 3;
  result.already_recorded = true;
  result.customer_created = false;
  result.merged = {4, 6};
  result.conflicting = {9};
  v1::RecordInteractionResponse response;
  RecordResultToProto(result, &response);
  EXPECT_EQ(response.interaction().name(), "interactions/8");
  EXPECT_TRUE(response.already_recorded());
  EXPECT_FALSE(response.customer_created());
  EXPECT_EQ(response.merged_customers_size(), 2);
  EXPECT_EQ(response.merged_customers(1), "customers/6");
  EXPECT_EQ(response.conflicting_customers(0), "customers/9");
}

TEST(InteractionConversion, FilterFromListRequest) {
  v1::ListInteractionsRequest request;
  request.set_parent("customers/5");
  InteractionFilter filter = InteractionFilterFromRequest(request);
  EXPECT_EQ(filter.customer_id, 5);
  EXPECT_EQ(filter.kind, std::nullopt);
  EXPECT_EQ(filter.start_time, std::nullopt);
  request.set_channel("chat");
  request.set_touchpoint("touchpoints/3");
  request.set_kind(v1::TICKET);
  request.mutable_start_time()->set_seconds(10);
  request.mutable_end_time()->set_seconds(20);
  filter = InteractionFilterFromRequest(request);
  EXPECT_EQ(filter.channel, "chat");
  EXPECT_EQ(filter.touchpoint_id, 3);
  EXPECT_EQ(filter.kind, InteractionKind::kTicket);
  EXPECT_EQ(filter.start_time, absl::FromUnixSeconds(10));
  EXPECT_EQ(filter.end_time, absl::FromUnixSeconds(20));
}

}  // namespace
}  // namespace cxhub
