#include "server/storage/sql_interactions.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
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
#include "server/storage/attributes_codec.h"
#include "server/storage/column_values.h"
#include "server/storage/id_pages.h"
#include "server/storage/identities_codec.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/touchpoint_recount.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

// Keys per IN list of HaveEarlierRecords.
constexpr size_t kKeysPerQuery = 256;

constexpr absl::string_view kInteractionColumns =
    "id, customer_id, channel, touchpoint_id, kind, direction, occur_time, thread_id, subject, "
    "body, duration_us, source, external_id, survey_metric, survey_score, survey_comment, "
    "attributes, create_time, survey_question, survey_touchpoint_tag, survey_rated_thread_id, "
    "survey_rated_interaction_id, mentioned_metric, mentioned_score, mentioned_scale, "
    "mentioned_quote, touchpoint_rule_id, purchase_amount_minor_units, purchase_currency, "
    "purchase_order_id";

// NULL reads as empty.
std::string OptionalText(const Statement& row, int column) {
  return row.ColumnIsNull(column) ? std::string() : row.ColumnText(column);
}

// NULL reads as 0.
int64_t OptionalInt(const Statement& row, int column) {
  return row.ColumnIsNull(column) ? 0 : row.ColumnInt64(column);
}

// The survey columns (metric at 13; the rest at 15 and from 18), when it has one.
void SurveyFromRow(const Statement& row, Interaction& interaction) {
  if (row.ColumnIsNull(13)) return;
  Survey& survey = interaction.survey.emplace();
  survey.metric = static_cast<SurveyMetric>(row.ColumnInt64(13));
  survey.score = static_cast<int32_t>(row.ColumnInt64(14));
  survey.comment = OptionalText(row, 15);
  survey.question = OptionalText(row, 18);
  survey.touchpoint_tag = OptionalText(row, 19);
  survey.rated_thread_id = OptionalText(row, 20);
  survey.rated_interaction_id = OptionalInt(row, 21);
}

void MentionedScoreFromRow(const Statement& row, Interaction& interaction) {
  if (row.ColumnIsNull(22)) return;
  MentionedScore& mentioned = interaction.mentioned_score.emplace();
  mentioned.metric = static_cast<SurveyMetric>(row.ColumnInt64(22));
  mentioned.score = static_cast<int32_t>(OptionalInt(row, 23));
  mentioned.scale = static_cast<int32_t>(OptionalInt(row, 24));
  mentioned.quote = OptionalText(row, 25);
}

// The purchase columns (from 27), when it has one.
void PurchaseFromRow(const Statement& row, Interaction& interaction) {
  if (row.ColumnIsNull(28)) return;
  interaction.purchase = Purchase{OptionalInt(row, 27), row.ColumnText(28), OptionalText(row, 29)};
}

absl::StatusOr<Interaction> InteractionFromRow(const Statement& row) {
  Interaction interaction;
  interaction.id = row.ColumnInt64(0);
  interaction.customer_id = row.ColumnInt64(1);
  interaction.channel = row.ColumnText(2);
  interaction.touchpoint_id = OptionalInt(row, 3);
  interaction.kind = static_cast<InteractionKind>(row.ColumnInt64(4));
  interaction.direction = static_cast<Direction>(row.ColumnInt64(5));
  interaction.occur_time = FromMicros(row.ColumnInt64(6));
  interaction.thread_id = row.ColumnText(7);
  interaction.subject = row.ColumnText(8);
  interaction.body = row.ColumnText(9);
  interaction.duration = absl::Microseconds(row.ColumnInt64(10));
  interaction.source = row.ColumnText(11);
  interaction.external_id = OptionalText(row, 12);
  SurveyFromRow(row, interaction);
  CXHUB_ASSIGN_OR_RETURN(interaction.attributes, DecodeAttributes(row.ColumnBlob(16)));
  interaction.create_time = FromMicros(row.ColumnInt64(17));
  MentionedScoreFromRow(row, interaction);
  interaction.touchpoint_rule_id = OptionalInt(row, 26);
  PurchaseFromRow(row, interaction);
  return interaction;
}

// An id column: NULL for 0 ("none").
Param IdOrNull(int64_t id) { return id != 0 ? Param(id) : Param::Null(); }

// The columns ReplaceContent overwrites; an insert also writes who, where from and when.
// `attributes` is the encoded interaction.attributes; both must outlive the result.
std::vector<ColumnValue> ContentColumns(const Interaction& interaction,
                                        const std::string& attributes) {
  const std::optional<Survey>& survey = interaction.survey;
  const std::optional<MentionedScore>& mentioned = interaction.mentioned_score;
  const std::optional<Purchase>& purchase = interaction.purchase;
  return {
      {"channel", interaction.channel},
      {"touchpoint_id", IdOrNull(interaction.touchpoint_id)},
      {"touchpoint_rule_id", IdOrNull(interaction.touchpoint_rule_id)},
      {"kind", static_cast<int64_t>(interaction.kind)},
      {"direction", static_cast<int64_t>(interaction.direction)},
      {"occur_time", Micros(interaction.occur_time)},
      {"thread_id", interaction.thread_id},
      {"subject", interaction.subject},
      {"body", interaction.body},
      {"duration_us", absl::ToInt64Microseconds(interaction.duration)},
      {"survey_metric", survey ? Param(static_cast<int64_t>(survey->metric)) : Param::Null()},
      {"survey_score", survey ? Param(int64_t{survey->score}) : Param::Null()},
      {"survey_comment", survey ? Param(survey->comment) : Param::Null()},
      {"survey_question", survey ? Param(survey->question) : Param::Null()},
      {"survey_touchpoint_tag", survey ? Param(survey->touchpoint_tag) : Param::Null()},
      {"survey_rated_thread_id", survey ? Param(survey->rated_thread_id) : Param::Null()},
      {"survey_rated_interaction_id",
       survey ? IdOrNull(survey->rated_interaction_id) : Param::Null()},
      {"mentioned_metric",
       mentioned ? Param(static_cast<int64_t>(mentioned->metric)) : Param::Null()},
      {"mentioned_score", mentioned ? Param(int64_t{mentioned->score}) : Param::Null()},
      {"mentioned_scale", mentioned ? Param(int64_t{mentioned->scale}) : Param::Null()},
      {"mentioned_quote", mentioned ? Param(mentioned->quote) : Param::Null()},
      {"purchase_amount_minor_units",
       purchase ? Param(purchase->amount_minor_units) : Param::Null()},
      {"purchase_currency", purchase ? Param(purchase->currency) : Param::Null()},
      {"purchase_order_id", purchase ? Param(purchase->order_id) : Param::Null()},
      {"attributes", Param::Blob(attributes)},
      {"visit_intent", VisitIntentColumn(interaction)},
  };
}

// `SELECT <columns> FROM interactions WHERE <where>`.
std::string SelectWhere(absl::string_view where) {
  return absl::StrCat("SELECT ", kInteractionColumns, " FROM interactions WHERE ", where);
}

InteractionId IdFromRow(const Statement& row) { return row.ColumnInt64(0); }

}  // namespace

std::vector<ColumnValue> InteractionInsertColumns(const Interaction& interaction,
                                                  const std::string& attributes,
                                                  const std::string& recorded_identities) {
  std::vector<ColumnValue> columns = ContentColumns(interaction, attributes);
  columns.insert(columns.end(), {
                                    {"customer_id", interaction.customer_id},
                                    {"source", interaction.source},
                                    {"external_id", interaction.external_id.empty()
                                                        ? Param::Null()
                                                        : Param(interaction.external_id)},
                                    {"create_time", Micros(interaction.create_time)},
                                    {"recorded_identities", interaction.recorded_identities.empty()
                                                                ? Param::Null()
                                                                : Param::Blob(recorded_identities)},
                                });
  return columns;
}

absl::StatusOr<Interaction> SqlInteractions::Get(InteractionId id) {
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<Interaction> found,
      db_.QueryOne<Interaction>(SelectWhere("id = ?"), {id}, InteractionFromRow));
  if (!found.has_value()) {
    return absl::NotFoundError(absl::StrCat("interaction ", id, " not found"));
  }
  return *std::move(found);
}

absl::StatusOr<std::optional<Interaction>> SqlInteractions::FindBySource(
    const std::string& source, const std::string& external_id) {
  if (external_id.empty()) return std::optional<Interaction>();  // Never deduplicated.
  return db_.QueryOne<Interaction>(SelectWhere("source = ? AND external_id = ?"),
                                   {source, external_id}, InteractionFromRow);
}

absl::StatusOr<std::vector<bool>> SqlInteractions::HaveEarlierRecords(
    absl::Span<const Interaction* const> interactions) {
  std::vector<bool> earlier(interactions.size(), false);
  // Each key and the interactions asking for it; (source, external_id) per source.
  std::map<std::string, std::map<std::string, std::vector<size_t>>> external_ids;
  std::map<std::string, std::vector<size_t>> global_keys;
  for (size_t i = 0; i < interactions.size(); ++i) {
    const Interaction& in = *interactions[i];
    if (!in.external_id.empty()) external_ids[in.source][in.external_id].push_back(i);
    if (!in.global_key.empty()) global_keys[in.global_key].push_back(i);
  }
  // The keys of `wanted` that `select_in` (ending in "IN", after `leading` parameters) finds.
  auto mark_found = [&](absl::string_view select_in, const std::vector<Param>& leading,
                        const std::map<std::string, std::vector<size_t>>& wanted) -> absl::Status {
    std::vector<Param> keys;
    keys.reserve(wanted.size());
    for (const auto& [key, asking] : wanted) keys.emplace_back(key);
    for (size_t first = 0; first < keys.size(); first += kKeysPerQuery) {
      std::vector<Param> params = leading;
      const std::string in_list =
          ValueList(absl::MakeConstSpan(keys).subspan(first, kKeysPerQuery), params);
      CXHUB_RETURN_IF_ERROR(
          db_.ForEachRow(absl::StrCat(select_in, " ", in_list), params, [&](const Statement& row) {
            auto found = wanted.find(row.ColumnText(0));
            if (found != wanted.end()) {
              for (size_t i : found->second) earlier[i] = true;
            }
            return absl::OkStatus();
          }));
    }
    return absl::OkStatus();
  };
  for (const auto& [source, ids] : external_ids) {
    CXHUB_RETURN_IF_ERROR(mark_found(
        "SELECT external_id FROM interactions WHERE source = ? AND external_id IN", {source}, ids));
  }
  if (!global_keys.empty()) {
    CXHUB_RETURN_IF_ERROR(mark_found(
        "SELECT global_key FROM interaction_global_keys WHERE global_key IN", {}, global_keys));
  }
  return earlier;
}

absl::StatusOr<std::optional<Interaction>> SqlInteractions::FindByGlobalKey(
    const std::string& global_key) {
  if (global_key.empty()) return std::optional<Interaction>();
  return db_.QueryOne<Interaction>(
      SelectWhere("id IN (SELECT interaction_id FROM interaction_global_keys "
                  "WHERE global_key = ?)"),
      {global_key}, InteractionFromRow);
}

absl::StatusOr<std::vector<Interaction>> SqlInteractions::List(
    const InteractionFilter& filter, const std::optional<InteractionCursor>& after, int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  if (filter.customer_id == 0) {
    return absl::InvalidArgumentError("ListInteractions needs a customer_id");
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  // Open bounds are bound as the extreme values, so the statement keeps one shape per
  // filter combination and the history index serves both the range and the order.
  const int64_t cursor_time = after ? Micros(after->occur_time) : kMax;
  const int64_t cursor_id = after ? after->id : kMax;
  std::string sql = SelectWhere(
      "customer_id = ? AND (occur_time < ? OR (occur_time = ? AND id < ?))"
      " AND occur_time >= ? AND occur_time < ?");
  std::vector<Param> params = {
      filter.customer_id,
      cursor_time,
      cursor_time,
      cursor_id,
      filter.start_time ? Micros(*filter.start_time) : kMin,
      filter.end_time ? Micros(*filter.end_time) : kMax,
  };
  if (!filter.channel.empty()) {
    sql += " AND channel = ?";
    params.emplace_back(filter.channel);
  }
  if (filter.touchpoint_id != 0) {
    sql += " AND touchpoint_id = ?";
    params.emplace_back(filter.touchpoint_id);
  }
  if (filter.kind.has_value()) {
    sql += " AND kind = ?";
    params.emplace_back(static_cast<int64_t>(*filter.kind));
  }
  sql += " ORDER BY occur_time DESC, id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit));
  return db_.Query<Interaction>(sql, params, InteractionFromRow);
}

absl::StatusOr<std::vector<Interaction>> SqlInteractions::ListSince(InteractionId after_id,
                                                                    CustomerId customer_id,
                                                                    int limit) {
  return QuerySince(after_id, customer_id, limit, /*lock_rows=*/"");
}

absl::StatusOr<std::vector<Interaction>> SqlInteractions::ListSinceForUpdate(InteractionId after_id,
                                                                             int limit) {
  // A locking read sees the latest committed rows whatever the isolation level, and with the
  // primary key as the only condition it locks just the rows it returns.
  return QuerySince(after_id, /*customer_id=*/0, limit, db_.dialect().lock_rows);
}

absl::StatusOr<std::vector<Interaction>> SqlInteractions::QuerySince(InteractionId after_id,
                                                                     CustomerId customer_id,
                                                                     int limit,
                                                                     absl::string_view lock_rows) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  if (customer_id == 0) {
    return db_.Query<Interaction>(
        absl::StrCat(SelectWhere("id > ? ORDER BY id LIMIT ?"), lock_rows),
        {after_id, static_cast<int64_t>(limit)}, InteractionFromRow);
  }
  return db_.Query<Interaction>(
      absl::StrCat(SelectWhere("id > ? AND customer_id = ? ORDER BY id LIMIT ?"), lock_rows),
      {after_id, customer_id, static_cast<int64_t>(limit)}, InteractionFromRow);
}

absl::StatusOr<InteractionId> SqlInteractions::LatestId() {
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<InteractionId> latest,
      db_.QueryOne<InteractionId>("SELECT COALESCE(MAX(id), 0) FROM interactions", {}, IdFromRow));
  return latest.value_or(0);
}

absl::StatusOr<InteractionId> SqlInteractions::Insert(const Interaction& interaction) {
  // Checked here rather than left to the foreign keys: a merged-away customer exists as a
  // row but must not gain history, and the caller deserves NOT_FOUND, not INTERNAL.
  CXHUB_RETURN_IF_ERROR(customers_.CheckLive(interaction.customer_id));
  if (interaction.touchpoint_id != 0) {
    CXHUB_RETURN_IF_ERROR(touchpoints_.CheckExists(interaction.touchpoint_id));
  }
  CXHUB_ASSIGN_OR_RETURN(const InteractionId id, InsertRow(interaction, /*reserved=*/0));
  CXHUB_RETURN_IF_ERROR(CountInserted({&interaction}));
  return id;
}

absl::Status SqlInteractions::CountInserted(absl::Span<const Interaction* const> inserted) {
  std::vector<ScoredInteraction> scored;
  std::vector<PurchasedInteraction> purchases;
  scored.reserve(inserted.size());
  for (const Interaction* interaction : inserted) {
    scored.push_back(ScoredOf(*interaction));
    if (std::optional<PurchasedInteraction> purchase = PurchasedOf(*interaction)) {
      purchases.push_back(*std::move(purchase));
    }
  }
  CXHUB_RETURN_IF_ERROR(score_counts_.Recount({}, scored));
  CXHUB_RETURN_IF_ERROR(activity_.Recount({}, scored));
  CXHUB_RETURN_IF_ERROR(visit_counts_.Recount({}, CountedVisitsOf(inserted)));
  return purchase_sums_.Recount({}, purchases);
}

absl::StatusOr<InteractionId> SqlInteractions::InsertRow(const Interaction& interaction,
                                                         InteractionId reserved) {
  const std::string attributes = EncodeAttributes(interaction.attributes);
  const std::string recorded_identities = EncodeIdentities(interaction.recorded_identities);
  std::vector<ColumnValue> columns =
      InteractionInsertColumns(interaction, attributes, recorded_identities);
  if (reserved == 0) {
    CXHUB_ASSIGN_OR_RETURN(reserved, ReserveIds(1));
  }
  if (reserved != 0) columns.push_back({"id", reserved});
  absl::Status inserted =
      db_.Execute(InsertSql("interactions", columns), ValuesOf(columns)).status();
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AlreadyExistsError(absl::StrCat("interaction from source '", interaction.source,
                                                 "' with external id '", interaction.external_id,
                                                 "' already exists"));
  }
  CXHUB_RETURN_IF_ERROR(inserted);
  const InteractionId id = reserved != 0 ? reserved : db_.LastInsertId();
  if (!interaction.global_key.empty()) {
    absl::Status keyed =
        db_.Execute(
               "INSERT INTO interaction_global_keys (global_key, interaction_id) VALUES (?, ?)",
               {interaction.global_key, id})
            .status();
    if (absl::IsAlreadyExists(keyed)) {
      return absl::AlreadyExistsError(absl::StrCat("interaction with global key '",
                                                   interaction.global_key, "' already exists"));
    }
    CXHUB_RETURN_IF_ERROR(keyed);
  }
  return id;
}

absl::StatusOr<InteractionId> SqlInteractions::ReplaceContent(const Interaction& interaction) {
  const absl::Status not_found =
      absl::NotFoundError(absl::StrCat("no interaction from source '", interaction.source,
                                       "' with external id '", interaction.external_id, "'"));
  if (interaction.external_id.empty()) return not_found;
  CXHUB_ASSIGN_OR_RETURN(std::vector<ScoredInteraction> before,
                         score_counts_.Load("source = ? AND external_id = ?",
                                            {interaction.source, interaction.external_id}));
  if (before.empty()) return not_found;
  const InteractionId id = before.front().id;
  if (interaction.touchpoint_id != 0) {
    CXHUB_RETURN_IF_ERROR(touchpoints_.CheckExists(interaction.touchpoint_id));
  }
  CXHUB_ASSIGN_OR_RETURN(std::vector<PurchasedInteraction> purchase_before,
                         purchase_sums_.Load("id = ?", {id}));
  CXHUB_ASSIGN_OR_RETURN(std::vector<CountedVisit> visits_before,
                         visit_counts_.Load("id = ?", {id}));
  // A replacement keeps the recorded customer, so its counts and sums go under that one.
  Interaction replacement = interaction;
  replacement.id = id;
  replacement.customer_id = before.front().customer_id;
  const std::string attributes = EncodeAttributes(interaction.attributes);
  const std::vector<ColumnValue> columns = ContentColumns(interaction, attributes);
  CXHUB_RETURN_IF_ERROR(
      db_.Execute(UpdateSql("interactions", columns, "id = ?"), ValuesOf(columns, {id})).status());
  const ScoredInteraction after = ScoredOf(replacement);
  CXHUB_RETURN_IF_ERROR(score_counts_.Recount(before, {after}));
  CXHUB_RETURN_IF_ERROR(activity_.Recount(before, {after}));
  CXHUB_RETURN_IF_ERROR(purchase_sums_.Recount(purchase_before, PurchasesOf({replacement})));
  CXHUB_RETURN_IF_ERROR(visit_counts_.Recount(visits_before, CountedVisitsOf({&replacement})));
  return id;
}

absl::Status SqlInteractions::SetTouchpoint(InteractionId id, TouchpointId touchpoint,
                                            TouchpointRuleId rule) {
  if (touchpoint != 0) CXHUB_RETURN_IF_ERROR(touchpoints_.CheckExists(touchpoint));
  CXHUB_ASSIGN_OR_RETURN(std::vector<ScoredInteraction> before, score_counts_.Load("id = ?", {id}));
  if (before.empty()) return absl::NotFoundError(absl::StrCat("interaction ", id, " not found"));
  CXHUB_ASSIGN_OR_RETURN(std::vector<PurchasedInteraction> purchase_before,
                         purchase_sums_.Load("id = ?", {id}));
  CXHUB_ASSIGN_OR_RETURN(std::vector<CountedVisit> visits_before,
                         visit_counts_.Load("id = ?", {id}));
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("UPDATE interactions SET touchpoint_id = ?, touchpoint_rule_id = ? WHERE id = ?",
                  {IdOrNull(touchpoint), IdOrNull(rule), id})
          .status());
  return RecountAtTouchpoint(score_counts_, activity_, purchase_sums_, visit_counts_,
                             {before, purchase_before, visits_before}, touchpoint);
}

// Run before every insert, not once per transaction: a savepoint rolled back undoes the write
// (InnoDB keeps only its lock), and on Galera the write is what serializes the transaction.
absl::StatusOr<InteractionId> SqlInteractions::ReserveIds(int64_t count) {
  const absl::string_view reserve_sql = db_.dialect().reserve_interaction_ids;
  if (reserve_sql.empty()) return 0;
  // On Galera the statement is where a conflict with another node's commit may surface, so it
  // must reach Store::Write's rerun as a status.
  CXHUB_ASSIGN_OR_RETURN(std::optional<InteractionId> last,
                         db_.QueryOne<InteractionId>(reserve_sql, {count}, IdFromRow));
  if (!last.has_value() || *last < count) {
    return absl::InternalError("commit_sequence reserved no interaction ids");
  }
  return *last - count + 1;
}

}  // namespace cxhub
