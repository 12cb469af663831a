// Fills a store with website visits of realistic shape (one interaction of kind VISIT each, with
// the intent and referrer attributes the web connector writes) through the Store's bulk write
// path, so the visit counts are kept as in production; then times the visitor intent figures
// (VisitIntentFigures, as AnalyticsService.GetVisitorIntent answers them) beside the same
// question answered by a scan of the interactions of the range (COUNT(*) by intent), in the
// same run. Against the figures issue's target: any figure with any filter, or a 90-point
// series, under 50 ms.
//
//   visitor_intent_benchmark [visits [raw]]   default 1000000, over visits / 10 customers;
//                                             SQLite in a temporary directory. With "raw", the
//                                             visits are written as raw rows and counted by the
//                                             store's recount at open (migration 0021's path for
//                                             visits stored before 0020) instead of through
//                                             InsertInteractions
//   CXHUB_BENCH_MYSQL=host:port:user:password:database visitor_intent_benchmark ...
//                                                   also MySQL, in a fresh database
//                                                   <database>_visitor_intent
//   CXHUB_BENCH_SQLITE=off ...                      MySQL only
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/analytics/timed_calls.h"
#include "benchmarks/harness/bench_stores.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/raw_interaction_insert.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/manual_clock.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/core/visit_intent_figures.h"
#include "server/storage/sql_driver.h"
#include "tests/storage/insert_interactions.h"

namespace cxhub {
namespace {

constexpr int64_t kWriteBatch = 10000;
// Visits spread evenly over a year, so 90 days hold about a quarter of them.
constexpr absl::Duration kSpan = absl::Hours(24 * 365);

struct Population {
  std::vector<CustomerId> customers;
  std::vector<TouchpointId> touchpoints;  // Browse, Product, Checkout.
  SegmentId segment = 0;                  // InformationalVisitIn30Days.
};

// The end of the generated span: "now" for the segment-filtered figures.
absl::Time SpanEnd() { return bench::GeneratedStart() + kSpan; }

// Customers with an informational visit in the last 30 days (about a third of them): the
// segment the figures are filtered by, a condition on intent as a team would write it.
SegmentCondition InformationalVisitIn30Days() {
  SegmentCondition visits;
  visits.kind = SegmentConditionKind::kInteractionCount;
  visits.interaction_kind = InteractionKind::kVisit;
  visits.visit_intent = VisitIntent::kInformational;
  visits.comparison = CountComparison::kAtLeast;
  visits.count = 1;
  visits.within_days = 30;
  return visits;
}

absl::StatusOr<Population> InsertPopulation(Store& store, int64_t customers) {
  Population population;
  CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
    for (const char* name : {"Browse", "Product", "Checkout"}) {
      Touchpoint touchpoint;
      touchpoint.display_name = name;
      CXHUB_ASSIGN_OR_RETURN(TouchpointId id, writer.InsertTouchpoint(touchpoint));
      population.touchpoints.push_back(id);
    }
    Segment segment;
    segment.display_name = "informational visit in 30 days";
    segment.conditions = {InformationalVisitIn30Days()};
    CXHUB_ASSIGN_OR_RETURN(population.segment, writer.InsertSegment(segment));
    return absl::OkStatus();
  }));
  CXHUB_ASSIGN_OR_RETURN(population.customers,
                         bench::InsertGeneratedCustomers(store, customers, kWriteBatch));
  return population;
}

// Visit `n` of `total`: intents about 30% transactional, 45% informational, 25% neither; five
// referrer types, 40 referrer names, 400 keywords, 1000 entry pages; three touchpoints or none.
Interaction GeneratedVisit(int64_t n, int64_t total, const Population& population) {
  const uint64_t mix = bench::Mix(static_cast<uint64_t>(n));
  static const char* const kIntents[20] = {
      "transactional", "transactional", "transactional", "transactional", "transactional",
      "transactional", "informational", "informational", "informational", "informational",
      "informational", "informational", "informational", "informational", "informational",
      "none",          "none",          "none",          "none",          "none"};
  static const char* const kTypes[5] = {"search", "direct", "social", "website", "campaign"};
  Interaction visit;
  visit.customer_id = population.customers[mix % population.customers.size()];
  visit.channel = "web";
  visit.kind = InteractionKind::kVisit;
  visit.occur_time = bench::GeneratedStart() + kSpan * (static_cast<double>(n) / total);
  visit.source = "matomo";
  visit.external_id = absl::StrCat("visit-", n);
  visit.create_time = visit.occur_time;
  const uint64_t touchpoint = (mix >> 25) % 4;
  visit.touchpoint_id = touchpoint < 3 ? population.touchpoints[touchpoint] : 0;
  // Each choice from bits of its own, above the customer's, so none follows from another.
  visit.attributes = {{"visit_intent", kIntents[(mix >> 20) % 20]},
                      {"referrer_type", kTypes[(mix >> 29) % 5]},
                      {"referrer_name", absl::StrCat("site-", (mix >> 33) % 40)},
                      {"referrer_keyword", absl::StrCat("keyword ", (mix >> 40) % 400)},
                      {"entry_page", absl::StrCat("https://shop.example/p/", (mix >> 50) % 1000)},
                      {"visit_id", absl::StrCat(n)}};
  return visit;
}

// The visits as rows of `raw`'s interactions table, 100 per INSERT, in one transaction, with no
// visit_intent and no counts: as visits stored before migration 0020.
absl::Status FillRaw(Connection& raw, const Population& population, int64_t total) {
  CXHUB_RETURN_IF_ERROR(raw.BeginWrite());
  CXHUB_RETURN_IF_ERROR(bench::InsertRawInteractions(
      raw, 0, total, [&](int64_t n) { return GeneratedVisit(n, total, population); }));
  CXHUB_RETURN_IF_ERROR(raw.Execute("INSERT INTO visit_count_rebuilds (id) VALUES (1)"));
  return raw.Commit();
}

absl::Status Fill(Store& store, const Population& population, int64_t total) {
  for (int64_t first = 0; first < total; first += kWriteBatch) {
    std::vector<Interaction> batch;
    for (int64_t n = first; n < std::min(total, first + kWriteBatch); ++n) {
      batch.push_back(GeneratedVisit(n, total, population));
    }
    CXHUB_RETURN_IF_ERROR(InsertEveryInteraction(store, batch));
  }
  return absl::OkStatus();
}

// The last 90 whole days of `zone` in the generated span.
VisitIntentQuery Last90Days(const absl::TimeZone& zone) {
  const absl::CivilDay last = absl::ToCivilDay(SpanEnd(), zone);
  VisitIntentQuery query;
  query.start_time = absl::FromCivil(last - 90, zone);
  query.end_time = absl::FromCivil(last, zone);
  return query;
}

std::vector<std::pair<std::string, VisitIntentQuery>> Queries(const Population& population,
                                                              const absl::TimeZone& zone) {
  std::vector<std::pair<std::string, VisitIntentQuery>> queries;
  queries.push_back({"intent, everything", VisitIntentQuery()});
  const VisitIntentQuery days = Last90Days(absl::UTCTimeZone());
  queries.push_back({"intent, 90 days, UTC", days});
  VisitIntentQuery touchpoint = days;
  touchpoint.touchpoint_id = population.touchpoints[1];
  queries.push_back({"intent, 90 days, one touchpoint", touchpoint});
  VisitIntentQuery channel = days;
  channel.channel = "web";
  queries.push_back({"intent, 90 days, channel web", channel});
  VisitIntentQuery utc_series = days;
  utc_series.series = FigureSeriesSpec{Granularity::kDay, absl::UTCTimeZone()};
  queries.push_back({"intent, 90 daily points, UTC", utc_series});
  VisitIntentQuery zoned = Last90Days(zone);
  zoned.series = FigureSeriesSpec{Granularity::kDay, zone};
  queries.push_back({absl::StrCat("intent, 90 daily points, ", zone.name()), zoned});
  VisitIntentQuery zoned_touchpoint = zoned;
  zoned_touchpoint.touchpoint_id = population.touchpoints[1];
  queries.push_back({absl::StrCat("intent, 90 daily points, ", zone.name(), ", one touchpoint"),
                     zoned_touchpoint});
  VisitIntentQuery segment;
  segment.segment = population.segment;
  queries.push_back({"intent, everything, one segment", segment});
  VisitIntentQuery segment_days = days;
  segment_days.segment = population.segment;
  queries.push_back({"intent, 90 days, one segment", segment_days});
  VisitIntentQuery zoned_segment = zoned;
  zoned_segment.segment = population.segment;
  queries.push_back(
      {absl::StrCat("intent, 90 daily points, ", zone.name(), ", one segment"), zoned_segment});
  return queries;
}

// The visits of [start, end) by intent, counted from the interactions.
absl::StatusOr<std::string> ScanVisits(Connection& raw, absl::Time start, absl::Time end) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> scan,
                         raw.Prepare("SELECT visit_intent, COUNT(*) FROM interactions "
                                     "WHERE kind = ? AND occur_time >= ? AND occur_time < ? "
                                     "GROUP BY visit_intent"));
  scan->BindInt64(1, static_cast<int64_t>(InteractionKind::kVisit));
  scan->BindInt64(2, absl::ToUnixMicros(start));
  scan->BindInt64(3, absl::ToUnixMicros(end));
  int64_t visits = 0;
  for (;;) {
    CXHUB_ASSIGN_OR_RETURN(const bool has_row, scan->Step());
    if (!has_row) break;
    visits += scan->ColumnInt64(1);
  }
  return absl::StrCat(visits, " visits");
}

absl::StatusOr<std::string> Describe(const VisitIntentReport& report) {
  if (!report.overall.has_value()) return std::string("no visit");
  return absl::StrCat(report.overall->visits, " visits, ",
                      static_cast<int>(report.overall->Of(VisitIntent::kInformational).percent),
                      "% informational, ", report.series.size(), " points");
}

absl::Status TimeQueries(Store& store, Connection& raw, const Population& population,
                         const std::string& backend) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("America/New_York", &zone)) {
    return absl::FailedPreconditionError("no time zone America/New_York (install tzdata)");
  }
  ManualClock now(SpanEnd());  // The segment's members as of the span's end.
  VisitIntentFigures figures(store, now);
  bench::ResultTable table(absl::StrCat("Visitor intent figures (", backend, ")"), "calls");
  const VisitIntentQuery days = Last90Days(absl::UTCTimeZone());
  CXHUB_ASSIGN_OR_RETURN(bench::Result scan,
                         bench::TimeCalls("scan: visits of 90 days by intent", [&] {
                           return ScanVisits(raw, days.start_time, days.end_time);
                         }));
  table.AddBaseline(scan);
  // A segment's first figure counts every member's interactions into the segment's counts;
  // the later ones read them after a refresh (server/storage/sql_segment_refresh.h).
  VisitIntentQuery of_segment = days;
  of_segment.segment = population.segment;
  bench::Stopwatch first_call;
  CXHUB_RETURN_IF_ERROR(figures.Get(of_segment).status());
  table.Add(
      bench::Result("first call of a segment (counts its members in)", 1, first_call.Elapsed()));
  for (const auto& [name, query] : Queries(population, zone)) {
    CXHUB_ASSIGN_OR_RETURN(
        bench::Result row,
        bench::TimeCalls(name, [&, &query = query]() -> absl::StatusOr<std::string> {
          CXHUB_ASSIGN_OR_RETURN(const VisitIntentReport report, figures.Get(query));
          return Describe(report);
        }));
    table.Add(row);
  }
  // The clock moving on between calls: each refresh evaluates again the customers whose visits
  // left the 30-day window in that minute.
  CXHUB_ASSIGN_OR_RETURN(bench::Result moving,
                         bench::TimeCalls("intent, 90 days, one segment, clock +1 min a call",
                                          [&]() -> absl::StatusOr<std::string> {
                                            now.Advance(absl::Minutes(1));
                                            CXHUB_ASSIGN_OR_RETURN(const VisitIntentReport report,
                                                                   figures.Get(of_segment));
                                            return Describe(report);
                                          }));
  table.Add(moving);
  table.Print();
  return absl::OkStatus();
}

// `raw_fill`: the visits written as raw rows, then counted by the store's recount at open (the
// path of visits stored before migration 0020), which is quicker on a loaded machine.
absl::Status Run(const bench::BenchStore& backend, int64_t customers, int64_t total,
                 bool raw_fill) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, backend.open());
  CXHUB_ASSIGN_OR_RETURN(const Population population, InsertPopulation(*store, customers));
  bench::ResultTable fill(
      absl::StrCat("Fill (", backend.name, "): ", total, " visits over ", customers, " customers"),
      "visits");
  bench::Stopwatch stopwatch;
  if (raw_fill) {
    store.reset();
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> raw, backend.connect());
    CXHUB_RETURN_IF_ERROR(FillRaw(*raw, population, total));
    fill.AddBaseline(bench::Result("raw INSERT, 100 per statement", total, stopwatch.Elapsed()));
    stopwatch.Restart();
    CXHUB_ASSIGN_OR_RETURN(store, backend.open());
    fill.Add(bench::Result("recount at open (intent, counts)", total, stopwatch.Elapsed()));
  } else {
    CXHUB_RETURN_IF_ERROR(Fill(*store, population, total));
    fill.Add(bench::Result("store, InsertInteractions of 10000", total, stopwatch.Elapsed()));
  }
  fill.Print();
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> raw, backend.connect());
  return TimeQueries(*store, *raw, population, backend.name);
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  const bool raw_fill = argc > 2 && std::string(argv[2]) == "raw";
  const std::optional<int64_t> visits =
      cxhub::bench::CountArgument(raw_fill ? 2 : argc, argv, 1000000, "[visits [raw]]");
  if (!visits.has_value()) return 2;
  const int64_t customers = std::max<int64_t>(1, *visits / 10);  // Ten visits each.
  return cxhub::bench::RunOnEachStore("visitor_intent_benchmark", "visitor_intent",
                                      [&](const cxhub::bench::BenchStore& store) {
                                        return cxhub::Run(store, customers, *visits, raw_fill);
                                      });
}
