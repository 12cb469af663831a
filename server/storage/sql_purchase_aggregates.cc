#include "server/storage/sql_purchase_aggregates.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
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
#include "server/storage/count_rows.h"
#include "server/storage/quarter_hours.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/touchpoint_channel_sql.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kBucketKeyColumns[] = {"currency", "bucket_start", "customer_id",
                                                   "touchpoint_id", "channel"};
constexpr absl::string_view kBucketSumColumns[] = {"amount_minor_units"};
constexpr CountTable kBuckets = {"customer_purchase_buckets", kBucketKeyColumns, "orders",
                                 kBucketSumColumns};

// One row of customer_purchase_buckets, in kBucketKeyColumns order.
struct BucketKey {
  std::string currency;
  int64_t bucket_start = 0;
  CustomerId customer_id = 0;
  TouchpointId touchpoint_id = 0;
  std::string channel;

  bool operator<(const BucketKey& other) const {
    return std::tie(currency, bucket_start, customer_id, touchpoint_id, channel) <
           std::tie(other.currency, other.bucket_start, other.customer_id, other.touchpoint_id,
                    other.channel);
  }
};

struct BucketChange {
  int64_t orders = 0;
  int64_t amount_minor_units = 0;
};

// A customer's totals in one currency.
using TotalsKey = std::pair<CustomerId, std::string>;
// What a purchase adds to its customer's totals: its time and amount, sorted, so that two lists
// are equal exactly when they sum to the same totals.
using TotalsContributions = std::map<TotalsKey, std::vector<std::pair<int64_t, int64_t>>>;

void AddContributions(absl::Span<const PurchasedInteraction> purchases,
                      TotalsContributions& contributions) {
  for (const PurchasedInteraction& purchase : purchases) {
    contributions[{purchase.customer_id, purchase.currency}].emplace_back(
        Micros(purchase.occur_time), purchase.amount_minor_units);
  }
  for (auto& [key, list] : contributions) std::sort(list.begin(), list.end());
}

// The totals whose purchases differ between `before` and `after`.
std::set<TotalsKey> ChangedTotals(absl::Span<const PurchasedInteraction> before,
                                  absl::Span<const PurchasedInteraction> after) {
  TotalsContributions was;
  TotalsContributions is;
  AddContributions(before, was);
  AddContributions(after, is);
  std::set<TotalsKey> changed;
  for (const auto& [key, list] : was) {
    auto found = is.find(key);
    if (found == is.end() || found->second != list) changed.insert(key);
  }
  for (const auto& [key, list] : is) {
    if (was.count(key) == 0) changed.insert(key);
  }
  return changed;
}

void AddBucketChanges(absl::Span<const PurchasedInteraction> purchases, int64_t sign,
                      std::map<BucketKey, BucketChange>& changes) {
  for (const PurchasedInteraction& purchase : purchases) {
    BucketChange& change =
        changes[BucketKey{purchase.currency, QuarterHourStartMicros(purchase.occur_time),
                          purchase.customer_id, purchase.touchpoint_id, purchase.channel}];
    change.orders += sign;
    change.amount_minor_units += sign * purchase.amount_minor_units;
  }
}

std::vector<Param> BucketKeyParams(const BucketKey& key) {
  return {key.currency, key.bucket_start, key.customer_id, key.touchpoint_id, key.channel};
}

PurchasedInteraction PurchasedFromRow(const Statement& row) {
  PurchasedInteraction purchase;
  purchase.customer_id = row.ColumnInt64(0);
  purchase.touchpoint_id = row.ColumnIsNull(1) ? 0 : row.ColumnInt64(1);
  purchase.channel = row.ColumnText(2);
  purchase.occur_time = FromMicros(row.ColumnInt64(3));
  purchase.currency = row.ColumnText(4);
  purchase.amount_minor_units = row.ColumnInt64(5);
  return purchase;
}

// A row of either sums table read by Sum: currency, customer, orders, amount, first time.
struct SumRow {
  std::string currency;
  CustomerPurchases customer;
  int64_t first_time = 0;
};

SumRow SumRowFromRow(const Statement& row) {
  return SumRow{row.ColumnText(0),
                CustomerPurchases{row.ColumnInt64(1), row.ColumnInt64(2), row.ColumnInt64(3)},
                row.ColumnInt64(4)};
}

bool Unfiltered(const PurchaseFilter& filter) {
  return !filter.touchpoint_id.has_value() && filter.channel.empty() &&
         filter.start_time == absl::InfinitePast() && filter.end_time == absl::InfiniteFuture();
}

// The query of Sum: over the totals without a filter (one row per paying customer), else over
// the buckets, grouped per customer. Both order by (currency, customer).
std::string SumSql(const PurchaseFilter& filter, std::vector<Param>& params) {
  std::string sql;
  if (Unfiltered(filter)) {
    sql =
        "SELECT currency, customer_id, orders, amount_minor_units, first_purchase_time "
        "FROM customer_purchase_totals WHERE 1 = 1";
  } else {
    sql =
        "SELECT currency, customer_id, SUM(orders), SUM(amount_minor_units), "
        "MIN(bucket_start) FROM customer_purchase_buckets "
        "WHERE bucket_start >= ? AND bucket_start < ?";
    params = {Micros(filter.start_time), Micros(filter.end_time)};
  }
  if (!filter.currency.empty()) {
    sql += " AND currency = ?";
    params.emplace_back(filter.currency);
  }
  sql += TouchpointChannelSql(filter.touchpoint_id, filter.channel, "", params);
  if (!Unfiltered(filter)) sql += " GROUP BY currency, customer_id";
  return sql + " ORDER BY currency, customer_id";
}

}  // namespace

std::optional<PurchasedInteraction> PurchasedOf(const Interaction& interaction) {
  if (!interaction.purchase.has_value()) return std::nullopt;
  return PurchasedInteraction{interaction.customer_id,
                              interaction.touchpoint_id,
                              interaction.channel,
                              interaction.occur_time,
                              interaction.purchase->currency,
                              interaction.purchase->amount_minor_units};
}

std::vector<PurchasedInteraction> PurchasesOf(absl::Span<const Interaction> interactions) {
  std::vector<PurchasedInteraction> purchases;
  for (const Interaction& interaction : interactions) {
    if (std::optional<PurchasedInteraction> purchase = PurchasedOf(interaction)) {
      purchases.push_back(*std::move(purchase));
    }
  }
  return purchases;
}

absl::StatusOr<std::vector<PurchasedInteraction>> SqlPurchaseAggregates::Load(
    absl::string_view where, absl::Span<const Param> params) {
  return db_.Query<PurchasedInteraction>(
      absl::StrCat("SELECT customer_id, touchpoint_id, channel, occur_time, purchase_currency, "
                   "purchase_amount_minor_units FROM interactions WHERE (",
                   where, ") AND purchase_currency IS NOT NULL", db_.dialect().lock_rows),
      params, PurchasedFromRow);
}

absl::Status SqlPurchaseAggregates::Recount(absl::Span<const PurchasedInteraction> before,
                                            absl::Span<const PurchasedInteraction> after) {
  if (before.empty() && after.empty()) return absl::OkStatus();  // Most interactions.
  std::map<BucketKey, BucketChange> changes;
  AddBucketChanges(before, -1, changes);
  AddBucketChanges(after, +1, changes);
  std::vector<CountChange> rows;
  rows.reserve(changes.size());
  for (const auto& [key, change] : changes) {
    rows.push_back({BucketKeyParams(key), change.orders, {change.amount_minor_units}});
  }
  // A bucket without orders is dropped, so the table stays small.
  CXHUB_RETURN_IF_ERROR(AddToCounts(db_, kBuckets, rows));
  for (const auto& [customer_id, currency] : ChangedTotals(before, after)) {
    CXHUB_RETURN_IF_ERROR(RebuildTotals(customer_id, currency));
  }
  return absl::OkStatus();
}

absl::Status SqlPurchaseAggregates::RebuildTotals(CustomerId customer_id,
                                                  const std::string& currency) {
  CXHUB_RETURN_IF_ERROR(
      db_.Execute("DELETE FROM customer_purchase_totals WHERE currency = ? AND customer_id = ?",
                  {currency, customer_id})
          .status());
  // The history index finds the customer's interactions; a customer has few.
  return db_
      .Execute(
          "INSERT INTO customer_purchase_totals (currency, customer_id, orders, "
          "amount_minor_units, first_purchase_time, last_purchase_time) "
          "SELECT purchase_currency, customer_id, COUNT(*), SUM(purchase_amount_minor_units), "
          "MIN(occur_time), MAX(occur_time) FROM interactions "
          "WHERE customer_id = ? AND purchase_currency = ? GROUP BY purchase_currency, customer_id",
          {customer_id, currency})
      .status();
}

absl::StatusOr<std::vector<CurrencyPurchases>> SqlPurchaseAggregates::Sum(
    const PurchaseFilter& filter) {
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.start_time, "start_time"));
  CXHUB_RETURN_IF_ERROR(CheckOnQuarterHour(filter.end_time, "end_time"));
  std::vector<Param> params;
  const std::string sql = SumSql(filter, params);
  CXHUB_ASSIGN_OR_RETURN(std::vector<SumRow> rows, db_.Query<SumRow>(sql, params, SumRowFromRow));
  std::vector<CurrencyPurchases> sums;
  for (SumRow& row : rows) {
    if (filter.only_customers != nullptr &&
        !filter.only_customers->contains(row.customer.customer_id)) {
      continue;
    }
    if (sums.empty() || sums.back().currency != row.currency) {
      sums.push_back({row.currency, {}, absl::InfiniteFuture()});
    }
    CurrencyPurchases& currency = sums.back();
    currency.customers.push_back(row.customer);
    currency.first_purchase_time =
        std::min(currency.first_purchase_time, FromMicros(row.first_time));
  }
  return sums;
}

}  // namespace cxhub
