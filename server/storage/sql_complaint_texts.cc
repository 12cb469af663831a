#include "server/storage/sql_complaint_texts.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/touchpoint_channel_sql.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

// The condition of each source on a row of interactions. Kinds, directions and metrics are the
// numbers of model.h's enums (kMessage 1, kPost 3, kSurveyResponse 4, kTicket 6; kInbound 1;
// kNps 1).
absl::string_view SourceCondition(ComplaintSource source) {
  switch (source) {
    case ComplaintSource::kInboundMessage:
      return "(kind IN (1, 3) AND direction = 1)";
    case ComplaintSource::kTicket:
      return "kind = 6";
    case ComplaintSource::kDetractorComment:
      return "(kind = 4 AND survey_metric = 1 AND survey_score <= 6 AND survey_comment <> '')";
    case ComplaintSource::kMentionedDetractor:
      return "(mentioned_metric = 1 AND mentioned_score <= 6)";
  }
  return "0 = 1";
}

absl::Status CheckFilter(const ComplaintTextFilter& filter) {
  if (filter.start_time == absl::InfinitePast() || filter.end_time == absl::InfiniteFuture() ||
      filter.start_time >= filter.end_time) {
    return absl::InvalidArgumentError("the period must be finite and end after it starts");
  }
  if (filter.sources.empty()) return absl::InvalidArgumentError("no complaint source chosen");
  return absl::OkStatus();
}

ComplaintText TextFromRow(const Statement& row) {
  ComplaintText text;
  text.interaction_id = row.ColumnInt64(0);
  text.customer_id = row.ColumnInt64(1);
  text.occur_time = FromMicros(row.ColumnInt64(2));
  text.subject = row.ColumnIsNull(3) ? std::string() : row.ColumnText(3);
  text.text = row.ColumnIsNull(4) ? std::string() : row.ColumnText(4);
  return text;
}

}  // namespace

absl::StatusOr<std::vector<ComplaintText>> SqlComplaintTexts::List(
    const ComplaintTextFilter& filter) {
  CXHUB_RETURN_IF_ERROR(CheckFilter(filter));
  std::vector<absl::string_view> conditions;
  for (ComplaintSource source : filter.sources) conditions.push_back(SourceCondition(source));
  std::vector<Param> params = {Micros(filter.start_time), Micros(filter.end_time)};
  std::string narrowing;
  if (filter.touchpoint_id == TouchpointId{0}) {
    narrowing = " AND touchpoint_id IS NULL";
    narrowing += TouchpointChannelSql(std::nullopt, filter.channel, "", params);
  } else {
    narrowing = TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
  }
  // A survey answer speaks through its comment, anything else through its subject and body.
  const std::string sql = absl::StrCat(
      "SELECT id, customer_id, occur_time, CASE WHEN kind = 4 THEN '' ELSE subject END, "
      "CASE WHEN kind = 4 THEN survey_comment ELSE body END FROM interactions "
      "WHERE occur_time >= ? AND occur_time < ? AND (",
      absl::StrJoin(conditions, " OR "), ")", narrowing);
  return db_.Query<ComplaintText>(sql, params, [](const Statement& row) {
    return absl::StatusOr<ComplaintText>(TextFromRow(row));
  });
}

}  // namespace cxhub
