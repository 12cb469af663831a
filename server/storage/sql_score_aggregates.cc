#include "server/storage/sql_score_aggregates.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/count_rows.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/touchpoint_channel_sql.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kKeyColumns[] = {"bucket_start", "touchpoint_id", "channel",
                                             "metric",       "score",         "mentioned"};
constexpr CountTable kCounts = {"score_answer_counts", kKeyColumns, "answers"};

// One row of score_answer_counts, in kKeyColumns order.
struct CountKey {
  int64_t bucket_start = 0;
  TouchpointId touchpoint_id = 0;
  std::string channel;
  int64_t metric = 0;
  int64_t score = 0;
  int64_t mentioned = 0;

  bool operator<(const CountKey& other) const {
    return std::tie(bucket_start, touchpoint_id, channel, metric, score, mentioned) <
           std::tie(other.bucket_start, other.touchpoint_id, other.channel, other.metric,
                    other.score, other.mentioned);
  }
};

// Net change per row, so that what goes out and comes back in costs nothing.
using CountChanges = std::map<CountKey, int64_t>;

void AddChanges(const ScoredInteraction& interaction, int64_t sign, CountChanges& changes) {
  auto key = [&](SurveyMetric metric, int32_t score, bool mentioned) {
    return CountKey{QuarterHourStartMicros(interaction.occur_time),
                    interaction.touchpoint_id,
                    interaction.channel,
                    static_cast<int64_t>(metric),
                    int64_t{score},
                    int64_t{mentioned}};
  };
  if (interaction.survey.has_value()) {
    changes[key(interaction.survey->metric, interaction.survey->score, false)] += sign;
  }
  if (interaction.mentioned.has_value()) {
    changes[key(interaction.mentioned->metric, interaction.mentioned->score, true)] += sign;
  }
}

std::vector<Param> KeyParams(const CountKey& key) {
  return {key.bucket_start, key.touchpoint_id, key.channel, key.metric, key.score, key.mentioned};
}

// NULL reads as 0.
int64_t OptionalInt(const Statement& row, int column) {
  return row.ColumnIsNull(column) ? 0 : row.ColumnInt64(column);
}

// The metric at `column` and the score after it; nullopt when the metric is NULL.
std::optional<MetricScore> MetricScoreFromRow(const Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return MetricScore{static_cast<SurveyMetric>(row.ColumnInt64(column)),
                     static_cast<int32_t>(OptionalInt(row, column + 1))};
}

ScoredInteraction ScoredFromRow(const Statement& row) {
  ScoredInteraction interaction;
  interaction.id = row.ColumnInt64(0);
  interaction.touchpoint_id = OptionalInt(row, 1);
  interaction.channel = row.ColumnText(2);
  interaction.occur_time = FromMicros(row.ColumnInt64(3));
  interaction.survey = MetricScoreFromRow(row, 4);
  interaction.mentioned = MetricScoreFromRow(row, 6);
  interaction.customer_id = row.ColumnInt64(8);
  return interaction;
}

struct ScoreRow {
  int64_t bucket_start = 0;
  int score = 0;
  int64_t answers = 0;
};

absl::StatusOr<ScoreRow> ScoreRowFromRow(const Statement& row) {
  const int64_t score = row.ColumnInt64(1);
  if (score < 0 || score > 10) {
    return absl::InternalError(absl::StrCat("score_answer_counts holds a score of ", score));
  }
  return ScoreRow{row.ColumnInt64(0), static_cast<int>(score), row.ColumnInt64(2)};
}

}  // namespace

ScoredInteraction ScoredOf(const Interaction& interaction) {
  ScoredInteraction scored;
  scored.id = interaction.id;
  scored.customer_id = interaction.customer_id;
  scored.touchpoint_id = interaction.touchpoint_id;
  scored.channel = interaction.channel;
  scored.occur_time = interaction.occur_time;
  if (interaction.survey.has_value()) {
    scored.survey = MetricScore{interaction.survey->metric, interaction.survey->score};
  }
  if (interaction.mentioned_score.has_value()) {
    scored.mentioned =
        MetricScore{interaction.mentioned_score->metric, interaction.mentioned_score->score};
  }
  return scored;
}

absl::StatusOr<std::vector<ScoredInteraction>> SqlScoreAggregates::Load(
    absl::string_view where, absl::Span<const Param> params) {
  return db_.Query<ScoredInteraction>(
      absl::StrCat("SELECT id, touchpoint_id, channel, occur_time, survey_metric, survey_score, "
                   "mentioned_metric, mentioned_score, customer_id FROM interactions WHERE ",
                   where, db_.dialect().lock_rows),
      params, ScoredFromRow);
}

absl::StatusOr<std::vector<ScoredInteraction>> SqlScoreAggregates::LoadScored(
    absl::string_view where, absl::Span<const Param> params) {
  return Load(
      absl::StrCat("(", where, ") AND (survey_metric IS NOT NULL OR mentioned_metric IS NOT NULL)"),
      params);
}

absl::Status SqlScoreAggregates::Recount(absl::Span<const ScoredInteraction> before,
                                         absl::Span<const ScoredInteraction> after) {
  CountChanges changes;
  for (const ScoredInteraction& interaction : before) AddChanges(interaction, -1, changes);
  for (const ScoredInteraction& interaction : after) AddChanges(interaction, +1, changes);
  std::vector<CountChange> rows;
  rows.reserve(changes.size());
  for (const auto& [key, change] : changes) rows.push_back({KeyParams(key), change});
  return AddToCounts(db_, kCounts, rows);
}

absl::StatusOr<std::vector<ScoreBucket>> SqlScoreAggregates::Sum(const ScoreAnswerFilter& filter) {
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.start_time, "start_time"));
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.end_time, "end_time"));
  std::string sql =
      "SELECT bucket_start, score, SUM(answers) FROM score_answer_counts "
      "WHERE metric = ? AND mentioned = ? AND bucket_start >= ? AND bucket_start < ?";
  std::vector<Param> params = {static_cast<int64_t>(filter.metric), int64_t{filter.mentioned},
                               Micros(filter.start_time), Micros(filter.end_time)};
  sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
  sql += " GROUP BY bucket_start, score ORDER BY bucket_start, score";
  CXHUB_ASSIGN_OR_RETURN(std::vector<ScoreRow> rows,
                         db_.Query<ScoreRow>(sql, params, ScoreRowFromRow));
  std::vector<ScoreBucket> buckets;
  for (const ScoreRow& row : rows) {
    const absl::Time start = FromMicros(row.bucket_start);
    if (buckets.empty() || buckets.back().start != start) buckets.push_back({start, {}});
    buckets.back().counts.answers[row.score] += row.answers;
  }
  return buckets;
}

}  // namespace cxhub
