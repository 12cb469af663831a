#include "server/storage/sql_journey_steps.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

JourneyStep StepFromRow(const Statement& row) {
  JourneyStep step;
  step.customer_id = row.ColumnInt64(0);
  step.occur_time = FromMicros(row.ColumnInt64(1));
  step.touchpoint_id = row.ColumnIsNull(2) ? 0 : row.ColumnInt64(2);
  step.kind = static_cast<InteractionKind>(row.ColumnInt64(3));
  if (!row.ColumnIsNull(4)) {
    step.survey_metric = static_cast<SurveyMetric>(row.ColumnInt64(4));
    step.survey_score = static_cast<int32_t>(row.ColumnInt64(5));
  }
  return step;
}

}  // namespace

// A merge moves the interactions to the survivor and a deletion deletes them, so the
// interactions' own customer_id is already the live customer: no join with customers.
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
      "SELECT customer_id, occur_time, touchpoint_id, kind, survey_metric, survey_score "
      "FROM interactions WHERE occur_time >= ? AND occur_time < ?",
      channel_narrowing, " ORDER BY customer_id, occur_time, id");
  return db_.ForEachRow(sql, params,
                        [&](const Statement& row) { return on_step(StepFromRow(row)); });
}

}  // namespace cxhub
