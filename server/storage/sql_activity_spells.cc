#include "server/storage/sql_activity_spells.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/multi_row_statements.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_param.h"
#include "server/storage/statement_shapes.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr char kEveryInteraction[] = "*";

std::string ChannelScope(absl::string_view channel) { return absl::StrCat("c:", channel); }
std::string TouchpointScope(TouchpointId touchpoint) { return absl::StrCat("t:", touchpoint); }

// Customers per IN list, and spells per multi-row upsert, when spells are built again: a
// batch of interactions changes the activity of thousands of customers at once.
constexpr size_t kCustomersPerStatement = 256;
constexpr size_t kSpellsPerUpsert = 128;

struct Spell {
  int64_t first = 0;
  int64_t last = 0;
};

// A customer's spells, by scope, as stored or as built.
using SpellKey = std::pair<CustomerId, std::string>;
using SpellsByScope = std::map<SpellKey, std::vector<Spell>>;

// Every spell of `customers` (an IN list of kCustomersPerStatement at most, its ids in
// `ids`) whose last quarter hour is `ending_from` or later, each scope's in order of their start.
absl::StatusOr<SpellsByScope> ReadSpells(TransactionContext& db, absl::string_view in_list,
                                         absl::Span<const Param> ids, int64_t ending_from) {
  std::vector<Param> params(ids.begin(), ids.end());
  params.push_back(ending_from);
  SpellsByScope stored;
  CXHUB_RETURN_IF_ERROR(
      db.ForEachRow(absl::StrCat("SELECT customer_id, scope, first_bucket, last_bucket FROM "
                                 "customer_activity_spells WHERE customer_id IN ",
                                 in_list, " AND last_bucket >= ?"),
                    params, [&](const Statement& row) -> absl::Status {
                      stored[{row.ColumnInt64(0), row.ColumnText(1)}].push_back(
                          {row.ColumnInt64(2), row.ColumnInt64(3)});
                      return absl::OkStatus();
                    }));
  for (auto& [key, spells] : stored) {
    std::sort(spells.begin(), spells.end(),
              [](const Spell& a, const Spell& b) { return a.first < b.first; });
  }
  return stored;
}

// What to write so that the stored spells of `key`, `before`, become `after` (both in order of
// their start): a stored spell whose start is gone is deleted (spells joined or cut back: rare
// when interactions are added), a spell new or with a new end is upserted. A new interaction
// mostly moves the end of one spell per scope; deleting and inserting every spell of each
// customer a write touched was half the time of an insert on SQLite (perf).
struct SpellChanges {
  std::vector<std::pair<SpellKey, int64_t>> deleted;  // By start.
  std::vector<Param> upserted;                        // Per spell: scope, customer, first, last.

  void Add(const SpellKey& key, absl::Span<const Spell> before, absl::Span<const Spell> after) {
    size_t b = 0;
    for (const Spell& spell : after) {
      for (; b < before.size() && before[b].first < spell.first; ++b) {
        deleted.emplace_back(key, before[b].first);
      }
      const bool same_start = b < before.size() && before[b].first == spell.first;
      if (!same_start || before[b].last != spell.last) {
        upserted.insert(upserted.end(), {key.second, key.first, spell.first, spell.last});
      }
      if (same_start) ++b;
    }
    for (; b < before.size(); ++b) deleted.emplace_back(key, before[b].first);
  }

  absl::Status Write(TransactionContext& db) const {
    for (const auto& [key, first] : deleted) {
      CXHUB_RETURN_IF_ERROR(
          db.Execute("DELETE FROM customer_activity_spells WHERE scope = ? AND customer_id = ? "
                     "AND first_bucket = ?",
                     {key.second, key.first, first})
              .status());
    }
    constexpr absl::string_view kKey[] = {"scope", "customer_id", "first_bucket"};
    constexpr absl::string_view kValue[] = {"last_bucket"};
    return ExecuteForRows(
        db, upserted, std::size(kKey) + std::size(kValue), kSpellsPerUpsert, [&](size_t rows) {
          return UpsertSql(db.dialect(), "customer_activity_spells", kKey, kValue, rows);
        });
  }
};

// `spells` (of one scope, disjoint, more than `window` apart) with `buckets` added: the
// intervals in order of their start, each joined to the one before when it starts at most
// `window` after that one's end. With no spells, the spells of `buckets` alone.
std::vector<Spell> WithBuckets(const std::vector<Spell>& spells, absl::Span<const int64_t> buckets,
                               int64_t window) {
  std::vector<Spell> intervals = spells;
  for (int64_t bucket : buckets) intervals.push_back({bucket, bucket});
  std::sort(intervals.begin(), intervals.end(),
            [](const Spell& a, const Spell& b) { return a.first < b.first; });
  std::vector<Spell> joined;
  for (const Spell& interval : intervals) {
    if (!joined.empty() && interval.first <= joined.back().last + window) {
      joined.back().last = std::max(joined.back().last, interval.last);
    } else {
      joined.push_back(interval);
    }
  }
  return joined;
}

// Each scope's quarter hours of activity, by customer.
using BucketsByScope = std::map<SpellKey, std::vector<int64_t>>;

// A quarter hour of activity counts in three scopes: every interaction, its channel, its
// touchpoint.
void AddBucket(const ActivityQuarter& quarter, BucketsByScope& buckets) {
  buckets[{quarter.customer, kEveryInteraction}].push_back(quarter.bucket_start);
  buckets[{quarter.customer, ChannelScope(quarter.channel)}].push_back(quarter.bucket_start);
  buckets[{quarter.customer, TouchpointScope(quarter.touchpoint)}].push_back(quarter.bucket_start);
}

// Builds the spells of `customers` (at most kCustomersPerStatement) again from all their
// activity, and writes what changed.
absl::Status ReplaceSpells(TransactionContext& db, absl::Span<const CustomerId> customers,
                           int64_t window) {
  std::vector<Param> ids;
  const std::string in_list = IdList(customers, ids);
  CXHUB_ASSIGN_OR_RETURN(const SpellsByScope stored,
                         ReadSpells(db, in_list, ids, std::numeric_limits<int64_t>::min()));
  BucketsByScope activity;
  CXHUB_RETURN_IF_ERROR(db.ForEachRow(
      absl::StrCat("SELECT customer_id, bucket_start, channel, touchpoint_id FROM "
                   "customer_activity WHERE customer_id IN ",
                   in_list),
      ids, [&](const Statement& row) -> absl::Status {
        AddBucket({row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnText(2), row.ColumnInt64(3)},
                  activity);
        return absl::OkStatus();
      }));
  // Every scope stored or with activity: one with none left loses its spells.
  SpellChanges changes;
  const std::vector<Spell> none;
  for (const auto& [key, spells] : stored) {
    if (activity.find(key) == activity.end()) changes.Add(key, spells, none);
  }
  for (const auto& [key, buckets] : activity) {
    auto found = stored.find(key);
    changes.Add(key, found == stored.end() ? none : found->second,
                WithBuckets({}, buckets, window));
  }
  return changes.Write(db);
}

// Adds `quarters` of `customers` (at most kCustomersPerStatement, every quarter's customer among
// them) to their spells. Only the stored spells ending at most `window` before the earliest
// quarter can change, so only those are read: the cost follows the write, not the history.
absl::Status AddToSpells(TransactionContext& db, absl::Span<const CustomerId> customers,
                         absl::Span<const ActivityQuarter> quarters, int64_t window) {
  std::vector<Param> ids;
  const std::string in_list = IdList(customers, ids);
  int64_t earliest = std::numeric_limits<int64_t>::max();
  BucketsByScope added;
  for (const ActivityQuarter& quarter : quarters) {
    earliest = std::min(earliest, quarter.bucket_start);
    AddBucket(quarter, added);
  }
  CXHUB_ASSIGN_OR_RETURN(const SpellsByScope stored,
                         ReadSpells(db, in_list, ids, earliest - window));
  // Only the scopes with added quarters change.
  SpellChanges changes;
  const std::vector<Spell> none;
  for (const auto& [key, buckets] : added) {
    auto found = stored.find(key);
    const std::vector<Spell>& before = found == stored.end() ? none : found->second;
    changes.Add(key, before, WithBuckets(before, buckets, window));
  }
  return changes.Write(db);
}

// ReplaceSpells of every one of `customers`, kCustomersPerStatement at a time.
absl::Status ReplaceSpellsOfAll(TransactionContext& db, absl::Span<const CustomerId> customers,
                                int64_t window) {
  for (size_t first = 0; first < customers.size(); first += kCustomersPerStatement) {
    CXHUB_RETURN_IF_ERROR(
        ReplaceSpells(db, customers.subspan(first, kCustomersPerStatement), window));
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
  const std::vector<CustomerId> all(customers.begin(), customers.end());
  return ReplaceSpellsOfAll(db_, all, absl::ToInt64Microseconds(window_));
}

absl::Status SqlActivitySpells::Add(absl::Span<const ActivityQuarter> quarters) {
  std::vector<ActivityQuarter> by_customer(quarters.begin(), quarters.end());
  std::sort(
      by_customer.begin(), by_customer.end(),
      [](const ActivityQuarter& a, const ActivityQuarter& b) { return a.customer < b.customer; });
  const int64_t window = absl::ToInt64Microseconds(window_);
  const absl::Span<const ActivityQuarter> sorted = by_customer;
  for (size_t first = 0; first < sorted.size();) {
    std::vector<CustomerId> customers;
    size_t end = first;
    for (; end < sorted.size(); ++end) {
      if (!customers.empty() && sorted[end].customer == customers.back()) continue;
      if (customers.size() == kCustomersPerStatement) break;
      customers.push_back(sorted[end].customer);
    }
    CXHUB_RETURN_IF_ERROR(AddToSpells(db_, customers, sorted.subspan(first, end - first), window));
    first = end;
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
  CXHUB_RETURN_IF_ERROR(ReplaceSpellsOfAll(db_, customers, window));
  CXHUB_RETURN_IF_ERROR(db_.Execute("DELETE FROM customer_activity_spell_window", {}).status());
  return db_.Execute("INSERT INTO customer_activity_spell_window (window_us) VALUES (?)", {window})
      .status();
}

// Reads the spells of the scope that start before the last period's end, by customer, once; per
// period, a customer with a spell starting before its end is counted: active at the start (a
// spell with first < start <= last + window), active at the end (last + window >= end) and new
// when their first spell starts inside the period.
absl::StatusOr<std::optional<std::vector<ActivityCounts>>> SqlActivitySpells::Count(
    const CustomerActivityFilter& filter, absl::Span<const ActivityPeriod> periods) {
  using Counts = std::optional<std::vector<ActivityCounts>>;
  if (filter.activity_window != window_) return Counts();
  if (filter.touchpoint_id.has_value() && !filter.channel.empty()) return Counts();
  std::string scope = kEveryInteraction;
  if (filter.touchpoint_id.has_value()) scope = TouchpointScope(*filter.touchpoint_id);
  if (!filter.channel.empty()) scope = ChannelScope(filter.channel);
  int64_t last_end = std::numeric_limits<int64_t>::min();
  for (const ActivityPeriod& period : periods) {
    last_end = std::max(last_end, absl::ToUnixMicros(period.end_time));
  }
  struct CustomerSpell {
    CustomerId customer;
    Spell spell;
  };
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<CustomerSpell> rows,
      db_.Query<CustomerSpell>(
          "SELECT customer_id, first_bucket, last_bucket FROM customer_activity_spells "
          "WHERE scope = ? AND first_bucket < ? ORDER BY customer_id, first_bucket",
          {scope, last_end}, [](const Statement& row) -> absl::StatusOr<CustomerSpell> {
            return CustomerSpell{row.ColumnInt64(0), {row.ColumnInt64(1), row.ColumnInt64(2)}};
          }));
  const int64_t window = absl::ToInt64Microseconds(window_);
  std::vector<ActivityCounts> counts(periods.size());
  for (size_t first = 0; first < rows.size();) {
    size_t end = first;
    while (end < rows.size() && rows[end].customer == rows[first].customer) ++end;
    if (filter.only_customers == nullptr || filter.only_customers->contains(rows[first].customer)) {
      for (size_t p = 0; p < periods.size(); ++p) {
        const int64_t start = absl::ToUnixMicros(periods[p].start_time);
        const int64_t stop = absl::ToUnixMicros(periods[p].end_time);
        // In first_bucket order: the customer's first spell is rows[first].
        if (rows[first].spell.first >= stop) continue;
        bool at_start = false;
        bool at_end = false;
        for (size_t i = first; i < end && rows[i].spell.first < stop; ++i) {
          at_start =
              at_start || (rows[i].spell.first < start && rows[i].spell.last >= start - window);
          at_end = at_end || rows[i].spell.last >= stop - window;
        }
        counts[p].active_at_start += at_start;
        counts[p].retained += at_start && at_end;
        counts[p].active_at_end += at_end;
        counts[p].new_during += rows[first].spell.first >= start;
      }
    }
    first = end;
  }
  return Counts(std::move(counts));
}

}  // namespace cxhub
