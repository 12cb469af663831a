// The rules a survey answer follows, whichever way it comes in: a survey exactly on survey
// responses, a score in its metric's range, bounded text, and a rated interaction that exists.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/interaction_log.h"
#include "server/core/record_validation.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

RecordRequest SurveyAnswer(const std::string& external_id, SurveyMetric metric, int32_t score) {
  RecordRequest request = RecordFor(external_id, {Email("ana@example.com")});
  request.interaction.kind = InteractionKind::kSurveyResponse;
  Survey& survey = request.interaction.survey.emplace();
  survey.metric = metric;
  survey.score = score;
  return request;
}

// The field a violation names, or "" for any other status.
std::string FieldOf(const absl::Status& status) {
  std::optional<FieldViolation> violation = FieldViolationOf(status);
  return violation.has_value() ? violation->field : "";
}

TEST(SurveyValidation, ScoresMustBeInTheirMetricsRange) {
  const struct {
    SurveyMetric metric;
    int32_t min;
    int32_t max;
  } ranges[] = {
      {SurveyMetric::kNps, 0, 10}, {SurveyMetric::kCsat, 1, 5}, {SurveyMetric::kCes, 1, 7}};
  const RecordLimits limits;
  for (const auto& range : ranges) {
    EXPECT_TRUE(ValidateRecordRequest(SurveyAnswer("a", range.metric, range.min), limits).ok());
    EXPECT_TRUE(ValidateRecordRequest(SurveyAnswer("a", range.metric, range.max), limits).ok());
    EXPECT_EQ(
        FieldOf(ValidateRecordRequest(SurveyAnswer("a", range.metric, range.min - 1), limits)),
        "interaction.survey.score");
    EXPECT_EQ(
        FieldOf(ValidateRecordRequest(SurveyAnswer("a", range.metric, range.max + 1), limits)),
        "interaction.survey.score");
  }
  EXPECT_EQ(ValidateRecordRequest(SurveyAnswer("a", SurveyMetric::kNps, 11), limits).message(),
            "interaction.survey.score: NPS scores are 0 to 10, got 11");
  EXPECT_EQ(ValidateRecordRequest(SurveyAnswer("a", SurveyMetric::kCes, 0), limits).message(),
            "interaction.survey.score: CES scores are 1 to 7, got 0");
}

TEST(SurveyValidation, OnlySurveyResponsesCarryASurvey) {
  const RecordLimits limits;
  RecordRequest message = SurveyAnswer("a", SurveyMetric::kNps, 9);
  message.interaction.kind = InteractionKind::kMessage;
  EXPECT_EQ(FieldOf(ValidateRecordRequest(message, limits)), "interaction.survey");
  RecordRequest bare = SurveyAnswer("a", SurveyMetric::kNps, 9);
  bare.interaction.survey.reset();
  EXPECT_EQ(FieldOf(ValidateRecordRequest(bare, limits)), "interaction.survey");
}

TEST(SurveyValidation, TextIsBoundedByTheLimits) {
  RecordLimits limits;
  limits.max_field_bytes = 32;
  limits.max_body_bytes = 64;
  RecordRequest request = SurveyAnswer("a", SurveyMetric::kNps, 9);
  request.interaction.survey->question = std::string(64, 'q');
  request.interaction.survey->touchpoint_tag = std::string(32, 't');
  request.interaction.survey->rated_thread_id = std::string(32, 'r');
  EXPECT_TRUE(ValidateRecordRequest(request, limits).ok());

  RecordRequest long_question = request;
  long_question.interaction.survey->question += "?";
  EXPECT_EQ(FieldOf(ValidateRecordRequest(long_question, limits)), "interaction.survey.question");
  RecordRequest long_tag = request;
  long_tag.interaction.survey->touchpoint_tag += "t";
  EXPECT_EQ(FieldOf(ValidateRecordRequest(long_tag, limits)), "interaction.survey.touchpoint_tag");
  RecordRequest long_thread = request;
  long_thread.interaction.survey->rated_thread_id += "r";
  EXPECT_EQ(FieldOf(ValidateRecordRequest(long_thread, limits)),
            "interaction.survey.rated_thread_id");
  RecordRequest negative = request;
  negative.interaction.survey->rated_interaction_id = -1;
  EXPECT_EQ(FieldOf(ValidateRecordRequest(negative, limits)),
            "interaction.survey.rated_interaction");
}

class RatedInteractionTest : public ::testing::Test {
 protected:
  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionFeed feed_;
  InteractionLog log_{db_.store(), normalizer_, clock_, feed_, ConflictPolicy::kMerge};
};

TEST_F(RatedInteractionTest, ARatedInteractionMustExist) {
  absl::StatusOr<RecordResult> conversation =
      log_.Record(RecordFor("chat-1", {Email("ana@example.com")}));
  ASSERT_TRUE(conversation.ok()) << conversation.status();

  RecordRequest answer = SurveyAnswer("csat-1", SurveyMetric::kCsat, 5);
  answer.interaction.survey->rated_interaction_id = conversation->interaction.id;
  absl::StatusOr<RecordResult> recorded = log_.Record(answer);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->interaction.survey->rated_interaction_id, conversation->interaction.id);

  RecordRequest dangling = SurveyAnswer("csat-2", SurveyMetric::kCsat, 5);
  dangling.interaction.survey->rated_interaction_id = conversation->interaction.id + 100;
  absl::StatusOr<RecordResult> refused = log_.Record(dangling);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(refused.status().message(), HasSubstr("interaction.survey.rated_interaction"));
}

}  // namespace
}  // namespace cxhub
