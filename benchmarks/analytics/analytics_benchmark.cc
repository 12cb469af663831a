// Fills a store with customers and interactions of realistic shape (interaction_generator.h)
// through the Store write path, in large write transactions, so the aggregates behind the
// figures are filled as in production; then times the satisfaction figures.
//
//   analytics_benchmark [customers [interactions]]   default 10000 100000; SQLite in a
//                                                     temporary directory
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
// The third is the time of JourneyMaps::Get over the last 30 days, on every channel and on chat.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/harness/latency_percentiles.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/journey_map.h"
#include "server/core/journey_maps.h"
#include "server/core/model.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"

namespace cxhub {
namespace {

constexpr int64_t kWriteBatch = 10000;
constexpr int kRawRowsPerStatement = 100;
constexpr int kTouchpoints = 8;
constexpr int kRepetitions = 30;
constexpr int kJourneyRepetitions = 5;

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

absl::Status TimeQueries(Store& store, const Population& population) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("America/New_York", &zone)) {
    return absl::FailedPreconditionError("no time zone America/New_York (install tzdata)");
  }
  SatisfactionFigures figures(store);
  bench::ResultTable table("Satisfaction figures (SQLite)", "calls");
  for (const NamedQuery& named : Queries(population, zone)) {
    std::vector<absl::Duration> latencies;
    int64_t answers = 0;
    bench::Stopwatch total;
    for (int i = 0; i < kRepetitions; ++i) {
      bench::Stopwatch call;
      CXHUB_ASSIGN_OR_RETURN(const SatisfactionReport report, figures.Get(named.query));
      latencies.push_back(call.Elapsed());
      if (report.surveyed.has_value()) answers = report.surveyed->counts.Total();
    }
    const absl::Duration elapsed = total.Elapsed();
    bench::Result result(named.name, kRepetitions, elapsed);
    result.latency = bench::ComputeLatencyPercentiles(latencies);
    result.note = absl::StrFormat("median %.2f ms  p99 %.2f ms  (%d answers)",
                                  absl::ToDoubleMilliseconds(result.latency->p50),
                                  absl::ToDoubleMilliseconds(result.latency->p99), answers);
    table.Add(result);
  }
  table.Print();
  return absl::OkStatus();
}

// The journey map of the last 30 days of the generated span, on every channel and on chat.
absl::Status TimeJourneyMaps(Store& store) {
  JourneyMaps maps(store);
  bench::ResultTable table("Journey map of a month (SQLite)", "calls");
  JourneyMapQuery month;
  month.end_time = bench::GeneratedStart() + bench::kGeneratedSpan;
  month.start_time = month.end_time - absl::Hours(24 * 30);
  JourneyMapQuery chat = month;
  chat.channel = "chat";
  for (const auto& [name, query] : {std::pair<std::string, JourneyMapQuery>{"every channel", month},
                                    std::pair<std::string, JourneyMapQuery>{"chat", chat}}) {
    std::vector<absl::Duration> latencies;
    JourneyMap map;
    bench::Stopwatch total;
    // CPU time too: on a shared machine the wall time also counts waiting for a core.
    const std::clock_t cpu_start = std::clock();
    for (int i = 0; i < kJourneyRepetitions; ++i) {
      bench::Stopwatch call;
      CXHUB_ASSIGN_OR_RETURN(map, maps.Get(query));
      latencies.push_back(call.Elapsed());
    }
    const double cpu_ms_per_call = 1000.0 * static_cast<double>(std::clock() - cpu_start) /
                                   CLOCKS_PER_SEC / kJourneyRepetitions;
    int64_t interactions = 0;
    for (const JourneyMapStage& stage : map.stages) interactions += stage.interactions;
    bench::Result result(name, kJourneyRepetitions, total.Elapsed());
    result.latency = bench::ComputeLatencyPercentiles(latencies);
    result.note = absl::StrFormat(
        "median %.0f ms, cpu %.0f ms  (%d interactions, %d customers, %d transitions)",
        absl::ToDoubleMilliseconds(result.latency->p50), cpu_ms_per_call, interactions,
        map.customers, map.transitions.size());
    table.Add(result);
  }
  table.Print();
  return absl::OkStatus();
}

absl::Status Run(const std::filesystem::path& directory, int64_t customers, int64_t total) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                         OpenSqliteStore({(directory / "store.db").string(), absl::Seconds(5)}));
  CXHUB_ASSIGN_OR_RETURN(const Population population, InsertPopulation(*store, customers));
  bench::ResultTable fill(
      absl::StrCat("Fill (SQLite): ", total, " interactions over ", customers, " customers"),
      "interactions");
  bench::Stopwatch stopwatch;
  CXHUB_RETURN_IF_ERROR(FillThroughStore(*store, population, total));
  fill.Add({"store, 10000 per Write", total, stopwatch.Elapsed()});

  const std::string raw_path = (directory / "raw.db").string();
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> raw_store,
                         OpenSqliteStore({raw_path, absl::Seconds(5)}));
  CXHUB_ASSIGN_OR_RETURN(const Population raw_population, InsertPopulation(*raw_store, customers));
  raw_store.reset();
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> raw,
                         OpenSqliteConnection({raw_path, absl::Seconds(5), false}));
  stopwatch.Restart();
  CXHUB_RETURN_IF_ERROR(FillRaw(*raw, raw_population, total));
  fill.AddBaseline({"raw INSERT, 100 per stmt", total, stopwatch.Elapsed()});
  fill.Print();
  raw.reset();
  std::filesystem::remove(raw_path);

  CXHUB_RETURN_IF_ERROR(TimeQueries(*store, population));
  return TimeJourneyMaps(*store);
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
