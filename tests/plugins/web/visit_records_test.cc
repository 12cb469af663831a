// A visit's records: identities, attributes, purchases and amounts, and their bounds.
#include "plugins/web/visit_records.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/web/currency_amount.h"
#include "plugins/web/matomo_visit_mapper.h"
#include "web_test_files.h"

namespace cxhub::web {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::cxhub::connector::v1::Record;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

VisitRecordsConfig SampleConfig() {
  VisitRecordsConfig config;
  for (const char* text :
       {"transactional: url /cart, /checkout", "transactional: order",
        "informational: url /help/, /blog/, /contact", "informational: search"}) {
    config.intent_rules.push_back(*ParseIntentRule(text));
  }
  return config;
}

std::vector<Record> SampleRecords(int line, const VisitRecordsConfig& config = SampleConfig()) {
  MatomoVisitMapper mapper;
  absl::StatusOr<WebVisit> visit = mapper.Map(test::SampleLines()[line - 1]);
  EXPECT_TRUE(visit.ok()) << visit.status();
  absl::StatusOr<std::vector<Record>> records = VisitRecords(*visit, config);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() ? *records : std::vector<Record>();
}

std::vector<std::pair<v1::IdentityKind, std::string>> Identities(const InteractionRecord& record) {
  std::vector<std::pair<v1::IdentityKind, std::string>> identities;
  for (const v1::Identity& identity : record.customer_identities()) {
    EXPECT_EQ(identity.trust(), v1::VERIFIED);
    identities.emplace_back(identity.kind(), identity.value());
  }
  return identities;
}

TEST(VisitRecords, SignedInVisitCarriesTheUserAndTheVisitorWithEveryAttribute) {
  const std::vector<Record> records = SampleRecords(1);
  ASSERT_EQ(records.size(), 1u);
  const InteractionRecord& visit = records[0].interaction();
  EXPECT_EQ(visit.external_id(), "4101");
  EXPECT_EQ(visit.channel(), "web");
  EXPECT_EQ(visit.kind(), v1::VISIT);
  EXPECT_EQ(visit.direction(), v1::INBOUND);
  EXPECT_EQ(visit.occur_time().seconds(), 1788771012);
  EXPECT_EQ(visit.duration().seconds(), 388);
  EXPECT_EQ(visit.thread_id(), "4101");
  EXPECT_EQ(visit.subject(), "Order NW-10482");
  EXPECT_THAT(Identities(visit),
              UnorderedElementsAre(Pair(v1::EMAIL, "marta.ferreira@example.pt"),
                                   Pair(v1::EXTERNAL, "matomo:1:3f1c9a7e5b2d4c60")));
  EXPECT_THAT(
      visit.attributes(),
      UnorderedElementsAre(Pair("visit_intent", "informational"), Pair("referrer_type", "direct"),
                           Pair("entry_page", "https://northwind.example/account/orders/NW-10482"),
                           Pair("duration_seconds", "388"), Pair("page_count", "3"),
                           Pair("site_search", "devolução mochila"), Pair("device", "Smartphone"),
                           Pair("pages",
                                "95s https://northwind.example/account/orders/NW-10482\n"
                                "140s https://northwind.example/help/returns\n"
                                "80s https://northwind.example/contact")));
}

TEST(VisitRecords, OrderIsAPurchaseInMinorUnitsInTheSameHistory) {
  const std::vector<Record> records = SampleRecords(2);
  ASSERT_EQ(records.size(), 2u);
  const InteractionRecord& visit = records[0].interaction();
  EXPECT_EQ(visit.attributes().at("visit_intent"), "transactional");
  EXPECT_EQ(visit.attributes().at("referrer_type"), "search");
  EXPECT_EQ(visit.attributes().at("referrer_name"), "DuckDuckGo");
  EXPECT_EQ(visit.attributes().at("referrer_keyword"), "waterproof backpack 30l");
  EXPECT_EQ(visit.attributes().at("order_ids"), "NW-10511");
  const InteractionRecord& purchase = records[1].interaction();
  EXPECT_EQ(purchase.kind(), v1::PURCHASE);
  EXPECT_EQ(purchase.external_id(), "order:NW-10511");
  EXPECT_EQ(purchase.channel(), "web");
  EXPECT_EQ(purchase.thread_id(), "4102");
  EXPECT_EQ(purchase.occur_time().seconds(), 1788808473);
  EXPECT_EQ(purchase.purchase().amount_minor_units(), 11990);
  EXPECT_EQ(purchase.purchase().currency(), "EUR");
  EXPECT_EQ(purchase.purchase().order_id(), "NW-10511");
  EXPECT_EQ(purchase.attributes().at("visit_id"), "4102");
  EXPECT_THAT(Identities(purchase),
              UnorderedElementsAre(Pair(v1::EXTERNAL, "matomo:1:5c0e2b7a93d14f6e")));
}

TEST(VisitRecords, UserIdKindsAndSiteAndCurrencyOptions) {
  VisitRecordsConfig config = SampleConfig();
  config.user_id_kind = UserIdKind::kExternal;
  config.user_id_system = "shop";
  config.site_id = "northwind";
  config.currency = "JPY";
  const std::vector<Record> records = SampleRecords(6, config);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(Identities(records[1].interaction()),
              UnorderedElementsAre(Pair(v1::EXTERNAL, "shop:Tom.Becker@Example.DE"),
                                   Pair(v1::EXTERNAL, "matomo:northwind:b7e1c5a9d3f2068e")));
  EXPECT_EQ(records[1].interaction().purchase().amount_minor_units(), 65);  // 64.50 JPY
  config.user_id_kind = UserIdKind::kPhone;
  EXPECT_EQ(SampleRecords(6, config)[0].interaction().customer_identities(0).kind(), v1::PHONE);
}

TEST(VisitRecords, RefusesAnOrderWithoutCurrencyOrAmountAndAVisitorWithoutSite) {
  WebVisit visit;
  visit.visit_id = "9";
  visit.visitor_id = "ab";
  EXPECT_THAT(VisitRecords(visit, {}).status().message(),
              HasSubstr("visit 9: a visitor id needs a site id"));
  visit.site_id = "1";
  visit.orders.push_back({"A1", "12.5"});
  EXPECT_THAT(VisitRecords(visit, {}).status().message(),
              HasSubstr("order A1: the currency '' is not an ISO 4217 code"));
  visit.currency = "EUR";
  visit.orders[0].revenue = "-3";
  EXPECT_THAT(VisitRecords(visit, {}).status().message(),
              HasSubstr("order A1: revenue '-3' is not an amount"));
}

TEST(VisitRecords, PagesListIsBounded) {
  WebVisit visit;
  visit.visit_id = "9";
  visit.user_id = "a@example.com";
  for (int i = 0; i < 250; ++i) visit.pages.push_back({absl::StrCat("/p", i), "", 1});
  absl::StatusOr<std::vector<Record>> records = VisitRecords(visit, {});
  ASSERT_TRUE(records.ok()) << records.status();
  const auto& attributes = (*records)[0].interaction().attributes();
  EXPECT_EQ(attributes.at("page_count"), "250");
  EXPECT_EQ(attributes.at("pages_omitted"), "150");
  EXPECT_EQ(attributes.at("visit_intent"), "none");
  visit.pages.assign(3, {std::string(20000, 'x'), "", 1});
  records = VisitRecords(visit, {});
  EXPECT_EQ((*records)[0].interaction().attributes().at("pages_omitted"), "2");
  EXPECT_LE((*records)[0].interaction().attributes().at("pages").size(), kMaxPagesListedBytes);
}

TEST(CurrencyAmount, MinorUnitsByTheCurrencysDigits) {
  EXPECT_EQ(*DecimalToMinorUnits("119.90", 2), 11990);
  EXPECT_EQ(*DecimalToMinorUnits("64.5", 2), 6450);
  EXPECT_EQ(*DecimalToMinorUnits("7", 2), 700);
  EXPECT_EQ(*DecimalToMinorUnits("0.125", 2), 13);
  EXPECT_EQ(*DecimalToMinorUnits("64.500000", 2), 6450);
  EXPECT_EQ(*DecimalToMinorUnits("1500", 0), 1500);
  EXPECT_EQ(*DecimalToMinorUnits("1.5", 3), 1500);
  EXPECT_EQ(MinorUnitDigits("JPY"), 0);
  EXPECT_EQ(MinorUnitDigits("KWD"), 3);
  EXPECT_EQ(MinorUnitDigits("EUR"), 2);
  for (const char* bad : {"", ".5", "5.", "1,5", "-1", "1e3", " 1", "99999999999999999999"}) {
    EXPECT_FALSE(DecimalToMinorUnits(bad, 2).ok()) << bad;
  }
  EXPECT_TRUE(IsCurrencyCodeForm("EUR"));
  EXPECT_FALSE(IsCurrencyCodeForm("eur"));
  EXPECT_FALSE(IsCurrencyCodeForm("EURO"));
}

}  // namespace
}  // namespace cxhub::web
