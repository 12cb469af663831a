// Store conformance for the sums behind lifetime value (SumPurchases): kept in the transaction of
// every write that changes a purchase or moves it (insert, replace, reassignment, touchpoint
// deletion, merge, customer deletion), and always equal to a recount of the interactions. Every
// backend must pass it unchanged.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// currency -> customer -> (orders, amount), for readable failures.
using Sums = std::map<std::string, std::map<CustomerId, std::pair<int64_t, int64_t>>>;

// 2026-09-07 00:00 UTC, on a quarter hour.
absl::Time Day0() { return absl::FromUnixSeconds(1788739200); }

Interaction Order(CustomerId customer, const std::string& external_id, absl::Time time,
                  int64_t amount, const std::string& currency) {
  Interaction interaction = NewInteraction(customer, external_id, time);
  interaction.kind = InteractionKind::kPurchase;
  interaction.channel = "web";
  interaction.purchase = Purchase{amount, currency, absl::StrCat("NW-", external_id)};
  return interaction;
}

class RandomPurchases;

class PurchaseSumsStoreTest : public StoreConformanceTest {
 protected:
  friend class RandomPurchases;

  CustomerId NewCustomerId(const std::string& name) {
    absl::StatusOr<CustomerId> id = InsertCustomer(NewCustomer(name));
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  InteractionId Record(const Interaction& interaction) {
    absl::StatusOr<InteractionId> id = InsertInteraction(interaction);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  absl::StatusOr<std::vector<CurrencyPurchases>> Sum(const PurchaseFilter& filter) {
    return Read<std::vector<CurrencyPurchases>>(
        [&](StoreReader& r) { return r.SumPurchases(filter); });
  }

  Sums SumMap(const PurchaseFilter& filter = PurchaseFilter()) {
    absl::StatusOr<std::vector<CurrencyPurchases>> sums = Sum(filter);
    EXPECT_TRUE(sums.ok()) << sums.status();
    Sums map;
    for (const CurrencyPurchases& currency : sums.value_or(std::vector<CurrencyPurchases>())) {
      EXPECT_FALSE(currency.customers.empty());
      for (const CustomerPurchases& customer : currency.customers) {
        map[currency.currency][customer.customer_id] = {customer.orders,
                                                        customer.amount_minor_units};
      }
    }
    return map;
  }

  absl::Status Replace(const Interaction& interaction) {
    return Write([&](StoreWriter& w) { return w.ReplaceInteractionContent(interaction).status(); });
  }
};

TEST_P(PurchaseSumsStoreTest, SumsEachCustomerPerCurrencyApart) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  Record(Order(a, "1", Day0() + absl::Minutes(3), 1000, "EUR"));
  Record(Order(a, "2", Day0() + absl::Hours(30), 500, "EUR"));
  Record(Order(a, "3", Day0(), 300, "USD"));
  Record(Order(b, "4", Day0() - absl::Hours(1), 2000, "EUR"));
  Record(NewInteraction(b, "not-a-purchase", Day0()));

  EXPECT_THAT(
      SumMap(),
      ElementsAre(
          std::pair("EUR", std::map<CustomerId, std::pair<int64_t, int64_t>>{{a, {2, 1500}},
                                                                             {b, {1, 2000}}}),
          std::pair("USD", std::map<CustomerId, std::pair<int64_t, int64_t>>{{a, {1, 300}}})));
  PurchaseFilter eur;
  eur.currency = "EUR";
  absl::StatusOr<std::vector<CurrencyPurchases>> sums = Sum(eur);
  ASSERT_TRUE(sums.ok()) << sums.status();
  ASSERT_EQ(sums->size(), 1u);
  EXPECT_EQ((*sums)[0].first_purchase_time, Day0() - absl::Hours(1));
  eur.currency = "JPY";
  EXPECT_THAT(SumMap(eur), IsEmpty());
}

TEST_P(PurchaseSumsStoreTest, FiltersByTouchpointChannelAndRangeExactly) {
  const CustomerId a = NewCustomerId("a");
  const TouchpointId shop = NewTouchpoint("shop");
  Interaction at_shop = Order(a, "1", Day0() + absl::Minutes(7), 1000, "EUR");
  at_shop.touchpoint_id = shop;
  Record(at_shop);
  Interaction by_phone = Order(a, "2", Day0() + absl::Hours(2), 700, "EUR");
  by_phone.channel = "phone";
  Record(by_phone);

  PurchaseFilter filter;
  filter.touchpoint_id = shop;
  EXPECT_EQ(SumMap(filter), (Sums{{"EUR", {{a, {1, 1000}}}}}));
  filter.touchpoint_id = 0;
  EXPECT_EQ(SumMap(filter), (Sums{{"EUR", {{a, {1, 700}}}}}));
  filter = PurchaseFilter();
  filter.channel = "web";
  EXPECT_EQ(SumMap(filter), (Sums{{"EUR", {{a, {1, 1000}}}}}));
  filter = PurchaseFilter();
  filter.start_time = Day0() + absl::Minutes(15);
  EXPECT_EQ(SumMap(filter), (Sums{{"EUR", {{a, {1, 700}}}}}));
  absl::StatusOr<std::vector<CurrencyPurchases>> sums = Sum(filter);
  ASSERT_TRUE(sums.ok() && sums->size() == 1) << sums.status();
  EXPECT_EQ((*sums)[0].first_purchase_time, Day0() + absl::Hours(2));
  filter.end_time = Day0() + absl::Hours(2);
  EXPECT_THAT(SumMap(filter), IsEmpty());
}

TEST_P(PurchaseSumsStoreTest, ReplacedPurchaseCountsOnce) {
  const CustomerId a = NewCustomerId("a");
  Record(Order(a, "1", Day0(), 1000, "EUR"));
  Record(Order(a, "2", Day0() + absl::Hours(1), 200, "EUR"));
  ASSERT_OK(Replace(Order(a, "1", Day0() + absl::Hours(3), 1250, "EUR")));
  EXPECT_EQ(SumMap(), (Sums{{"EUR", {{a, {2, 1450}}}}}));
  PurchaseFilter eur;
  absl::StatusOr<std::vector<CurrencyPurchases>> sums = Sum(eur);
  ASSERT_TRUE(sums.ok() && sums->size() == 1) << sums.status();
  EXPECT_EQ((*sums)[0].first_purchase_time, Day0() + absl::Hours(1));  // The first moved.

  ASSERT_OK(Replace(Order(a, "2", Day0() + absl::Hours(1), 9000, "GBP")));
  EXPECT_EQ(SumMap(), (Sums{{"EUR", {{a, {1, 1250}}}}, {"GBP", {{a, {1, 9000}}}}}));
  Interaction no_longer_a_purchase = NewInteraction(a, "1", Day0());
  ASSERT_OK(Replace(no_longer_a_purchase));
  EXPECT_EQ(SumMap(), (Sums{{"GBP", {{a, {1, 9000}}}}}));
  PurchaseFilter by_day;
  by_day.end_time = Day0() + absl::Hours(24);
  EXPECT_EQ(SumMap(by_day), (Sums{{"GBP", {{a, {1, 9000}}}}}));
}

TEST_P(PurchaseSumsStoreTest, MergedCustomerCountsOnceAndDeletedNotAtAll) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  const CustomerId c = NewCustomerId("c");
  Record(Order(a, "1", Day0(), 1000, "EUR"));
  Record(Order(a, "2", Day0(), 50, "USD"));
  Record(Order(b, "3", Day0(), 3000, "EUR"));
  Record(Order(c, "4", Day0(), 10, "EUR"));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(a, b); }));
  EXPECT_EQ(SumMap(), (Sums{{"EUR", {{b, {2, 4000}}, {c, {1, 10}}}}, {"USD", {{b, {1, 50}}}}}));
  PurchaseFilter web;
  web.channel = "web";
  EXPECT_EQ(SumMap(web), SumMap());

  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(b); }));
  EXPECT_EQ(SumMap(), (Sums{{"EUR", {{c, {1, 10}}}}}));
  EXPECT_EQ(SumMap(web), (Sums{{"EUR", {{c, {1, 10}}}}}));
}

TEST_P(PurchaseSumsStoreTest, ReassignmentAndTouchpointDeletionMovePurchases) {
  const CustomerId a = NewCustomerId("a");
  const TouchpointId shop = NewTouchpoint("shop");
  const InteractionId id = Record(Order(a, "1", Day0(), 1000, "EUR"));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(id, shop, 0); }));
  PurchaseFilter filter;
  filter.touchpoint_id = shop;
  EXPECT_EQ(SumMap(filter), (Sums{{"EUR", {{a, {1, 1000}}}}}));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpoint(shop); }));
  EXPECT_THAT(SumMap(filter), IsEmpty());
  filter.touchpoint_id = 0;
  EXPECT_EQ(SumMap(filter), (Sums{{"EUR", {{a, {1, 1000}}}}}));
}

TEST_P(PurchaseSumsStoreTest, RefusesARangeOffTheQuarterHour) {
  PurchaseFilter filter;
  filter.start_time = Day0() + absl::Minutes(5);
  EXPECT_EQ(Sum(filter).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(PurchaseSumsStoreTest, ReadsBackThePurchase) {
  const CustomerId a = NewCustomerId("a");
  const InteractionId id = Record(Order(a, "1", Day0(), 11990, "EUR"));
  absl::StatusOr<Interaction> read = GetInteraction(id);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_TRUE(read->purchase.has_value());
  EXPECT_EQ(read->purchase->amount_minor_units, 11990);
  EXPECT_EQ(read->purchase->currency, "EUR");
  EXPECT_EQ(read->purchase->order_id, "NW-1");
}

TEST_P(PurchaseSumsStoreTest, MigrationSumsThePurchasesRecordedBeforeIt) {
  const CustomerId a = NewCustomerId("a");
  Record(Order(a, "1", Day0() + absl::Minutes(20), 1000, "EUR"));
  Record(Order(a, "2", absl::FromUnixSeconds(-1), 5, "EUR"));
  Interaction by_phone = Order(a, "3", Day0(), 700, "USD");
  by_phone.channel = "phone";
  Record(by_phone);
  PurchaseFilter since_1970;
  since_1970.start_time = absl::UnixEpoch();
  const Sums all_before = SumMap();
  const Sums since_1970_before = SumMap(since_1970);

  // Run the part of migration 0007 that fills the sums again, on emptied tables.
  const Migration* purchases_migration = nullptr;
  for (const Migration& migration : backend_->dialect().migrations) {
    if (migration.version == 7) purchases_migration = &migration;
  }
  ASSERT_NE(purchases_migration, nullptr);
  const absl::string_view sql = purchases_migration->sql;
  const size_t fill = sql.find("INSERT INTO customer_purchase_totals");
  ASSERT_NE(fill, absl::string_view::npos);
  absl::StatusOr<std::unique_ptr<Connection>> connection = backend_->Connect();
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_OK((*connection)->Execute("DELETE FROM customer_purchase_totals"));
  ASSERT_OK((*connection)->Execute("DELETE FROM customer_purchase_buckets"));
  ASSERT_OK((*connection)->ExecuteScript(sql.substr(fill)));

  EXPECT_EQ(all_before, (Sums{{"EUR", {{a, {2, 1005}}}}, {"USD", {{a, {1, 700}}}}}));
  EXPECT_EQ(since_1970_before, (Sums{{"EUR", {{a, {1, 1000}}}}, {"USD", {{a, {1, 700}}}}}));
  EXPECT_EQ(SumMap(), all_before);
  EXPECT_EQ(SumMap(since_1970), since_1970_before);
}

// The random mix: what the store keeps must equal a recount of what the interactions hold.
class RandomPurchases {
 public:
  RandomPurchases(PurchaseSumsStoreTest& test, uint32_t seed) : test_(test), random_(seed) {}

  void Step() {
    const int choice = Pick(16);
    if (choice < 2 || customers_.size() < 2) {
      customers_.push_back(test_.NewCustomerId(absl::StrCat("c", next_++)));
    } else if (choice == 2 && customers_.size() > 4) {
      const size_t index = Pick(customers_.size());
      ASSERT_OK(test_.Write([&](StoreWriter& w) { return w.DeleteCustomer(customers_[index]); }));
      customers_.erase(customers_.begin() + index);
    } else if (choice == 3) {
      const size_t merged = Pick(customers_.size());
      const size_t survivor = (merged + 1 + Pick(customers_.size() - 1)) % customers_.size();
      ASSERT_OK(test_.Write([&](StoreWriter& w) {
        return w.MergeCustomerInto(customers_[merged], customers_[survivor]);
      }));
      customers_.erase(customers_.begin() + merged);
    } else if (choice < 8 && !keys_.empty()) {
      const absl::Status status = test_.Replace(Content(keys_[Pick(keys_.size())]));
      EXPECT_TRUE(status.ok() || absl::IsNotFound(status)) << status;  // Customer deleted.
    } else {
      keys_.push_back(absl::StrCat("i", next_++));
      test_.Record(Content(keys_.back()));
    }
  }

 private:
  int Pick(size_t n) {
    return std::uniform_int_distribution<int>(0, static_cast<int>(n) - 1)(random_);
  }

  Interaction Content(const std::string& key) {
    Interaction interaction = NewInteraction(customers_[Pick(customers_.size())], key,
                                             Day0() + absl::Minutes(Pick(3 * 24 * 60)));
    interaction.channel = Pick(2) == 0 ? "web" : "phone";
    if (Pick(4) != 0) {
      interaction.kind = InteractionKind::kPurchase;
      interaction.purchase = Purchase{Pick(100000), Pick(3) == 0 ? "USD" : "EUR", key};
    }
    return interaction;
  }

  PurchaseSumsStoreTest& test_;
  std::mt19937 random_;
  int next_ = 0;
  std::vector<CustomerId> customers_;
  std::vector<std::string> keys_;
};

// The sums of `interactions` matching `channel` (empty: any) and starting at `start`.
Sums RecountOf(const std::vector<Interaction>& interactions, const std::string& channel,
               absl::Time start) {
  Sums sums;
  for (const Interaction& interaction : interactions) {
    if (!interaction.purchase.has_value() || interaction.occur_time < start) continue;
    if (!channel.empty() && interaction.channel != channel) continue;
    auto& [orders, amount] = sums[interaction.purchase->currency][interaction.customer_id];
    orders += 1;
    amount += interaction.purchase->amount_minor_units;
  }
  return sums;
}

TEST_P(PurchaseSumsStoreTest, SumsEqualARecountAfterRandomWrites) {
  RandomPurchases writes(*this, /*seed=*/20261202);
  for (int i = 0; i < 600; ++i) {
    writes.Step();
    if (HasFailure()) return;
  }
  absl::StatusOr<std::vector<Interaction>> interactions = Read<std::vector<Interaction>>(
      [](StoreReader& r) { return r.ListInteractionsSince(0, 0, 100000); });
  ASSERT_TRUE(interactions.ok()) << interactions.status();

  const absl::Time day1 = Day0() + absl::Hours(24);
  EXPECT_EQ(SumMap(), RecountOf(*interactions, "", absl::InfinitePast()));
  for (const std::string channel : {"web", "phone"}) {
    PurchaseFilter filter;
    filter.channel = channel;
    EXPECT_EQ(SumMap(filter), RecountOf(*interactions, channel, absl::InfinitePast())) << channel;
    filter.start_time = day1;
    EXPECT_EQ(SumMap(filter), RecountOf(*interactions, channel, day1)) << channel;
  }
  // The first purchase of each currency, exact from the totals.
  absl::StatusOr<std::vector<CurrencyPurchases>> sums = Sum(PurchaseFilter());
  ASSERT_TRUE(sums.ok()) << sums.status();
  for (const CurrencyPurchases& currency : *sums) {
    absl::Time first = absl::InfiniteFuture();
    for (const Interaction& interaction : *interactions) {
      if (interaction.purchase && interaction.purchase->currency == currency.currency) {
        first = std::min(first, interaction.occur_time);
      }
    }
    EXPECT_EQ(currency.first_purchase_time, first) << currency.currency;
  }
  EXPECT_GT(interactions->size(), 150u);
  EXPECT_EQ(sums->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PurchaseSumsStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
