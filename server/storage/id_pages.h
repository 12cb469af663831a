// Pages over tables keyed by ascending ids: the limit check every List shares, where a page of
// ids ends, and attaching child rows (identities, channels) to the rows of a page.
#ifndef CXHUB_SERVER_STORAGE_ID_PAGES_H_
#define CXHUB_SERVER_STORAGE_ID_PAGES_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/status_macros.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// INVALID_ARGUMENT unless a page may hold at least one row.
absl::Status CheckPageLimit(int limit);

// The largest of the first `limit` ids of `table` above `after_id` whose rows match
// `condition` (SQL, may be empty), or nullopt when there is none. Loading the page as the id
// range (after_id, last] lets its child rows be found by range instead of one query per row.
absl::StatusOr<std::optional<int64_t>> LastIdOfPage(TransactionContext& db, absl::string_view table,
                                                    absl::string_view condition, int64_t after_id,
                                                    int limit);

// A child row (an identity, a channel, a merged id) and the id of the row it belongs to.
template <typename T>
struct ChildRow {
  int64_t parent_id;
  T value;
};

// Appends each of `children`, in order, to the `field` of its parent in `parents` (ascending by
// .id); children whose parent is not there are dropped.
template <typename Parent, typename T>
void AttachChildren(std::vector<ChildRow<T>> children, std::vector<T> Parent::*field,
                    std::vector<Parent>& parents) {
  for (ChildRow<T>& child : children) {
    auto it = std::lower_bound(parents.begin(), parents.end(), child.parent_id,
                               [](const Parent& parent, int64_t id) { return parent.id < id; });
    if (it != parents.end() && it->id == child.parent_id) {
      ((*it).*field).push_back(std::move(child.value));
    }
  }
}

// Runs `sql`, whose two `?` take the first and the last id of `parents` (ascending by .id),
// maps each row with `map_row` (a RowMapper<ChildRow<T>>), and appends each child, in order,
// to the `field` of its parent; children whose parent is not in `parents` are skipped.
template <typename Parent, typename T, typename MapRow>
absl::Status AttachChildRows(TransactionContext& db, absl::string_view sql, MapRow&& map_row,
                             std::vector<T> Parent::*field, std::vector<Parent>& parents) {
  if (parents.empty()) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<ChildRow<T>> children,
      db.Query<ChildRow<T>>(sql, {parents.front().id, parents.back().id}, map_row));
  AttachChildren(std::move(children), field, parents);
  return absl::OkStatus();
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_ID_PAGES_H_
