#include "plugins/survey/survey_options.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::survey {
namespace {

using ::testing::HasSubstr;

constexpr char kMinimal[] =
    "file=/tmp/export.csv; response_id_column=#; score_column=Score; "
    "submit_time_column=Submitted; email_column=email; metric=nps";

absl::Status ErrorOf(const std::string& text) { return ParseSurveyOptions(text).status(); }

TEST(SurveyOptions, ParsesTheMappingWithItsDefaults) {
  absl::StatusOr<SurveyOptions> options = ParseSurveyOptions(kMinimal);
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->files.front(), "/tmp/export.csv");
  EXPECT_EQ(options->columns.response_id, "#");
  EXPECT_EQ(options->columns.score, "Score");
  EXPECT_EQ(options->metric, v1::NPS);
  EXPECT_EQ(options->time_format, "%Y-%m-%d %H:%M:%S");
  EXPECT_EQ(options->timezone_name, "UTC");
  EXPECT_FALSE(options->question.has_value());
  EXPECT_EQ(options->settle_seconds, 5);
}

TEST(SurveyOptions, HeaderNamesMayHoldCommasAndQuestionMarks) {
  absl::StatusOr<SurveyOptions> options = ParseSurveyOptions(
      "file=/tmp/e.csv\nresponse_id_column=Response ID\n"
      "score_column=How likely, from 0 to 10, are you to recommend us?\n"
      "submit_time_column=Submitted\nexternal_id_column=Customer\nexternal_id_system=crm\n"
      "metric=CSAT\ntimezone=Europe/Lisbon\n");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->columns.score, "How likely, from 0 to 10, are you to recommend us?");
  EXPECT_EQ(options->metric, v1::CSAT);
  EXPECT_EQ(options->external_id_system, "crm");
}

TEST(SurveyOptions, RefusesWhatIsWrongNamingTheSetting) {
  EXPECT_THAT(ErrorOf(std::string(kMinimal) + "; colour=blue").message(),
              HasSubstr("unknown option 'colour'"));
  EXPECT_THAT(ErrorOf(std::string(kMinimal) + "; metric_column=Kind").message(),
              HasSubstr("not both or neither"));
  EXPECT_THAT(ErrorOf(std::string(kMinimal) + "; timezone=Mars/Olympus").message(),
              HasSubstr("timezone 'Mars/Olympus'"));
  EXPECT_THAT(ErrorOf(std::string(kMinimal) + "; external_id_column=Id").message(),
              HasSubstr("external_id_column and external_id_system go together"));
  EXPECT_THAT(ErrorOf(std::string(kMinimal) + "; file=/tmp/other.csv").message(),
              HasSubstr("exactly one file"));
  EXPECT_THAT(ErrorOf(std::string(kMinimal) + "; settle_seconds=-1").message(),
              HasSubstr("settle_seconds"));
  EXPECT_THAT(ErrorOf("file=/tmp/e.csv; score_column=S; submit_time_column=T; metric=nps; "
                      "email_column=e")
                  .message(),
              HasSubstr("response_id_column is required"));
  EXPECT_THAT(ErrorOf("file=/tmp/e.csv; response_id_column=#; score_column=S; "
                      "submit_time_column=T; metric=nps")
                  .message(),
              HasSubstr("a respondent column is required"));
  EXPECT_THAT(ErrorOf("file=/tmp/e.csv; response_id_column=#; score_column=S; "
                      "submit_time_column=T; metric=stars; email_column=e")
                  .message(),
              HasSubstr("metric 'stars' is not nps, csat or ces"));
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "; score_column=Other").code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cxhub::survey
