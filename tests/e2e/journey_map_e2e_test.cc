// The journey map over gRPC on the real samples, read by cxhubd with the shipped config: the
// samples README's touchpoints ("Touchpoints and surveys") give each stage its interactions
// (4 mails + 4 NPS answers at "Place an order", 4 answers at "Receive the order", 6 mails,
// 9 calls, 7 chats, 2 CSAT and 4 NPS answers at "Get help", 7 posts at "Talk about us in
// public", 5 visits and 2 purchases at "Browse and buy on the site"; the mail splits 4 + 6, not
// the README's 3 + 7, as samples_e2e_test.cc explains), its NPS and CSAT, and every one of the 16
// customers a journey.
#include <map>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"

namespace cxhub::e2e {
namespace {

void SetYear(int year, google::protobuf::Timestamp* out) {
  out->set_seconds(
      absl::ToUnixSeconds(absl::FromCivil(absl::CivilYear(year), absl::UTCTimeZone())));
}

using JourneyMapE2eTest = ShippedSamplesE2eTest;

TEST_F(JourneyMapE2eTest, StagesAsInTheSamplesReadme) {
  v1::GetJourneyMapRequest request;
  SetYear(2020, request.mutable_start_time());
  SetYear(2030, request.mutable_end_time());
  v1::JourneyMap map;
  const grpc::Status status =
      client().analytics().GetJourneyMap(CxhubClient::Context().get(), request, &map);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(map.customers(), 16);
  EXPECT_EQ(map.journeys_with_touchpoints(), 16);
  EXPECT_EQ(map.interactions_without_touchpoint(), 0);
  std::map<std::string, const v1::JourneyMapStage*> stages;
  for (const v1::JourneyMapStage& stage : map.stages()) stages[stage.display_name()] = &stage;
  const std::map<std::string, int64_t> interactions = {{"Place an order", 8},
                                                       {"Receive the order", 4},
                                                       {"Get help", 28},
                                                       {"Talk about us in public", 7},
                                                       {"Browse and buy on the site", 7}};
  ASSERT_EQ(stages.size(), interactions.size());
  for (const auto& [name, count] : interactions) {
    ASSERT_EQ(stages.count(name), 1u) << name;
    EXPECT_EQ(stages[name]->interactions(), count) << name;
  }
  EXPECT_EQ(map.stages(0).display_name(), "Get help");
  EXPECT_DOUBLE_EQ(stages["Place an order"]->nps().score(), 25.0);
  EXPECT_DOUBLE_EQ(stages["Receive the order"]->nps().score(), -25.0);
  EXPECT_DOUBLE_EQ(stages["Get help"]->nps().score(), 25.0);
  EXPECT_EQ(stages["Get help"]->csat().answers(), 2);
  EXPECT_DOUBLE_EQ(stages["Get help"]->csat().satisfied_percent(), 50.0);
  EXPECT_FALSE(stages["Talk about us in public"]->has_nps());
  int64_t journeys = 0;
  for (const v1::JourneyMapStage& stage : map.stages()) journeys += stage.journeys_starting();
  EXPECT_EQ(journeys, 16);
}

}  // namespace
}  // namespace cxhub::e2e
