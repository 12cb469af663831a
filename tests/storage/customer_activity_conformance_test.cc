// Store conformance for the activity behind churn and retention (CountCustomerActivity): kept in
// the transaction of every write that changes it, and always equal to a recount of the
// interactions. Every backend must pass it unchanged.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/figures/customer_figures.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "tests/storage/insert_interactions.h"
#include "tests/storage/random_store_writes.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

// 2026-09-07 00:00 UTC, and whole days from it.
absl::Time Day(int day) { return absl::FromUnixSeconds(1788739200) + absl::Hours(24 * day); }

// (active at start, retained, active at end, new during), for readable failures.
std::tuple<int64_t, int64_t, int64_t, int64_t> Tuple(const ActivityCounts& counts) {
  return {counts.active_at_start, counts.retained, counts.active_at_end, counts.new_during};
}

// The period [Day(10), Day(20)) with a window of 10 days.
CustomerActivityFilter TenDays() {
  CustomerActivityFilter filter;
  filter.start_time = Day(10);
  filter.end_time = Day(20);
  filter.activity_window = absl::Hours(24 * 10);
  return filter;
}

// The counts by definition, from the interactions themselves.
ActivityCounts Recount(const std::vector<Interaction>& interactions,
                       const CustomerActivityFilter& filter) {
  std::map<CustomerId, std::vector<absl::Time>> times;
  for (const Interaction& interaction : interactions) {
    if (filter.touchpoint_id && interaction.touchpoint_id != *filter.touchpoint_id) continue;
    if (!filter.channel.empty() && interaction.channel != filter.channel) continue;
    if (filter.only_customers != nullptr &&
        !filter.only_customers->contains(interaction.customer_id)) {
      continue;
    }
    // Activity is kept per quarter hour, which the bounds are on: flooring changes nothing.
    times[interaction.customer_id].push_back(interaction.occur_time);
  }
  auto active_at = [&](const std::vector<absl::Time>& seen, absl::Time t) {
    for (absl::Time time : seen) {
      if (time >= t - filter.activity_window && time < t) return true;
    }
    return false;
  };
  ActivityCounts counts;
  for (const auto& [customer, seen] : times) {
    const bool at_start = active_at(seen, filter.start_time);
    const bool at_end = active_at(seen, filter.end_time);
    const absl::Time first = *std::min_element(seen.begin(), seen.end());
    counts.active_at_start += at_start;
    counts.active_at_end += at_end;
    counts.retained += at_start && at_end;
    counts.new_during += first >= filter.start_time && first < filter.end_time;
  }
  return counts;
}

class CustomerActivityStoreTest : public StoreConformanceTest {
 protected:
  // The store keeps spells for TenDays()'s window, so the cases with that window count from
  // spells and the others from the quarter hours.
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    Reopen(absl::Hours(24 * 10));
  }

  // An email from `customer` at `time`, with a fresh external id.
  InteractionId Touch(CustomerId customer, absl::Time time, const std::string& channel = "email",
                      TouchpointId touchpoint = 0) {
    Interaction interaction = NewInteraction(customer, absl::StrCat("i", next_++), time);
    interaction.channel = channel;
    interaction.touchpoint_id = touchpoint;
    absl::StatusOr<InteractionId> id = InsertInteraction(interaction);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  absl::StatusOr<ActivityCounts> Count(const CustomerActivityFilter& filter) {
    return Read<ActivityCounts>([&](StoreReader& r) { return r.CountCustomerActivity(filter); });
  }

  std::tuple<int64_t, int64_t, int64_t, int64_t> Counted(const CustomerActivityFilter& filter) {
    absl::StatusOr<ActivityCounts> counts = Count(filter);
    EXPECT_TRUE(counts.ok()) << counts.status();
    return Tuple(counts.value_or(ActivityCounts()));
  }

  // Every filter, of every customer and of a segment's worth of them, over a few periods against
  // a recount of `interactions`, with `window`: with the store's own window, counted from its
  // spells (but for a channel and a touchpoint at once); with another, from the quarter hours.
  // Each period is counted alone and with the others in one CountCustomerActivityPerPeriod.
  // Returns how many comparisons had both customers active at the start and new ones.
  int CompareWithRecount(const std::vector<Interaction>& interactions, const RandomWrites& writes,
                         absl::Duration window) {
    std::set<std::optional<TouchpointId>> touchpoints = {std::nullopt, TouchpointId{0}};
    for (TouchpointId touchpoint : writes.all_touchpoints()) touchpoints.insert(touchpoint);
    std::vector<std::string> channels = RandomWrites::Channels();
    channels.push_back("");
    absl::flat_hash_set<CustomerId> even_customers;
    for (const Interaction& interaction : interactions) {
      if (interaction.customer_id % 2 == 0) even_customers.insert(interaction.customer_id);
    }
    std::vector<ActivityPeriod> periods;
    for (int start_hour : {6, 24, 37}) {
      for (int hours : {3, 12, 30}) {
        const absl::Time start = Day(0) + absl::Hours(start_hour);
        periods.push_back({start, start + absl::Hours(hours)});
      }
    }
    int compared = 0;
    for (const std::optional<TouchpointId>& touchpoint : touchpoints) {
      for (const std::string& channel : channels) {
        const absl::flat_hash_set<CustomerId>* const everyone = nullptr;
        const absl::flat_hash_set<CustomerId>* const evens = &even_customers;
        for (const absl::flat_hash_set<CustomerId>* only : {everyone, evens}) {
          CustomerActivityFilter filter;
          filter.activity_window = window;
          filter.touchpoint_id = touchpoint;
          filter.channel = channel;
          filter.only_customers = only;
          const std::string described = absl::StrCat(
              "window ", absl::FormatDuration(window), " touchpoint ", touchpoint.value_or(-1),
              " channel '", channel, "' ", only == nullptr ? "every customer" : "even customers");
          absl::StatusOr<std::vector<ActivityCounts>> together = Read<std::vector<ActivityCounts>>(
              [&](StoreReader& r) { return r.CountCustomerActivityPerPeriod(filter, periods); });
          EXPECT_TRUE(together.ok()) << together.status();
          if (!together.ok()) continue;
          EXPECT_EQ(together->size(), periods.size()) << described;
          if (together->size() != periods.size()) continue;
          for (size_t i = 0; i < periods.size(); ++i) {
            filter.start_time = periods[i].start_time;
            filter.end_time = periods[i].end_time;
            const ActivityCounts expected = Recount(interactions, filter);
            EXPECT_EQ(Counted(filter), Tuple(expected)) << described << " period " << i;
            EXPECT_EQ(Tuple((*together)[i]), Tuple(expected))
                << described << " period " << i << " (per period)";
            if (expected.active_at_start > 0 && expected.new_during > 0) ++compared;
          }
        }
      }
    }
    return compared;
  }

  // The same database, its store keeping spells of activity for `window`.
  // Every stored spell, "scope customer first last", in key order.
  std::vector<std::string> StoredSpells() {
    std::vector<std::string> spells;
    absl::StatusOr<std::unique_ptr<Connection>> raw = backend_->Connect();
    EXPECT_TRUE(raw.ok()) << raw.status();
    if (!raw.ok()) return spells;
    absl::StatusOr<std::unique_ptr<Statement>> select = (*raw)->Prepare(
        "SELECT scope, customer_id, first_bucket, last_bucket FROM customer_activity_spells "
        "ORDER BY scope, customer_id, first_bucket");
    EXPECT_TRUE(select.ok()) << select.status();
    if (!select.ok()) return spells;
    for (absl::StatusOr<bool> row = (*select)->Step(); row.ok() && *row; row = (*select)->Step()) {
      spells.push_back(absl::StrCat((*select)->ColumnText(0), " ", (*select)->ColumnInt64(1), " ",
                                    (*select)->ColumnInt64(2), " ", (*select)->ColumnInt64(3)));
    }
    return spells;
  }

  void Reopen(absl::Duration window) {
    store_.reset();
    absl::StatusOr<std::unique_ptr<Store>> store = backend_->OpenWithActivityWindow(window);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  int next_ = 0;
};

TEST_P(CustomerActivityStoreTest, NobodyActiveCountsNothing) {
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(0, 0, 0, 0));
  Touch(NewCustomerId("later"), Day(40));
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(0, 0, 0, 0));
}

TEST_P(CustomerActivityStoreTest, CountsActiveRetainedAndNewAtTheWindowEdges) {
  Touch(NewCustomerId("churned"), Day(5));
  const CustomerId retained = NewCustomerId("retained");
  Touch(retained, Day(3));
  Touch(retained, Day(15));
  Touch(NewCustomerId("new"), Day(12));
  const CustomerId returning = NewCustomerId("returning");
  Touch(returning, Day(-30));
  Touch(returning, Day(18));
  Touch(NewCustomerId("last quarter hour before the start"), Day(10) - absl::Minutes(1));
  Touch(NewCustomerId("first instant of the window"), Day(0));
  Touch(NewCustomerId("just before the window"), Day(0) - absl::Microseconds(1));
  Touch(NewCustomerId("at the end, which is outside"), Day(20));

  // Active at the start: churned, retained, last quarter hour, first instant. At the end:
  // retained, new, returning. New: only "new" ("returning" was seen before).
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(4, 1, 3, 1));

  CustomerActivityFilter longer = TenDays();
  // Now "returning" and "just before" were active at the start, and all of them stay active
  // until the end but "at the end".
  longer.activity_window = absl::Hours(24 * 40);
  EXPECT_EQ(Counted(longer), std::make_tuple(6, 6, 7, 1));
}

TEST_P(CustomerActivityStoreTest, FiltersByChannelAndTouchpoint) {
  const TouchpointId help = NewTouchpoint("help");
  const CustomerId customer = NewCustomerId("c");
  Touch(customer, Day(5), "email", help);
  Touch(customer, Day(15), "chat");

  EXPECT_EQ(Counted(TenDays()), std::make_tuple(1, 1, 1, 0));
  CustomerActivityFilter chat = TenDays();
  chat.channel = "chat";
  EXPECT_EQ(Counted(chat), std::make_tuple(0, 0, 1, 1));
  CustomerActivityFilter at_help = TenDays();
  at_help.touchpoint_id = help;
  EXPECT_EQ(Counted(at_help), std::make_tuple(1, 0, 0, 0));
  at_help.touchpoint_id = 0;
  EXPECT_EQ(Counted(at_help), std::make_tuple(0, 0, 1, 1));
}

TEST_P(CustomerActivityStoreTest, MergedCustomerCountsOnceAndDeletedNotAtAll) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  Touch(a, Day(5));
  Touch(b, Day(5));  // The same row once merged: the counts add up.
  Touch(b, Day(15));
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(2, 1, 1, 0));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(a, b); }));
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(1, 1, 1, 0));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(b); }));
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(0, 0, 0, 0));
}

TEST_P(CustomerActivityStoreTest, ReplacementReassignmentAndTouchpointDeletionMoveActivity) {
  const TouchpointId help = NewTouchpoint("help");
  const CustomerId customer = NewCustomerId("c");
  Interaction moved = NewInteraction(customer, "moved", Day(5));
  ASSERT_TRUE(InsertInteraction(moved).ok());
  moved.occur_time = Day(15);
  moved.channel = "chat";
  ASSERT_OK(Write([&](StoreWriter& w) { return w.ReplaceInteractionContent(moved).status(); }));
  EXPECT_EQ(Counted(TenDays()), std::make_tuple(0, 0, 1, 1));
  CustomerActivityFilter email = TenDays();
  email.channel = "email";
  EXPECT_EQ(Counted(email), std::make_tuple(0, 0, 0, 0));

  const InteractionId id = Touch(customer, Day(6));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(id, help, 0); }));
  CustomerActivityFilter at_help = TenDays();
  at_help.touchpoint_id = help;
  EXPECT_EQ(Counted(at_help), std::make_tuple(1, 0, 0, 0));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpoint(help); }));
  EXPECT_EQ(Counted(at_help), std::make_tuple(0, 0, 0, 0));
  at_help.touchpoint_id = 0;
  EXPECT_EQ(Counted(at_help), std::make_tuple(1, 1, 1, 0));
}

TEST_P(CustomerActivityStoreTest, RefusesPeriodsAndWindowsOffTheQuarterHour) {
  CustomerActivityFilter filter = TenDays();
  filter.start_time += absl::Minutes(5);
  EXPECT_EQ(Count(filter).status().code(), absl::StatusCode::kInvalidArgument);
  filter = TenDays();
  filter.end_time = filter.start_time;
  EXPECT_EQ(Count(filter).status().code(), absl::StatusCode::kInvalidArgument);
  filter = TenDays();
  filter.activity_window = absl::Minutes(20);
  EXPECT_EQ(Count(filter).status().code(), absl::StatusCode::kInvalidArgument);
  filter.activity_window = absl::ZeroDuration();
  EXPECT_EQ(Count(filter).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(CustomerActivityStoreTest, MigrationCountsTheInteractionsRecordedBeforeIt) {
  const CustomerId retained = NewCustomerId("retained");
  Touch(retained, Day(1));
  Touch(retained, Day(15), "chat");
  Touch(NewCustomerId("new"), Day(12));
  Touch(NewCustomerId("before 1970"), absl::FromUnixSeconds(-1));
  CustomerActivityFilter since_1969 = TenDays();
  since_1969.start_time = absl::FromUnixSeconds(0);
  since_1969.activity_window = absl::Hours(24);
  CustomerActivityFilter chat = TenDays();
  chat.channel = "chat";
  const auto counted_before = Counted(TenDays());
  const auto chat_before = Counted(chat);
  const auto since_1969_before = Counted(since_1969);

  // Run migration 0006 again on a database that has the interactions but not the activity.
  ASSERT_OK(RerunMigration(6, {"customer_activity"}));

  EXPECT_EQ(counted_before, std::make_tuple(1, 1, 2, 1));
  EXPECT_EQ(since_1969_before, std::make_tuple(1, 0, 0, 2));
  EXPECT_EQ(Counted(TenDays()), counted_before);
  EXPECT_EQ(Counted(chat), chat_before);
  EXPECT_EQ(Counted(since_1969), since_1969_before);
}

TEST_P(CustomerActivityStoreTest, ActivityEqualsARecountAfterRandomWrites) {
  // The store keeps spells for this window from the first write.
  const absl::Duration spell_window = absl::Hours(18) + absl::Minutes(45);
  ASSERT_NO_FATAL_FAILURE(Reopen(spell_window));
  RandomWrites writes(*store_, Day(0), /*seed=*/20261202);
  writes.Run(800);
  if (HasFatalFailure()) return;
  absl::StatusOr<std::vector<Interaction>> interactions = AllInteractions();
  ASSERT_TRUE(interactions.ok()) << interactions.status();
  EXPECT_GT(interactions->size(), 60u);

  EXPECT_GT(CompareWithRecount(*interactions, writes, spell_window), 20)
      << "spells kept while writing";
  EXPECT_GT(CompareWithRecount(*interactions, writes, absl::Hours(11)), 20) << "quarter hours";
  // Spells kept while writing are the spells built from all the activity, row for row: counts
  // alone would not tell a spell left split in two where a new quarter hour joined them.
  const std::vector<std::string> kept = StoredSpells();
  EXPECT_GT(kept.size(), 20u);
  ASSERT_NO_FATAL_FAILURE(Reopen(absl::Hours(11)));
  ASSERT_NO_FATAL_FAILURE(Reopen(spell_window));
  EXPECT_EQ(kept, StoredSpells());
  // Opened with another window, the store builds every spell again.
  ASSERT_NO_FATAL_FAILURE(Reopen(absl::Hours(11)));
  EXPECT_GT(CompareWithRecount(*interactions, writes, absl::Hours(11)), 20)
      << "spells built at open";
  EXPECT_GT(CompareWithRecount(*interactions, writes, spell_window), 20)
      << "quarter hours, after the window changed";
}

TEST_P(CustomerActivityStoreTest, SpellsOfLargeBatchesEqualTheSpellsBuiltAgain) {
  // Batches of more customers than one read of the stored spells takes (256), whose
  // interactions extend, join and start spells of the batch before.
  const absl::Duration spell_window = absl::Hours(6);
  ASSERT_NO_FATAL_FAILURE(Reopen(spell_window));
  std::vector<CustomerId> customers;
  for (int i = 0; i < 300; ++i) customers.push_back(NewCustomerId(absl::StrCat("c", i)));
  const std::vector<TouchpointId> touchpoints = {NewTouchpoint("order"), NewTouchpoint("support")};
  const std::vector<std::string> channels = {"email", "chat", "phone"};
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<Interaction> interactions;
    for (size_t i = 0; i < customers.size(); ++i) {
      for (int k = 0; k < 3; ++k) {
        // Quarter hours hours apart, so that some join a spell across the window and some
        // start one of their own.
        const absl::Time time = Day(0) + absl::Hours(5 * batch + (i + k) % 9) +
                                absl::Minutes(15 * static_cast<int>((i * 7 + k) % 4));
        Interaction interaction =
            NewInteraction(customers[i], absl::StrCat("b", batch, "-", i, "-", k), time);
        interaction.channel = channels[(i + k + batch) % channels.size()];
        interaction.touchpoint_id = (i + k) % 3 == 2 ? 0 : touchpoints[(i + batch) % 2];
        interactions.push_back(interaction);
      }
    }
    const absl::Status written = InsertEveryInteraction(*store_, interactions);
    ASSERT_TRUE(written.ok()) << written;
  }
  const std::vector<std::string> kept = StoredSpells();
  // Each customer has a spell in "*", and in several channels and touchpoints.
  EXPECT_GT(kept.size(), 4 * customers.size());
  ASSERT_NO_FATAL_FAILURE(Reopen(absl::Hours(11)));
  ASSERT_NO_FATAL_FAILURE(Reopen(spell_window));
  EXPECT_EQ(kept, StoredSpells());
}

// Only a quarter hour new to customer_activity can change spells; a write whose quarter hours
// are all counted already (the common case: a conversation's next message) neither reads nor
// writes them. Seen from outside by taking the stored spells away: such a write leaves them
// missing, and a write of a new quarter hour writes that one's spells and no other.
TEST_P(CustomerActivityStoreTest, AWriteIntoQuarterHoursAlreadyCountedLeavesTheSpellsAlone) {
  const CustomerId ann = NewCustomerId("ann");
  const CustomerId bob = NewCustomerId("bob");
  const TouchpointId order = NewTouchpoint("order");
  const absl::Time quarter = Day(3) + absl::Minutes(30);
  Touch(ann, quarter, "chat", order);
  Touch(bob, quarter, "email");
  ASSERT_EQ(StoredSpells().size(), 6);  // Each in "*", their channel and their touchpoint.
  {
    absl::StatusOr<std::unique_ptr<Connection>> raw = backend_->Connect();
    ASSERT_TRUE(raw.ok()) << raw.status();
    ASSERT_TRUE((*raw)->Execute("DELETE FROM customer_activity_spells").ok());
  }

  Touch(ann, quarter + absl::Minutes(14), "chat", order);
  std::vector<Interaction> batch = {NewInteraction(ann, "again-ann", quarter),
                                    NewInteraction(bob, "again-bob", quarter + absl::Minutes(1))};
  batch[0].channel = "chat";
  batch[0].touchpoint_id = order;
  const absl::Status written = InsertEveryInteraction(*store_, batch);
  ASSERT_TRUE(written.ok()) << written;
  EXPECT_TRUE(StoredSpells().empty());

  // A new channel in the same quarter hour is a new row: its three scopes' spells are written
  // (the spell of "*" and of no touchpoint again, as a read found none).
  Touch(ann, quarter, "email");
  const int64_t bucket = absl::ToUnixMicros(quarter);
  EXPECT_EQ(StoredSpells(),
            (std::vector<std::string>{absl::StrCat("* ", ann, " ", bucket, " ", bucket),
                                      absl::StrCat("c:email ", ann, " ", bucket, " ", bucket),
                                      absl::StrCat("t:0 ", ann, " ", bucket, " ", bucket)}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomerActivityStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
