#include "server/config_loader.h"

#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

constexpr char kValid[] = R"pb(
  listen_address: "127.0.0.1:0"
  store { sqlite { path: "x.db" } }
  default_phone_region: "PT"
  security { plaintext: true auth_disabled: true }
)pb";

TEST(ConfigLoader, AcceptsTheMinimalConfig) {
  absl::StatusOr<config::v1::ServerConfig> config = ParseConfig(kValid, "test");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store().sqlite().path(), "x.db");
  EXPECT_EQ(config->default_phone_region(), "PT");
}

TEST(ConfigLoader, LoadsTheShippedDefault) {
  absl::StatusOr<config::v1::ServerConfig> config =
      LoadConfig(std::string(CXHUB_SOURCE_DIR) + "/config/cxhub.textproto");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->store().has_sqlite());
  EXPECT_EQ(config->identity_conflict_policy(), config::v1::MERGE);
}

TEST(ConfigLoader, SyntaxErrorNamesOriginLineAndColumn) {
  absl::StatusOr<config::v1::ServerConfig> config =
      ParseConfig("listen_address: \"a\"\nstore { sqlit {} }\n", "bad.textproto");
  ASSERT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(config.status().message(), HasSubstr("bad.textproto:2:"));
  EXPECT_THAT(config.status().message(), HasSubstr("sqlit"));
}

TEST(ConfigLoader, MissingFileIsNotFound) {
  EXPECT_EQ(LoadConfig("/nonexistent/cxhub.textproto").status().code(),
            absl::StatusCode::kNotFound);
}

struct BadConfig {
  std::string text;
  std::string field;
};

class ConfigValidation : public ::testing::TestWithParam<BadConfig> {};

TEST_P(ConfigValidation, NamesTheField) {
  absl::StatusOr<config::v1::ServerConfig> config = ParseConfig(GetParam().text, "cfg");
  ASSERT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument) << GetParam().text;
  EXPECT_THAT(config.status().message(), HasSubstr(GetParam().field + ": "));
}

INSTANTIATE_TEST_SUITE_P(
    ConfigLoader, ConfigValidation,
    ::testing::Values(
        BadConfig{R"pb(store { sqlite { path: "x" } }
                       default_phone_region: "PT")pb",
                  "listen_address"},
        BadConfig{R"pb(listen_address: "a:1" default_phone_region: "PT")pb", "store"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite {} }
                       default_phone_region: "PT")pb",
                  "store.sqlite.path"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { mysql { host: "h" } }
                       default_phone_region: "PT")pb",
                  "store.mysql.user"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } })pb",
                  "default_phone_region"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       limits { max_page_size: 20000 })pb",
                  "limits.max_page_size"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       analytics { activity_window_days: 4000 })pb",
                  "analytics.activity_window_days"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       analytics { complaint_intents { name: "Refund" phrases: "r" } })pb",
                  "analytics.complaint_intents[0].name"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       analytics {
                         complaint_intents { name: "refund" phrases: "refund" }
                         complaint_intents { name: "refund" phrases: "money back" }
                       })pb",
                  "analytics.complaint_intents[1].name"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       analytics { complaint_intents { name: "cancel" } })pb",
                  "analytics.complaint_intents[0].phrases"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       analytics {
                         complaint_intents { name: "cancel" phrases: "cancel" phrases: " ?! " }
                       })pb",
                  "analytics.complaint_intents[0].phrases[1]"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       connectors { name: "a" plugin: "p.so" }
                       connectors { name: "a" plugin: "q.so" })pb",
                  "connectors[1].name"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       identity_conflict_policy: 7)pb",
                  "identity_conflict_policy"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       touchpoints { touchpoint { display_name: "Get help" } })pb",
                  "touchpoints[0].touchpoint.stage"},
        BadConfig{
            R"pb(listen_address: "a:1"
                 store { sqlite { path: "x" } }
                 default_phone_region: "PT"
                 touchpoints { touchpoint { display_name: "A" stage: JOURNEY_STAGE_SERVICE } }
                 touchpoints { touchpoint { display_name: "A" stage: JOURNEY_STAGE_SERVICE } })pb",
            "touchpoints[1].touchpoint.display_name"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       touchpoints {
                         touchpoint { display_name: "A" stage: JOURNEY_STAGE_SERVICE }
                         rules { channels: "phone" }
                         rules { description: "nothing to match" }
                       })pb",
                  "touchpoints[0].rules[1]"},
        BadConfig{R"pb(listen_address: "a:1"
                       store { sqlite { path: "x" } }
                       default_phone_region: "PT"
                       touchpoints {
                         touchpoint { display_name: "A" stage: JOURNEY_STAGE_SERVICE }
                         rules { words: "ok" words: "--" }
                       })pb",
                  "touchpoints[0].rules[0].words[1]"}));

TEST(ConfigLoader, ShippedDefaultDeclaresTheNorthwindTouchpoints) {
  absl::StatusOr<config::v1::ServerConfig> config =
      LoadConfig(std::string(CXHUB_SOURCE_DIR) + "/config/cxhub.textproto");
  ASSERT_TRUE(config.ok()) << config.status();
  std::vector<std::string> names;
  for (const config::v1::TouchpointDeclaration& declared : config->touchpoints()) {
    names.push_back(declared.touchpoint().display_name());
  }
  EXPECT_THAT(names,
              ::testing::ElementsAre("Place an order", "Receive the order", "Get help",
                                     "Talk about us in public", "Browse and buy on the site"));
}

}  // namespace
}  // namespace cxhub
