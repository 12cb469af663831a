#include "server/storage/sql_activity_spells.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr char kEveryInteraction[] = "*";

std::string ChannelScope(absl::string_view channel) { return absl::StrCat("c:", channel); }
std::string TouchpointScope(TouchpointId touchpoint) { return absl::StrCat("t:", touchpoint); }

struct ActivityRow {
  int64_t bucket_start = 0;
  std::string channel;
  TouchpointId touchpoint_id = 0;
};

struct Spell {
  int64_t first = 0;
  int64_t last = 0;
};

// Adds `bucket` (visited in ascending order) to the spells of its scope: it extends the last
// spell when it is at most `window` after that spell's last quarter hour.
void Extend(std::vector<Spell>& spells, int64_t bucket, int64_t window) {
  if (!spells.empty() && bucket <= spells.back().last + window) {
    spells.back().last = std::max(spells.back().last, bucket);
    return;
  }
  spells.push_back({bucket, bucket});
}

absl::StatusOr<std::map<std::string, std::vector<Spell>>> SpellsOf(TransactionContext& db,
                                                                   CustomerId customer,
                                                                   int64_t window) {
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<ActivityRow> rows,
      db.Query<ActivityRow>(
          "SELECT bucket_start, channel, touchpoint_id FROM customer_activity "
          "WHERE customer_id = ? ORDER BY bucket_start",
          {customer}, [](const Statement& row) -> absl::StatusOr<ActivityRow> {
            return ActivityRow{row.ColumnInt64(0), row.ColumnText(1), row.ColumnInt64(2)};
          }));
  std::map<std::string, std::vector<Spell>> spells;
  for (const ActivityRow& row : rows) {
    Extend(spells[kEveryInteraction], row.bucket_start, window);
    Extend(spells[ChannelScope(row.channel)], row.bucket_start, window);
    Extend(spells[TouchpointScope(row.touchpoint_id)], row.bucket_start, window);
  }
  return spells;
}

absl::Status ReplaceSpells(TransactionContext& db, CustomerId customer, int64_t window) {
  CXHUB_RETURN_IF_ERROR(
      db.Execute("DELETE FROM customer_activity_spells WHERE customer_id = ?", {customer})
          .status());
  CXHUB_ASSIGN_OR_RETURN(const auto spells, SpellsOf(db, customer, window));
  for (const auto& [scope, scope_spells] : spells) {
    for (const Spell& spell : scope_spells) {
      CXHUB_RETURN_IF_ERROR(db.Execute("INSERT INTO customer_activity_spells "
                                       "(scope, customer_id, first_bucket, last_bucket) "
                                       "VALUES (?, ?, ?, ?)",
                                       {scope, customer, spell.first, spell.last})
                                .status());
    }
  }
  return absl::OkStatus();
}

}  // namespace

ActivityCounts ActivityCountsFromRow(const Statement& row) {
  ActivityCounts counts;
  counts.active_at_start = row.ColumnInt64(0);
  counts.retained = row.ColumnInt64(1);
  counts.active_at_end = row.ColumnInt64(2);
  counts.new_during = row.ColumnInt64(3);
  return counts;
}

absl::Status SqlActivitySpells::Rebuild(const absl::btree_set<CustomerId>& customers) {
  const int64_t window = absl::ToInt64Microseconds(window_);
  for (const CustomerId customer : customers) {
    CXHUB_RETURN_IF_ERROR(ReplaceSpells(db_, customer, window));
  }
  return absl::OkStatus();
}

absl::Status SqlActivitySpells::RebuildAllIfWindowChanged() {
  const int64_t window = absl::ToInt64Microseconds(window_);
  CXHUB_ASSIGN_OR_RETURN(
      const std::optional<int64_t> built_for,
      db_.QueryOne<int64_t>(
          "SELECT window_us FROM customer_activity_spell_window", {},
          [](const Statement& row) -> absl::StatusOr<int64_t> { return row.ColumnInt64(0); }));
  if (built_for == window) return absl::OkStatus();
  CXHUB_RETURN_IF_ERROR(db_.Execute("DELETE FROM customer_activity_spells", {}).status());
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<CustomerId> customers,
      db_.Query<CustomerId>(
          "SELECT DISTINCT customer_id FROM customer_activity", {},
          [](const Statement& row) -> absl::StatusOr<CustomerId> { return row.ColumnInt64(0); }));
  for (const CustomerId customer : customers) {
    CXHUB_RETURN_IF_ERROR(ReplaceSpells(db_, customer, window));
  }
  CXHUB_RETURN_IF_ERROR(db_.Execute("DELETE FROM customer_activity_spell_window", {}).status());
  return db_.Execute("INSERT INTO customer_activity_spell_window (window_us) VALUES (?)", {window})
      .status();
}

// Per customer of the scope who had a spell starting before the end: active at the start,
// active at the end, and whether their very first quarter hour falls inside the period.
absl::StatusOr<std::optional<ActivityCounts>> SqlActivitySpells::Count(
    const CustomerActivityFilter& filter) {
  if (filter.activity_window != window_) return std::optional<ActivityCounts>();
  if (filter.touchpoint_id.has_value() && !filter.channel.empty()) {
    return std::optional<ActivityCounts>();
  }
  std::string scope = kEveryInteraction;
  if (filter.touchpoint_id.has_value()) scope = TouchpointScope(*filter.touchpoint_id);
  if (!filter.channel.empty()) scope = ChannelScope(filter.channel);
  const int64_t start = absl::ToUnixMicros(filter.start_time);
  const int64_t end = absl::ToUnixMicros(filter.end_time);
  const int64_t window = absl::ToInt64Microseconds(window_);
  const std::string sql =
      "SELECT COALESCE(SUM(at_start), 0), COALESCE(SUM(at_start * at_end), 0), "
      "COALESCE(SUM(at_end), 0), "
      "COALESCE(SUM(CASE WHEN first_seen >= ? THEN 1 ELSE 0 END), 0) FROM ("
      "SELECT customer_id, "
      "MAX(CASE WHEN first_bucket < ? AND last_bucket >= ? THEN 1 ELSE 0 END) AS at_start, "
      "MAX(CASE WHEN last_bucket >= ? THEN 1 ELSE 0 END) AS at_end, "
      "MIN(first_bucket) AS first_seen FROM customer_activity_spells "
      "WHERE scope = ? AND first_bucket < ? GROUP BY customer_id) seen";
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<ActivityCounts> counts,
      db_.QueryOne<ActivityCounts>(sql, {start, start, start - window, end - window, scope, end},
                                   ActivityCountsFromRow));
  return counts.value_or(ActivityCounts());
}

}  // namespace cxhub
