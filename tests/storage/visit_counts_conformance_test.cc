// Store conformance for the counts behind the visitor intent figures (SumVisits): kept in the
// transaction of every write that adds, changes, moves or removes a visit (insert, bulk insert,
// replace, reassignment, touchpoint deletion, customer deletion; a merge changes nothing), and
// always equal to a recount of the visits, for any range (whole days, their ends, less than a
// day), touchpoint and channel. Every backend must pass it unchanged.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/core/visit_intent.h"
#include "tests/storage/random_store_writes.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::IsEmpty;

// 2026-09-07 00:00 UTC, on a quarter hour.
absl::Time Day0() { return absl::FromUnixSeconds(1788739200); }
// When a segment's members are evaluated: ten days after Day0.
absl::Time SegmentsNow() { return Day0() + absl::Hours(240); }

struct VisitSpec {
  VisitSpec(std::string intent_value, std::string type = "search", std::string name = "Google",
            std::string keyword_value = "", std::string page = "https://shop.example/")
      : intent(std::move(intent_value)),
        referrer_type(std::move(type)),
        referrer_name(std::move(name)),
        keyword(std::move(keyword_value)),
        entry_page(std::move(page)) {}

  std::string intent;  // The attribute; empty: none given.
  std::string referrer_type;
  std::string referrer_name;
  std::string keyword;
  std::string entry_page;
};

Interaction Visit(CustomerId customer, const std::string& external_id, absl::Time time,
                  const VisitSpec& spec) {
  Interaction visit = NewInteraction(customer, external_id, time);
  visit.kind = InteractionKind::kVisit;
  visit.channel = "web";
  visit.source = "matomo";
  if (!spec.intent.empty()) visit.attributes["visit_intent"] = spec.intent;
  visit.attributes["referrer_type"] = spec.referrer_type;
  visit.attributes["referrer_name"] = spec.referrer_name;
  if (!spec.keyword.empty()) visit.attributes["referrer_keyword"] = spec.keyword;
  visit.attributes["entry_page"] = spec.entry_page;
  return visit;
}

// Visit counts as "what/intent" -> visits, without zeros, for readable failures.
using Flat = std::map<std::string, int64_t>;

void AddFlat(const std::string& what, const VisitCounts& counts, Flat& flat) {
  for (VisitIntent intent :
       {VisitIntent::kNone, VisitIntent::kTransactional, VisitIntent::kInformational}) {
    if (counts.Of(intent) != 0)
      flat[absl::StrCat(what, "/", VisitIntentName(intent))] += counts.Of(intent);
  }
}

// The bucket key of a visit or bucket starting at `start`: its UTC day and the last time of
// `split_at` at or before it, which every way of bucketing that honours split_at agrees on.
std::string BucketKey(absl::Time start, const std::vector<absl::Time>& split_at) {
  absl::Time point = absl::InfinitePast();
  for (absl::Time split : split_at) {
    if (split <= start && split > point) point = split;
  }
  return absl::StrCat("day ", absl::FormatTime("%Y-%m-%d", start, absl::UTCTimeZone()), " point ",
                      absl::FormatTime(point));
}

Flat Flatten(const VisitSums& sums, const std::vector<absl::Time>& split_at = {}) {
  Flat flat;
  AddFlat("total", sums.total, flat);
  for (const auto& [touchpoint, counts] : sums.by_touchpoint) {
    AddFlat(absl::StrCat("touchpoint ", touchpoint), counts, flat);
  }
  for (const auto& [dimension, values] : sums.by_dimension) {
    for (const auto& [value, counts] : values) {
      AddFlat(absl::StrCat("dimension ", static_cast<int>(dimension), " '", value, "'"), counts,
              flat);
    }
  }
  for (const auto& [dimension, counts] : sums.unlisted) {
    AddFlat(absl::StrCat("dimension ", static_cast<int>(dimension), " unlisted"), counts, flat);
  }
  for (const VisitBucket& bucket : sums.buckets) {
    for (absl::Time split : split_at) {
      EXPECT_FALSE(bucket.start < split && split < bucket.end)
          << "bucket " << bucket.start << " to " << bucket.end << " straddles " << split;
    }
    AddFlat(BucketKey(bucket.start, split_at), bucket.counts, flat);
  }
  return flat;
}

class VisitCountsStoreTest : public StoreConformanceTest {
 protected:
  InteractionId Record(const Interaction& interaction) {
    absl::StatusOr<InteractionId> id = InsertInteraction(interaction);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  absl::Status Replace(const Interaction& interaction) {
    return Write([&](StoreWriter& w) { return w.ReplaceInteractionContent(interaction).status(); });
  }

  // With a segment, its counts brought to SegmentsNow() in the same transaction.
  absl::StatusOr<VisitSums> Sum(const VisitFilter& filter) {
    auto sum = [&](StoreReader& r) { return r.SumVisits(filter); };
    if (filter.segment_id != 0)
      return ReadSegmentCounts<VisitSums>(filter.segment_id, SegmentsNow(), sum);
    return Read<VisitSums>(sum);
  }

  Flat Counted(const VisitFilter& filter) {
    absl::StatusOr<VisitSums> sums = Sum(filter);
    EXPECT_TRUE(sums.ok()) << sums.status();
    if (!sums.ok()) return Flat();
    for (size_t i = 1; i < sums->buckets.size(); ++i) {
      EXPECT_LE(sums->buckets[i - 1].start, sums->buckets[i].start) << "buckets out of order";
    }
    return Flatten(*sums, filter.split_at);
  }

  // The same from every visit in the store, counted here; with a segment, of `members` only.
  Flat Recounted(const VisitFilter& filter, const std::set<CustomerId>& members = {}) {
    absl::StatusOr<std::vector<Interaction>> all = AllInteractions();
    EXPECT_TRUE(all.ok()) << all.status();
    VisitSums sums;
    for (const Interaction& interaction : all.value_or(std::vector<Interaction>())) {
      const std::optional<VisitIntent> intent = VisitIntentOf(interaction);
      if (!intent.has_value() || interaction.occur_time < filter.start_time ||
          interaction.occur_time >= filter.end_time ||
          (filter.touchpoint_id.has_value() &&
           interaction.touchpoint_id != *filter.touchpoint_id) ||
          (!filter.channel.empty() && interaction.channel != filter.channel) ||
          (filter.segment_id != 0 && members.count(interaction.customer_id) == 0)) {
        continue;
      }
      VisitCounts one;
      one.visits[static_cast<int>(*intent)] = 1;
      sums.total += one;
      sums.by_touchpoint[interaction.touchpoint_id] += one;
      for (VisitDimension dimension : kVisitDimensions) {
        sums.by_dimension[dimension][VisitDimensionValue(interaction, dimension)] += one;
      }
      if (filter.per_bucket) {
        const absl::Time start = interaction.occur_time;
        sums.buckets.push_back({start, one, start});
      }
    }
    return Flatten(sums, filter.split_at);
  }

  // Counted and Recounted agree for a set of ranges, touchpoints and channels.
  void ExpectCountsEqualRecount(TouchpointId touchpoint) {
    const absl::Time starts[] = {absl::InfinitePast(), Day0(), Day0() + absl::Minutes(45),
                                 Day0() + absl::Hours(23)};
    // Partial end days of both kinds: read as they are (23:00 on, up to 01:15), or read whole
    // less the shorter part outside the range (up to 00:45, on from 47:00).
    const absl::Time ends[] = {absl::InfiniteFuture(), Day0() + absl::Hours(48),
                               Day0() + absl::Hours(49) + absl::Minutes(15),
                               Day0() + absl::Hours(47), Day0() + absl::Hours(24)};
    for (const absl::Time start : starts) {
      for (const absl::Time end : ends) {
        VisitFilter filter;
        filter.start_time = start;
        filter.end_time = end;
        filter.per_bucket = start != absl::InfinitePast() && end != absl::InfiniteFuture();
        EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end;
        if (filter.per_bucket) {
          // Points cutting days once (New York's midnights) and twice.
          filter.split_at = {start, Day0() + absl::Hours(5), Day0() + absl::Hours(29)};
          EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end << " cut once";
          filter.split_at.push_back(Day0() + absl::Hours(30) + absl::Minutes(45));
          EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end << " cut twice";
          filter.split_at.clear();
        }
        filter.touchpoint_id = touchpoint;
        EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end << " touchpoint";
        filter.touchpoint_id = 0;
        EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end << " none";
        filter.touchpoint_id.reset();
        filter.channel = "web";
        EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end << " web";
      }
    }
  }
};

TEST_P(VisitCountsStoreTest, CountsEachVisitByIntentAndDimension) {
  const CustomerId a = NewCustomerId("a");
  Record(
      Visit(a, "1", Day0() + absl::Hours(1), {"transactional", "search", "Google", "buy shoes"}));
  Record(Visit(a, "2", Day0() + absl::Hours(30), {"informational", "search", "Google", "reviews"}));
  Record(Visit(a, "3", Day0() + absl::Hours(30), {"", "direct", "", ""}));
  Record(NewInteraction(a, "not a visit", Day0() + absl::Hours(2)));
  const Flat all = Counted(VisitFilter());
  EXPECT_EQ(all.at("total/transactional"), 1);
  EXPECT_EQ(all.at("total/informational"), 1);
  EXPECT_EQ(all.at("total/none"), 1);
  EXPECT_EQ(all.at("touchpoint 0/none"), 1);
  EXPECT_EQ(all.at("dimension 1 'search'/transactional"), 1);
  EXPECT_EQ(all.at("dimension 1 'search'/informational"), 1);
  EXPECT_EQ(all.at("dimension 1 'direct'/none"), 1);
  EXPECT_EQ(all.at("dimension 3 'buy shoes'/transactional"), 1);
  EXPECT_EQ(all.at("dimension 3 ''/none"), 1);
  EXPECT_EQ(all, Recounted(VisitFilter()));
  VisitFilter first_day;
  first_day.start_time = Day0();
  first_day.end_time = Day0() + absl::Hours(24);
  EXPECT_EQ(Counted(first_day), (Flat{{"total/transactional", 1},
                                      {"touchpoint 0/transactional", 1},
                                      {"dimension 1 'search'/transactional", 1},
                                      {"dimension 2 'Google'/transactional", 1},
                                      {"dimension 3 'buy shoes'/transactional", 1},
                                      {"dimension 4 'https://shop.example/'/transactional", 1}}));
  ExpectCountsEqualRecount(0);
}

TEST_P(VisitCountsStoreTest, ClipsLongValuesAtAUtf8Boundary) {
  const CustomerId a = NewCustomerId("a");
  const std::string page = "https://shop.example/" + std::string(300, 'x') + "é";
  Record(Visit(a, "1", Day0(), {"transactional", "website", "blog", "", page}));
  Record(Visit(a, "2", Day0(), {"transactional", "website", "blog", "", page + "y"}));
  const Flat all = Counted(VisitFilter());
  EXPECT_EQ(all.at(absl::StrCat("dimension 4 '", page.substr(0, kMaxVisitDimensionBytes),
                                "'/transactional")),
            2);
}

TEST_P(VisitCountsStoreTest, BulkInsertCountsLikeSingleInserts) {
  const CustomerId a = NewCustomerId("a");
  const TouchpointId browse = NewTouchpoint("browse");
  std::vector<Interaction> batch;
  const char* intents[] = {"transactional", "informational", "none", ""};
  for (int i = 0; i < 40; ++i) {
    Interaction visit = Visit(a, absl::StrCat(i), Day0() + absl::Minutes(97 * i),
                              {intents[i % 4], i % 3 == 0 ? "search" : "social",
                               absl::StrCat("site", i % 5), absl::StrCat("kw", i % 7)});
    if (i % 2 == 0) visit.touchpoint_id = browse;
    batch.push_back(visit);
  }
  batch.push_back(batch.front());  // ALREADY_EXISTS, so not counted.
  ASSERT_OK(Write([&](StoreWriter& w) { return w.InsertInteractions(batch).status(); }));
  ExpectCountsEqualRecount(browse);
  EXPECT_EQ(Counted(VisitFilter()).at("total/transactional"), 10);
}

TEST_P(VisitCountsStoreTest, ReplacedVisitCountsOnceAsItIsNow) {
  const CustomerId a = NewCustomerId("a");
  Record(Visit(a, "1", Day0() + absl::Hours(1), {"transactional", "search", "Google", "shoes"}));
  ASSERT_OK(
      Replace(Visit(a, "1", Day0() + absl::Hours(26), {"informational", "social", "Mastodon"})));
  const Flat all = Counted(VisitFilter());
  EXPECT_EQ(all.at("total/informational"), 1);
  EXPECT_EQ(all.count("total/transactional"), 0u);
  EXPECT_EQ(all.at("dimension 1 'social'/informational"), 1);
  ExpectCountsEqualRecount(0);
  Interaction no_longer_a_visit = NewInteraction(a, "1", Day0());
  no_longer_a_visit.source = "matomo";
  ASSERT_OK(Replace(no_longer_a_visit));
  EXPECT_THAT(Counted(VisitFilter()), IsEmpty());
}

TEST_P(VisitCountsStoreTest, ReassignmentAndTouchpointDeletionMoveVisits) {
  const CustomerId a = NewCustomerId("a");
  const TouchpointId browse = NewTouchpoint("browse");
  const InteractionId id = Record(Visit(a, "1", Day0(), {"informational"}));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(id, browse, 0); }));
  VisitFilter at_browse;
  at_browse.touchpoint_id = browse;
  EXPECT_EQ(Counted(at_browse).at("total/informational"), 1);
  ExpectCountsEqualRecount(browse);
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteTouchpoint(browse); }));
  EXPECT_THAT(Counted(at_browse), IsEmpty());
  EXPECT_EQ(Counted(VisitFilter()).at("touchpoint 0/informational"), 1);
}

TEST_P(VisitCountsStoreTest, MergeChangesNothingAndDeletionRemovesTheVisits) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  Record(Visit(a, "1", Day0(), {"informational"}));
  Record(Visit(b, "2", Day0(), {"transactional"}));
  const Flat before = Counted(VisitFilter());
  VisitFilter of_b;
  of_b.segment_id = NewSegment({Tagged("b")});
  Tag(b, "b");
  const Flat only_b = Counted(of_b);  // The segment's counts exist before the merge.
  EXPECT_EQ(only_b.at("total/transactional"), 1);
  EXPECT_EQ(only_b.count("total/informational"), 0u);
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(a, b); }));
  EXPECT_EQ(Counted(VisitFilter()), before);
  EXPECT_EQ(Counted(of_b), before);  // a's visit is b's now.
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(b); }));
  EXPECT_THAT(Counted(VisitFilter()), IsEmpty());
}

TEST_P(VisitCountsStoreTest, ASegmentsVisitsAreItsMembersOnly) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  Record(Visit(a, "1", Day0() + absl::Hours(3), {"informational"}));
  Record(Visit(b, "2", Day0() + absl::Hours(30), {"transactional"}));
  // Recorded out of time order: the series comes ascending, a bucket per UTC day.
  Record(Visit(a, "3", Day0() + absl::Hours(20), {"none"}));
  Record(Visit(a, "4", Day0() + absl::Minutes(75), {"informational"}));
  Record(Visit(a, "5", Day0() + absl::Hours(40), {"transactional"}));
  Tag(a, "a");
  VisitFilter filter;
  filter.start_time = Day0();
  filter.end_time = Day0() + absl::Hours(48);
  filter.per_bucket = true;
  filter.segment_id = NewSegment({Tagged("a")});
  EXPECT_EQ(Counted(filter), Recounted(filter, {a}));
  EXPECT_EQ(Counted(filter).at("total/informational"), 2);
  EXPECT_EQ(Counted(filter).at("total/none"), 1);
  EXPECT_EQ(Counted(filter).at("total/transactional"), 1);
  absl::StatusOr<VisitSums> sums = Sum(filter);
  ASSERT_OK(sums.status());
  EXPECT_EQ(sums->buckets.size(), 2u);
}

TEST_P(VisitCountsStoreTest, CountsEqualARecountAfterRandomWrites) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  const TouchpointId browse = NewTouchpoint("browse");
  std::mt19937 random(20);
  const char* intents[] = {"transactional", "informational", "none", ""};
  for (int i = 0; i < 60; ++i) {
    const std::string id = absl::StrCat(random() % 30);
    Interaction visit =
        Visit(random() % 2 == 0 ? a : b, id, Day0() + absl::Minutes(15 * (random() % 300)),
              {intents[random() % 4], random() % 2 == 0 ? "search" : "direct",
               absl::StrCat("n", random() % 3), absl::StrCat("k", random() % 3)});
    if (random() % 2 == 0) visit.touchpoint_id = browse;
    if (!InsertInteraction(visit).ok()) ASSERT_OK(Replace(visit));
  }
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(a, b); }));
  ExpectCountsEqualRecount(browse);
  // Migration 0025 fills the quarter-hour totals from the counts a store already has.
  store_.reset();
  ASSERT_OK(
      RerunMigration(25, {"visit_intent_quarter_totals", "segment_visit_intent_quarter_totals"}));
  // Migration 0027 keys the quarter-hour counts touchpoint first, keeping their rows.
  ASSERT_OK(RerunMigration(27, {}));
  absl::StatusOr<std::unique_ptr<Store>> reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = *std::move(reopened);
  ExpectCountsEqualRecount(browse);
}

TEST_P(VisitCountsStoreTest, ListsTheFirstValuesOfADayAndCountsTheRestUnlisted) {
  const CustomerId a = NewCustomerId("a");
  const int listed = kVisitValuesListedPerDay;
  for (int i = 0; i < listed + 5; ++i) {  // One keyword each, all on Day0.
    Record(Visit(a, absl::StrCat(i), Day0() + absl::Minutes(i),
                 {"transactional", "search", "Google", absl::StrCat("k", i)}));
  }
  // A day later, the first keyword of that day is listed again.
  Record(Visit(a, "late", Day0() + absl::Hours(24), {"informational", "search", "Google", "k24"}));
  VisitFilter day0;
  day0.start_time = Day0();
  day0.end_time = Day0() + absl::Hours(24);
  Flat counted = Counted(day0);
  EXPECT_EQ(counted.at("total/transactional"), listed + 5);
  EXPECT_EQ(counted.at("dimension 3 'k0'/transactional"), 1);
  EXPECT_EQ(counted.at(absl::StrCat("dimension 3 'k", listed - 1, "'/transactional")), 1);
  EXPECT_EQ(counted.count(absl::StrCat("dimension 3 'k", listed, "'/transactional")), 0u);
  EXPECT_EQ(counted.at("dimension 3 unlisted/transactional"), 5);
  EXPECT_EQ(counted.count("dimension 2 unlisted/transactional"), 0u);  // One name only.
  EXPECT_EQ(Counted(VisitFilter()).at("dimension 3 'k24'/informational"), 1);
  // A listed value's visit changed to an unlisted value moves to the remainder, and back.
  ASSERT_OK(Replace(
      Visit(a, "3", Day0() + absl::Minutes(3), {"transactional", "search", "Google", "k99"})));
  counted = Counted(day0);
  EXPECT_EQ(counted.count("dimension 3 'k3'/transactional"), 0u);
  EXPECT_EQ(counted.at("dimension 3 unlisted/transactional"), 6);
  ASSERT_OK(Replace(
      Visit(a, "3", Day0() + absl::Minutes(3), {"transactional", "search", "Google", "k3"})));
  counted = Counted(day0);
  EXPECT_EQ(counted.at("dimension 3 'k3'/transactional"), 1);
  EXPECT_EQ(counted.at("dimension 3 unlisted/transactional"), 5);
  // A range's partial days count every value, from the visits.
  VisitFilter hours;
  hours.start_time = Day0();
  hours.end_time = Day0() + absl::Hours(1);
  EXPECT_EQ(Counted(hours), Recounted(hours));
  // A range from 00:30 over two days: the first day's counts less the visits before 00:30, each
  // taken from the row it was counted in, listed or not; the values left with none drop out.
  Record(Visit(a, "x", Day0() + absl::Minutes(40), {"transactional", "search", "Google", "k30"}));
  Record(Visit(a, "y", Day0() + absl::Minutes(41), {"transactional", "search", "Google", "k31"}));
  VisitFilter late;
  late.start_time = Day0() + absl::Minutes(30);
  late.end_time = Day0() + absl::Hours(48);
  counted = Counted(late);
  EXPECT_EQ(counted.at("total/transactional"), 2);
  EXPECT_EQ(counted.at("dimension 3 unlisted/transactional"), 2);
  EXPECT_EQ(counted.at("dimension 3 'k24'/informational"), 1);
  EXPECT_EQ(counted.count("dimension 3 'k3'/transactional"), 0u);
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(a); }));
  EXPECT_THAT(Counted(VisitFilter()), IsEmpty());
}

// Flat `b` added into `a`.
void AddFlats(const Flat& b, Flat& a) {
  for (const auto& [key, visits] : b) a[key] += visits;
}

// `flat` without the keys of `dimension`'s values.
Flat Without(VisitDimension dimension, Flat flat) {
  const std::string prefix = absl::StrCat("dimension ", static_cast<int>(dimension), " ");
  for (auto entry = flat.begin(); entry != flat.end();) {
    entry = absl::StartsWith(entry->first, prefix) ? flat.erase(entry) : std::next(entry);
  }
  return flat;
}

// Visits over a hundred days (2026-09-07 to 12-16): a range holding whole UTC months reads their
// values from the month totals (0026). Those equal the same range read a day at a time (from
// the day totals, which list a day's first values and count the rest unlisted; one October day
// has more keywords than a day lists) and, but for that listing, a recount of the visits; with
// a channel and for a segment; after replacements that move visits between months and a
// customer's deletion; and after 0026 is run again on the counts a store has.
TEST_P(VisitCountsStoreTest, WholeMonthsEqualTheirDaysAsVisitsMoveBetweenMonths) {
  const CustomerId customers[] = {NewCustomerId("a"), NewCustomerId("b"), NewCustomerId("c")};
  const TouchpointId browse = NewTouchpoint("browse");
  constexpr int kDays = 100;
  std::mt19937 random(26);
  const char* intents[] = {"transactional", "informational", "none", ""};
  std::vector<Interaction> visits;
  auto record = [&](const std::string& id, absl::Time time, const std::string& keyword) {
    Interaction visit = Visit(customers[random() % 3], id, time,
                              {intents[random() % 4], random() % 2 == 0 ? "search" : "direct",
                               absl::StrCat("n", random() % 4), keyword});
    if (random() % 2 == 0) visit.touchpoint_id = browse;
    if (random() % 4 == 0) visit.channel = "app";
    visits.push_back(visit);
    Record(visit);
  };
  for (int i = 0; i < 240; ++i) {
    record(absl::StrCat("v", i), Day0() + absl::Minutes(15 * (random() % (kDays * 96))),
           absl::StrCat("k", random() % 6));
  }
  const absl::Time busy_day = Day0() + absl::Hours(24 * 40);  // 2026-10-17.
  for (int i = 0; i < kVisitValuesListedPerDay + 6; ++i) {
    record(absl::StrCat("busy", i), busy_day + absl::Minutes(15 * i), absl::StrCat("busy ", i));
  }
  Tag(customers[0], "a");
  VisitFilter of_a;
  of_a.segment_id = NewSegment({Tagged("a")});
  const absl::Time day_before = Day0() - absl::Hours(24);
  const absl::Time day_after = Day0() + absl::Hours(24 * kDays);
  const absl::Time october = absl::FromCivil(absl::CivilDay(2026, 10, 1), absl::UTCTimeZone());
  const absl::Time november = absl::FromCivil(absl::CivilDay(2026, 11, 1), absl::UTCTimeZone());
  const absl::Time december = absl::FromCivil(absl::CivilDay(2026, 12, 1), absl::UTCTimeZone());

  auto expect_months_equal_days = [&](const std::string& when) {
    VisitFilter everyone;
    VisitFilter on_web;
    on_web.channel = "web";
    for (VisitFilter filter : {everyone, on_web, of_a}) {
      SCOPED_TRACE(
          absl::StrCat(when, ", channel '", filter.channel, "', segment ", filter.segment_id));
      // Each whole day once, from the day totals (no day range holds a whole month).
      std::map<absl::Time, Flat> day_counts;
      for (absl::Time day = day_before; day < day_after; day += absl::Hours(24)) {
        filter.start_time = day;
        filter.end_time = day + absl::Hours(24);
        day_counts[day] = Counted(filter);
      }
      const absl::Time starts[] = {absl::InfinitePast(), Day0(), october,
                                   october + absl::Minutes(45)};
      const absl::Time ends[] = {absl::InfiniteFuture(), november, december,
                                 december + absl::Hours(5), november + absl::Hours(24 * 19)};
      for (const absl::Time start : starts) {
        for (const absl::Time end : ends) {
          if (start >= end) continue;
          filter.start_time = start;
          filter.end_time = end;
          Flat by_days;
          for (const auto& [day, counts] : day_counts) {
            const absl::Time from = std::max(start, day);
            const absl::Time to = std::min(end, day + absl::Hours(24));
            if (from >= to) continue;
            if (from == day && to == day + absl::Hours(24)) {
              AddFlats(counts, by_days);
            } else {
              VisitFilter part = filter;
              part.start_time = from;
              part.end_time = to;
              AddFlats(Counted(part), by_days);
            }
          }
          const Flat counted = Counted(filter);
          EXPECT_EQ(counted, by_days) << start << " to " << end;
          const std::set<CustomerId> members = {customers[0]};
          EXPECT_EQ(Without(VisitDimension::kSearchKeyword, counted),
                    Without(VisitDimension::kSearchKeyword, Recounted(filter, members)))
              << start << " to " << end;
        }
      }
    }
  };
  expect_months_equal_days("as recorded");
  for (int i = 0; i < 60; ++i) {
    Interaction moved = visits[random() % visits.size()];
    moved.occur_time = Day0() + absl::Minutes(15 * (random() % (kDays * 96)));
    moved.attributes["visit_intent"] = intents[random() % 3];
    ASSERT_OK(Replace(moved));
  }
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(customers[2]); }));
  expect_months_equal_days("after replacements and a deletion");
  store_.reset();
  ASSERT_OK(RerunMigration(
      26, {"visit_intent_value_month_totals", "segment_visit_intent_value_month_totals"}));
  absl::StatusOr<std::unique_ptr<Store>> reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = *std::move(reopened);
  expect_months_equal_days("after 0026 again");
}

TEST_P(VisitCountsStoreTest, CountsVisitsRecordedBeforeTheCountsWhenTheStoreOpens) {
  const CustomerId a = NewCustomerId("a");
  const TouchpointId browse = NewTouchpoint("browse");
  Interaction visit = Visit(a, "1", Day0() + absl::Hours(1), {"transactional", "search", "Bing"});
  visit.touchpoint_id = browse;
  Record(visit);
  Record(Visit(a, "2", Day0() + absl::Hours(30), {"informational", "direct", "", "", "/faq"}));
  Record(Visit(a, "3", Day0() + absl::Hours(31), {""}));
  const Flat before = Counted(VisitFilter());
  ASSERT_EQ(before.at("total/transactional"), 1);
  // As a database written before 0020: no intent column values, no counts; then 0021 runs.
  store_.reset();
  {
    absl::StatusOr<std::unique_ptr<Connection>> raw = backend_->Connect();
    ASSERT_TRUE(raw.ok()) << raw.status();
    ASSERT_OK((*raw)->Execute("UPDATE interactions SET visit_intent = NULL"));
    ASSERT_OK((*raw)->Execute("DELETE FROM visit_intent_counts"));
    ASSERT_OK((*raw)->Execute("DELETE FROM visit_intent_day_counts"));
  }
  ASSERT_OK(RerunMigration(21, {"visit_intent_value_counts", "visit_intent_value_totals",
                                "visit_intent_listed_values", "visit_count_rebuilds"}));
  absl::StatusOr<std::unique_ptr<Store>> reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = *std::move(reopened);
  EXPECT_EQ(Counted(VisitFilter()), before);
  ExpectCountsEqualRecount(browse);
  // The intents are stored again, so segments (which read the column) see them.
  absl::StatusOr<std::unique_ptr<Connection>> raw = backend_->Connect();
  ASSERT_TRUE(raw.ok()) << raw.status();
  absl::StatusOr<std::unique_ptr<Statement>> unstored =
      (*raw)->Prepare("SELECT COUNT(*) FROM interactions WHERE kind = ? AND visit_intent IS NULL");
  ASSERT_TRUE(unstored.ok()) << unstored.status();
  (*unstored)->BindInt64(1, static_cast<int64_t>(InteractionKind::kVisit));
  const absl::StatusOr<bool> has_row = (*unstored)->Step();
  ASSERT_TRUE(has_row.ok() && *has_row) << has_row.status();
  EXPECT_EQ((*unstored)->ColumnInt64(0), 0);
  // A second open recounts nothing more.
  store_.reset();
  reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = *std::move(reopened);
  EXPECT_EQ(Counted(VisitFilter()), before);
}

TEST_P(VisitCountsStoreTest, CountsEqualARecountAfterTheRandomMixOfStoreWrites) {
  // Inserts, replacements, reassignments, merges, customer and touchpoint deletions.
  RandomWrites writes(*store_, Day0(), 2020);
  writes.WithVisits();
  writes.Run(400);
  ASSERT_FALSE(HasFatalFailure());
  for (const TouchpointId touchpoint : writes.all_touchpoints()) {
    ExpectCountsEqualRecount(touchpoint);
  }
}

// A segment's counts (scores and visits) equal a recount of the interactions of its members at
// the time of each refresh, while a random mix of writes goes on and the clock moves through
// the rules' windows (members leaving and entering a window with no write of theirs).
TEST_P(VisitCountsStoreTest, SegmentCountsEqualARecountOfTheirMembersAsWritesAndTimeGoOn) {
  RandomWrites writes(*store_, Day0(), 2121);
  writes.WithVisits();
  writes.Run(0);
  ASSERT_FALSE(HasFatalFailure());
  std::vector<std::vector<SegmentCondition>> rules;
  SegmentCondition active;
  active.kind = SegmentConditionKind::kActivity;
  active.within_days = 1;
  rules.push_back({active});
  SegmentCondition inactive = active;
  inactive.inactive = true;
  rules.push_back({inactive});
  SegmentCondition informational;
  informational.kind = SegmentConditionKind::kInteractionCount;
  informational.visit_intent = VisitIntent::kInformational;
  informational.count = 1;
  informational.within_days = 2;
  rules.push_back({informational});
  SegmentCondition detractor;
  detractor.kind = SegmentConditionKind::kScore;
  detractor.max_score = 6;
  detractor.within_days = 2;
  SegmentCondition on_chat;
  on_chat.kind = SegmentConditionKind::kChannel;
  on_chat.channel = "chat";
  rules.push_back({detractor, on_chat});
  rules.push_back({Tagged("x")});
  std::vector<SegmentId> segments;
  for (const auto& rule : rules) segments.push_back(NewSegment(rule));

  std::mt19937 random(7);
  absl::Time now = Day0();
  auto check = [&](size_t s) {
    SCOPED_TRACE(absl::StrCat("rule ", s, " at ", absl::FormatTime(now)));
    absl::StatusOr<std::vector<CustomerId>> members = Read<std::vector<CustomerId>>(
        [&](StoreReader& r) { return r.ListMatchingCustomers(rules[s], now); });
    ASSERT_OK(members.status());
    const std::set<CustomerId> member_set(members->begin(), members->end());
    VisitFilter visits;
    visits.segment_id = segments[s];
    visits.per_bucket = true;
    for (const auto& [start, end] :
         {std::pair(absl::InfinitePast(), absl::InfiniteFuture()),
          std::pair(Day0() + absl::Minutes(45), Day0() + absl::Hours(49) + absl::Minutes(15))}) {
      visits.start_time = start;
      visits.end_time = end;
      absl::StatusOr<VisitSums> counted = ReadSegmentCounts<VisitSums>(
          segments[s], now, [&](StoreReader& r) { return r.SumVisits(visits); });
      ASSERT_OK(counted.status());
      EXPECT_EQ(Flatten(*counted, {}), Recounted(visits, member_set));
    }
    absl::StatusOr<std::vector<Interaction>> all = AllInteractions();
    ASSERT_OK(all.status());
    for (SurveyMetric metric : {SurveyMetric::kNps, SurveyMetric::kCsat}) {
      for (bool mentioned : {false, true}) {
        ScoreAnswerFilter scores;
        scores.metric = metric;
        scores.mentioned = mentioned;
        scores.segment_id = segments[s];
        scores.whole_days = true;
        absl::StatusOr<std::vector<ScoreBucket>> counted =
            ReadSegmentCounts<std::vector<ScoreBucket>>(
                segments[s], now, [&](StoreReader& r) { return r.SumScoreAnswers(scores); });
        ASSERT_OK(counted.status());
        std::map<absl::Time, ScoreCounts> days;
        for (const ScoreBucket& bucket : *counted) days[bucket.start] += bucket.counts;
        std::map<absl::Time, ScoreCounts> recounted;
        for (const Interaction& interaction : *all) {
          if (member_set.count(interaction.customer_id) == 0) continue;
          std::optional<int> score;
          if (!mentioned && interaction.survey.has_value() &&
              interaction.survey->metric == metric) {
            score = interaction.survey->score;
          }
          if (mentioned && interaction.mentioned_score.has_value() &&
              interaction.mentioned_score->metric == metric) {
            score = interaction.mentioned_score->score;
          }
          if (!score.has_value()) continue;
          const absl::Time day = absl::FromUnixSeconds(absl::ToUnixSeconds(interaction.occur_time) /
                                                       86400 * 86400);  // After 1970.
          recounted[day].answers[*score] += 1;
        }
        EXPECT_EQ(days.size(), recounted.size());
        for (const auto& [day, counts] : recounted) {
          EXPECT_EQ(days[day].answers, counts.answers) << "day " << day;
        }
      }
    }
  };
  for (int round = 0; round < 12; ++round) {
    for (int step = 0; step < 25; ++step) writes.Step();
    ASSERT_FALSE(HasFatalFailure());
    absl::StatusOr<std::vector<CustomerId>> live = Read<std::vector<CustomerId>>(
        [&](StoreReader& r) { return r.ListMatchingCustomers({}, now); });
    ASSERT_OK(live.status());
    if (!live->empty()) Tag((*live)[random() % live->size()], random() % 2 == 0 ? "x" : "y");
    // Mostly forward, through the three days of interactions and past them; now and then back.
    now +=
        absl::Minutes(15 * static_cast<int>(random() % 40)) - absl::Hours(round % 5 == 4 ? 12 : 0);
    for (size_t s = 0; s < segments.size(); ++s) {
      check(s);
      if (HasFatalFailure()) return;
    }
  }
  // No more writes: the clock alone moves customers out of (and, for inactivity, into) the
  // segments, through the three days of interactions and past them.
  for (now = Day0() + absl::Hours(12); now < Day0() + absl::Hours(24 * 5); now += absl::Hours(5)) {
    for (size_t s = 0; s < segments.size(); ++s) {
      check(s);
      if (HasFatalFailure()) return;
    }
  }
  // A changed rule counts its new members from scratch.
  ASSERT_OK(Write([&](StoreWriter& w) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(Segment segment, w.GetSegment(segments[0]));
    segment.conditions[0].within_days = 3;
    return w.UpdateSegment(segment);
  }));
  rules[0][0].within_days = 3;
  check(0);
}

TEST_P(VisitCountsStoreTest, RefusesARangeOffTheQuarterHour) {
  VisitFilter filter;
  filter.end_time = Day0() + absl::Minutes(5);
  EXPECT_EQ(Sum(filter).status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, VisitCountsStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
