// The Matomo visit mapper on the sample's lines and on lines made to break it.
#include "plugins/web/matomo_visit_mapper.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "web_test_files.h"

namespace cxhub::web {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

absl::StatusOr<WebVisit> MapLine(absl::string_view line) {
  MatomoVisitMapper mapper;
  return mapper.Map(line);
}

std::string ErrorOf(absl::string_view line) {
  absl::StatusOr<WebVisit> visit = MapLine(line);
  EXPECT_FALSE(visit.ok()) << line;
  return visit.ok() ? "" : std::string(visit.status().message());
}

TEST(MatomoVisitMapper, ReadsEveryFieldOfASignedInVisit) {
  absl::StatusOr<WebVisit> visit = MapLine(test::SampleLines()[0]);
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->visit_id, "4101");
  EXPECT_EQ(visit->site_id, "1");
  EXPECT_EQ(visit->visitor_id, "3f1c9a7e5b2d4c60");
  EXPECT_EQ(visit->user_id, "marta.ferreira@example.pt");
  EXPECT_EQ(visit->first_action, absl::FromUnixSeconds(1788771012));
  EXPECT_EQ(visit->duration_seconds, 388);
  EXPECT_EQ(visit->referrer_type, "direct");
  EXPECT_EQ(visit->referrer_name, "");
  EXPECT_EQ(visit->device, "Smartphone");
  EXPECT_EQ(visit->currency, "EUR");
  ASSERT_EQ(visit->pages.size(), 3u);
  EXPECT_EQ(visit->pages[0].url, "https://northwind.example/account/orders/NW-10482");
  EXPECT_EQ(visit->pages[0].title, "Order NW-10482");
  EXPECT_EQ(visit->pages[0].time_spent_seconds, 95);
  EXPECT_EQ(visit->pages[2].url, "https://northwind.example/contact");
  EXPECT_THAT(visit->site_searches, ElementsAre("devolução mochila"));
  EXPECT_TRUE(visit->orders.empty());
}

TEST(MatomoVisitMapper, ReadsTheReferrerAndTheOrderOfAnAnonymousVisit) {
  absl::StatusOr<WebVisit> visit = MapLine(test::SampleLines()[1]);
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->user_id, "");
  EXPECT_EQ(visit->visitor_id, "5c0e2b7a93d14f6e");
  EXPECT_EQ(visit->referrer_type, "search");
  EXPECT_EQ(visit->referrer_name, "DuckDuckGo");
  EXPECT_EQ(visit->referrer_keyword, "waterproof backpack 30l");
  EXPECT_EQ(visit->referrer_url, "https://duckduckgo.com/");
  EXPECT_EQ(visit->pages.size(), 4u);
  ASSERT_EQ(visit->orders.size(), 1u);
  EXPECT_EQ(visit->orders[0].order_id, "NW-10511");
  EXPECT_EQ(visit->orders[0].revenue, "119.90");
  EXPECT_EQ(visit->orders[0].time, absl::FromUnixSeconds(1788808473));
}

TEST(MatomoVisitMapper, TruncatedSampleLineIsInvalidJson) {
  EXPECT_THAT(ErrorOf(test::SampleLines()[4]), StartsWith("$: invalid JSON (truncated?)"));
}

TEST(MatomoVisitMapper, ReadsNumbersWrittenEitherWay) {
  absl::StatusOr<WebVisit> visit = MapLine(
      R"({"idSite":3,"idVisit":77,"visitorId":"AB12","userId":42,"firstActionTimestamp":"100",)"
      R"("visitDuration":12,"actionDetails":[{"type":"action","url":"/a","timeSpent":7},)"
      R"({"type":"ecommerceOrder","orderId":9001,"revenue":64.5,"timestamp":"160"}]})");
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->site_id, "3");
  EXPECT_EQ(visit->visit_id, "77");
  EXPECT_EQ(visit->visitor_id, "ab12");
  EXPECT_EQ(visit->user_id, "42");
  EXPECT_EQ(visit->first_action, absl::FromUnixSeconds(100));
  EXPECT_EQ(visit->duration_seconds, 12);
  EXPECT_EQ(visit->pages[0].time_spent_seconds, 7);
  EXPECT_EQ(visit->orders[0].order_id, "9001");
  EXPECT_EQ(visit->orders[0].revenue, "64.500000");
  EXPECT_EQ(visit->orders[0].time, absl::FromUnixSeconds(160));
}

TEST(MatomoVisitMapper, MissingOptionalFieldsAreEmpty) {
  absl::StatusOr<WebVisit> visit =
      MapLine(R"({"idVisit":"5","visitorId":"ab","firstActionTimestamp":1,"userId":null})");
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->site_id, "");
  EXPECT_EQ(visit->duration_seconds, 0);
  EXPECT_EQ(visit->referrer_type, "");
  EXPECT_TRUE(visit->pages.empty());
}

TEST(MatomoVisitMapper, IgnoresActionTypesItDoesNotRead) {
  absl::StatusOr<WebVisit> visit = MapLine(test::VisitLine(
      "6", R"([{"type":"outlink","url":"https://x.example/"},{"type":"event"},{"x":1},)"
           R"({"type":"ecommerceAbandonedCart","revenue":"5"}])"));
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_TRUE(visit->pages.empty());
  EXPECT_TRUE(visit->orders.empty());
}

TEST(MatomoVisitMapper, RequiredFieldsAndVisitorNamePaths) {
  EXPECT_EQ(ErrorOf(R"({"visitorId":"ab","firstActionTimestamp":1})"),
            "$.idVisit: required field is missing (or null)");
  EXPECT_EQ(ErrorOf(R"({"idVisit":"1","visitorId":"ab"})"),
            "$.firstActionTimestamp: required field is missing (or null)");
  EXPECT_THAT(ErrorOf(R"({"idVisit":"1","firstActionTimestamp":1,"userId":""})"),
              HasSubstr("neither a visitorId nor a userId"));
  EXPECT_THAT(ErrorOf(test::VisitLine("7", R"([{"type":"ecommerceOrder","revenue":"1"}])")),
              StartsWith("$.actionDetails[0].orderId: required field is missing"));
}

TEST(MatomoVisitMapper, BadTypesNameTheirPath) {
  EXPECT_EQ(ErrorOf("[1]"), "$: expected an object, found an array");
  EXPECT_EQ(ErrorOf(test::VisitLine("8", "{}")),
            "$.actionDetails: expected an array, found an object");
  EXPECT_EQ(ErrorOf(test::VisitLine("8", "[3]")),
            "$.actionDetails[0]: expected an object, found a number");
  EXPECT_EQ(ErrorOf(test::VisitLine(
                "8", R"([{"type":"ecommerceOrder","orderId":"A","revenue":{"v":1}}])")),
            "$.actionDetails[0].revenue: expected a number or a string, found an object");
  EXPECT_EQ(ErrorOf(R"({"idVisit":true,"visitorId":"ab","firstActionTimestamp":1})"),
            "$.idVisit: expected a string or an integer, found a boolean");
  EXPECT_EQ(ErrorOf(R"({"idVisit":"1","visitorId":"ab","firstActionTimestamp":1,)"
                    R"("visitDuration":"soon"})"),
            "$.visitDuration: 'soon' is not a whole number of zero or more");
  EXPECT_THAT(ErrorOf(R"({"idVisit":"a b","visitorId":"ab","firstActionTimestamp":1})"),
              StartsWith("$.idVisit: 'a b' is not an id"));
  EXPECT_THAT(ErrorOf(R"({"idVisit":"1","visitorId":"ab","firstActionTimestamp":1e300})"),
              StartsWith("$.firstActionTimestamp: expected a string or an integer"));
  EXPECT_THAT(ErrorOf(R"({"idVisit":"1","visitorId":"ab","firstActionTimestamp":99999999999999})"),
              HasSubstr("is not a Unix time before the year 10000"));
}

TEST(MatomoVisitMapper, ReadsAVisitWithThousandsOfActionsInOneLine) {
  std::string actions = "[";
  for (int i = 0; i < 1500; ++i) {
    absl::StrAppend(&actions, i == 0 ? "" : ",", R"({"type":"action","url":"/p)", i, R"("})");
  }
  actions += "]";
  absl::StatusOr<WebVisit> visit = MapLine(test::VisitLine("9", actions));
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->pages.size(), 1500u);
}

}  // namespace
}  // namespace cxhub::web
