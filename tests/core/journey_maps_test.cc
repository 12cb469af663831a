// JourneyMaps on the real SQLite store: the range, the channel, merged and deleted customers,
// and the validation of a query.
#include "server/core/journey_maps.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/journey_map.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kStart = absl::FromUnixSeconds(1788771600);  // 2026-09-07 09:00 UTC.

class JourneyMapsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(temp_.store()
                    .Write([&](StoreWriter& writer) -> absl::Status {
                      for (const char* name : {"Browse", "Checkout", "Support"}) {
                        Touchpoint touchpoint;
                        touchpoint.display_name = name;
                        CXHUB_ASSIGN_OR_RETURN(TouchpointId id,
                                               writer.InsertTouchpoint(touchpoint));
                        touchpoints_.push_back(id);
                      }
                      return absl::OkStatus();
                    })
                    .ok());
  }

  CustomerId AddCustomer(const std::string& email) {
    CustomerId id = 0;
    EXPECT_TRUE(temp_.store()
                    .Write([&](StoreWriter& writer) -> absl::Status {
                      Customer customer;
                      customer.display_name = email;
                      customer.identities = {Email(email)};
                      CXHUB_ASSIGN_OR_RETURN(id, writer.InsertCustomer(customer));
                      return absl::OkStatus();
                    })
                    .ok());
    return id;
  }

  // An interaction of `customer` `minutes` after kStart at touchpoint index `at` (-1: none).
  void Add(CustomerId customer, int minutes, int at, const std::string& channel = "email") {
    Interaction interaction = Message(absl::StrCat("m", ++sequence_));
    interaction.customer_id = customer;
    interaction.channel = channel;
    interaction.occur_time = kStart + absl::Minutes(minutes);
    interaction.touchpoint_id = at < 0 ? 0 : touchpoints_[at];
    ASSERT_TRUE(temp_.store()
                    .Write([&](StoreWriter& writer) {
                      return writer.InsertInteraction(interaction).status();
                    })
                    .ok());
  }

  absl::StatusOr<JourneyMap> Get(int from_minutes, int to_minutes,
                                 const std::string& channel = "") {
    JourneyMapQuery query;
    query.start_time = kStart + absl::Minutes(from_minutes);
    query.end_time = kStart + absl::Minutes(to_minutes);
    query.channel = channel;
    return JourneyMaps(temp_.store()).Get(query);
  }

  std::vector<TouchpointId> Path(std::initializer_list<int> indexes) const {
    std::vector<TouchpointId> path;
    for (int index : indexes) path.push_back(touchpoints_[index]);
    return path;
  }

  TempStore temp_;
  std::vector<TouchpointId> touchpoints_;
  int sequence_ = 0;
};

TEST_F(JourneyMapsTest, AMergeJoinsTwoJourneysIntoOne) {
  const CustomerId ana = AddCustomer("ana@example.com");
  const CustomerId ana_again = AddCustomer("ana.work@example.com");
  Add(ana, 0, 0);
  Add(ana_again, 10, 1);
  Add(ana, 20, 2);
  ASSERT_TRUE(
      temp_.store()
          .Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(ana_again, ana); })
          .ok());
  const absl::StatusOr<JourneyMap> map = Get(0, 60);
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->customers, 1);
  EXPECT_EQ(map->journeys_with_touchpoints, 1);
  ASSERT_EQ(map->paths.size(), 1u);
  EXPECT_EQ(map->paths[0].touchpoint_ids, Path({0, 1, 2}));
  EXPECT_EQ(map->transitions.size(), 2u);
}

TEST_F(JourneyMapsTest, AVisitIsAStepSoBrowsedThenChattedThenBoughtIsAPath) {
  const CustomerId tom = AddCustomer("tom@example.com");
  auto record = [&](int minutes, int at, InteractionKind kind, const std::string& channel) {
    Interaction interaction = Message(absl::StrCat("j", ++sequence_));
    interaction.customer_id = tom;
    interaction.kind = kind;
    interaction.channel = channel;
    interaction.occur_time = kStart + absl::Minutes(minutes);
    interaction.touchpoint_id = touchpoints_[at];
    if (kind == InteractionKind::kVisit) interaction.attributes["visit_intent"] = "informational";
    if (kind == InteractionKind::kPurchase) interaction.purchase = Purchase{11990, "EUR", "o1"};
    return temp_.store().Write(
        [&](StoreWriter& writer) { return writer.InsertInteraction(interaction).status(); });
  };
  ASSERT_TRUE(record(0, 0, InteractionKind::kVisit, "web").ok());      // Browsed,
  ASSERT_TRUE(record(10, 2, InteractionKind::kMessage, "chat").ok());  // chatted,
  ASSERT_TRUE(record(20, 1, InteractionKind::kPurchase, "web").ok());  // bought.
  const absl::StatusOr<JourneyMap> map = Get(0, 60);
  ASSERT_TRUE(map.ok()) << map.status();
  ASSERT_EQ(map->paths.size(), 1u);
  EXPECT_EQ(map->paths[0].touchpoint_ids, Path({0, 2, 1}));
  EXPECT_EQ(map->paths[0].customers, 1);
}

TEST_F(JourneyMapsTest, OnlyTheRangeCountsAndTheNamesComeFromTheTouchpoints) {
  const CustomerId ana = AddCustomer("ana@example.com");
  Add(ana, -1, 2);  // Before the range.
  Add(ana, 0, 0);
  Add(ana, 59, 1);
  Add(ana, 60, 2);  // At its end: outside.
  const absl::StatusOr<JourneyMap> map = Get(0, 60);
  ASSERT_TRUE(map.ok()) << map.status();
  ASSERT_EQ(map->paths.size(), 1u);
  EXPECT_EQ(map->paths[0].touchpoint_ids, Path({0, 1}));
  EXPECT_EQ(map->start_time, kStart);
  EXPECT_EQ(map->end_time, kStart + absl::Hours(1));
  ASSERT_EQ(map->stages.size(), 2u);
  EXPECT_EQ(map->stages[0].display_name, "Browse");
  EXPECT_EQ(map->stages[1].display_name, "Checkout");
}

TEST_F(JourneyMapsTest, AnEmptyRangeIsAnEmptyMap) {
  Add(AddCustomer("ana@example.com"), 0, 0);
  const absl::StatusOr<JourneyMap> map = Get(120, 180);
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->customers, 0);
  EXPECT_THAT(map->stages, IsEmpty());
  EXPECT_THAT(map->paths, IsEmpty());
}

TEST_F(JourneyMapsTest, TheChannelFilterKeepsItsInteractionsOnly) {
  const CustomerId ana = AddCustomer("ana@example.com");
  const CustomerId bo = AddCustomer("bo@example.com");
  Add(ana, 0, 0, "chat");
  Add(ana, 1, 1, "email");
  Add(ana, 2, 2, "chat");
  Add(bo, 0, 1, "email");
  const absl::StatusOr<JourneyMap> map = Get(0, 60, "chat");
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->customers, 1);
  ASSERT_EQ(map->paths.size(), 1u);
  EXPECT_EQ(map->paths[0].touchpoint_ids, Path({0, 2}));
}

TEST_F(JourneyMapsTest, ADeletedCustomerIsGone) {
  const CustomerId ana = AddCustomer("ana@example.com");
  const CustomerId bo = AddCustomer("bo@example.com");
  Add(ana, 0, 0);
  Add(bo, 0, -1);
  ASSERT_TRUE(
      temp_.store().Write([&](StoreWriter& writer) { return writer.DeleteCustomer(bo); }).ok());
  const absl::StatusOr<JourneyMap> map = Get(0, 60);
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->customers, 1);
  EXPECT_EQ(map->interactions_without_touchpoint, 0);
}

TEST_F(JourneyMapsTest, AQueryIsCheckedFieldByField) {
  const auto field_of = [](const absl::StatusOr<JourneyMap>& map) {
    std::optional<FieldViolation> violation = FieldViolationOf(map.status());
    return violation.has_value() ? violation->field : std::string("(none)");
  };
  JourneyMaps maps(temp_.store());
  JourneyMapQuery query;
  EXPECT_EQ(field_of(maps.Get(query)), "start_time");
  query.start_time = kStart;
  EXPECT_EQ(field_of(maps.Get(query)), "end_time");
  query.end_time = kStart;
  EXPECT_EQ(field_of(maps.Get(query)), "end_time");
  query.end_time = kStart + absl::Hours(1);
  query.max_paths = 101;
  EXPECT_EQ(field_of(maps.Get(query)), "max_paths");
  query.max_paths = 0;
  EXPECT_EQ(field_of(maps.Get(query)), "max_paths");
}

}  // namespace
}  // namespace cxhub
