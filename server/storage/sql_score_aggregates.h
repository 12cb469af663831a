// The counts behind the satisfaction figures (table score_answer_counts): how many survey
// answers and mentioned scores there are per (UTC quarter hour, touchpoint, channel, metric,
// score, mentioned or not), and the same per whole UTC day (score_answer_day_counts), from which
// long ranges are read. Every write that changes an interaction's score, touchpoint,
// channel or time changes these counts in its own transaction, through Recount, so the figures
// are never stale or counted twice; so does one that moves it to another customer, for the same
// counts kept per segment snapshot (sql_segment_snapshots.h).
#ifndef CXHUB_SERVER_STORAGE_SQL_SCORE_AGGREGATES_H_
#define CXHUB_SERVER_STORAGE_SQL_SCORE_AGGREGATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// One score of an interaction: a survey answer's or a mentioned one's.
struct MetricScore {
  SurveyMetric metric = SurveyMetric::kNps;
  int32_t score = 0;
};

// What the counts need to know of one interaction (these and the customer activity of
// sql_customer_activity.h).
struct ScoredInteraction {
  InteractionId id = 0;
  CustomerId customer_id = 0;
  TouchpointId touchpoint_id = 0;
  std::string channel;
  absl::Time occur_time;
  std::optional<MetricScore> survey;
  std::optional<MetricScore> mentioned;
};

ScoredInteraction ScoredOf(const Interaction& interaction);

class SqlScoreAggregates {
 public:
  // `db` must outlive this object.
  explicit SqlScoreAggregates(TransactionContext& db) : db_(db) {}

  // The interactions matching `where` (over the interactions table, binding `params`), locked
  // for the rest of a write transaction where writers run concurrently.
  absl::StatusOr<std::vector<ScoredInteraction>> Load(absl::string_view where,
                                                      absl::Span<const Param> params);
  // Like Load, only those with a survey answer or a mentioned score.
  absl::StatusOr<std::vector<ScoredInteraction>> LoadScored(absl::string_view where,
                                                            absl::Span<const Param> params);

  // Takes what `before` counted out of the counts and puts what `after` counts in, in the
  // counts over every customer and in those of each segment snapshot holding the interaction's
  // customer (sql_segment_snapshots.h); an interaction whose counted fields did not change costs
  // no statement.
  absl::Status Recount(absl::Span<const ScoredInteraction> before,
                       absl::Span<const ScoredInteraction> after);

  // The same in the counts of `segment` only (0: over every customer only).
  absl::Status RecountIn(SegmentId segment, absl::Span<const ScoredInteraction> before,
                         absl::Span<const ScoredInteraction> after);

  // StoreReader::SumScoreAnswers.
  absl::StatusOr<std::vector<ScoreBucket>> Sum(const ScoreAnswerFilter& filter);

 private:
  TransactionContext& db_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_SCORE_AGGREGATES_H_
