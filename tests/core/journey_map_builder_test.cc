// JourneyMapBuilder against hand-computed maps: every output of the journey map definitions
// (journey_map.h) on small fixed histories.
#include "server/core/journey_map_builder.h"

#include <cstdint>
#include <optional>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/journey_map.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr TouchpointId kBrowse = 1, kCheckout = 2, kSupport = 3;

const absl::Time kStart = absl::FromUnixSeconds(1788771600);  // 2026-09-07 09:00 UTC.

// Customer `customer`'s interaction `minutes` after kStart at `touchpoint` (0: none).
JourneyStep Step(CustomerId customer, int minutes, TouchpointId touchpoint) {
  JourneyStep step;
  step.customer_id = customer;
  step.occur_time = kStart + absl::Minutes(minutes);
  step.touchpoint_id = touchpoint;
  return step;
}

JourneyStep Answer(CustomerId customer, int minutes, TouchpointId touchpoint, SurveyMetric metric,
                   int score) {
  JourneyStep step = Step(customer, minutes, touchpoint);
  step.kind = InteractionKind::kSurveyResponse;
  step.survey_metric = metric;
  step.survey_score = score;
  return step;
}

Touchpoint NamedTouchpoint(TouchpointId id, const char* name, JourneyStage stage) {
  Touchpoint touchpoint;
  touchpoint.id = id;
  touchpoint.display_name = name;
  touchpoint.stage = stage;
  return touchpoint;
}

std::vector<Touchpoint> Touchpoints() {
  return {NamedTouchpoint(kBrowse, "Browse", JourneyStage::kConsideration),
          NamedTouchpoint(kCheckout, "Checkout", JourneyStage::kPurchase),
          NamedTouchpoint(kSupport, "Support", JourneyStage::kService)};
}

JourneyMap Build(const std::vector<JourneyStep>& steps, int max_paths = 10,
                 const absl::flat_hash_set<CustomerId>* only = nullptr) {
  JourneyMapBuilder builder(only);
  for (const JourneyStep& step : steps) builder.Add(step);
  return builder.Finish(Touchpoints(), max_paths);
}

const JourneyMapStage* StageOf(const JourneyMap& map, TouchpointId touchpoint) {
  for (const JourneyMapStage& stage : map.stages) {
    if (stage.touchpoint_id == touchpoint) return &stage;
  }
  return nullptr;
}

// (interactions, customers, journeys starting, journeys ending), for readable failures.
std::tuple<int64_t, int64_t, int64_t, int64_t> Counts(const JourneyMapStage& stage) {
  return {stage.interactions, stage.customers, stage.journeys_starting, stage.journeys_ending};
}

MATCHER_P4(Transition, from, to, moves, customers, "") {
  return arg.from_touchpoint_id == from && arg.to_touchpoint_id == to && arg.moves == moves &&
         arg.customers == customers;
}

MATCHER_P3(Path, touchpoints, customers, share, "") {
  return arg.touchpoint_ids == touchpoints && arg.customers == customers &&
         arg.share_percent == share;
}

// Customer 1: Browse Browse Checkout Checkout Support Browse  -> Browse Checkout Support Browse
// Customer 2: Browse Checkout                                 -> Browse Checkout
// Customer 3: Checkout Checkout Checkout                      -> Checkout
// Customer 4: Browse Checkout                                 -> Browse Checkout
std::vector<JourneyStep> FourJourneys() {
  return {Step(1, 0, kBrowse),    Step(1, 5, kBrowse),    Step(1, 10, kCheckout),
          Step(1, 20, kCheckout), Step(1, 50, kSupport),  Step(1, 60, kBrowse),
          Step(2, 0, kBrowse),    Step(2, 30, kCheckout), Step(3, 0, kCheckout),
          Step(3, 1, kCheckout),  Step(3, 2, kCheckout),  Step(4, 10, kBrowse),
          Step(4, 11, kCheckout)};
}

TEST(JourneyMapBuilder, CollapsesRepeatsIntoPathsWithTheirShare) {
  const JourneyMap map = Build(FourJourneys());
  EXPECT_EQ(map.customers, 4);
  EXPECT_EQ(map.journeys_with_touchpoints, 4);
  EXPECT_THAT(
      map.paths,
      ElementsAre(Path(std::vector<TouchpointId>{kBrowse, kCheckout}, 2, 50.0),
                  Path(std::vector<TouchpointId>{kBrowse, kCheckout, kSupport, kBrowse}, 1, 25.0),
                  Path(std::vector<TouchpointId>{kCheckout}, 1, 25.0)));
}

TEST(JourneyMapBuilder, MaxPathsKeepsTheMostCommon) {
  const JourneyMap map = Build(FourJourneys(), /*max_paths=*/1);
  EXPECT_THAT(map.paths, ElementsAre(Path(std::vector<TouchpointId>{kBrowse, kCheckout}, 2, 50.0)));
}

TEST(JourneyMapBuilder, CountsMovesAndTheCustomersWhoMadeThem) {
  const JourneyMap map = Build(FourJourneys());
  EXPECT_THAT(map.transitions, ElementsAre(Transition(kBrowse, kCheckout, 3, 3),
                                           Transition(kCheckout, kSupport, 1, 1),
                                           Transition(kSupport, kBrowse, 1, 1)));
}

TEST(JourneyMapBuilder, ACustomerMakingAMoveTwiceIsOneCustomer) {
  const JourneyMap map = Build(
      {Step(1, 0, kBrowse), Step(1, 1, kCheckout), Step(1, 2, kBrowse), Step(1, 3, kCheckout)});
  EXPECT_THAT(map.transitions, ElementsAre(Transition(kBrowse, kCheckout, 2, 1),
                                           Transition(kCheckout, kBrowse, 1, 1)));
  EXPECT_EQ(StageOf(map, kBrowse)->customers, 1);
  EXPECT_EQ(StageOf(map, kBrowse)->interactions, 2);
}

TEST(JourneyMapBuilder, StagesCountVolumeCustomersStartsAndEnds) {
  const JourneyMap map = Build(FourJourneys());
  ASSERT_EQ(map.stages.size(), 3u);
  // Most interactions first: Checkout 7, Browse 5, Support 1.
  EXPECT_EQ(map.stages[0].touchpoint_id, kCheckout);
  EXPECT_EQ(map.stages[0].display_name, "Checkout");
  EXPECT_EQ(map.stages[0].stage, JourneyStage::kPurchase);
  EXPECT_EQ(Counts(map.stages[0]), std::make_tuple(7, 4, 1, 3));
  EXPECT_EQ(map.stages[1].touchpoint_id, kBrowse);
  EXPECT_EQ(Counts(map.stages[1]), std::make_tuple(5, 3, 3, 1));
  EXPECT_EQ(map.stages[2].touchpoint_id, kSupport);
  EXPECT_EQ(Counts(map.stages[2]), std::make_tuple(1, 1, 0, 0));
}

TEST(JourneyMapBuilder, MedianTimeToNextRunsFromTheLastInteractionToTheFirstAtTheNext) {
  const JourneyMap map = Build(FourJourneys());
  // Browse -> Checkout: 10 - 5 = 5 min (customer 1), 30 min (2), 1 min (4): median 5 min.
  EXPECT_EQ(StageOf(map, kBrowse)->median_time_to_next, absl::Minutes(5));
  // Checkout -> Support: 50 - 20 = 30 min (customer 1 only).
  EXPECT_EQ(StageOf(map, kCheckout)->median_time_to_next, absl::Minutes(30));
  // Support -> Browse: 10 min.
  EXPECT_EQ(StageOf(map, kSupport)->median_time_to_next, absl::Minutes(10));
}

TEST(JourneyMapBuilder, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  const JourneyMap map = Build(
      {Step(1, 0, kBrowse), Step(1, 10, kCheckout), Step(2, 0, kBrowse), Step(2, 25, kCheckout)});
  EXPECT_EQ(StageOf(map, kBrowse)->median_time_to_next, absl::Seconds(17 * 60 + 30));
  EXPECT_EQ(StageOf(map, kCheckout)->median_time_to_next, std::nullopt);
}

TEST(JourneyMapBuilder, AJourneyOfOneTouchpointStartsAndEndsThere) {
  const JourneyMap map = Build({Step(7, 0, kSupport), Step(7, 3, kSupport)});
  EXPECT_EQ(map.journeys_with_touchpoints, 1);
  EXPECT_THAT(map.transitions, IsEmpty());
  EXPECT_THAT(map.paths, ElementsAre(Path(std::vector<TouchpointId>{kSupport}, 1, 100.0)));
  EXPECT_EQ(Counts(*StageOf(map, kSupport)), std::make_tuple(2, 1, 1, 1));
  EXPECT_EQ(StageOf(map, kSupport)->median_time_to_next, std::nullopt);
}

TEST(JourneyMapBuilder, InteractionsWithoutTouchpointAreAStageButNoStep) {
  // Customer 1: Browse, none, Browse, none, Checkout -> Browse Checkout (none breaks no repeat).
  // Customer 2: none, none -> no journey.
  const JourneyMap map =
      Build({Step(1, 0, kBrowse), Step(1, 1, 0), Step(1, 2, kBrowse), Step(1, 3, 0),
             Step(1, 9, kCheckout), Step(2, 0, 0), Step(2, 1, 0)});
  EXPECT_EQ(map.customers, 2);
  EXPECT_EQ(map.journeys_with_touchpoints, 1);
  EXPECT_EQ(map.interactions_without_touchpoint, 4);
  EXPECT_EQ(map.customers_without_touchpoint, 1);
  EXPECT_THAT(map.paths,
              ElementsAre(Path(std::vector<TouchpointId>{kBrowse, kCheckout}, 1, 100.0)));
  EXPECT_THAT(map.transitions, ElementsAre(Transition(kBrowse, kCheckout, 1, 1)));
  // From the last Browse (minute 2) to Checkout (minute 9).
  EXPECT_EQ(StageOf(map, kBrowse)->median_time_to_next, absl::Minutes(7));
  ASSERT_FALSE(map.stages.empty());
  const JourneyMapStage& none = map.stages[0];
  EXPECT_EQ(none.touchpoint_id, 0);
  EXPECT_EQ(none.display_name, "");
  EXPECT_EQ(none.stage, std::nullopt);
  EXPECT_EQ(Counts(none), std::make_tuple(4, 2, 0, 0));
  EXPECT_EQ(none.median_time_to_next, std::nullopt);
}

TEST(JourneyMapBuilder, SatisfactionAtATouchpointComesFromItsAnswers) {
  const JourneyMap map =
      Build({Answer(1, 0, kCheckout, SurveyMetric::kNps, 10),
             Answer(2, 0, kCheckout, SurveyMetric::kNps, 9),
             Answer(3, 0, kCheckout, SurveyMetric::kNps, 7),
             Answer(4, 0, kCheckout, SurveyMetric::kNps, 6),
             Answer(4, 1, kCheckout, SurveyMetric::kCsat, 4),
             Answer(5, 0, kSupport, SurveyMetric::kCes, 6), Step(5, 1, kSupport)});
  const JourneyMapStage& checkout = *StageOf(map, kCheckout);
  ASSERT_TRUE(checkout.nps.has_value());
  EXPECT_EQ(checkout.nps->answers, 4);
  EXPECT_EQ(checkout.nps->promoters, 2);
  EXPECT_EQ(checkout.nps->detractors, 1);
  EXPECT_DOUBLE_EQ(checkout.nps->score, 25.0);
  ASSERT_TRUE(checkout.csat.has_value());
  EXPECT_EQ(checkout.csat->answers, 1);
  EXPECT_DOUBLE_EQ(checkout.csat->satisfied_percent, 100.0);
  EXPECT_FALSE(checkout.ces.has_value());
  const JourneyMapStage& support = *StageOf(map, kSupport);
  EXPECT_FALSE(support.nps.has_value());
  ASSERT_TRUE(support.ces.has_value());
  EXPECT_DOUBLE_EQ(support.ces->mean, 6.0);
  EXPECT_EQ(support.interactions, 2);
}

TEST(JourneyMapBuilder, OnlyTheGivenCustomersMakeTheMap) {
  const absl::flat_hash_set<CustomerId> only = {2, 3};
  const JourneyMap map = Build(FourJourneys(), 10, &only);
  EXPECT_EQ(map.customers, 2);
  EXPECT_THAT(map.paths, ElementsAre(Path(std::vector<TouchpointId>{kBrowse, kCheckout}, 1, 50.0),
                                     Path(std::vector<TouchpointId>{kCheckout}, 1, 50.0)));
  EXPECT_EQ(StageOf(map, kCheckout)->interactions, 4);
  EXPECT_EQ(StageOf(map, kSupport), nullptr);
}

TEST(JourneyMapBuilder, NoInteractionsIsAnEmptyMap) {
  const JourneyMap map = Build({});
  EXPECT_EQ(map.customers, 0);
  EXPECT_EQ(map.journeys_with_touchpoints, 0);
  EXPECT_THAT(map.stages, IsEmpty());
  EXPECT_THAT(map.transitions, IsEmpty());
  EXPECT_THAT(map.paths, IsEmpty());
}

}  // namespace
}  // namespace cxhub
