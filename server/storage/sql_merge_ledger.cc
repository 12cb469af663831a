#include "server/storage/sql_merge_ledger.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/id_pages.h"
#include "server/storage/identities_codec.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_segment_snapshots.h"
#include "server/storage/statement_shapes.h"

namespace cxhub {
namespace {

constexpr absl::string_view kMergeColumns =
    "id, kind, survivor_id, merged_id, cause_identity_kind, cause_identity_value, cause_source, "
    "cause_external_id, cause_method, actor, merge_time, undone_by, undoes, merged_display_name, "
    "merged_attributes, survivor_display_name, survivor_attributes";

// Interactions moved back per statement: bounds the statement's size.
constexpr size_t kMoveChunk = 500;

int64_t OptionalId(const Statement& row, int column) {
  return row.ColumnIsNull(column) ? 0 : row.ColumnInt64(column);
}

absl::StatusOr<MergeEntry> MergeFromRow(const Statement& row) {
  MergeEntry entry;
  entry.id = row.ColumnInt64(0);
  entry.kind = static_cast<MergeKind>(row.ColumnInt64(1));
  entry.survivor_id = row.ColumnInt64(2);
  entry.merged_id = row.ColumnInt64(3);
  if (row.ColumnInt64(4) != 0) {
    entry.cause.identity =
        Identity{static_cast<IdentityKind>(row.ColumnInt64(4)), row.ColumnText(5)};
  }
  entry.cause.source = row.ColumnText(6);
  entry.cause.external_id = row.ColumnText(7);
  entry.cause.method = row.ColumnText(8);
  entry.cause.actor = row.ColumnText(9);
  entry.time = FromMicros(row.ColumnInt64(10));
  entry.undone_by = OptionalId(row, 11);
  entry.undoes = OptionalId(row, 12);
  entry.merged_display_name = row.ColumnText(13);
  CXHUB_ASSIGN_OR_RETURN(entry.merged_attributes, DecodeAttributes(row.ColumnBlob(14)));
  entry.survivor_display_name = row.ColumnText(15);
  CXHUB_ASSIGN_OR_RETURN(entry.survivor_attributes, DecodeAttributes(row.ColumnBlob(16)));
  return entry;
}

Identity IdentityFromRow(const Statement& row) {
  return {static_cast<IdentityKind>(row.ColumnInt64(0)), row.ColumnText(1)};
}

absl::Status MergeNotFound(MergeId id) {
  return absl::NotFoundError(absl::StrCat("merge ", id, " not found"));
}

}  // namespace

absl::StatusOr<MergeEntry> SqlMergeLedger::Get(MergeId id) {
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<MergeEntry> entry,
      db_.QueryOne<MergeEntry>(absl::StrCat("SELECT ", kMergeColumns, " FROM merges WHERE id = ?"),
                               {id}, MergeFromRow));
  if (!entry.has_value()) return MergeNotFound(id);
  CXHUB_RETURN_IF_ERROR(AttachSnapshot(*entry));
  return *std::move(entry);
}

absl::StatusOr<std::vector<MergeEntry>> SqlMergeLedger::List(CustomerId customer, MergeId before_id,
                                                             int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  const int64_t before = before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<MergeEntry> entries,
      db_.Query<MergeEntry>(absl::StrCat("SELECT ", kMergeColumns,
                                         " FROM merges WHERE (survivor_id = ? OR merged_id = ?) "
                                         "AND id < ? ORDER BY id DESC LIMIT ?"),
                            {customer, customer, before, int64_t{limit}}, MergeFromRow));
  for (MergeEntry& entry : entries) CXHUB_RETURN_IF_ERROR(AttachSnapshot(entry));
  return entries;
}

absl::Status SqlMergeLedger::AttachSnapshot(MergeEntry& entry) {
  CXHUB_ASSIGN_OR_RETURN(
      entry.merged_identities,
      db_.Query<Identity>("SELECT kind, value FROM merge_identities WHERE merge_id = ?", {entry.id},
                          IdentityFromRow));
  std::sort(entry.merged_identities.begin(), entry.merged_identities.end());
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<int64_t> count,
      db_.QueryOne<int64_t>("SELECT COUNT(*) FROM merge_interactions WHERE merge_id = ?",
                            {entry.id},
                            [](const Statement& row) -> int64_t { return row.ColumnInt64(0); }));
  entry.merged_interaction_count = count.value_or(0);
  return absl::OkStatus();
}

absl::StatusOr<MergeId> SqlMergeLedger::Insert(const MergeEntry& entry) {
  const MergeCause& cause = entry.cause;
  const std::string merged_attributes = EncodeAttributes(entry.merged_attributes);
  const std::string survivor_attributes = EncodeAttributes(entry.survivor_attributes);
  CXHUB_RETURN_IF_ERROR(
      db_.Execute(
             "INSERT INTO merges (kind, survivor_id, merged_id, cause_identity_kind, "
             "cause_identity_value, cause_source, cause_external_id, cause_method, actor, "
             "merge_time, undone_by, undoes, merged_display_name, merged_attributes, "
             "survivor_display_name, survivor_attributes, last_interaction_id) VALUES (?, ?, ?, "
             "?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, "
             "(SELECT COALESCE(MAX(id), 0) FROM interactions))",
             {static_cast<int64_t>(entry.kind), entry.survivor_id, entry.merged_id,
              cause.identity ? static_cast<int64_t>(cause.identity->kind) : int64_t{0},
              cause.identity ? absl::string_view(cause.identity->value) : absl::string_view(),
              cause.source, cause.external_id, cause.method, cause.actor, Micros(entry.time),
              entry.undoes != 0 ? Param(entry.undoes) : Param::Null(), entry.merged_display_name,
              Param::Blob(merged_attributes), entry.survivor_display_name,
              Param::Blob(survivor_attributes)})
          .status());
  const MergeId id = db_.LastInsertId();
  if (entry.kind == MergeKind::kMerge) CXHUB_RETURN_IF_ERROR(Snapshot(id, entry));
  if (entry.kind == MergeKind::kUnmerge) {
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("UPDATE merges SET undone_by = ? WHERE id = ?", {id, entry.undoes}).status());
  }
  return id;
}

absl::Status SqlMergeLedger::Snapshot(MergeId id, const MergeEntry& entry) {
  for (absl::string_view sql : {"INSERT INTO merge_identities (merge_id, kind, value) "
                                "SELECT ?, kind, value FROM identities WHERE customer_id = ?",
                                "INSERT INTO merge_interactions (merge_id, interaction_id) "
                                "SELECT ?, id FROM interactions WHERE customer_id = ?",
                                "INSERT INTO merge_absorbed_customers (merge_id, customer_id) "
                                "SELECT ?, id FROM customers WHERE merged_into = ?"}) {
    CXHUB_RETURN_IF_ERROR(db_.Execute(sql, {id, entry.merged_id}).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqlMergeLedger::Restore(const MergeEntry& merge) {
  const CustomerId survivor = merge.survivor_id;
  const CustomerId merged = merge.merged_id;
  // Locks the survivor's row where writers run side by side: an interaction recorded on it
  // meanwhile waits, and is placed by the identities as they stand after the unmerge.
  CXHUB_RETURN_IF_ERROR(customers_.CheckLive(survivor));
  // Both may change segments, the restored one even with no interaction to take back.
  CXHUB_RETURN_IF_ERROR(SqlSegmentSnapshots(db_).MarkChanged({survivor, merged}));
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("UPDATE customers SET merged_into = NULL WHERE id = ?", {merged}).status());
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("UPDATE customers SET merged_into = ? WHERE merged_into = ? AND id IN "
                  "(SELECT customer_id FROM merge_absorbed_customers WHERE merge_id = ?)",
                  {merged, survivor, merge.id})
          .status());
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("UPDATE identities SET customer_id = ? WHERE customer_id = ? AND EXISTS "
                  "(SELECT 1 FROM merge_identities m WHERE m.merge_id = ? AND "
                  "m.kind = identities.kind AND m.value = identities.value)",
                  {merged, survivor, merge.id})
          .status());
  CXHUB_ASSIGN_OR_RETURN(int64_t moved,
                         customers_.MoveInteractions(
                             "customer_id = ? AND id IN "
                             "(SELECT interaction_id FROM merge_interactions WHERE merge_id = ?)",
                             {survivor, merge.id}, merged));
  CXHUB_ASSIGN_OR_RETURN(int64_t recorded_since, RestoreRecordedSince(merge));
  return moved + recorded_since;
}

absl::Status SqlMergeLedger::DeleteOf(CustomerId customer) {
  // Snapshots first: they refer to their entry.
  for (absl::string_view table :
       {"merge_identities", "merge_interactions", "merge_absorbed_customers"}) {
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(absl::StrCat("DELETE FROM ", table,
                                 " WHERE merge_id IN (SELECT id FROM merges WHERE survivor_id = ? "
                                 "OR merged_id = ?)"),
                    {customer, customer})
            .status());
  }
  return db_
      .Execute("DELETE FROM merges WHERE survivor_id = ? OR merged_id = ?", {customer, customer})
      .status();
}

absl::StatusOr<int64_t> SqlMergeLedger::RestoreRecordedSince(const MergeEntry& merge) {
  auto identities_of = [&](CustomerId id) -> absl::StatusOr<absl::flat_hash_set<std::string>> {
    CXHUB_ASSIGN_OR_RETURN(
        std::vector<Identity> owned,
        db_.Query<Identity>("SELECT kind, value FROM identities WHERE customer_id = ?", {id},
                            IdentityFromRow));
    absl::flat_hash_set<std::string> keys;
    for (const Identity& identity : owned) keys.insert(IdentityKey(identity));
    return keys;
  };
  CXHUB_ASSIGN_OR_RETURN(absl::flat_hash_set<std::string> restored, identities_of(merge.merged_id));
  CXHUB_ASSIGN_OR_RETURN(absl::flat_hash_set<std::string> kept, identities_of(merge.survivor_id));
  std::vector<InteractionId> back;
  CXHUB_RETURN_IF_ERROR(db_.ForEachRow(
      "SELECT i.id, i.recorded_identities FROM interactions i, merges m WHERE m.id = ? AND "
      "i.customer_id = ? AND i.id > m.last_interaction_id AND i.recorded_identities IS NOT NULL",
      {merge.id, merge.survivor_id}, [&](const Statement& row) -> absl::Status {
        CXHUB_ASSIGN_OR_RETURN(std::vector<Identity> recorded, DecodeIdentities(row.ColumnBlob(1)));
        bool restored_side = false;
        for (const Identity& identity : recorded) {
          const std::string key = IdentityKey(identity);
          if (kept.contains(key)) return absl::OkStatus();
          restored_side = restored_side || restored.contains(key);
        }
        if (restored_side) back.push_back(row.ColumnInt64(0));
        return absl::OkStatus();
      }));
  int64_t moved = 0;
  for (size_t start = 0; start < back.size(); start += kMoveChunk) {
    const size_t end = std::min(back.size(), start + kMoveChunk);
    std::vector<Param> ids;
    const std::string where =
        absl::StrCat("id IN ", IdList(absl::MakeConstSpan(back).subspan(start, end - start), ids));
    CXHUB_ASSIGN_OR_RETURN(int64_t rows, customers_.MoveInteractions(where, ids, merge.merged_id));
    moved += rows;
  }
  return moved;
}

}  // namespace cxhub
