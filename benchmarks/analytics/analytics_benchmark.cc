// Fills a store with customers and interactions of realistic shape (interaction_generator.h)
// through the Store's bulk write path, in large write transactions, so the aggregates behind the
// figures are filled as in production; then times every figure beside the same question answered
// by scanning the interactions.
//
//   analytics_benchmark [customers [interactions]]   default 10000 100000; SQLite in a
//                                                     temporary directory
//   CXHUB_BENCH_MYSQL=host:port:user:password:database analytics_benchmark ...
//                                                     also MySQL, in fresh databases
//                                                     <database>_analytics, _analytics_one_by_one
//                                                     and _analytics_raw
//   CXHUB_BENCH_SQLITE=off ...                        MySQL only (so that SQLite and MySQL
//                                                     can run as two processes)
//
// Per backend, the first table is the fill, in interactions/s, each row with its CPU time:
//   store, InsertInteractions of 100000
//                              the bulk path: one InsertInteractions of 100000 rows per write
//                              transaction (this store is the one the figures are timed on)
//   store, 1 InsertInteraction each
//                              InsertInteraction of every row, 100000 per write transaction,
//                              into a second database (the write path before the bulk one)
//   raw INSERT, 100 per stmt   multi-row INSERTs of the same rows into a second database of
//                              the same schema, one transaction (the baseline)
//   floor: raw INSERT + N tables copied
//                              (SQLite) the raw INSERT's time plus that of copying, as they
//                              are, the rows the one-by-one store wrote besides the
//                              interactions (aggregate_floor.h): no fill that keeps those rows
//                              can beat this rate; the tables and their rows follow the table
// (these three write the first 100,000 rows at most: a rate to compare, not a second history)
// The others time each figure query, repeated, with the median and the 99th percentile of a
// call, beside a baseline scan of the interactions table:
//   NPS, everything            the whole history, no filter
//   NPS, one touchpoint        the whole history at one touchpoint
//   CSAT, one channel          the whole history on chat
//   NPS, one segment           the whole history of the members of a segment (2+ calls in the
//                              last 30 days of the span)
//   NPS, 90 days, ...          one figure over the last 90 whole UTC days, with no filter, at
//                              one touchpoint, of the segment
//   NPS, 90 daily points, ...  a series of 90 days in UTC, and in a zone off UTC with no
//                              filter, one touchpoint, on chat (CSAT) and of the segment
//   History                    a customer's 50 newest interactions, ListInteractions beside one
//                              SELECT of the same rows, both after an unmeasured pass (run
//                              before any figure)
//   then churn and retention of the last 28 days, and lifetime value (customer_figure_timings.h),
//   the journey map of the last 30 days on every channel and on chat, segment membership for six
//   rules (StoreReader::ListMatchingCustomers), and complaint themes over
//   the last 30 days (complaint_themes_timing.h)
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "benchmarks/analytics/aggregate_floor.h"
#include "benchmarks/analytics/complaint_themes_timing.h"
#include "benchmarks/analytics/customer_figure_timings.h"
#include "benchmarks/analytics/history_timing.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/analytics/range_scan.h"
#include "benchmarks/analytics/raw_fill.h"
#include "benchmarks/analytics/timed_calls.h"
#include "benchmarks/harness/bench_stores.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/mysql_bench_databases.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/journey_map.h"
#include "server/core/journey_maps.h"
#include "server/core/manual_clock.h"
#include "server/core/model.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"
#include "tests/storage/insert_interactions.h"

namespace cxhub {
namespace {

constexpr int64_t kCustomersPerWrite = 10000;
// Interactions per write transaction of a fill. Each commit writes every page the transaction
// dirtied, and a batch over random customers dirties pages all over the per-customer aggregates
// and the history index, so fewer, larger commits write fewer pages again. Fills on SQLite, 10,000
// against 100,000 per write: 100,000 interactions at 53.6k against 69.9k per second, 1,000,000 at
// 23.2k against 42.3k (250,000: 48.0k). 100,000 keeps a batch's generated rows to about 100 MB.
constexpr int64_t kInteractionsPerWrite = 100000;
constexpr int kHistoryCalls = 300;
constexpr int kTouchpoints = 8;
// The comparison fills (one by one, raw) write at most this many rows: their rate is the
// comparison, and on a busy machine two more full fills of 1,000,000 would triple the run.
constexpr int64_t kComparisonRows = 100000;

// The end of the generated span: "now" for the segment-filtered figures.
absl::Time SpanEnd() { return bench::GeneratedStart() + bench::kGeneratedSpan; }

// Customers with 2 or more calls in the last 30 days: the segment the figures are filtered by.
SegmentCondition TwoCallsIn30Days() {
  SegmentCondition calls;
  calls.kind = SegmentConditionKind::kInteractionCount;
  calls.interaction_kind = InteractionKind::kCall;
  calls.comparison = CountComparison::kAtLeast;
  calls.count = 2;
  calls.within_days = 30;
  return calls;
}

struct Population {
  std::vector<CustomerId> customers;
  std::vector<TouchpointId> touchpoints;
  SegmentId segment = 0;  // TwoCallsIn30Days.
};

absl::StatusOr<Population> InsertPopulation(Store& store, int64_t customers) {
  Population population;
  CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
    const char* const names[kTouchpoints] = {"Browse",  "Checkout", "Delivery", "Returns",
                                             "Support", "Billing",  "Renewal",  "Onboarding"};
    for (const char* name : names) {
      Touchpoint touchpoint;
      touchpoint.display_name = name;
      touchpoint.stage = JourneyStage::kService;
      CXHUB_ASSIGN_OR_RETURN(TouchpointId id, writer.InsertTouchpoint(touchpoint));
      population.touchpoints.push_back(id);
    }
    Segment segment;
    segment.display_name = "2+ calls in 30 days";
    segment.conditions = {TwoCallsIn30Days()};
    CXHUB_ASSIGN_OR_RETURN(population.segment, writer.InsertSegment(segment));
    return absl::OkStatus();
  }));
  CXHUB_ASSIGN_OR_RETURN(population.customers,
                         bench::InsertGeneratedCustomers(store, customers, kCustomersPerWrite));
  return population;
}

// The interactions [first, first + count) of the generated `total`.
std::vector<Interaction> GeneratedBatch(const Population& population, int64_t first, int64_t count,
                                        int64_t total) {
  std::vector<Interaction> batch;
  batch.reserve(count);
  for (int64_t n = first; n < first + count; ++n) {
    batch.push_back(
        bench::GeneratedInteraction(n, total, population.customers, population.touchpoints));
  }
  return batch;
}

// Through the bulk path, InsertInteractions of kInteractionsPerWrite per Write.
absl::Status FillThroughStore(Store& store, const Population& population, int64_t total) {
  for (int64_t first = 0; first < total; first += kInteractionsPerWrite) {
    const std::vector<Interaction> batch =
        GeneratedBatch(population, first, std::min(kInteractionsPerWrite, total - first), total);
    CXHUB_RETURN_IF_ERROR(InsertEveryInteraction(store, batch));
  }
  return absl::OkStatus();
}

// The same rows one InsertInteraction each, kInteractionsPerWrite per Write: the write path before
// the bulk one, for comparison.
absl::Status FillOneByOne(Store& store, const Population& population, int64_t total) {
  for (int64_t first = 0; first < total; first += kInteractionsPerWrite) {
    const std::vector<Interaction> batch =
        GeneratedBatch(population, first, std::min(kInteractionsPerWrite, total - first), total);
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      for (const Interaction& interaction : batch) {
        CXHUB_RETURN_IF_ERROR(writer.InsertInteraction(interaction).status());
      }
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

struct NamedQuery {
  std::string name;
  SatisfactionQuery query;
};

// The last 90 whole UTC days of the generated span.
SatisfactionQuery Last90Days(SurveyMetric metric) {
  SatisfactionQuery query;
  query.metric = metric;
  query.end_time = SpanEnd();
  query.start_time = query.end_time - absl::Hours(24 * 90);
  return query;
}

// The same, a point per day in `zone`, on its local midnights so the points are whole days.
SatisfactionQuery Last90DailyPoints(SurveyMetric metric, const absl::TimeZone& zone) {
  SatisfactionQuery query = Last90Days(metric);
  const absl::CivilDay last_day = absl::ToCivilDay(query.end_time, zone);
  query.end_time = absl::FromCivil(last_day, zone);
  query.start_time = absl::FromCivil(last_day - 90, zone);
  query.series = SatisfactionSeriesSpec{Granularity::kDay, zone};
  return query;
}

std::vector<NamedQuery> Queries(const Population& population, const absl::TimeZone& zone) {
  std::vector<NamedQuery> queries;
  queries.push_back({"NPS, everything", SatisfactionQuery{}});
  SatisfactionQuery touchpoint;
  touchpoint.touchpoint_id = population.touchpoints[1];
  queries.push_back({"NPS, one touchpoint", touchpoint});
  SatisfactionQuery channel;
  channel.metric = SurveyMetric::kCsat;
  channel.channel = "chat";
  queries.push_back({"CSAT, one channel", channel});
  SatisfactionQuery segment;
  segment.segment = population.segment;
  queries.push_back({"NPS, one segment", segment});
  queries.push_back({"NPS, 90 days, UTC", Last90Days(SurveyMetric::kNps)});
  SatisfactionQuery touchpoint_days = Last90Days(SurveyMetric::kNps);
  touchpoint_days.touchpoint_id = population.touchpoints[1];
  queries.push_back({"NPS, 90 days, one touchpoint", touchpoint_days});
  SatisfactionQuery segment_days = Last90Days(SurveyMetric::kNps);
  segment_days.segment = population.segment;
  queries.push_back({"NPS, 90 days, one segment", segment_days});
  queries.push_back(
      {"NPS, 90 daily points, UTC", Last90DailyPoints(SurveyMetric::kNps, absl::UTCTimeZone())});
  queries.push_back({absl::StrCat("NPS, 90 daily points, ", zone.name()),
                     Last90DailyPoints(SurveyMetric::kNps, zone)});
  SatisfactionQuery touchpoint_series = Last90DailyPoints(SurveyMetric::kNps, zone);
  touchpoint_series.touchpoint_id = population.touchpoints[1];
  queries.push_back({"NPS, 90 daily points, one touchpoint, zone", touchpoint_series});
  SatisfactionQuery channel_series = Last90DailyPoints(SurveyMetric::kCsat, zone);
  channel_series.channel = "chat";
  queries.push_back({"CSAT, 90 daily points, one channel, zone", channel_series});
  SatisfactionQuery segment_series = Last90DailyPoints(SurveyMetric::kNps, zone);
  segment_series.segment = population.segment;
  queries.push_back({"NPS, 90 daily points, one segment, zone", segment_series});
  return queries;
}

// The NPS answers of the whole history, counted from the interactions.
absl::StatusOr<std::string> ScanNps(Connection& raw) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> scan,
                         raw.Prepare("SELECT survey_score, COUNT(*) FROM interactions "
                                     "WHERE survey_metric = ? GROUP BY survey_score"));
  scan->BindInt64(1, static_cast<int64_t>(SurveyMetric::kNps));
  int64_t answers = 0;
  for (;;) {
    CXHUB_ASSIGN_OR_RETURN(const bool has_row, scan->Step());
    if (!has_row) break;
    answers += scan->ColumnInt64(1);
  }
  return absl::StrCat(answers, " answers");
}

absl::Status TimeQueries(Store& store, Connection& raw, const Population& population,
                         const std::string& backend) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("America/New_York", &zone)) {
    return absl::FailedPreconditionError("no time zone America/New_York (install tzdata)");
  }
  ManualClock now(SpanEnd());  // The segment's members as of the span's end.
  SatisfactionFigures figures(store, now);
  bench::ResultTable table(absl::StrCat("Satisfaction figures (", backend, ")"), "calls");
  CXHUB_ASSIGN_OR_RETURN(bench::Result scan, bench::TimeCalls("scan: NPS answers by score",
                                                              [&] { return ScanNps(raw); }));
  table.AddBaseline(scan);
  for (const NamedQuery& named : Queries(population, zone)) {
    CXHUB_ASSIGN_OR_RETURN(
        bench::Result row, bench::TimeCalls(named.name, [&]() -> absl::StatusOr<std::string> {
          CXHUB_ASSIGN_OR_RETURN(const SatisfactionReport report, figures.Get(named.query));
          const int64_t answers = report.surveyed.has_value() ? report.surveyed->counts.Total() : 0;
          return absl::StrCat(answers, " answers");
        }));
    table.Add(row);
  }
  table.Print();
  return absl::OkStatus();
}

struct NamedSegment {
  std::string name;
  std::vector<SegmentCondition> conditions;
};

std::vector<NamedSegment> Segments() {
  const SegmentCondition calls = TwoCallsIn30Days();
  SegmentCondition detractor;
  detractor.kind = SegmentConditionKind::kScore;
  detractor.metric = SurveyMetric::kNps;
  detractor.min_score = 0;
  detractor.max_score = 6;
  SegmentCondition chat;
  chat.kind = SegmentConditionKind::kChannel;
  chat.channel = "chat";
  chat.within_days = 30;
  SegmentCondition active;
  active.kind = SegmentConditionKind::kActivity;
  active.within_days = 30;
  SegmentCondition plan;
  plan.kind = SegmentConditionKind::kAttribute;
  plan.attribute_key = "plan";
  SegmentCondition inactive = active;
  inactive.within_days = 7;
  inactive.inactive = true;
  SegmentCondition few_web;
  few_web.kind = SegmentConditionKind::kInteractionCount;
  few_web.channel = "web";
  few_web.comparison = CountComparison::kAtMost;
  few_web.count = 3;
  return {{"no condition", {}},
          {"2+ calls in 30 days", {calls}},
          {"detractor, last NPS", {detractor}},
          {"chat in 30 days, active", {chat, active}},
          {"plan attribute present", {plan}},
          {"inactive 7 days, <= 3 web", {inactive, few_web}}};
}

absl::Status TimeSegments(Store& store, Connection& raw, const std::string& backend) {
  constexpr int kSegmentRepetitions = 5;
  const absl::Time now = SpanEnd();
  bench::ResultTable table(absl::StrCat("Segment membership (", backend, ")"), "calls");
  // Most rules look back 30 days: reading those days' interactions is their simplest form.
  CXHUB_ASSIGN_OR_RETURN(
      bench::Result scan,
      bench::TimeCalls("scan: the last 30 days' interactions", kSegmentRepetitions, [&] {
        return bench::ScanInteractionRange(raw, "customer_id, kind, channel",
                                           now - absl::Hours(24 * 30), now);
      }));
  table.AddBaseline(scan);
  for (const NamedSegment& segment : Segments()) {
    CXHUB_ASSIGN_OR_RETURN(
        bench::Result result,
        bench::TimeCalls(segment.name, kSegmentRepetitions, [&]() -> absl::StatusOr<std::string> {
          size_t members = 0;
          CXHUB_RETURN_IF_ERROR(store.Read([&](StoreReader& reader) -> absl::Status {
            CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> ids,
                                   reader.ListMatchingCustomers(segment.conditions, now));
            members = ids.size();
            return absl::OkStatus();
          }));
          return absl::StrCat(members, " members");
        }));
    table.Add(result);
  }
  table.Print();
  return absl::OkStatus();
}

// The journey map of the last 30 days of the generated span, on every channel and on chat.
absl::Status TimeJourneyMaps(Store& store, Connection& raw, const std::string& backend) {
  JourneyMaps maps(store);
  bench::ResultTable table(absl::StrCat("Journey map of a month (", backend, ")"), "calls");
  JourneyMapQuery month;
  month.end_time = SpanEnd();
  month.start_time = month.end_time - absl::Hours(24 * 30);
  CXHUB_ASSIGN_OR_RETURN(
      bench::Result scan, bench::TimeCalls("scan: the month by customer and time", [&] {
        return bench::ScanInteractionRange(raw, "customer_id, touchpoint_id, occur_time",
                                           month.start_time, month.end_time,
                                           "customer_id, occur_time");
      }));
  table.AddBaseline(scan);
  JourneyMapQuery chat = month;
  chat.channel = "chat";
  for (const auto& [name, query] : {std::pair<std::string, JourneyMapQuery>{"every channel", month},
                                    std::pair<std::string, JourneyMapQuery>{"chat", chat}}) {
    CXHUB_ASSIGN_OR_RETURN(
        bench::Result row,
        bench::TimeCalls(name, [&, &query = query]() -> absl::StatusOr<std::string> {
          CXHUB_ASSIGN_OR_RETURN(const JourneyMap map, maps.Get(query));
          int64_t interactions = 0;
          for (const JourneyMapStage& stage : map.stages) interactions += stage.interactions;
          return absl::StrFormat("%d interactions, %d customers, %d transitions", interactions,
                                 map.customers, map.transitions.size());
        }));
    table.Add(row);
  }
  table.Print();
  return absl::OkStatus();
}

// A fill row: `total` interactions in `elapsed`, with the CPU time spent since `cpu_start`.
bench::Result FillResult(const std::string& name, int64_t total, absl::Duration elapsed,
                         absl::Duration cpu_start) {
  const double cpu_seconds = absl::ToDoubleSeconds(bench::ProcessCpuTime() - cpu_start);
  return bench::Result(name, total, elapsed, std::nullopt,
                       absl::StrFormat("CPU %.2f s, %.0f interactions per CPU second", cpu_seconds,
                                       static_cast<double>(total) / std::max(cpu_seconds, 1e-9)));
}

// Where one run's databases live: the store's, the one-by-one comparison's, and the raw
// baseline's.
struct Backend {
  std::string name;
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open_store;
  std::function<absl::StatusOr<std::unique_ptr<Connection>>()> connect_store;
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open_one_by_one_store;
  std::function<absl::StatusOr<std::unique_ptr<Store>>()> open_raw_store;
  std::function<absl::StatusOr<std::unique_ptr<Connection>>()> connect_raw;
  // The one-by-one store's file on SQLite, for the floor row; empty on MySQL (no floor).
  std::string one_by_one_sqlite_path;
};

// The floor row (aggregate_floor.h): the raw INSERT's time plus that of the copies.
bench::Result FloorResult(int64_t total, absl::Duration raw_elapsed,
                          absl::Span<const bench::TableCopy> copies) {
  absl::Duration copy_elapsed;
  int64_t copied_rows = 0;
  for (const bench::TableCopy& copy : copies) {
    copy_elapsed += copy.elapsed;
    copied_rows += copy.rows;
  }
  return bench::Result(absl::StrCat("floor: raw INSERT + ", copies.size(), " tables copied"), total,
                       raw_elapsed + copy_elapsed, std::nullopt,
                       absl::StrFormat("%d rows copied in %.3f s", copied_rows,
                                       absl::ToDoubleSeconds(copy_elapsed)));
}

// What the floor row copied: each table's rows and milliseconds.
std::string CopiedTables(absl::Span<const bench::TableCopy> copies) {
  std::string line = "  tables copied for the floor (rows, ms):";
  for (const bench::TableCopy& copy : copies) {
    absl::StrAppendFormat(&line, " %s %d %.0f;", copy.table, copy.rows,
                          absl::ToDoubleMilliseconds(copy.elapsed));
  }
  return line;
}

absl::Status Run(const Backend& backend, int64_t customers, int64_t total) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, backend.open_store());
  CXHUB_ASSIGN_OR_RETURN(const Population population, InsertPopulation(*store, customers));
  bench::ResultTable fill(absl::StrCat("Fill (", backend.name, "): ", total, " interactions over ",
                                       customers, " customers"),
                          "interactions");
  bench::Stopwatch stopwatch;
  absl::Duration cpu_start = bench::ProcessCpuTime();
  CXHUB_RETURN_IF_ERROR(FillThroughStore(*store, population, total));
  fill.Add(FillResult(absl::StrCat("store, InsertInteractions of ", kInteractionsPerWrite), total,
                      stopwatch.Elapsed(), cpu_start));
  const int64_t comparison_total = std::min(total, kComparisonRows);
  std::vector<bench::TableCopy> copies;
  {
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> one_by_one, backend.open_one_by_one_store());
    CXHUB_ASSIGN_OR_RETURN(const Population one_by_one_population,
                           InsertPopulation(*one_by_one, customers));
    stopwatch.Restart();
    cpu_start = bench::ProcessCpuTime();
    CXHUB_RETURN_IF_ERROR(FillOneByOne(*one_by_one, one_by_one_population, comparison_total));
    fill.Add(FillResult("store, 1 InsertInteraction each", comparison_total, stopwatch.Elapsed(),
                        cpu_start));
  }
  {
    // The raw database gets the schema and the population from a store, then plain INSERTs.
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> raw_store, backend.open_raw_store());
    CXHUB_ASSIGN_OR_RETURN(const Population raw_population,
                           InsertPopulation(*raw_store, customers));
    raw_store.reset();
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> raw, backend.connect_raw());
    stopwatch.Restart();
    cpu_start = bench::ProcessCpuTime();
    CXHUB_RETURN_IF_ERROR(bench::FillRaw(*raw, raw_population.customers, raw_population.touchpoints,
                                         comparison_total));
    const absl::Duration raw_elapsed = stopwatch.Elapsed();
    fill.AddBaseline(
        FillResult("raw INSERT, 100 per stmt", comparison_total, raw_elapsed, cpu_start));
    if (!backend.one_by_one_sqlite_path.empty()) {
      CXHUB_ASSIGN_OR_RETURN(copies,
                             bench::CopyStoreOnlyTables(*raw, backend.one_by_one_sqlite_path));
      fill.Add(FloorResult(comparison_total, raw_elapsed, copies));
    }
  }
  fill.Print();
  if (!copies.empty()) std::printf("%s\n", CopiedTables(copies).c_str());
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> scans, backend.connect_store());
  // Issue 18's measure of the history's growth: compare runs at 100k and 10M with as many
  // interactions per customer (history_benchmark does both in one run).
  CXHUB_RETURN_IF_ERROR(
      bench::TimeHistory(*store, *scans, population.customers,
                         absl::StrCat("History, 50 newest of a customer (", backend.name, ")"),
                         kHistoryCalls)
          .status());
  CXHUB_RETURN_IF_ERROR(TimeQueries(*store, *scans, population, backend.name));
  CXHUB_RETURN_IF_ERROR(bench::TimeCustomerFigures(*store, *scans, population.touchpoints[1],
                                                   population.segment, backend.name));
  CXHUB_RETURN_IF_ERROR(TimeJourneyMaps(*store, *scans, backend.name));
  CXHUB_RETURN_IF_ERROR(TimeSegments(*store, *scans, backend.name));
  return bench::TimeComplaintThemes(*store, *scans, backend.name);
}

absl::StatusOr<std::vector<Backend>> Backends(const std::filesystem::path& directory,
                                              bench::MysqlBenchDatabases* mysql) {
  auto sqlite_store = [](const std::string& path) {
    return [path] { return OpenSqliteStore({path, absl::Seconds(5)}); };
  };
  auto sqlite_connection = [](const std::string& path) {
    return [path] { return OpenSqliteConnection({path, absl::Seconds(5), false}); };
  };
  const std::string path = (directory / "store.db").string();
  const std::string raw_path = (directory / "raw.db").string();
  std::vector<Backend> backends;
  if (bench::SqliteBenchEnabled()) {
    const std::string one_by_one_path = (directory / "one_by_one.db").string();
    backends.push_back({"SQLite", sqlite_store(path), sqlite_connection(path),
                        sqlite_store(one_by_one_path), sqlite_store(raw_path),
                        sqlite_connection(raw_path), one_by_one_path});
  }
  if (mysql == nullptr) return backends;
  auto mysql_store = [](const MysqlConnectionOptions& options) {
    return [options] { return OpenMysqlStore(bench::StoreOptionsFor(options)); };
  };
  auto mysql_connection = [](const MysqlConnectionOptions& options) {
    return [options] { return OpenMysqlConnection(options); };
  };
  CXHUB_ASSIGN_OR_RETURN(const MysqlConnectionOptions filled, mysql->Create("analytics"));
  CXHUB_ASSIGN_OR_RETURN(const MysqlConnectionOptions one_by_one,
                         mysql->Create("analytics_one_by_one"));
  CXHUB_ASSIGN_OR_RETURN(const MysqlConnectionOptions raw, mysql->Create("analytics_raw"));
  backends.push_back({"MySQL", mysql_store(filled), mysql_connection(filled),
                      mysql_store(one_by_one), mysql_store(raw), mysql_connection(raw),
                      /*one_by_one_sqlite_path=*/""});
  return backends;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  const std::optional<int64_t> customers = cxhub::bench::WholeArgument(argc, argv, 1, 10000);
  const std::optional<int64_t> interactions = cxhub::bench::WholeArgument(argc, argv, 2, 100000);
  if (argc > 3 || !customers.has_value() || !interactions.has_value()) {
    std::fprintf(stderr, "usage: %s [customers [interactions]]\n", argv[0]);
    return 2;
  }
  absl::StatusOr<std::unique_ptr<cxhub::bench::MysqlBenchDatabases>> mysql =
      cxhub::bench::MysqlBenchDatabases::FromEnvironment();
  if (!mysql.ok()) {
    std::fprintf(stderr, "analytics_benchmark: %s\n", mysql.status().ToString().c_str());
    return 1;
  }
  if (*mysql == nullptr) {
    std::printf("(set CXHUB_BENCH_MYSQL=host:port:user:password:database for MySQL)\n");
  }
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_analytics_bench_", getpid());
  std::filesystem::create_directories(directory);
  absl::StatusOr<std::vector<cxhub::Backend>> backends = cxhub::Backends(directory, mysql->get());
  absl::Status status = backends.status();
  for (size_t i = 0; status.ok() && i < backends->size(); ++i) {
    status = cxhub::Run((*backends)[i], *customers, *interactions);
  }
  std::filesystem::remove_all(directory);
  if (!status.ok()) {
    std::fprintf(stderr, "analytics_benchmark: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
