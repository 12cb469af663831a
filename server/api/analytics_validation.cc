#include "server/api/analytics_validation.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.pb.h"
#include "server/api/field_errors.h"
#include "server/api/figure_filters.h"
#include "server/api/request_limits.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/core/currency_codes.h"
#include "server/core/field_violation.h"
#include "server/core/status_macros.h"
#include "server/core/visit_intent_figures.h"

namespace cxhub {
namespace {

absl::Status ValidateSeries(const v1::SatisfactionSeriesSpec& series, const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(
      ValidateEnum(series.granularity(), v1::Granularity_IsValid, "series.granularity"));
  CXHUB_RETURN_IF_ERROR(ValidateFieldLength(series.time_zone(), "series.time_zone", limits));
  absl::TimeZone zone;
  if (!series.time_zone().empty() && !absl::LoadTimeZone(series.time_zone(), &zone)) {
    return InvalidFieldError("series.time_zone",
                             absl::StrCat("unknown time zone ", QuoteValue(series.time_zone())));
  }
  return absl::OkStatus();
}

// The filters and the series of a figure that has one.
template <typename Request>
absl::Status ValidateFiltersAndSeries(const Request& request, const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(ValidateFigureFilters(request));
  CXHUB_RETURN_IF_ERROR(ValidateSegmentFilter(request));
  if (request.has_series()) CXHUB_RETURN_IF_ERROR(ValidateSeries(request.series(), limits));
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRequest(const v1::GetSatisfactionRequest& request,
                             const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(ValidateEnum(request.metric(), v1::SurveyMetric_IsValid, "metric"));
  return ValidateFiltersAndSeries(request, limits);
}

absl::Status ValidateRequest(const v1::GetRetentionRequest& request, const RequestLimits& limits) {
  if (!request.has_start_time()) return InvalidFieldError("start_time", "required");
  if (!request.has_end_time()) return InvalidFieldError("end_time", "required");
  return ValidateFiltersAndSeries(request, limits);
}

absl::Status ValidateRequest(const v1::GetLifetimeValueRequest& request,
                             const RequestLimits& limits) {
  if (!request.currency().empty() && !CurrencyMinorUnitExponent(request.currency()).has_value()) {
    return InvalidFieldError("currency",
                             absl::StrCat("must be an active ISO 4217 code such as EUR, got ",
                                          QuoteValue(request.currency())));
  }
  return ValidateFiltersAndSeries(request, limits);
}

absl::Status ValidateRequest(const v1::GetVisitorIntentRequest& request,
                             const RequestLimits& limits) {
  if (request.breakdown_size() < 0 || request.breakdown_size() > kMaxVisitBreakdownSize) {
    return InvalidFieldError(
        "breakdown_size",
        absl::StrCat("must be 0 (the default, ", kDefaultVisitBreakdownSize, ") to ",
                     kMaxVisitBreakdownSize, ", got ", request.breakdown_size()));
  }
  return ValidateFiltersAndSeries(request, limits);
}

}  // namespace cxhub
