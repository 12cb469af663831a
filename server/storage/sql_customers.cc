#include "server/storage/sql_customers.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/column_values.h"
#include "server/storage/id_pages.h"
#include "server/storage/multi_row_statements.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_segment_snapshots.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kCustomerColumns =
    "id, display_name, attributes, create_time, update_time";

// Customer columns as kCustomerColumns lists them, from column `first` on.
absl::StatusOr<Customer> CustomerFromColumns(const Statement& row, int first) {
  Customer customer;
  customer.id = row.ColumnInt64(first);
  customer.display_name = row.ColumnText(first + 1);
  CXHUB_ASSIGN_OR_RETURN(customer.attributes, DecodeAttributes(row.ColumnBlob(first + 2)));
  customer.create_time = FromMicros(row.ColumnInt64(first + 3));
  customer.update_time = FromMicros(row.ColumnInt64(first + 4));
  return customer;
}

// Identity columns as kIdentityColumns lists them, from column `first` on.
constexpr absl::string_view kIdentityColumns =
    "kind, value, trust, source, asserted_by, assert_time";

Identity IdentityFromColumns(const Statement& row, int first) {
  Identity identity;
  identity.kind = static_cast<IdentityKind>(row.ColumnInt64(first));
  identity.value = row.ColumnText(first + 1);
  identity.trust = static_cast<IdentityTrust>(row.ColumnInt64(first + 2));
  // NULL: stored before provenance was kept.
  if (!row.ColumnIsNull(first + 3)) identity.provenance.source = row.ColumnText(first + 3);
  if (!row.ColumnIsNull(first + 4)) identity.provenance.asserted_by = row.ColumnText(first + 4);
  if (!row.ColumnIsNull(first + 5)) {
    identity.provenance.assert_time = FromMicros(row.ColumnInt64(first + 5));
  }
  return identity;
}

// Customers, their identities and the ids merged into them, in one statement: on MySQL each
// statement is a round trip, which is most of what a read costs. A row's first column says which
// part it is, its second the customer it belongs to; a part's other columns are NULL in the
// others' rows, so that every column keeps one type. Its `?`s take an id range (after, last]
// three times.
enum CustomerPart : int64_t { kCustomerRow = 0, kIdentityRow = 1, kMergedIdRow = 2 };
constexpr int kOwnerColumn = 1;
constexpr int kFirstCustomerColumn = 1;  // 5 columns (kCustomerColumns), the first the owner
constexpr int kFirstIdentityColumn = 6;  // 6 columns (kIdentityColumns)
constexpr int kMergedIdColumn = 12;

const std::string& CustomersInRangeSql() {
  static const std::string* const sql = new std::string(
      absl::StrCat("SELECT ", kCustomerRow, ", ", kCustomerColumns,
                   ", NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM customers "
                   "WHERE id > ? AND id <= ? AND merged_into IS NULL "
                   "UNION ALL SELECT ",
                   kIdentityRow, ", customer_id, NULL, NULL, NULL, NULL, ", kIdentityColumns,
                   ", NULL FROM identities WHERE customer_id > ? AND customer_id <= ? "
                   "UNION ALL SELECT ",
                   kMergedIdRow,
                   ", merged_into, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, id "
                   "FROM customers WHERE merged_into > ? AND merged_into <= ?"));
  return *sql;
}

// Values per IN list of a bulk lookup.
constexpr size_t kValuesPerQuery = 256;
// Rows per multi-row INSERT of new customers or their identities at most (a power of two).
constexpr size_t kRowsPerInsert = 128;

// `sql` followed by an IN list of each kValuesPerQuery of `ids`, `on_row` called for every row.
// `after_list` ends each statement (a locking clause).
absl::Status ForEachRowOfIds(TransactionContext& db, absl::string_view sql,
                             absl::Span<const CustomerId> ids,
                             absl::FunctionRef<void(const Statement&)> on_row,
                             absl::string_view after_list = "") {
  for (size_t first = 0; first < ids.size(); first += kValuesPerQuery) {
    std::vector<Param> params;
    const std::string in_list = IdList(ids.subspan(first, kValuesPerQuery), params);
    CXHUB_RETURN_IF_ERROR(db.ForEachRow(absl::StrCat(sql, in_list, after_list), params,
                                        [&](const Statement& row) -> absl::Status {
                                          on_row(row);
                                          return absl::OkStatus();
                                        }));
  }
  return absl::OkStatus();
}

// A new customer's row; `attributes` is its encoding, which the values view.
std::vector<ColumnValue> CustomerColumns(const Customer& customer, const std::string& attributes) {
  return {{"display_name", customer.display_name},
          {"attributes", Param::Blob(attributes)},
          {"create_time", Micros(customer.create_time)},
          {"update_time", Micros(customer.update_time)}};
}

// An identity's row, owned by `customer`.
std::vector<ColumnValue> IdentityColumns(CustomerId customer, const Identity& identity) {
  return {{"kind", static_cast<int64_t>(identity.kind)},
          {"value", identity.value},
          {"customer_id", customer},
          {"trust", static_cast<int64_t>(identity.trust)},
          {"source", identity.provenance.source},
          {"asserted_by", identity.provenance.asserted_by},
          {"assert_time", Micros(identity.provenance.assert_time)}};
}

absl::Status IdentityTakenError(const Identity& identity) {
  return absl::AlreadyExistsError(absl::StrCat("identity ", IdentityKindName(identity.kind), ":",
                                               identity.value, " already belongs to a customer"));
}

OwnedIdentity OwnedIdentityFromRow(const Statement& row) {
  OwnedIdentity owned;
  owned.customer_id = row.ColumnInt64(0);
  owned.trust = static_cast<IdentityTrust>(row.ColumnInt64(1));
  owned.joined_customers = row.ColumnInt64(2);
  return owned;
}

absl::Status CustomerNotFound(CustomerId id) {
  return absl::NotFoundError(absl::StrCat("customer ", id, " not found"));
}

}  // namespace

absl::StatusOr<CustomerId> SqlCustomers::Resolve(CustomerId id) {
  CXHUB_ASSIGN_OR_RETURN(const auto live, ResolveAll(absl::MakeConstSpan(&id, 1)));
  const auto found = live.find(id);
  if (found == live.end()) return CustomerNotFound(id);
  return found->second;
}

absl::StatusOr<absl::flat_hash_map<CustomerId, CustomerId>> SqlCustomers::ResolveAll(
    absl::Span<const CustomerId> ids) {
  absl::flat_hash_map<CustomerId, CustomerId> live;
  // A write locks the rows it reads (where writers run concurrently), so that a customer found
  // live stays so until the commit and the insert that follows need not read it again
  // (KnownLive). Reads lock nothing.
  const absl::string_view lock = db_.writes() ? db_.dialect().lock_rows : "";
  if (db_.savepoints_rolled_back() != known_live_rollbacks_) ForgetKnownLive();
  // The ids asked for that lead to each id still to read, one step of the chains at a time.
  absl::flat_hash_map<CustomerId, std::vector<CustomerId>> following;
  for (CustomerId id : ids) {
    auto [asked, inserted] = following.try_emplace(id);
    if (inserted) asked->second.push_back(id);
  }
  for (int step = 0; step < 64 && !following.empty(); ++step) {
    std::vector<CustomerId> reading;
    reading.reserve(following.size());
    for (const auto& [id, asked] : following) reading.push_back(id);
    absl::flat_hash_map<CustomerId, std::vector<CustomerId>> next;
    // A live row answers the ids that led to it; a merged one hands them on to its survivor.
    const auto follow = [&](const Statement& row) {
      const auto found = following.find(row.ColumnInt64(0));
      if (found == following.end()) return;
      const std::vector<CustomerId>& asked = found->second;
      if (row.ColumnIsNull(1)) {
        for (CustomerId one : asked) live[one] = found->first;
        if (db_.writes()) known_live_.insert(found->first);
        return;
      }
      std::vector<CustomerId>& after = next[row.ColumnInt64(1)];
      after.insert(after.end(), asked.begin(), asked.end());
    };
    CXHUB_RETURN_IF_ERROR(ForEachRowOfIds(db_, "SELECT id, merged_into FROM customers WHERE id IN ",
                                          reading, follow, lock));
    following = std::move(next);
  }
  if (!following.empty()) {
    return absl::InternalError(absl::StrCat("merge chain of customer ",
                                            following.begin()->second.front(), " does not end"));
  }
  return live;
}

absl::StatusOr<Customer> SqlCustomers::Get(CustomerId id) {
  if (id <= 0) return CustomerNotFound(id);  // Ids start at 1; id - 1 must not wrap.
  CXHUB_ASSIGN_OR_RETURN(std::vector<Customer> customers, Load(id - 1, id));
  if (customers.empty()) return CustomerNotFound(id);
  return std::move(customers.front());
}

absl::StatusOr<std::vector<Customer>> SqlCustomers::List(CustomerId after_id, int limit) {
  CXHUB_ASSIGN_OR_RETURN(std::optional<CustomerId> last,
                         LastIdOfPage(db_, "customers", "merged_into IS NULL", after_id, limit));
  if (!last.has_value()) return std::vector<Customer>();
  return Load(after_id, *last);
}

absl::StatusOr<std::optional<CustomerId>> SqlCustomers::FindByIdentity(const Identity& identity) {
  return db_.QueryOne<CustomerId>(
      "SELECT customer_id FROM identities WHERE kind = ? AND value = ?",
      {static_cast<int64_t>(identity.kind), identity.value},
      [](const Statement& row) -> CustomerId { return row.ColumnInt64(0); });
}

absl::StatusOr<std::optional<OwnedIdentity>> SqlCustomers::FindIdentity(const Identity& identity) {
  return db_.QueryOne<OwnedIdentity>(
      "SELECT customer_id, trust, joined_customers FROM identities WHERE kind = ? AND value = ?",
      {static_cast<int64_t>(identity.kind), identity.value}, OwnedIdentityFromRow);
}

absl::StatusOr<std::vector<std::optional<OwnedIdentity>>> SqlCustomers::FindIdentities(
    absl::Span<const Identity> identities) {
  std::vector<std::optional<OwnedIdentity>> owners(identities.size());
  // Per kind, its values in IN lists over the primary key (kind, value).
  std::map<IdentityKind, std::vector<size_t>> by_kind;
  for (size_t i = 0; i < identities.size(); ++i) by_kind[identities[i].kind].push_back(i);
  for (const auto& kind_indexes : by_kind) {
    const IdentityKind kind = kind_indexes.first;
    const std::vector<size_t>& indexes = kind_indexes.second;
    for (size_t first = 0; first < indexes.size(); first += kValuesPerQuery) {
      const size_t count = std::min(kValuesPerQuery, indexes.size() - first);
      // Each value and the identities asking for it (a batch may name one value twice): a row
      // found is matched in one look-up, not by comparing it with every value of the list.
      absl::flat_hash_map<absl::string_view, std::vector<size_t>> asking;
      std::vector<Param> values;
      values.reserve(count);
      for (size_t k = first; k < first + count; ++k) {
        const std::string& value = identities[indexes[k]].value;
        std::vector<size_t>& of_value = asking[value];
        if (of_value.empty()) values.emplace_back(value);
        of_value.push_back(indexes[k]);
      }
      std::vector<Param> params = {static_cast<int64_t>(kind)};
      const std::string in_list = ValueList(values, params);
      CXHUB_RETURN_IF_ERROR(db_.ForEachRow(
          absl::StrCat("SELECT value, customer_id, trust, joined_customers FROM identities "
                       "WHERE kind = ? AND value IN ",
                       in_list),
          params, [&](const Statement& row) -> absl::Status {
            auto found = asking.find(row.ColumnText(0));
            if (found == asking.end()) return absl::OkStatus();
            OwnedIdentity owned;
            owned.customer_id = row.ColumnInt64(1);
            owned.trust = static_cast<IdentityTrust>(row.ColumnInt64(2));
            owned.joined_customers = row.ColumnInt64(3);
            for (size_t index : found->second) owners[index] = owned;
            return absl::OkStatus();
          }));
    }
  }
  return owners;
}

absl::StatusOr<absl::flat_hash_set<CustomerId>> SqlCustomers::Named(
    absl::Span<const CustomerId> ids) {
  absl::flat_hash_set<CustomerId> named;
  CXHUB_RETURN_IF_ERROR(ForEachRowOfIds(
      db_, "SELECT id FROM customers WHERE merged_into IS NULL AND display_name <> '' AND id IN ",
      ids, [&](const Statement& row) { named.insert(row.ColumnInt64(0)); }));
  return named;
}

absl::Status SqlCustomers::RaiseIdentityTrust(const Identity& identity) {
  const int64_t kind = static_cast<int64_t>(identity.kind);
  const int64_t trust = static_cast<int64_t>(identity.trust);
  CXHUB_ASSIGN_OR_RETURN(
      int64_t raised,
      db_.Execute("UPDATE identities SET trust = ?, source = ?, asserted_by = ?, assert_time = ? "
                  "WHERE kind = ? AND value = ? AND trust < ?",
                  {trust, identity.provenance.source, identity.provenance.asserted_by,
                   Micros(identity.provenance.assert_time), kind, identity.value, trust}));
  if (raised > 0) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(std::optional<OwnedIdentity> owned, FindIdentity(identity));
  return IdentityChanged(owned.has_value() ? 1 : 0, identity);
}

absl::Status SqlCustomers::CountIdentityJoins(const Identity& identity, int64_t customers) {
  CXHUB_ASSIGN_OR_RETURN(
      int64_t changed,
      db_.Execute("UPDATE identities SET joined_customers = joined_customers + ? "
                  "WHERE kind = ? AND value = ?",
                  {customers, static_cast<int64_t>(identity.kind), identity.value}));
  return IdentityChanged(changed, identity);
}

absl::Status SqlCustomers::IdentityChanged(int64_t changed, const Identity& identity) {
  if (changed > 0) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat("no customer has the identity ",
                                          IdentityKindName(identity.kind), ":", identity.value));
}

absl::StatusOr<CustomerId> SqlCustomers::Insert(const Customer& customer) {
  CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> ids,
                         InsertMany(absl::MakeConstSpan(&customer, 1)));
  return ids.front();
}

absl::StatusOr<std::vector<CustomerId>> SqlCustomers::InsertMany(
    absl::Span<const Customer> customers) {
  std::vector<CustomerId> ids;
  if (customers.empty()) return ids;
  bool identity_taken = false;
  const absl::Status status = db_.Atomically([&]() -> absl::Status {
    ids.clear();
    ids.reserve(customers.size());
    std::vector<std::string> attributes;
    attributes.reserve(customers.size());  // No reallocation: params view these strings.
    for (size_t first = 0; first < customers.size();) {
      const size_t rows = RowsOfNextStatement(customers.size() - first, kRowsPerInsert);
      std::vector<ColumnValue> columns;
      std::vector<Param> params;
      for (const Customer& customer : customers.subspan(first, rows)) {
        attributes.push_back(EncodeAttributes(customer.attributes));
        columns = CustomerColumns(customer, attributes.back());
        AppendValuesOf(columns, params);
      }
      // RETURNING (SQLite 3.35, MariaDB 10.5) names the ids in one round trip instead of a
      // LAST_INSERT_ID() query per row. It promises no order, but one INSERT numbers its rows
      // in the order of its VALUES.
      CXHUB_ASSIGN_OR_RETURN(
          std::vector<CustomerId> inserted,
          db_.Query<CustomerId>(
              absl::StrCat(InsertRowsSql("customers", columns, rows), " RETURNING id"), params,
              [](const Statement& row) -> CustomerId { return row.ColumnInt64(0); }));
      if (inserted.size() != rows) {
        return absl::InternalError(
            absl::StrCat("inserting ", rows, " customers returned ", inserted.size(), " ids"));
      }
      std::sort(inserted.begin(), inserted.end());
      ids.insert(ids.end(), inserted.begin(), inserted.end());
      first += rows;
    }
    std::vector<ColumnValue> columns;
    std::vector<Param> identities;
    for (size_t k = 0; k < customers.size(); ++k) {
      for (const Identity& identity : customers[k].identities) {
        columns = IdentityColumns(ids[k], identity);
        AppendValuesOf(columns, identities);
      }
    }
    // None at all leaves `columns` empty: no statement, and no row width to divide by.
    const absl::Status attached =
        identities.empty()
            ? absl::OkStatus()
            : ExecuteForRows(db_, identities, columns.size(), kRowsPerInsert, [&](size_t rows) {
                return InsertRowsSql("identities", columns, rows);
              });
    identity_taken = absl::IsAlreadyExists(attached);
    CXHUB_RETURN_IF_ERROR(attached);
    // A segment of absences (inactive, at most N) may hold a customer with no interaction.
    return SqlSegmentSnapshots(db_).MarkChanged(ids);
  });
  // Named once the statements before the failed one are undone: they may have put in some.
  if (identity_taken) return IdentityTaken(customers);
  CXHUB_RETURN_IF_ERROR(status);
  return ids;
}

absl::Status SqlCustomers::Update(const Customer& customer) {
  CXHUB_RETURN_IF_ERROR(CheckLive(customer.id));
  CXHUB_RETURN_IF_ERROR(SqlSegmentSnapshots(db_).MarkChanged({customer.id}));  // Attributes.
  const std::string attributes = EncodeAttributes(customer.attributes);
  return db_
      .Execute(
          "UPDATE customers SET display_name = ?, attributes = ?, update_time = ? WHERE id = ?",
          {customer.display_name, Param::Blob(attributes), Micros(customer.update_time),
           customer.id})
      .status();
}

absl::Status SqlCustomers::Delete(CustomerId id) {
  CXHUB_RETURN_IF_ERROR(CheckLive(id));
  ForgetKnownLive();
  return db_.Atomically([&]() -> absl::Status {
    // Children first: foreign keys are enforced. Merged-away rows own nothing (a merge
    // moves identities and interactions), and point at `id` directly (merges re-point).
    CXHUB_ASSIGN_OR_RETURN(std::vector<ScoredInteraction> answers,
                           score_counts_.LoadScored("customer_id = ?", {id}));
    CXHUB_RETURN_IF_ERROR(score_counts_.Recount(answers, {}));
    CXHUB_RETURN_IF_ERROR(activity_.Forget(id));
    CXHUB_ASSIGN_OR_RETURN(std::vector<PurchasedInteraction> purchases,
                           purchase_sums_.Load("customer_id = ?", {id}));
    CXHUB_ASSIGN_OR_RETURN(std::vector<CountedVisit> visits,
                           visit_counts_.Load("customer_id = ?", {id}));
    CXHUB_RETURN_IF_ERROR(visit_counts_.Recount(visits, {}));
    for (absl::string_view sql :
         {"DELETE FROM interaction_global_keys WHERE interaction_id IN "
          "(SELECT id FROM interactions WHERE customer_id = ?)",
          "DELETE FROM interactions WHERE customer_id = ?",
          "DELETE FROM identities WHERE customer_id = ?",
          "DELETE FROM customers WHERE merged_into = ?", "DELETE FROM customers WHERE id = ?"}) {
      CXHUB_RETURN_IF_ERROR(db_.Execute(sql, {id}).status());
    }
    return purchase_sums_.Recount(purchases, {});
  });
}

absl::Status SqlCustomers::AddIdentity(CustomerId id, const Identity& identity) {
  CXHUB_RETURN_IF_ERROR(CheckLive(id));
  return InsertIdentity(id, identity);
}

absl::Status SqlCustomers::RemoveIdentity(CustomerId id, const Identity& identity) {
  CXHUB_ASSIGN_OR_RETURN(
      int64_t removed,
      db_.Execute("DELETE FROM identities WHERE kind = ? AND value = ? AND customer_id = ?",
                  {static_cast<int64_t>(identity.kind), identity.value, id}));
  if (removed == 0) {
    return absl::NotFoundError(absl::StrCat("customer ", id, " has no identity ",
                                            IdentityKindName(identity.kind), ":", identity.value));
  }
  return absl::OkStatus();
}

absl::Status SqlCustomers::MergeInto(CustomerId merged, CustomerId survivor) {
  if (merged == survivor) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot merge customer ", merged, " into itself"));
  }
  CXHUB_RETURN_IF_ERROR(CheckLive(merged));
  CXHUB_RETURN_IF_ERROR(CheckLive(survivor));
  ForgetKnownLive();
  return db_.Atomically([&]() -> absl::Status {
    CXHUB_RETURN_IF_ERROR(SqlSegmentSnapshots(db_).MarkChanged({merged, survivor}));
    CXHUB_RETURN_IF_ERROR(MoveInteractions("customer_id = ?", {merged}, survivor).status());
    // The last two re-point earlier merges, which keeps every chain one step long, then
    // merge the customer itself.
    for (absl::string_view sql : {"UPDATE identities SET customer_id = ? WHERE customer_id = ?",
                                  "UPDATE customers SET merged_into = ? WHERE merged_into = ?",
                                  "UPDATE customers SET merged_into = ? WHERE id = ?"}) {
      CXHUB_RETURN_IF_ERROR(db_.Execute(sql, {survivor, merged}).status());
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> SqlCustomers::MoveInteractions(absl::string_view where,
                                                       absl::Span<const Param> params,
                                                       CustomerId to) {
  // The moved purchases become `to`'s: their sums move with them.
  CXHUB_ASSIGN_OR_RETURN(std::vector<PurchasedInteraction> moved,
                         purchase_sums_.Load(where, params));
  std::vector<PurchasedInteraction> moved_to = moved;
  for (PurchasedInteraction& purchase : moved_to) purchase.customer_id = to;
  // So does the activity, so that both count as one customer (or as two again).
  CXHUB_ASSIGN_OR_RETURN(std::vector<ScoredInteraction> before, score_counts_.Load(where, params));
  std::vector<ScoredInteraction> after = before;
  for (ScoredInteraction& interaction : after) interaction.customer_id = to;
  CXHUB_RETURN_IF_ERROR(activity_.Recount(before, after));
  // The counts over everyone stay as they are; those of the segments of either customer move.
  CXHUB_RETURN_IF_ERROR(score_counts_.Recount(before, after));
  CXHUB_ASSIGN_OR_RETURN(std::vector<CountedVisit> visits_before,
                         visit_counts_.Load(where, params));
  std::vector<CountedVisit> visits_after = visits_before;
  for (CountedVisit& visit : visits_after) visit.customer_id = to;
  CXHUB_RETURN_IF_ERROR(visit_counts_.Recount(visits_before, visits_after));
  std::vector<Param> update_params = {to};
  update_params.insert(update_params.end(), params.begin(), params.end());
  CXHUB_ASSIGN_OR_RETURN(
      int64_t rows,
      db_.Execute(absl::StrCat("UPDATE interactions SET customer_id = ? WHERE ", where),
                  update_params));
  CXHUB_RETURN_IF_ERROR(purchase_sums_.Recount(moved, moved_to));
  return rows;
}

bool SqlCustomers::KnownLive(CustomerId id) const {
  return db_.savepoints_rolled_back() == known_live_rollbacks_ && known_live_.contains(id);
}

void SqlCustomers::ForgetKnownLive() {
  known_live_.clear();
  known_live_rollbacks_ = db_.savepoints_rolled_back();
}

absl::Status SqlCustomers::CheckLive(CustomerId id) {
  if (KnownLive(id)) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(
      bool live,
      db_.Exists(absl::StrCat("SELECT id FROM customers WHERE id = ? AND merged_into IS NULL",
                              db_.dialect().lock_rows),
                 {id}));
  if (!live) return CustomerNotFound(id);
  return absl::OkStatus();
}

absl::Status SqlCustomers::InsertIdentity(CustomerId id, const Identity& identity) {
  const std::vector<ColumnValue> columns = IdentityColumns(id, identity);
  absl::Status status = db_.Execute(InsertSql("identities", columns), ValuesOf(columns)).status();
  if (absl::IsAlreadyExists(status)) return IdentityTakenError(identity);
  return status;
}

absl::Status SqlCustomers::IdentityTaken(absl::Span<const Customer> customers) {
  for (const Customer& customer : customers) {
    for (const Identity& identity : customer.identities) {
      CXHUB_ASSIGN_OR_RETURN(const std::optional<OwnedIdentity> owned, FindIdentity(identity));
      if (owned.has_value()) return IdentityTakenError(identity);
    }
  }
  return absl::AlreadyExistsError("two of the new customers have an identity in common");
}

absl::StatusOr<std::vector<Customer>> SqlCustomers::Load(CustomerId after_id, CustomerId last_id) {
  std::vector<Customer> customers;
  std::vector<ChildRow<Identity>> identities;
  std::vector<ChildRow<CustomerId>> merged_ids;
  CXHUB_RETURN_IF_ERROR(db_.ForEachRow(
      CustomersInRangeSql(), {after_id, last_id, after_id, last_id, after_id, last_id},
      [&](const Statement& row) -> absl::Status {
        const CustomerId owner = row.ColumnInt64(kOwnerColumn);
        switch (row.ColumnInt64(0)) {
          case kCustomerRow: {
            CXHUB_ASSIGN_OR_RETURN(Customer customer,
                                   CustomerFromColumns(row, kFirstCustomerColumn));
            customers.push_back(std::move(customer));
            break;
          }
          case kIdentityRow:
            identities.push_back({owner, IdentityFromColumns(row, kFirstIdentityColumn)});
            break;
          default:
            merged_ids.push_back({owner, row.ColumnInt64(kMergedIdColumn)});
        }
        return absl::OkStatus();
      }));
  // UNION ALL keeps no order: customers ascending by id, their merged ids too, identities
  // bytewise (model.h; sorted here, not in SQL, as collations differ between databases).
  std::sort(customers.begin(), customers.end(),
            [](const Customer& a, const Customer& b) { return a.id < b.id; });
  AttachChildren(std::move(identities), &Customer::identities, customers);
  AttachChildren(std::move(merged_ids), &Customer::merged_ids, customers);
  for (Customer& customer : customers) {
    std::sort(customer.identities.begin(), customer.identities.end());
    std::sort(customer.merged_ids.begin(), customer.merged_ids.end());
  }
  return customers;
}

}  // namespace cxhub
