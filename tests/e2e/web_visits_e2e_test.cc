// The samples' website visits (../shared/samples/web/matomo-visits.jsonl) through cxhubd with the
// shipped config, whose matomo-web connector reads them beside the other channels: exactly what
// the samples README's "Website visits and visitor intent" says they give.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"

namespace cxhub::e2e {
namespace {

using ::testing::UnorderedElementsAre;

using WebVisitsE2eTest = ShippedSamplesE2eTest;

// Every web interaction of every customer, with the customer it is filed under.
struct WebInteraction {
  std::string customer;
  v1::Interaction interaction;
};

std::vector<WebInteraction> AllWebInteractions(CxhubClient& client) {
  std::vector<WebInteraction> web;
  absl::StatusOr<std::vector<v1::Customer>> customers = client.AllCustomers();
  EXPECT_TRUE(customers.ok()) << customers.status();
  if (!customers.ok()) return web;
  for (const v1::Customer& customer : *customers) {
    absl::StatusOr<std::vector<v1::Interaction>> history = client.History(customer.name());
    EXPECT_TRUE(history.ok()) << history.status();
    if (!history.ok()) continue;
    for (const v1::Interaction& interaction : *history) {
      if (interaction.channel() == "web") web.push_back({customer.name(), interaction});
    }
  }
  return web;
}

std::vector<std::string> HistoryIds(CxhubClient& client, const std::string& customer) {
  std::vector<std::string> ids;
  absl::StatusOr<std::vector<v1::Interaction>> history = client.History(customer);
  EXPECT_TRUE(history.ok()) << history.status();
  if (history.ok()) {
    for (const v1::Interaction& interaction : *history) ids.push_back(interaction.external_id());
  }
  return ids;
}

TEST_F(WebVisitsE2eTest, FiveVisitsTwoPurchasesAndTheirIntents) {
  const std::vector<WebInteraction> web = AllWebInteractions(client());
  std::map<std::string, int> intents;
  std::vector<int64_t> amounts;
  int64_t revenue = 0;
  int visits = 0;
  for (const auto& [customer, interaction] : web) {
    SCOPED_TRACE(Describe(interaction));
    EXPECT_EQ(interaction.direction(), v1::INBOUND);
    EXPECT_EQ(interaction.source(), "matomo-web");
    if (interaction.kind() == v1::VISIT) {
      ++visits;
      ++intents[interaction.attributes().at("visit_intent")];
    } else {
      ASSERT_EQ(interaction.kind(), v1::PURCHASE);
      EXPECT_EQ(interaction.purchase().currency(), "EUR");
      amounts.push_back(interaction.purchase().amount_minor_units());
      revenue += interaction.purchase().amount_minor_units();
    }
  }
  EXPECT_EQ(visits, 5);
  EXPECT_THAT(amounts, UnorderedElementsAre(11990, 6450));
  EXPECT_EQ(revenue, 18440) << "184.40 EUR";
  EXPECT_THAT(intents, UnorderedElementsAre(::testing::Pair("transactional", 2),
                                            ::testing::Pair("informational", 3)));
}

TEST_F(WebVisitsE2eTest, AnonymousVisitorsAreTwoNewCustomersKnownByTheirVisitorId) {
  absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  EXPECT_EQ(customers->size(), 16u) << "the 14 of the other samples and 2 anonymous visitors";
  for (const auto& [visitor, history] :
       std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"matomo:1:5c0e2b7a93d14f6e", {"order:NW-10511", "4102"}},
           {"matomo:1:d4b8f2a61c3e5079", {"4104"}}}) {
    absl::StatusOr<v1::Customer> customer = client().Lookup(v1::EXTERNAL, visitor);
    ASSERT_TRUE(customer.ok()) << visitor << ": " << customer.status();
    ASSERT_EQ(customer->identities_size(), 1) << visitor;
    EXPECT_EQ(customer->identities(0).value(), visitor);
    EXPECT_THAT(HistoryIds(client(), customer->name()), ::testing::ElementsAreArray(history));
  }
}

TEST_F(WebVisitsE2eTest, TomsMixedCaseUserIdJoinsHisHistory) {
  absl::StatusOr<v1::Customer> tom = client().Lookup(v1::EMAIL, "tom.becker@example.de");
  ASSERT_TRUE(tom.ok()) << tom.status();
  absl::StatusOr<v1::Customer> visitor = client().Lookup(v1::EXTERNAL, "matomo:1:b7e1c5a9d3f2068e");
  ASSERT_TRUE(visitor.ok()) << visitor.status();
  EXPECT_EQ(visitor->name(), tom->name()) << "the signed-in visit links his visitor id";
  const std::vector<std::string> ids = HistoryIds(client(), tom->name());
  const std::vector<std::string> expected = {"4105", "order:NW-10533", "1788945242.75",
                                             "20260908064109.GA2231@Example.DE"};
  EXPECT_THAT(ids, ::testing::IsSupersetOf(expected)) << "the visit, its purchase, a call, a mail";
}

TEST_F(WebVisitsE2eTest, PriyasVisitComesBeforeHerChatInHerHistory) {
  absl::StatusOr<v1::Customer> priya = client().Lookup(v1::EMAIL, "priya.nair@example.in");
  ASSERT_TRUE(priya.ok()) << priya.status();
  const std::vector<std::string> ids = HistoryIds(client(), priya->name());
  // Newest first: the chat (14:02) after the visit (13:40) after her mail of the day before.
  const auto chat = std::find(ids.begin(), ids.end(), "message:90437");
  const auto visit = std::find(ids.begin(), ids.end(), "4103");
  ASSERT_NE(chat, ids.end());
  ASSERT_NE(visit, ids.end());
  EXPECT_EQ(visit, chat + 1) << "the visit is just before her chat";
}

TEST_F(WebVisitsE2eTest, TheTruncatedLineIsTheOneDeadLetter) {
  absl::StatusOr<v1::Connector> web = client().GetConnector("matomo-web");
  ASSERT_TRUE(web.ok()) << web.status();
  EXPECT_EQ(web->state(), v1::Connector::IDLE) << web->state_message();
  EXPECT_EQ(web->records_in(), 7);
  EXPECT_EQ(web->dead_lettered(), 1);
  absl::StatusOr<std::vector<v1::DeadLetter>> dead_letters = client().AllDeadLetters();
  ASSERT_TRUE(dead_letters.ok()) << dead_letters.status();
  std::vector<std::string> reasons;
  for (const v1::DeadLetter& letter : *dead_letters) {
    if (absl::StartsWith(letter.name(), "connectors/matomo-web/"))
      reasons.push_back(letter.reason());
  }
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_THAT(reasons[0], ::testing::HasSubstr("$: invalid JSON (truncated?)"));
}

TEST_F(WebVisitsE2eTest, BrowseAndBuyTouchpointTakesTheVisitsAndThePurchases) {
  absl::StatusOr<std::vector<v1::Touchpoint>> touchpoints = client().AllTouchpoints();
  ASSERT_TRUE(touchpoints.ok()) << touchpoints.status();
  std::string browse;
  for (const v1::Touchpoint& touchpoint : *touchpoints) {
    if (touchpoint.display_name() == "Browse and buy on the site") {
      browse = touchpoint.name();
      EXPECT_EQ(touchpoint.stage(), v1::JOURNEY_STAGE_CONSIDERATION);
      EXPECT_TRUE(touchpoint.controlled());
    }
  }
  ASSERT_FALSE(browse.empty());
  std::map<v1::InteractionKind, int> placed;
  for (const auto& [customer, interaction] : AllWebInteractions(client())) {
    EXPECT_EQ(interaction.touchpoint(), browse) << Describe(interaction);
    ++placed[interaction.kind()];
  }
  EXPECT_THAT(placed, UnorderedElementsAre(::testing::Pair(v1::VISIT, 5),
                                           ::testing::Pair(v1::PURCHASE, 2)));
}

}  // namespace
}  // namespace cxhub::e2e
