#include "server/storage/sql_journey_steps.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

// One row of the range as read, in 40 bytes: a month of a large store fits in memory.
struct StepRow {
  CustomerId customer_id;
  int64_t occur_micros;
  InteractionId id;
  TouchpointId touchpoint_id;
  int8_t kind;
  int8_t survey_metric;  // 0: no survey answer.
  int8_t survey_score;
};

StepRow RowOf(const Statement& row) {
  StepRow step;
  step.customer_id = row.ColumnInt64(0);
  step.occur_micros = row.ColumnInt64(1);
  step.id = row.ColumnInt64(2);
  step.touchpoint_id = row.ColumnIsNull(3) ? 0 : row.ColumnInt64(3);
  step.kind = static_cast<int8_t>(row.ColumnInt64(4));
  step.survey_metric = row.ColumnIsNull(5) ? 0 : static_cast<int8_t>(row.ColumnInt64(5));
  step.survey_score = row.ColumnIsNull(6) ? 0 : static_cast<int8_t>(row.ColumnInt64(6));
  return step;
}

JourneyStep StepOf(const StepRow& row) {
  JourneyStep step;
  step.customer_id = row.customer_id;
  step.occur_time = FromMicros(row.occur_micros);
  step.touchpoint_id = row.touchpoint_id;
  step.kind = static_cast<InteractionKind>(row.kind);
  if (row.survey_metric != 0) {
    step.survey_metric = static_cast<SurveyMetric>(row.survey_metric);
    step.survey_score = row.survey_score;
  }
  return step;
}

}  // namespace

// A merge moves the interactions to the survivor and a deletion deletes them, so the
// interactions' own customer_id is already the live customer: no join with customers. The rows
// are sorted here rather than by the database, whose sort of a month's rows spills to disk
// (MySQL's sort buffer is 2 MB by default): the range scan of interactions_journey (0013)
// alone is cheap, and the sort of compact rows in memory is too.
absl::Status SqlJourneySteps::ForEach(const JourneyStepFilter& filter,
                                      absl::FunctionRef<absl::Status(const JourneyStep&)> on_step) {
  if (filter.start_time == absl::InfinitePast() || filter.end_time == absl::InfiniteFuture() ||
      filter.start_time >= filter.end_time) {
    return absl::InvalidArgumentError("the range must be finite and end after it starts");
  }
  std::vector<Param> params = {Micros(filter.start_time), Micros(filter.end_time)};
  std::string channel_narrowing;
  if (!filter.channel.empty()) {
    channel_narrowing = " AND channel = ?";
    params.push_back(filter.channel);
  }
  const std::string sql = absl::StrCat(
      "SELECT customer_id, occur_time, id, touchpoint_id, kind, survey_metric, survey_score "
      "FROM interactions WHERE occur_time >= ? AND occur_time < ?",
      channel_narrowing);
  std::vector<StepRow> rows;
  CXHUB_RETURN_IF_ERROR(db_.ForEachRow(sql, params, [&](const Statement& row) {
    rows.push_back(RowOf(row));
    return absl::OkStatus();
  }));
  std::sort(rows.begin(), rows.end(), [](const StepRow& a, const StepRow& b) {
    return std::tie(a.customer_id, a.occur_micros, a.id) <
           std::tie(b.customer_id, b.occur_micros, b.id);
  });
  for (const StepRow& row : rows) CXHUB_RETURN_IF_ERROR(on_step(StepOf(row)));
  return absl::OkStatus();
}

}  // namespace cxhub
