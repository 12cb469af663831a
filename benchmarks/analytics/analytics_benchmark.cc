// Fills a store with customers and interactions of realistic shape (interaction_generator.h)
// through the Store write path, in large write transactions, so the aggregates behind the
// figures are filled as in production; then times the satisfaction figures.
//
//   analytics_benchmark [customers [interactions]]   default 10000 100000; SQLite in a
//                                                     temporary directory
//   CXHUB_BENCH_MYSQL=host:port:user:password:database  also fills that (empty) MySQL database
//                                                     through the Store and times the segments
//
// The first table is the fill, in interactions/s:
//   store, 10000 per Write     InsertInteraction of every row, 10000 per write transaction
//   raw INSERT, 100 per stmt   multi-row INSERTs of the same rows into a second database of
//                              the same schema, one transaction (the baseline)
// The second is the time of SatisfactionFigures::Get, each query repeated, with the median
// and the 99th percentile of a call:
//   NPS, everything            the whole history, no filter
//   NPS, one touchpoint        the whole history at the busiest touchpoint
//   CSAT, one channel          the whole history on chat
//   NPS, 90 days, UTC          one figure over the last 90 whole UTC days
//   NPS, 90 daily points, <zone>  a series of 90 days in a zone off UTC (and in UTC)
// The third is the time of a segment's membership (StoreReader::ListMatchingCustomers, what
// counting its members costs), each rule evaluated at the end of the generated span:
//   no condition               every live customer
//   2+ calls in 30 days        an interaction count ("contacted support 2+ times in 30 days")
//   detractor, last NPS        the score of each customer's last NPS answer
//   chat in 30 days, active    a channel used in a window and activity in a window
//   plan attribute present     a customer attribute (every customer's attributes decoded)
//   inactive 7 days, <= 3 web  an absence and an "at most" count: complements of the live set
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/harness/latency_percentiles.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/model.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/mysql_store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"

namespace cxhub {
namespace {

constexpr int64_t kWriteBatch = 10000;
constexpr int kRawRowsPerStatement = 100;
constexpr int kTouchpoints = 8;
constexpr int kRepetitions = 30;

struct Population {
  std::vector<CustomerId> customers;
  std::vector<TouchpointId> touchpoints;
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
    return absl::OkStatus();
  }));
  for (int64_t first = 0; first < customers; first += kWriteBatch) {
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      for (int64_t n = first; n < std::min(customers, first + kWriteBatch); ++n) {
        CXHUB_ASSIGN_OR_RETURN(CustomerId id, writer.InsertCustomer(bench::GeneratedCustomer(n)));
        population.customers.push_back(id);
      }
      return absl::OkStatus();
    }));
  }
  return population;
}

absl::Status FillThroughStore(Store& store, const Population& population, int64_t total) {
  for (int64_t first = 0; first < total; first += kWriteBatch) {
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      for (int64_t n = first; n < std::min(total, first + kWriteBatch); ++n) {
        CXHUB_RETURN_IF_ERROR(writer
                                  .InsertInteraction(bench::GeneratedInteraction(
                                      n, total, population.customers, population.touchpoints))
                                  .status());
      }
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

void BindOptionalInt(Statement& statement, int index, bool present, int64_t value) {
  if (present) {
    statement.BindInt64(index, value);
  } else {
    statement.BindNull(index);
  }
}

void BindRawRow(const Interaction& row, Statement& s, int& p) {
  s.BindInt64(p++, row.customer_id);
  s.BindText(p++, row.channel);
  BindOptionalInt(s, p++, row.touchpoint_id != 0, row.touchpoint_id);
  s.BindInt64(p++, static_cast<int64_t>(row.kind));
  s.BindInt64(p++, static_cast<int64_t>(row.direction));
  s.BindInt64(p++, absl::ToUnixMicros(row.occur_time));
  s.BindText(p++, row.thread_id);
  s.BindText(p++, row.subject);
  s.BindText(p++, row.body);
  s.BindInt64(p++, absl::ToInt64Microseconds(row.duration));
  s.BindText(p++, row.source);
  s.BindText(p++, row.external_id);
  const bool surveyed = row.survey.has_value();
  BindOptionalInt(s, p++, surveyed, surveyed ? static_cast<int64_t>(row.survey->metric) : 0);
  BindOptionalInt(s, p++, surveyed, surveyed ? row.survey->score : 0);
  const bool mentioned = row.mentioned_score.has_value();
  BindOptionalInt(s, p++, mentioned,
                  mentioned ? static_cast<int64_t>(row.mentioned_score->metric) : 0);
  BindOptionalInt(s, p++, mentioned, mentioned ? row.mentioned_score->score : 0);
  s.BindBlob(p++, EncodeAttributes(row.attributes));
  s.BindInt64(p++, absl::ToUnixMicros(row.create_time));
}

// The same rows as FillThroughStore, by multi-row INSERTs in one transaction.
absl::Status FillRaw(Connection& raw, const Population& population, int64_t total) {
  const std::string columns =
      "customer_id, channel, touchpoint_id, kind, direction, occur_time, thread_id, subject, "
      "body, duration_us, source, external_id, survey_metric, survey_score, mentioned_metric, "
      "mentioned_score, attributes, create_time";
  const std::string one_row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  CXHUB_RETURN_IF_ERROR(raw.BeginWrite());
  for (int64_t first = 0; first < total; first += kRawRowsPerStatement) {
    const int64_t count = std::min<int64_t>(kRawRowsPerStatement, total - first);
    const std::vector<std::string> tuples(count, one_row);
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> insert,
                           raw.Prepare(absl::StrCat("INSERT INTO interactions (", columns,
                                                    ") VALUES ", absl::StrJoin(tuples, ", "))));
    int p = 1;
    for (int64_t n = first; n < first + count; ++n) {
      BindRawRow(
          bench::GeneratedInteraction(n, total, population.customers, population.touchpoints),
          *insert, p);
    }
    CXHUB_RETURN_IF_ERROR(insert->Step().status());
  }
  return raw.Commit();
}

struct NamedQuery {
  std::string name;
  SatisfactionQuery query;
};

// The last 90 whole UTC days of the generated span.
SatisfactionQuery Last90Days(SurveyMetric metric) {
  SatisfactionQuery query;
  query.metric = metric;
  query.end_time = bench::GeneratedStart() + bench::kGeneratedSpan;
  query.start_time = query.end_time - absl::Hours(24 * 90);
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
  queries.push_back({"NPS, 90 days, UTC", Last90Days(SurveyMetric::kNps)});
  SatisfactionQuery utc_series = Last90Days(SurveyMetric::kNps);
  utc_series.series = SatisfactionSeriesSpec{Granularity::kDay, absl::UTCTimeZone()};
  queries.push_back({"NPS, 90 daily points, UTC", utc_series});
  // Local midnights of the zone, so the points are whole local days.
  SatisfactionQuery zoned = Last90Days(SurveyMetric::kNps);
  const absl::CivilDay last_day = absl::ToCivilDay(zoned.end_time, zone);
  zoned.end_time = absl::FromCivil(last_day, zone);
  zoned.start_time = absl::FromCivil(last_day - 90, zone);
  zoned.series = SatisfactionSeriesSpec{Granularity::kDay, zone};
  queries.push_back({absl::StrCat("NPS, 90 daily points, ", zone.name()), zoned});
  return queries;
}

// `call` run `repetitions` times, with the median and 99th percentile of a call and what the
// last call said (its answers, its members).
absl::StatusOr<bench::Result> TimeCalls(const std::string& name, int repetitions,
                                        absl::FunctionRef<absl::StatusOr<std::string>()> call) {
  std::vector<absl::Duration> latencies;
  std::string said;
  bench::Stopwatch total;
  for (int i = 0; i < repetitions; ++i) {
    bench::Stopwatch one;
    CXHUB_ASSIGN_OR_RETURN(said, call());
    latencies.push_back(one.Elapsed());
  }
  bench::Result result(name, repetitions, total.Elapsed());
  result.latency = bench::ComputeLatencyPercentiles(latencies);
  result.note = absl::StrFormat("median %.2f ms  p99 %.2f ms  (%s)",
                                absl::ToDoubleMilliseconds(result.latency->p50),
                                absl::ToDoubleMilliseconds(result.latency->p99), said);
  return result;
}

absl::Status TimeQueries(Store& store, const Population& population) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("America/New_York", &zone)) {
    return absl::FailedPreconditionError("no time zone America/New_York (install tzdata)");
  }
  SatisfactionFigures figures(store);
  bench::ResultTable table("Satisfaction figures (SQLite)", "calls");
  for (const NamedQuery& named : Queries(population, zone)) {
    CXHUB_ASSIGN_OR_RETURN(
        bench::Result result,
        TimeCalls(named.name, kRepetitions, [&]() -> absl::StatusOr<std::string> {
          CXHUB_ASSIGN_OR_RETURN(const SatisfactionReport report, figures.Get(named.query));
          const int64_t answers = report.surveyed ? report.surveyed->counts.Total() : 0;
          return absl::StrCat(answers, " answers");
        }));
    table.Add(result);
  }
  table.Print();
  return absl::OkStatus();
}

struct NamedSegment {
  std::string name;
  std::vector<SegmentCondition> conditions;
};

std::vector<NamedSegment> Segments() {
  SegmentCondition calls;
  calls.kind = SegmentConditionKind::kInteractionCount;
  calls.interaction_kind = InteractionKind::kCall;
  calls.comparison = CountComparison::kAtLeast;
  calls.count = 2;
  calls.within_days = 30;
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

absl::Status TimeSegments(Store& store, absl::string_view backend) {
  constexpr int kSegmentRepetitions = 5;
  const absl::Time now = bench::GeneratedStart() + bench::kGeneratedSpan;
  bench::ResultTable table(absl::StrCat("Segment membership (", backend, ")"), "calls");
  for (const NamedSegment& segment : Segments()) {
    CXHUB_ASSIGN_OR_RETURN(
        bench::Result result,
        TimeCalls(segment.name, kSegmentRepetitions, [&]() -> absl::StatusOr<std::string> {
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

// The MySQL store CXHUB_BENCH_MYSQL names, or nullopt when it is unset.
absl::StatusOr<std::optional<MysqlStoreOptions>> MysqlFromEnvironment() {
  const char* value = std::getenv("CXHUB_BENCH_MYSQL");
  if (value == nullptr || *value == '\0') return std::nullopt;
  std::vector<std::string> parts = absl::StrSplit(value, ':');
  MysqlStoreOptions options;
  if (parts.size() != 5 || !absl::SimpleAtoi(parts[1], &options.port)) {
    return absl::InvalidArgumentError(
        "CXHUB_BENCH_MYSQL: expected host:port:user:password:database");
  }
  options.host = parts[0];
  options.user = parts[2];
  options.password = parts[3];
  options.database = parts[4];
  return options;
}

// The customers into `store`, then `total` interactions through the Store, timed into `fill`.
absl::StatusOr<Population> FillTimed(Store& store, int64_t customers, int64_t total,
                                     bench::ResultTable& fill) {
  CXHUB_ASSIGN_OR_RETURN(Population population, InsertPopulation(store, customers));
  bench::Stopwatch stopwatch;
  CXHUB_RETURN_IF_ERROR(FillThroughStore(store, population, total));
  fill.Add({"store, 10000 per Write", total, stopwatch.Elapsed()});
  return population;
}

std::string FillTitle(absl::string_view backend, int64_t customers, int64_t total) {
  return absl::StrCat("Fill (", backend, "): ", total, " interactions over ", customers,
                      " customers");
}

absl::Status RunMysql(const MysqlStoreOptions& options, int64_t customers, int64_t total) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenMysqlStore(options));
  bench::ResultTable fill(FillTitle("MySQL", customers, total), "interactions");
  CXHUB_RETURN_IF_ERROR(FillTimed(*store, customers, total, fill).status());
  fill.Print();
  return TimeSegments(*store, "MySQL");
}

absl::Status Run(const std::filesystem::path& directory, int64_t customers, int64_t total) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                         OpenSqliteStore({(directory / "store.db").string(), absl::Seconds(5)}));
  bench::ResultTable fill(FillTitle("SQLite", customers, total), "interactions");
  CXHUB_ASSIGN_OR_RETURN(const Population population, FillTimed(*store, customers, total, fill));

  const std::string raw_path = (directory / "raw.db").string();
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> raw_store,
                         OpenSqliteStore({raw_path, absl::Seconds(5)}));
  CXHUB_ASSIGN_OR_RETURN(const Population raw_population, InsertPopulation(*raw_store, customers));
  raw_store.reset();
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> raw,
                         OpenSqliteConnection({raw_path, absl::Seconds(5), false}));
  bench::Stopwatch stopwatch;
  CXHUB_RETURN_IF_ERROR(FillRaw(*raw, raw_population, total));
  fill.AddBaseline({"raw INSERT, 100 per stmt", total, stopwatch.Elapsed()});
  fill.Print();
  raw.reset();
  std::filesystem::remove(raw_path);

  CXHUB_RETURN_IF_ERROR(TimeQueries(*store, population));
  CXHUB_RETURN_IF_ERROR(TimeSegments(*store, "SQLite"));
  CXHUB_ASSIGN_OR_RETURN(const std::optional<MysqlStoreOptions> mysql, MysqlFromEnvironment());
  if (!mysql.has_value()) return absl::OkStatus();
  store.reset();
  return RunMysql(*mysql, customers, total);
}

// argv[i] as a whole number >= 1, or `default_value` when absent; nullopt when malformed.
std::optional<int64_t> Argument(int argc, char** argv, int i, int64_t default_value) {
  if (argc <= i) return default_value;
  int64_t value = 0;
  if (!absl::SimpleAtoi(argv[i], &value) || value < 1) return std::nullopt;
  return value;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  const std::optional<int64_t> customers = cxhub::Argument(argc, argv, 1, 10000);
  const std::optional<int64_t> interactions = cxhub::Argument(argc, argv, 2, 100000);
  if (argc > 3 || !customers.has_value() || !interactions.has_value()) {
    std::fprintf(stderr, "usage: %s [customers [interactions]]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_analytics_bench_", getpid());
  std::filesystem::create_directories(directory);
  const absl::Status status = cxhub::Run(directory, *customers, *interactions);
  std::filesystem::remove_all(directory);
  if (!status.ok()) {
    std::fprintf(stderr, "analytics_benchmark: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
