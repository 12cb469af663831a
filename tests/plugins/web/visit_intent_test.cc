// Visitor-intent rules: their syntax, URL paths, and the order of precedence.
#include "plugins/web/visit_intent.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::web {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<IntentRule> Rules(const std::vector<std::string>& texts) {
  std::vector<IntentRule> rules;
  for (const std::string& text : texts) {
    absl::StatusOr<IntentRule> rule = ParseIntentRule(text);
    EXPECT_TRUE(rule.ok()) << rule.status();
    if (rule.ok()) rules.push_back(*rule);
  }
  return rules;
}

// The samples README's rules.
const std::vector<std::string> kSampleRules = {
    "transactional: url /cart, /checkout", "transactional: order",
    "informational: url /help/, /blog/, /contact", "informational: search"};

WebVisit VisitTo(const std::vector<std::string>& urls) {
  WebVisit visit;
  for (const std::string& url : urls) visit.pages.push_back({url, "", 10});
  return visit;
}

TEST(VisitIntent, ParsesTheThreeConditions) {
  absl::StatusOr<IntentRule> url = ParseIntentRule(" transactional :url /cart,/checkout ");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->intent, VisitIntent::kTransactional);
  EXPECT_EQ(url->condition, IntentRule::Condition::kUrl);
  EXPECT_THAT(url->paths, ElementsAre("/cart", "/checkout"));
  EXPECT_EQ(ParseIntentRule("informational: search")->condition, IntentRule::Condition::kSearch);
  EXPECT_EQ(ParseIntentRule("transactional: order")->condition, IntentRule::Condition::kOrder);
}

TEST(VisitIntent, RefusesMalformedRules) {
  EXPECT_THAT(ParseIntentRule("curious: order").status().message(),
              HasSubstr("intent transactional or informational"));
  EXPECT_THAT(ParseIntentRule("transactional: cart").status().message(),
              HasSubstr("order, search or url"));
  EXPECT_THAT(ParseIntentRule("transactional: url").status().message(),
              HasSubstr("does not start with '/'"));
  EXPECT_THAT(ParseIntentRule("transactional: url cart").status().message(),
              HasSubstr("url path 'cart' does not start with '/'"));
  EXPECT_THAT(ParseIntentRule("transactional").status().message(), HasSubstr("intent_rule"));
}

TEST(VisitIntent, UrlPathLeavesOutSchemeHostQueryAndFragment) {
  EXPECT_EQ(UrlPath("https://northwind.example/help/returns?x=1#top"), "/help/returns");
  EXPECT_EQ(UrlPath("https://northwind.example"), "/");
  EXPECT_EQ(UrlPath("https://northwind.example?q=/cart"), "/");
  EXPECT_EQ(UrlPath("/cart?step=2"), "/cart");
}

TEST(VisitIntent, PathsMatchSegmentBySegment) {
  const std::vector<IntentRule> rules = Rules(kSampleRules);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/cart"}), rules), VisitIntent::kTransactional);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/cart/items"}), rules),
            VisitIntent::kTransactional);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/cartoons"}), rules), VisitIntent::kNone);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/help"}), rules), VisitIntent::kNone);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/help/returns"}), rules),
            VisitIntent::kInformational);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/Cart"}), rules), VisitIntent::kNone);
}

TEST(VisitIntent, FirstMatchingRuleInTheGivenOrderWins) {
  WebVisit visit = VisitTo({"https://n.example/help/returns", "https://n.example/checkout"});
  visit.site_searches.push_back("returns");
  EXPECT_EQ(ClassifyVisit(visit, Rules(kSampleRules)), VisitIntent::kTransactional);
  EXPECT_EQ(ClassifyVisit(visit, Rules({"informational: search", "transactional: order",
                                        "transactional: url /checkout"})),
            VisitIntent::kInformational);
  WebVisit order;
  order.orders.push_back({"A1", "1.00"});
  EXPECT_EQ(ClassifyVisit(order, Rules(kSampleRules)), VisitIntent::kTransactional);
  EXPECT_EQ(ClassifyVisit(VisitTo({"https://n.example/"}), Rules(kSampleRules)),
            VisitIntent::kNone);
  EXPECT_EQ(ClassifyVisit(visit, {}), VisitIntent::kNone);
  EXPECT_EQ(VisitIntentName(VisitIntent::kNone), "none");
}

}  // namespace
}  // namespace cxhub::web
