// Validation and conversion of AnalyticsService messages.
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/api/analytics_conversion.h"
#include "server/api/analytics_validation.h"
#include "server/core/figures/score_figures.h"
#include "server/core/satisfaction_figures.h"
#include "tests/api/field_error_matchers.h"

namespace cxhub {
namespace {

v1::GetSatisfactionRequest ValidRequest() {
  v1::GetSatisfactionRequest request;
  request.set_metric(v1::NPS);
  request.set_touchpoint("touchpoints/3");
  request.set_channel("survey");
  request.mutable_start_time()->set_seconds(1788739200);  // 2026-09-07T00:00:00Z.
  request.mutable_end_time()->set_seconds(1788739200 + 6 * 86400);
  request.set_include_mentioned(true);
  request.mutable_series()->set_granularity(v1::GRANULARITY_DAY);
  request.mutable_series()->set_time_zone("Europe/Lisbon");
  return request;
}

TEST(SatisfactionRequestValidation, AcceptsAWellFormedRequest) {
  EXPECT_TRUE(ValidateRequest(ValidRequest(), RequestLimits()).ok());
}

TEST(SatisfactionRequestValidation, NamesTheFieldItRefuses) {
  v1::GetSatisfactionRequest request = ValidRequest();
  request.clear_metric();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, RequestLimits()), "metric"));
  request = ValidRequest();
  request.set_touchpoint("checkout");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, RequestLimits()), "touchpoint"));
  request = ValidRequest();
  request.set_channel("Not A Slug");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, RequestLimits()), "channel"));
  request = ValidRequest();
  request.mutable_series()->set_time_zone("Mars/Olympus_Mons");
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, RequestLimits()), "series.time_zone"));
  request = ValidRequest();
  request.mutable_series()->clear_granularity();
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, RequestLimits()), "series.granularity"));
  request = ValidRequest();
  request.mutable_start_time()->set_nanos(-1);
  EXPECT_TRUE(IsInvalidField(ValidateRequest(request, RequestLimits()), "start_time"));
}

TEST(SatisfactionRequestConversion, CarriesEveryFilter) {
  const SatisfactionQuery query = SatisfactionQueryFromProto(ValidRequest());
  EXPECT_EQ(query.metric, SurveyMetric::kNps);
  EXPECT_EQ(query.touchpoint_id, std::optional<TouchpointId>(3));
  EXPECT_EQ(query.channel, "survey");
  EXPECT_EQ(query.start_time, absl::FromUnixSeconds(1788739200));
  EXPECT_EQ(query.end_time, absl::FromUnixSeconds(1788739200 + 6 * 86400));
  EXPECT_TRUE(query.include_mentioned);
  ASSERT_TRUE(query.series.has_value());
  EXPECT_EQ(query.series->granularity, Granularity::kDay);
  EXPECT_EQ(query.series->zone.name(), "Europe/Lisbon");

  const SatisfactionQuery open = SatisfactionQueryFromProto(v1::GetSatisfactionRequest());
  EXPECT_FALSE(open.touchpoint_id.has_value());
  EXPECT_EQ(open.start_time, absl::InfinitePast());
  EXPECT_EQ(open.end_time, absl::InfiniteFuture());
  EXPECT_FALSE(open.series.has_value());
}

TEST(SatisfactionReportConversion, AbsentFiguresStayUnset) {
  ScoreCounts counts;
  counts.answers[10] = 1;
  counts.answers[6] = 1;
  SatisfactionReport report;
  report.surveyed = FigureOf(SurveyMetric::kNps, counts);
  SatisfactionPoint& point = report.series.emplace_back();
  point.bucket = {absl::FromUnixSeconds(0), absl::FromUnixSeconds(86400)};

  v1::SatisfactionReport out;
  SatisfactionReportToProto(SurveyMetric::kNps, report, &out);
  EXPECT_EQ(out.metric(), v1::NPS);
  ASSERT_TRUE(out.has_surveyed());
  EXPECT_EQ(out.surveyed().answers_by_score_size(), 11);
  EXPECT_EQ(out.surveyed().answers_by_score(10), 1);
  EXPECT_EQ(out.surveyed().nps().answers(), 2);
  EXPECT_EQ(out.surveyed().nps().promoters(), 1);
  EXPECT_DOUBLE_EQ(out.surveyed().nps().score(), 0.0);
  EXPECT_FALSE(out.has_mentioned());
  ASSERT_EQ(out.series_size(), 1);
  EXPECT_EQ(out.series(0).end_time().seconds(), 86400);
  EXPECT_FALSE(out.series(0).has_surveyed());
}

}  // namespace
}  // namespace cxhub
