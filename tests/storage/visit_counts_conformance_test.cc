// Store conformance for the counts behind the visitor intent figures (SumVisits): kept in the
// transaction of every write that adds, changes, moves or removes a visit (insert, bulk insert,
// replace, reassignment, touchpoint deletion, customer deletion; a merge changes nothing), and
// always equal to a recount of the visits, for any range (whole days, their ends, less than a
// day), touchpoint and channel. Every backend must pass it unchanged.
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/core/visit_intent.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::IsEmpty;

// 2026-09-07 00:00 UTC, on a quarter hour.
absl::Time Day0() { return absl::FromUnixSeconds(1788739200); }

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

Flat Flatten(const VisitSums& sums) {
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
  for (const VisitBucket& quarter : sums.quarters) {
    AddFlat(absl::StrCat("quarter ", absl::FormatTime(quarter.start)), quarter.counts, flat);
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

  absl::StatusOr<VisitSums> Sum(const VisitFilter& filter) {
    return Read<VisitSums>([&](StoreReader& r) { return r.SumVisits(filter); });
  }

  Flat Counted(const VisitFilter& filter) {
    absl::StatusOr<VisitSums> sums = Sum(filter);
    EXPECT_TRUE(sums.ok()) << sums.status();
    return sums.ok() ? Flatten(*sums) : Flat();
  }

  // The same from every visit in the store, counted here.
  Flat Recounted(const VisitFilter& filter) {
    absl::StatusOr<std::vector<Interaction>> all = AllInteractions();
    EXPECT_TRUE(all.ok()) << all.status();
    VisitSums sums;
    std::map<absl::Time, VisitCounts> quarters;
    for (const Interaction& interaction : all.value_or(std::vector<Interaction>())) {
      const std::optional<VisitIntent> intent = VisitIntentOf(interaction);
      if (!intent.has_value() || interaction.occur_time < filter.start_time ||
          interaction.occur_time >= filter.end_time ||
          (filter.touchpoint_id.has_value() &&
           interaction.touchpoint_id != *filter.touchpoint_id) ||
          (!filter.channel.empty() && interaction.channel != filter.channel) ||
          (filter.only_customers != nullptr &&
           !filter.only_customers->contains(interaction.customer_id))) {
        continue;
      }
      VisitCounts one;
      one.visits[static_cast<int>(*intent)] = 1;
      sums.total += one;
      sums.by_touchpoint[interaction.touchpoint_id] += one;
      for (VisitDimension dimension : kVisitDimensions) {
        sums.by_dimension[dimension][VisitDimensionValue(interaction, dimension)] += one;
      }
      quarters[absl::FromUnixSeconds(absl::ToUnixSeconds(interaction.occur_time) / 900 * 900)] +=
          one;
    }
    if (filter.per_quarter_hour) {
      for (const auto& [start, counts] : quarters) sums.quarters.push_back({start, counts});
    }
    return Flatten(sums);
  }

  // Counted and Recounted agree for a set of ranges, touchpoints and channels.
  void ExpectCountsEqualRecount(TouchpointId touchpoint) {
    const absl::Time starts[] = {absl::InfinitePast(), Day0(), Day0() + absl::Minutes(45),
                                 Day0() + absl::Hours(23)};
    const absl::Time ends[] = {absl::InfiniteFuture(), Day0() + absl::Hours(48),
                               Day0() + absl::Hours(49) + absl::Minutes(15),
                               Day0() + absl::Hours(24)};
    for (const absl::Time start : starts) {
      for (const absl::Time end : ends) {
        VisitFilter filter;
        filter.start_time = start;
        filter.end_time = end;
        filter.per_quarter_hour = start != absl::InfinitePast() && end != absl::InfiniteFuture();
        EXPECT_EQ(Counted(filter), Recounted(filter)) << start << " " << end;
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
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(a, b); }));
  EXPECT_EQ(Counted(VisitFilter()), before);
  absl::flat_hash_set<CustomerId> only_b = {b};
  VisitFilter of_b;
  of_b.only_customers = &only_b;
  EXPECT_EQ(Counted(of_b), before);  // a's visit is b's now.
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(b); }));
  EXPECT_THAT(Counted(VisitFilter()), IsEmpty());
}

TEST_P(VisitCountsStoreTest, SegmentMembersVisitsAreCountedFromTheVisits) {
  const CustomerId a = NewCustomerId("a");
  const CustomerId b = NewCustomerId("b");
  Record(Visit(a, "1", Day0() + absl::Hours(3), {"informational"}));
  Record(Visit(b, "2", Day0() + absl::Hours(30), {"transactional"}));
  absl::flat_hash_set<CustomerId> only_a = {a};
  VisitFilter filter;
  filter.start_time = Day0();
  filter.end_time = Day0() + absl::Hours(48);
  filter.per_quarter_hour = true;
  filter.only_customers = &only_a;
  EXPECT_EQ(Counted(filter), Recounted(filter));
  EXPECT_EQ(Counted(filter).at("total/informational"), 1);
  EXPECT_EQ(Counted(filter).count("total/transactional"), 0u);
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
