// The web connector's options and the reasons it refuses bad ones.
#include "plugins/web/web_options.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "web_test_files.h"

namespace cxhub::web {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string RefusalOf(absl::string_view text) {
  absl::StatusOr<WebOptions> options = ParseWebOptions(text);
  EXPECT_FALSE(options.ok()) << text;
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(options.status().message());
}

TEST(WebOptions, ParsesTheSampleOptions) {
  absl::StatusOr<WebOptions> options = ParseWebOptions(test::SampleOptions("/tmp/v.jsonl"));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->files, ElementsAre("/tmp/v.jsonl"));
  EXPECT_EQ(options->records.user_id_kind, UserIdKind::kEmail);
  EXPECT_EQ(options->records.currency, "EUR");
  EXPECT_EQ(options->records.site_id, "");
  ASSERT_EQ(options->records.intent_rules.size(), 4u);
  EXPECT_EQ(options->records.intent_rules[1].condition, IntentRule::Condition::kOrder);
  EXPECT_EQ(options->records.intent_rules[3].intent, VisitIntent::kInformational);
}

TEST(WebOptions, ExternalUserIdsNeedTheirSystem) {
  absl::StatusOr<WebOptions> options =
      ParseWebOptions("file=/tmp/v; user_id=external; user_id_system=shop; site_id=7");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->records.user_id_kind, UserIdKind::kExternal);
  EXPECT_EQ(options->records.user_id_system, "shop");
  EXPECT_EQ(options->records.site_id, "7");
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=external"), HasSubstr("needs user_id_system"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=email; user_id_system=shop"),
              HasSubstr("only for user_id=external"));
}

TEST(WebOptions, RefusesBadOptionsNamingThem) {
  EXPECT_THAT(RefusalOf("user_id=email"), HasSubstr("at least one file=<path> is required"));
  EXPECT_THAT(RefusalOf("file=/tmp/v"), HasSubstr("user_id is required"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=login"),
              HasSubstr("user_id 'login' is not email, phone or external"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=email; currency=euro"),
              HasSubstr("currency 'euro' is not an ISO 4217 code"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=email; site_id=a:b"), HasSubstr("site_id 'a:b'"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=email; intent_rule=curious: order"),
              HasSubstr("web connector options: intent_rule 'curious: order'"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=email; user_id=phone"), HasSubstr("given twice"));
  EXPECT_THAT(RefusalOf("file=/tmp/v; user_id=email; colour=red"),
              HasSubstr("unknown option 'colour'"));
}

}  // namespace
}  // namespace cxhub::web
