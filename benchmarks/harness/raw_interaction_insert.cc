#include "benchmarks/harness/raw_interaction_insert.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"

namespace cxhub::bench {
namespace {

void BindOptionalInt(Statement& statement, int index, bool present, int64_t value) {
  if (present) {
    statement.BindInt64(index, value);
  } else {
    statement.BindNull(index);
  }
}

std::string RawInteractionInsertSql(int64_t rows) {
  constexpr char kColumns[] =
      "customer_id, channel, touchpoint_id, kind, direction, occur_time, thread_id, subject, "
      "body, duration_us, source, external_id, survey_metric, survey_score, mentioned_metric, "
      "mentioned_score, attributes, create_time, purchase_amount_minor_units, purchase_currency, "
      "purchase_order_id";
  constexpr char kOneRow[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  const std::vector<std::string> tuples(rows, kOneRow);
  return absl::StrCat("INSERT INTO interactions (", kColumns, ") VALUES ",
                      absl::StrJoin(tuples, ", "));
}

// Binds `row` to the placeholders of one row of RawInteractionInsertSql, from `p` on, and leaves
// `p` at the first placeholder after them.
void BindRawInteraction(const Interaction& row, Statement& s, int& p) {
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
  const bool purchased = row.purchase.has_value();
  BindOptionalInt(s, p++, purchased, purchased ? row.purchase->amount_minor_units : 0);
  if (purchased) {
    s.BindText(p++, row.purchase->currency);
    s.BindText(p++, row.purchase->order_id);
  } else {
    s.BindNull(p++);
    s.BindNull(p++);
  }
}

}  // namespace

absl::Status InsertRawInteractions(Connection& raw, int64_t first, int64_t end,
                                   absl::FunctionRef<Interaction(int64_t)> row) {
  for (int64_t start = first; start < end; start += kRawRowsPerStatement) {
    const int64_t count = std::min(kRawRowsPerStatement, end - start);
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> insert,
                           raw.Prepare(RawInteractionInsertSql(count)));
    int p = 1;
    for (int64_t n = start; n < start + count; ++n) BindRawInteraction(row(n), *insert, p);
    CXHUB_RETURN_IF_ERROR(insert->Step().status());
  }
  return absl::OkStatus();
}

}  // namespace cxhub::bench
