#include "clients/cxctl/report/report_source.h"

#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/cxctl/report/graphviz_svg.h"
#include "clients/cxctl/report/journey_map_dot.h"
#include "clients/cxctl/report/journey_stage_name.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"

namespace cxhub::cxctl {
namespace {

constexpr int kPageSize = 1000;

template <typename Service>
std::string Method(const char* name) {
  return absl::StrCat("/", Service::service_full_name(), "/", name);
}

template <typename Response>
absl::StatusOr<Response> Call(const RpcClient& client, const std::string& method,
                              const google::protobuf::Message& request) {
  Response response;
  const grpc::Status status = client.Unary(method, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  return response;
}

void SetTime(absl::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(time));
}

// Every page of a List method, its responses merged into one.
template <typename Request, typename Response>
absl::StatusOr<Response> ListAll(const RpcClient& client, const std::string& method) {
  Request request;
  request.set_page_size(kPageSize);
  Response all;
  do {
    absl::StatusOr<Response> page = Call<Response>(client, method, request);
    if (!page.ok()) return page.status();
    request.set_page_token(page->next_page_token());
    all.MergeFrom(*page);
  } while (!request.page_token().empty());
  all.clear_next_page_token();
  return all;
}

// The period's figure of `metric`, filtered by `touchpoint` or `channel` (either may be "").
absl::StatusOr<v1::SatisfactionReport> Satisfaction(const RpcClient& client,
                                                    const ReportPeriod& period,
                                                    v1::SurveyMetric metric,
                                                    const std::string& touchpoint,
                                                    const std::string& channel, bool series) {
  v1::GetSatisfactionRequest request;
  request.set_metric(metric);
  request.set_touchpoint(touchpoint);
  request.set_channel(channel);
  SetTime(period.start, request.mutable_start_time());
  SetTime(period.end, request.mutable_end_time());
  if (series) {
    request.mutable_series()->set_granularity(period.granularity);
    request.mutable_series()->set_time_zone(period.time_zone.name());
  }
  return Call<v1::SatisfactionReport>(client, Method<v1::AnalyticsService>("GetSatisfaction"),
                                      request);
}

absl::StatusOr<SliceFigures> Slice(const RpcClient& client, const ReportPeriod& period,
                                   const std::string& touchpoint, const std::string& channel) {
  SliceFigures slice;
  for (const v1::SurveyMetric metric : {v1::NPS, v1::CSAT, v1::CES}) {
    absl::StatusOr<v1::SatisfactionReport> report =
        Satisfaction(client, period, metric, touchpoint, channel, /*series=*/false);
    if (!report.ok()) return report.status();
    if (!report->has_surveyed()) continue;
    const v1::SatisfactionFigure& figure = report->surveyed();
    if (figure.has_nps()) slice.nps = figure.nps();
    if (figure.has_csat()) slice.csat = figure.csat();
    if (figure.has_ces()) slice.ces = figure.ces();
  }
  return slice;
}

// The channels the connectors serve and the touchpoints name, sorted.
std::set<std::string> Channels(const RpcClient& client,
                               const v1::ListTouchpointsResponse& touchpoints) {
  std::set<std::string> channels;
  for (const v1::Touchpoint& touchpoint : touchpoints.touchpoints()) {
    channels.insert(touchpoint.channels().begin(), touchpoint.channels().end());
  }
  // Reading connectors may need a role the caller lacks: the touchpoints' channels then serve.
  absl::StatusOr<v1::ListConnectorsResponse> connectors =
      ListAll<v1::ListConnectorsRequest, v1::ListConnectorsResponse>(
          client, Method<v1::ConnectorService>("ListConnectors"));
  if (connectors.ok()) {
    for (const v1::Connector& connector : connectors->connectors()) {
      channels.insert(connector.channels().begin(), connector.channels().end());
    }
  }
  return channels;
}

absl::Status ReadSlices(const RpcClient& client, const ReportPeriod& period,
                        const v1::ListTouchpointsResponse& touchpoints, ReportContent& content) {
  absl::StatusOr<SliceFigures> overall = Slice(client, period, "", "");
  if (!overall.ok()) return overall.status();
  content.overall = *std::move(overall);
  content.overall.name = "All answers";
  for (const v1::Touchpoint& touchpoint : touchpoints.touchpoints()) {
    absl::StatusOr<SliceFigures> slice = Slice(client, period, touchpoint.name(), "");
    if (!slice.ok()) return slice.status();
    slice->name = touchpoint.display_name().empty() ? touchpoint.name() : touchpoint.display_name();
    slice->detail = JourneyStageName(touchpoint.stage());
    content.touchpoints.push_back(*std::move(slice));
    content.touchpoint_names[touchpoint.name()] = touchpoint.display_name();
  }
  for (const std::string& channel : Channels(client, touchpoints)) {
    absl::StatusOr<SliceFigures> slice = Slice(client, period, "", channel);
    if (!slice.ok()) return slice.status();
    slice->name = channel;
    content.channels.push_back(*std::move(slice));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::RetentionReport> Retention(const RpcClient& client, const ReportPeriod& period) {
  v1::GetRetentionRequest request;
  SetTime(period.start, request.mutable_start_time());
  SetTime(period.end, request.mutable_end_time());
  return Call<v1::RetentionReport>(client, Method<v1::AnalyticsService>("GetRetention"), request);
}

absl::StatusOr<v1::LifetimeValueReport> LifetimeValue(const RpcClient& client,
                                                      const ReportPeriod& period) {
  v1::GetLifetimeValueRequest request;
  SetTime(period.start, request.mutable_start_time());
  SetTime(period.end, request.mutable_end_time());
  return Call<v1::LifetimeValueReport>(client, Method<v1::AnalyticsService>("GetLifetimeValue"),
                                       request);
}

absl::StatusOr<v1::ComplaintThemes> ComplaintThemes(const RpcClient& client,
                                                    const ReportPeriod& period) {
  v1::GetComplaintThemesRequest request;
  SetTime(period.start, request.mutable_start_time());
  SetTime(period.end, request.mutable_end_time());
  request.set_max_phrases(10);
  return Call<v1::ComplaintThemes>(client, Method<v1::AnalyticsService>("GetComplaintThemes"),
                                   request);
}

absl::StatusOr<v1::VisitorIntentReport> VisitorIntent(const RpcClient& client,
                                                      const ReportPeriod& period) {
  v1::GetVisitorIntentRequest request;
  SetTime(period.start, request.mutable_start_time());
  SetTime(period.end, request.mutable_end_time());
  request.set_breakdown_size(10);
  return Call<v1::VisitorIntentReport>(client, Method<v1::AnalyticsService>("GetVisitorIntent"),
                                       request);
}

}  // namespace

absl::StatusOr<v1::JourneyMap> ReadJourneyMap(const RpcClient& client, const ReportPeriod& period) {
  v1::GetJourneyMapRequest request;
  SetTime(period.start, request.mutable_start_time());
  SetTime(period.end, request.mutable_end_time());
  return Call<v1::JourneyMap>(client, Method<v1::AnalyticsService>("GetJourneyMap"), request);
}

absl::StatusOr<ReportContent> ReadReportContent(const RpcClient& client, const ReportPeriod& period,
                                                const std::string& dot_program) {
  absl::StatusOr<v1::ListTouchpointsResponse> touchpoints =
      ListAll<v1::ListTouchpointsRequest, v1::ListTouchpointsResponse>(
          client, Method<v1::TouchpointService>("ListTouchpoints"));
  if (!touchpoints.ok()) return touchpoints.status();
  ReportContent content;
  content.start = period.start;
  content.end = period.end;
  content.time_zone = period.time_zone;
  content.granularity = period.granularity;
  content.generated = absl::Now();
  if (absl::Status status = ReadSlices(client, period, *touchpoints, content); !status.ok()) {
    return status;
  }
  content.nps_series = Satisfaction(client, period, v1::NPS, "", "", /*series=*/true);
  content.csat_series = Satisfaction(client, period, v1::CSAT, "", "", /*series=*/true);
  content.retention = Retention(client, period);
  content.lifetime_value = LifetimeValue(client, period);
  content.journey_map = ReadJourneyMap(client, period);
  if (content.journey_map.ok()) {
    absl::StatusOr<std::string> svg =
        RenderDotAsSvg(JourneyMapDot(*content.journey_map), dot_program);
    content.journey_svg = svg.ok() ? absl::StatusOr<std::string>(InlineSvg(*svg)) : svg.status();
  }
  content.complaints = ComplaintThemes(client, period);
  content.visitor_intent = VisitorIntent(client, period);
  return content;
}

}  // namespace cxhub::cxctl
