#include "server/storage/sql_merge_suggestions.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/status_macros.h"
#include "server/storage/id_pages.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"

namespace cxhub {
namespace {

constexpr absl::string_view kColumns =
    "id, state, reason, customer_id, other_customer_id, identity_kind, identity_value, "
    "identity_trust, source, asserted_by, create_time, decide_time";

MergeSuggestion SuggestionFromRow(const Statement& row) {
  MergeSuggestion suggestion;
  suggestion.id = row.ColumnInt64(0);
  suggestion.state = static_cast<MergeSuggestionState>(row.ColumnInt64(1));
  suggestion.reason = static_cast<MergeSuggestionReason>(row.ColumnInt64(2));
  suggestion.customer_id = row.ColumnInt64(3);
  suggestion.other_customer_id = row.ColumnInt64(4);
  suggestion.identity.kind = static_cast<IdentityKind>(row.ColumnInt64(5));
  suggestion.identity.value = row.ColumnText(6);
  suggestion.identity.trust = static_cast<IdentityTrust>(row.ColumnInt64(7));
  suggestion.identity.provenance.source = row.ColumnText(8);
  suggestion.identity.provenance.asserted_by = row.ColumnText(9);
  suggestion.create_time = FromMicros(row.ColumnInt64(10));
  suggestion.identity.provenance.assert_time = suggestion.create_time;
  if (!row.ColumnIsNull(11)) suggestion.decide_time = FromMicros(row.ColumnInt64(11));
  return suggestion;
}

absl::Status SuggestionNotFound(MergeSuggestionId id) {
  return absl::NotFoundError(absl::StrCat("merge suggestion ", id, " not found"));
}

}  // namespace

absl::StatusOr<MergeSuggestion> SqlMergeSuggestions::Get(MergeSuggestionId id) {
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<MergeSuggestion> found,
      db_.QueryOne<MergeSuggestion>(
          absl::StrCat("SELECT ", kColumns, " FROM merge_suggestions WHERE id = ?"), {id},
          SuggestionFromRow));
  if (!found.has_value()) return SuggestionNotFound(id);
  return *std::move(found);
}

absl::StatusOr<std::vector<MergeSuggestion>> SqlMergeSuggestions::List(
    std::optional<MergeSuggestionState> state, MergeSuggestionId after_id, int limit) {
  CXHUB_RETURN_IF_ERROR(CheckPageLimit(limit));
  if (!state.has_value()) {
    return db_.Query<MergeSuggestion>(
        absl::StrCat("SELECT ", kColumns,
                     " FROM merge_suggestions WHERE id > ? ORDER BY id LIMIT ?"),
        {after_id, int64_t{limit}}, SuggestionFromRow);
  }
  return db_.Query<MergeSuggestion>(
      absl::StrCat("SELECT ", kColumns,
                   " FROM merge_suggestions WHERE state = ? AND id > ? ORDER BY id LIMIT ?"),
      {static_cast<int64_t>(*state), after_id, int64_t{limit}}, SuggestionFromRow);
}

absl::StatusOr<bool> SqlMergeSuggestions::Has(CustomerId a, CustomerId b,
                                              const Identity& identity) {
  return db_.Exists(
      "SELECT id FROM merge_suggestions WHERE identity_kind = ? AND identity_value = ? "
      "AND state IN (?, ?) AND ((customer_id = ? AND other_customer_id = ?) OR "
      "(customer_id = ? AND other_customer_id = ?))",
      {static_cast<int64_t>(identity.kind), identity.value,
       static_cast<int64_t>(MergeSuggestionState::kOpen),
       static_cast<int64_t>(MergeSuggestionState::kRejected), a, b, b, a});
}

absl::StatusOr<MergeSuggestionId> SqlMergeSuggestions::Insert(const MergeSuggestion& suggestion) {
  const Identity& identity = suggestion.identity;
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("INSERT INTO merge_suggestions (state, reason, customer_id, other_customer_id, "
                  "identity_kind, identity_value, identity_trust, source, asserted_by, "
                  "create_time, decide_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                  {static_cast<int64_t>(suggestion.state), static_cast<int64_t>(suggestion.reason),
                   suggestion.customer_id, suggestion.other_customer_id,
                   static_cast<int64_t>(identity.kind), identity.value,
                   static_cast<int64_t>(identity.trust), identity.provenance.source,
                   identity.provenance.asserted_by, Micros(suggestion.create_time)})
          .status());
  return db_.LastInsertId();
}

absl::Status SqlMergeSuggestions::Decide(MergeSuggestionId id, MergeSuggestionState state,
                                         absl::Time decide_time) {
  CXHUB_ASSIGN_OR_RETURN(
      int64_t changed,
      db_.Execute("UPDATE merge_suggestions SET state = ?, decide_time = ? WHERE id = ?",
                  {static_cast<int64_t>(state), Micros(decide_time), id}));
  if (changed == 0) return SuggestionNotFound(id);
  return absl::OkStatus();
}

absl::Status SqlMergeSuggestions::DeleteOf(CustomerId customer) {
  return db_
      .Execute("DELETE FROM merge_suggestions WHERE customer_id = ? OR other_customer_id = ?",
               {customer, customer})
      .status();
}

}  // namespace cxhub
