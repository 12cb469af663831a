#include "server/storage/sql_interaction_batch.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/column_values.h"
#include "server/storage/identities_codec.h"
#include "server/storage/multi_row_statements.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/statement_shapes.h"

namespace cxhub {
namespace {

// Rows per multi-row INSERT and ids per IN list (statement_shapes.h) at most.
constexpr size_t kMaxRowsPerStatement = 128;
constexpr size_t kMaxIdsPerQuery = 512;
// The values one INSERT binds stay about under this (bodies may be 1 MiB each; MySQL refuses a
// packet over max_allowed_packet, 16 MiB by default).
constexpr size_t kMaxBytesPerStatement = size_t{4} << 20;
// What an interaction binds besides its text, roughly.
constexpr size_t kFixedBytesPerRow = 256;

size_t BoundBytes(const Interaction& interaction) {
  size_t bytes = kFixedBytesPerRow + interaction.channel.size() + interaction.thread_id.size() +
                 interaction.subject.size() + interaction.body.size() + interaction.source.size() +
                 interaction.external_id.size();
  if (interaction.survey.has_value()) {
    bytes += interaction.survey->comment.size() + interaction.survey->question.size();
  }
  if (interaction.mentioned_score.has_value()) bytes += interaction.mentioned_score->quote.size();
  for (const auto& [key, value] : interaction.attributes) bytes += key.size() + value.size();
  return bytes;
}

// How many of `pending`, from `first`, the next INSERT takes.
size_t RowsOfNextInsert(absl::Span<const Interaction> interactions,
                        absl::Span<const size_t> pending, size_t first) {
  size_t fit = 0;
  size_t bytes = 0;
  while (first + fit < pending.size() && fit < kMaxRowsPerStatement) {
    bytes += BoundBytes(interactions[pending[first + fit]]);
    if (fit > 0 && bytes > kMaxBytesPerStatement) break;
    ++fit;
  }
  return RowsOfNextStatement(fit, kMaxRowsPerStatement);
}

int64_t IdFromRow(const Statement& row) { return row.ColumnInt64(0); }

// The id at `offset` of those reserved from `first`; 0 when none were (SQLite).
InteractionId ReservedAt(InteractionId first, size_t offset) {
  return first == 0 ? 0 : first + static_cast<InteractionId>(offset);
}

// `check(id)` asked once per id: the error a single insert gives an item referring to it.
absl::Status CheckOnce(int64_t id, std::map<int64_t, absl::Status>& known,
                       absl::FunctionRef<absl::Status(int64_t)> check) {
  auto [it, added] = known.try_emplace(id);
  if (added) it->second = check(id);
  return it->second;
}

}  // namespace

absl::StatusOr<std::vector<absl::StatusOr<InteractionId>>> SqlInteractionBatch::Insert(
    absl::Span<const Interaction> interactions) {
  std::vector<absl::StatusOr<InteractionId>> results(interactions.size());
  if (interactions.empty()) return results;
  CXHUB_ASSIGN_OR_RETURN(std::vector<absl::Status> checked, CheckReferences(interactions));
  std::vector<size_t> pending;
  for (size_t i = 0; i < interactions.size(); ++i) {
    if (!checked[i].ok()) {
      results[i] = checked[i];
    } else {
      pending.push_back(i);
    }
  }
  // One reservation of ids for every row (two round trips on MySQL) rather than one per
  // statement; the rows take them in the order of the items, whether their statement succeeds or
  // they go one by one. The id of a row that fails stays unused, as it did before.
  InteractionId reserved = 0;
  if (!pending.empty()) {
    CXHUB_ASSIGN_OR_RETURN(reserved,
                           interactions_.ReserveIds(static_cast<int64_t>(pending.size())));
  }
  for (size_t first = 0; first < pending.size();) {
    const size_t count = RowsOfNextInsert(interactions, pending, first);
    CXHUB_RETURN_IF_ERROR(InsertRows(interactions,
                                     absl::MakeConstSpan(pending).subspan(first, count),
                                     ReservedAt(reserved, first), results));
    first += count;
  }
  std::vector<const Interaction*> inserted;
  for (size_t i = 0; i < interactions.size(); ++i) {
    if (results[i].ok()) inserted.push_back(&interactions[i]);
  }
  CXHUB_RETURN_IF_ERROR(interactions_.CountInserted(inserted));
  return results;
}

absl::StatusOr<std::vector<absl::Status>> SqlInteractionBatch::CheckReferences(
    absl::Span<const Interaction> interactions) {
  std::set<int64_t> customer_ids;  // Those to read: not known live already.
  std::set<int64_t> touchpoint_ids;
  for (const Interaction& interaction : interactions) {
    if (!customers_.KnownLive(interaction.customer_id)) {
      customer_ids.insert(interaction.customer_id);
    }
    if (interaction.touchpoint_id != 0) touchpoint_ids.insert(interaction.touchpoint_id);
  }
  CXHUB_ASSIGN_OR_RETURN(
      const std::set<int64_t> read_live,
      Existing("SELECT id FROM customers WHERE merged_into IS NULL AND id IN", customer_ids));
  const auto live = [&](int64_t id) {
    return read_live.count(id) != 0 || customers_.KnownLive(id);
  };
  CXHUB_ASSIGN_OR_RETURN(const std::set<int64_t> touchpoints,
                         Existing("SELECT id FROM touchpoints WHERE id IN", touchpoint_ids));
  std::map<int64_t, absl::Status> customer_errors;
  std::map<int64_t, absl::Status> touchpoint_errors;
  std::vector<absl::Status> checked;
  checked.reserve(interactions.size());
  for (const Interaction& interaction : interactions) {
    absl::Status status;
    if (!live(interaction.customer_id)) {
      status = CheckOnce(interaction.customer_id, customer_errors,
                         [&](int64_t id) { return customers_.CheckLive(id); });
    } else if (interaction.touchpoint_id != 0 &&
               touchpoints.count(interaction.touchpoint_id) == 0) {
      status = CheckOnce(interaction.touchpoint_id, touchpoint_errors,
                         [&](int64_t id) { return touchpoints_.CheckExists(id); });
    }
    // Anything but NOT_FOUND is the database's error, which fails the whole call.
    if (!status.ok() && !absl::IsNotFound(status)) return status;
    checked.push_back(std::move(status));
  }
  return checked;
}

absl::StatusOr<std::set<int64_t>> SqlInteractionBatch::Existing(absl::string_view select_in,
                                                                const std::set<int64_t>& ids) {
  const std::vector<int64_t> wanted(ids.begin(), ids.end());
  std::set<int64_t> found;
  for (size_t first = 0; first < wanted.size(); first += kMaxIdsPerQuery) {
    const size_t count = std::min(kMaxIdsPerQuery, wanted.size() - first);
    // Padded with the last id to a power of two, which changes nothing in the answer.
    const size_t padded = PaddedListLength(count);
    const absl::Span<const int64_t> chunk = absl::MakeConstSpan(wanted).subspan(first, count);
    std::vector<Param> params(chunk.begin(), chunk.end());
    params.resize(padded, params.back());
    const std::vector<absl::string_view> marks(padded, "?");
    CXHUB_ASSIGN_OR_RETURN(
        const std::vector<int64_t> rows,
        db_.Query<int64_t>(
            absl::StrCat(select_in, " (", absl::StrJoin(marks, ", "), ")", db_.dialect().lock_rows),
            params, IdFromRow));
    found.insert(rows.begin(), rows.end());
  }
  return found;
}

// Alone: its row, and its global key when it has one, both or neither (a key another
// interaction holds leaves no row). `result` gets its id or the ALREADY_EXISTS of a taken key.
absl::Status SqlInteractionBatch::InsertAlone(const Interaction& interaction,
                                              InteractionId reserved,
                                              absl::StatusOr<InteractionId>& result) {
  const auto insert = [&]() -> absl::Status {
    result = interactions_.InsertRow(interaction, reserved);
    return result.status();
  };
  // Without a global key the row is one statement, atomic on its own.
  absl::Status inserted = interaction.global_key.empty() ? insert() : db_.Atomically(insert);
  if (!inserted.ok() && !absl::IsAlreadyExists(inserted)) return inserted;
  return absl::OkStatus();
}

absl::Status SqlInteractionBatch::InsertRows(absl::Span<const Interaction> interactions,
                                             absl::Span<const size_t> rows, InteractionId reserved,
                                             std::vector<absl::StatusOr<InteractionId>>& results) {
  const bool keyed = std::any_of(rows.begin(), rows.end(),
                                 [&](size_t row) { return !interactions[row].global_key.empty(); });
  absl::StatusOr<std::vector<InteractionId>> ids;
  const auto insert = [&]() -> absl::Status {
    ids = InsertInOneStatement(interactions, rows, reserved);
    if (!ids.ok() || !keyed) return ids.status();
    return InsertGlobalKeys(interactions, rows, *ids);
  };
  // The global keys go in a statement of their own, so both statements stand or fall together.
  absl::Status inserted = keyed ? db_.Atomically(insert) : insert();
  if (inserted.ok()) {
    for (size_t k = 0; k < rows.size(); ++k) results[rows[k]] = (*ids)[k];
    return absl::OkStatus();
  }
  if (!absl::IsAlreadyExists(inserted)) return inserted;
  // A key is taken, by a stored row or an earlier item. The failed statements changed nothing,
  // so the rows go one by one to tell which.
  // Each takes its own id of those reserved for the statement, so that ids still follow the items.
  for (size_t k = 0; k < rows.size(); ++k) {
    CXHUB_RETURN_IF_ERROR(
        InsertAlone(interactions[rows[k]], ReservedAt(reserved, k), results[rows[k]]));
  }
  return absl::OkStatus();
}

absl::Status SqlInteractionBatch::InsertGlobalKeys(absl::Span<const Interaction> interactions,
                                                   absl::Span<const size_t> rows,
                                                   absl::Span<const InteractionId> ids) {
  std::vector<Param> values;
  for (size_t k = 0; k < rows.size(); ++k) {
    const std::string& global_key = interactions[rows[k]].global_key;
    if (!global_key.empty()) values.insert(values.end(), {global_key, ids[k]});
  }
  const ColumnValue kColumns[] = {{"global_key", int64_t{0}}, {"interaction_id", int64_t{0}}};
  return ExecuteForRows(db_, values, std::size(kColumns), kMaxRowsPerStatement, [&](size_t count) {
    return InsertRowsSql("interaction_global_keys", kColumns, count);
  });
}

absl::StatusOr<std::vector<InteractionId>> SqlInteractionBatch::InsertInOneStatement(
    absl::Span<const Interaction> interactions, absl::Span<const size_t> rows,
    InteractionId reserved) {
  std::vector<std::string> attributes;
  std::vector<std::string> recorded_identities;
  attributes.reserve(rows.size());  // No reallocation: params view these strings.
  recorded_identities.reserve(rows.size());
  std::vector<Param> params;
  std::vector<ColumnValue> columns;
  for (size_t k = 0; k < rows.size(); ++k) {
    const Interaction& interaction = interactions[rows[k]];
    attributes.push_back(EncodeAttributes(interaction.attributes));
    recorded_identities.push_back(EncodeIdentities(interaction.recorded_identities));
    columns = InteractionInsertColumns(interaction, attributes.back(), recorded_identities.back());
    if (reserved != 0) columns.push_back({"id", ReservedAt(reserved, k)});
    if (k == 0) params.reserve(columns.size() * rows.size());
    AppendValuesOf(columns, params);
  }
  const std::string insert = InsertRowsSql("interactions", columns, rows.size());
  std::vector<InteractionId> ids;
  if (reserved != 0) {
    CXHUB_RETURN_IF_ERROR(db_.Execute(insert, params).status());
    for (size_t k = 0; k < rows.size(); ++k) ids.push_back(ReservedAt(reserved, k));
    return ids;
  }
  // Without reserved ids (SQLite), the rows of one INSERT get consecutive ids ending at the last
  // insert id: AUTOINCREMENT gives each row one more than the largest id yet, under the write
  // lock. RETURNING would say the same through a temporary table, which took a third of the
  // statement's time (perf); counting the range checks it, as every older row's id is lower.
  CXHUB_RETURN_IF_ERROR(db_.Execute(insert, params).status());
  const auto count = static_cast<InteractionId>(rows.size());
  const InteractionId first = db_.LastInsertId() - count + 1;
  CXHUB_ASSIGN_OR_RETURN(
      const std::optional<int64_t> in_range,
      db_.QueryOne<int64_t>("SELECT COUNT(*) FROM interactions WHERE id BETWEEN ? AND ?",
                            {first, first + count - 1}, IdFromRow));
  if (in_range != count) {
    return absl::InternalError(absl::StrCat("inserting ", count, " interactions gave ids ",
                                            in_range.value_or(0), " of ", first, "-",
                                            first + count - 1));
  }
  for (InteractionId id = first; id < first + count; ++id) ids.push_back(id);
  return ids;
}

}  // namespace cxhub
