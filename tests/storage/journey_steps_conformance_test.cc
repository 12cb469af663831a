// Store conformance for the interactions behind a journey map (ForEachJourneyStep): the range,
// the channel, the order (customer, time, id), survey answers, merged and deleted customers.
// Every backend must pass it unchanged.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// (customer, seconds after T(0), touchpoint, survey score or -1), for readable failures.
using StepTuple = std::tuple<CustomerId, int64_t, TouchpointId, int>;

class JourneyStepsStoreTest : public StoreConformanceTest {
 protected:
  void Add(CustomerId customer, int seconds, TouchpointId touchpoint,
           const std::string& channel = "email") {
    Interaction interaction = NewInteraction(customer, absl::StrCat("j", next_++), T(seconds));
    interaction.touchpoint_id = touchpoint;
    interaction.channel = channel;
    ASSERT_TRUE(InsertInteraction(interaction).ok());
  }

  absl::StatusOr<std::vector<StepTuple>> Steps(int from, int to, const std::string& channel = "") {
    JourneyStepFilter filter;
    filter.start_time = T(from);
    filter.end_time = T(to);
    filter.channel = channel;
    std::vector<StepTuple> steps;
    absl::Status status = store_->Read([&](StoreReader& reader) {
      return reader.ForEachJourneyStep(filter, [&](const JourneyStep& step) {
        steps.emplace_back(step.customer_id, absl::ToInt64Seconds(step.occur_time - T(0)),
                           step.touchpoint_id,
                           step.survey_metric.has_value() ? step.survey_score : -1);
        return absl::OkStatus();
      });
    });
    if (!status.ok()) return status;
    return steps;
  }

  int next_ = 0;
};

TEST_P(JourneyStepsStoreTest, GivesTheRangeByCustomerThenTime) {
  const CustomerId ana = NewCustomerId("ana");
  const CustomerId bo = NewCustomerId("bo");
  const TouchpointId checkout = NewTouchpoint("Checkout");
  Add(bo, 30, checkout);
  Add(ana, 20, 0);
  Add(bo, 10, 0);
  Add(ana, 5, checkout);
  Add(ana, 5, 0);         // Same time: the id orders them.
  Add(ana, 9, checkout);  // Before the range.
  Add(bo, 40, checkout);  // At its end: outside.
  Add(bo, 11, checkout, "chat");
  const absl::StatusOr<std::vector<StepTuple>> steps = Steps(0, 40);
  ASSERT_TRUE(steps.ok()) << steps.status();
  EXPECT_THAT(*steps, ElementsAre(StepTuple{ana, 5, checkout, -1}, StepTuple{ana, 5, 0, -1},
                                  StepTuple{ana, 9, checkout, -1}, StepTuple{ana, 20, 0, -1},
                                  StepTuple{bo, 10, 0, -1}, StepTuple{bo, 11, checkout, -1},
                                  StepTuple{bo, 30, checkout, -1}));
  const absl::StatusOr<std::vector<StepTuple>> chat = Steps(0, 40, "chat");
  ASSERT_TRUE(chat.ok()) << chat.status();
  EXPECT_THAT(*chat, ElementsAre(StepTuple{bo, 11, checkout, -1}));
  const absl::StatusOr<std::vector<StepTuple>> narrow = Steps(6, 10);
  ASSERT_TRUE(narrow.ok()) << narrow.status();
  EXPECT_THAT(*narrow, ElementsAre(StepTuple{ana, 9, checkout, -1}));
}

TEST_P(JourneyStepsStoreTest, CarriesSurveyAnswers) {
  const CustomerId ana = NewCustomerId("ana");
  const TouchpointId support = NewTouchpoint("Support");
  Interaction answer = NewInteraction(ana, "survey-1", T(3));
  answer.kind = InteractionKind::kSurveyResponse;
  answer.touchpoint_id = support;
  answer.survey = Survey();
  answer.survey->metric = SurveyMetric::kCsat;
  answer.survey->score = 4;
  ASSERT_TRUE(InsertInteraction(answer).ok());
  std::vector<JourneyStep> steps;
  JourneyStepFilter filter;
  filter.start_time = T(0);
  filter.end_time = T(10);
  ASSERT_OK(store_->Read([&](StoreReader& reader) {
    return reader.ForEachJourneyStep(filter, [&](const JourneyStep& step) {
      steps.push_back(step);
      return absl::OkStatus();
    });
  }));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].kind, InteractionKind::kSurveyResponse);
  EXPECT_EQ(steps[0].survey_metric, SurveyMetric::kCsat);
  EXPECT_EQ(steps[0].survey_score, 4);
  EXPECT_EQ(steps[0].touchpoint_id, support);
}

TEST_P(JourneyStepsStoreTest, MergedCustomersComeAsTheirSurvivorAndDeletedOnesNotAtAll) {
  const CustomerId ana = NewCustomerId("ana");
  const CustomerId ana_again = NewCustomerId("ana again");
  const CustomerId gone = NewCustomerId("gone");
  Add(ana_again, 1, 0);
  Add(ana, 2, 0);
  Add(gone, 3, 0);
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(ana_again, ana); }));
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.DeleteCustomer(gone); }));
  const absl::StatusOr<std::vector<StepTuple>> steps = Steps(0, 10);
  ASSERT_TRUE(steps.ok()) << steps.status();
  EXPECT_THAT(*steps, ElementsAre(StepTuple{ana, 1, 0, -1}, StepTuple{ana, 2, 0, -1}));
}

TEST_P(JourneyStepsStoreTest, AnErrorFromTheCallerStopsTheRead) {
  const CustomerId ana = NewCustomerId("ana");
  Add(ana, 1, 0);
  Add(ana, 2, 0);
  JourneyStepFilter filter;
  filter.start_time = T(0);
  filter.end_time = T(10);
  int calls = 0;
  const absl::Status status = store_->Read([&](StoreReader& reader) {
    return reader.ForEachJourneyStep(filter, [&](const JourneyStep&) {
      ++calls;
      return absl::CancelledError("enough");
    });
  });
  EXPECT_TRUE(absl::IsCancelled(status)) << status;
  EXPECT_EQ(calls, 1);
}

TEST_P(JourneyStepsStoreTest, AnEmptyOrInfiniteRangeIsRefused) {
  EXPECT_TRUE(absl::IsInvalidArgument(Steps(10, 10).status()));
  JourneyStepFilter filter;
  filter.start_time = absl::InfinitePast();
  filter.end_time = T(10);
  const absl::Status status = store_->Read([&](StoreReader& reader) {
    return reader.ForEachJourneyStep(filter, [](const JourneyStep&) { return absl::OkStatus(); });
  });
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  const absl::StatusOr<std::vector<StepTuple>> none = Steps(0, 10);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT(*none, IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyStepsStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
