// The satisfaction figures over gRPC on the real samples, read by cxhubd with the shipped config
// (the four channels, the NPS export and the Chatwoot CSAT answers): the samples README's NPS
// per touchpoint, per day and overall, its CSAT, and the scores mentioned in messages apart.
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"

namespace cxhub::e2e {
namespace {

void SetTime(int month, int day, google::protobuf::Timestamp* out) {
  out->set_seconds(
      absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(2026, month, day), absl::UTCTimeZone())));
}

class SatisfactionE2eTest : public ShippedSamplesE2eTest {
 protected:
  void SetUp() override {
    ShippedSamplesE2eTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    absl::StatusOr<std::vector<v1::Touchpoint>> touchpoints = client().AllTouchpoints();
    ASSERT_TRUE(touchpoints.ok()) << touchpoints.status();
    for (const v1::Touchpoint& touchpoint : *touchpoints) {
      touchpoint_names_[touchpoint.display_name()] = touchpoint.name();
    }
  }

  v1::SatisfactionReport Get(const v1::GetSatisfactionRequest& request) {
    v1::SatisfactionReport report;
    const grpc::Status status =
        client().analytics().GetSatisfaction(CxhubClient::Context().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  static v1::GetSatisfactionRequest Request(v1::SurveyMetric metric) {
    v1::GetSatisfactionRequest request;
    request.set_metric(metric);
    return request;
  }

  std::map<std::string, std::string> touchpoint_names_;  // display name -> touchpoints/{id}
};

TEST_F(SatisfactionE2eTest, NpsPerTouchpointAndOverallAsInTheSamplesReadme) {
  const std::map<std::string, double> expected = {
      {"Place an order", 25.0}, {"Receive the order", -25.0}, {"Get help", 25.0}};
  for (const auto& [touchpoint, score] : expected) {
    ASSERT_EQ(touchpoint_names_.count(touchpoint), 1u) << touchpoint;
    v1::GetSatisfactionRequest request = Request(v1::NPS);
    request.set_touchpoint(touchpoint_names_[touchpoint]);
    const v1::SatisfactionReport report = Get(request);
    EXPECT_EQ(report.surveyed().nps().answers(), 4) << touchpoint;
    EXPECT_DOUBLE_EQ(report.surveyed().nps().score(), score) << touchpoint;
  }
  const v1::NpsFigure all = Get(Request(v1::NPS)).surveyed().nps();
  EXPECT_EQ(all.answers(), 12);
  EXPECT_EQ(all.promoters(), 5);
  EXPECT_EQ(all.passives(), 3);
  EXPECT_EQ(all.detractors(), 4);
  EXPECT_NEAR(all.score(), 8.3, 0.05);
}

TEST_F(SatisfactionE2eTest, NpsPerDayAsInTheSamplesReadme) {
  v1::GetSatisfactionRequest request = Request(v1::NPS);
  SetTime(9, 7, request.mutable_start_time());
  SetTime(9, 13, request.mutable_end_time());
  request.mutable_series()->set_granularity(v1::GRANULARITY_DAY);
  request.mutable_series()->set_time_zone("UTC");
  const v1::SatisfactionReport report = Get(request);
  const std::vector<std::pair<int, double>> expected = {{2, 100.0}, {2, -50.0}, {2, 0.0},
                                                        {2, -50.0}, {3, 66.7},  {1, -100.0}};
  ASSERT_EQ(report.series_size(), 6);
  for (int day = 0; day < 6; ++day) {
    const v1::NpsFigure& nps = report.series(day).surveyed().nps();
    EXPECT_EQ(nps.answers(), expected[day].first) << "7 Sep + " << day;
    EXPECT_NEAR(nps.score(), expected[day].second, 0.05) << "7 Sep + " << day;
  }
}

TEST_F(SatisfactionE2eTest, CsatAsInTheSamplesReadme) {
  const v1::SatisfactionReport report = Get(Request(v1::CSAT));
  ASSERT_TRUE(report.has_surveyed());
  EXPECT_EQ(report.surveyed().csat().answers(), 2);
  EXPECT_DOUBLE_EQ(report.surveyed().csat().satisfied_percent(), 50.0);
  EXPECT_DOUBLE_EQ(report.surveyed().csat().mean(), 3.5);
  EXPECT_FALSE(Get(Request(v1::CES)).has_surveyed()) << "no CES answers: no figure, not 0";
}

TEST_F(SatisfactionE2eTest, MentionedScoresOnlyWhenAskedAndApart) {
  EXPECT_FALSE(Get(Request(v1::NPS)).has_mentioned());
  v1::GetSatisfactionRequest request = Request(v1::NPS);
  request.set_include_mentioned(true);
  const v1::SatisfactionReport report = Get(request);
  EXPECT_EQ(report.surveyed().nps().answers(), 12);
  EXPECT_EQ(report.mentioned().nps().answers(), 4);
  EXPECT_EQ(report.mentioned().nps().promoters(), 3);
  EXPECT_EQ(report.mentioned().nps().passives(), 1);
}

TEST_F(SatisfactionE2eTest, RefusesAnUnknownTimeZoneNamingTheField) {
  v1::GetSatisfactionRequest request = Request(v1::NPS);
  SetTime(9, 7, request.mutable_start_time());
  SetTime(9, 13, request.mutable_end_time());
  request.mutable_series()->set_granularity(v1::GRANULARITY_DAY);
  request.mutable_series()->set_time_zone("Europe/Atlantis");
  v1::SatisfactionReport report;
  const grpc::Status status =
      client().analytics().GetSatisfaction(CxhubClient::Context().get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("series.time_zone: ", 0), 0u) << status.error_message();
}

}  // namespace
}  // namespace cxhub::e2e
