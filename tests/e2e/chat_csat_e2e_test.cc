// Chatwoot CSAT through cxhubd: the chat connector reading the sample conversations and their
// CSAT survey (../shared/samples/chat/chatwoot-csat.jsonl) records the two answers of the
// samples README as CSAT survey responses in the customers' histories, the survey questions as
// nothing, and a rating sent again replaces the earlier answer.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/e2e/shipped_config.h"
#include "tests/required_skip.h"

namespace cxhub::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// "<time> CSAT <score> <comment> thread=<thread>" for each survey response of a history.
std::vector<std::string> SurveyAnswers(const std::vector<v1::Interaction>& history) {
  std::vector<std::string> answers;
  for (const v1::Interaction& interaction : history) {
    if (interaction.kind() != v1::SURVEY_RESPONSE) continue;
    answers.push_back(absl::StrCat(
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                         absl::FromUnixSeconds(interaction.occur_time().seconds()),
                         absl::UTCTimeZone()),
        " ", v1::SurveyMetric_Name(interaction.survey().metric()), " ",
        interaction.survey().score(), " ", interaction.survey().comment(), " ",
        v1::Direction_Name(interaction.direction()), " thread=", interaction.thread_id()));
  }
  return answers;
}

class ChatCsatE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    CXHUB_SKIP_UNLESS_SAMPLES();
    fs::copy_file(fs::path(CXHUB_SAMPLES_DIR) / "chat" / "chatwoot-csat.jsonl", CsatCopy());
  }

  std::string CsatCopy() const { return (temp_dir() / "chatwoot-csat.jsonl").string(); }

  // The shipped configuration's chat connector alone, reading a copy of the CSAT file that the
  // test can append to instead of the shipped one.
  config::v1::ServerConfig Config() const {
    absl::StatusOr<config::v1::ServerConfig> config =
        LoadShippedConfig(absl::StrCat(CXHUB_SOURCE_DIR, "/config/cxhub.textproto"),
                          CXHUB_SOURCE_DIR, CXHUB_PLUGIN_DIR, store_path());
    EXPECT_TRUE(config.ok()) << config.status();
    if (!config.ok()) return {};
    auto& connectors = *config->mutable_connectors();
    connectors.erase(std::remove_if(connectors.begin(), connectors.end(),
                                    [](const config::v1::ConnectorInstance& connector) {
                                      return connector.plugin() != "cxhub_chat.so";
                                    }),
                     connectors.end());
    if (connectors.size() != 1) return {};
    const std::string shipped =
        (fs::path(CXHUB_SAMPLES_DIR) / "chat" / "chatwoot-csat.jsonl").lexically_normal().string();
    const std::string options = connectors[0].options();
    EXPECT_THAT(options, HasSubstr(shipped)) << "the shipped chat connector reads the CSAT answers";
    connectors[0].set_options(absl::StrReplaceAll(options, {{shipped, CsatCopy()}}));
    connectors[0].set_poll_interval_seconds(3600);  // Reads happen when the test asks.
    return *std::move(config);
  }

  std::vector<v1::Interaction> HistoryOf(absl::string_view chat_contact) {
    absl::StatusOr<v1::Customer> customer = client().Lookup(v1::CHAT, chat_contact);
    EXPECT_TRUE(customer.ok()) << chat_contact << ": " << customer.status();
    if (!customer.ok()) return {};
    absl::StatusOr<std::vector<v1::Interaction>> history = client().History(customer->name());
    EXPECT_TRUE(history.ok()) << history.status();
    return history.ok() ? *history : std::vector<v1::Interaction>{};
  }
};

TEST_F(ChatCsatE2eTest, TheTwoAnswersOfTheSamplesAndAChangedRatingReplacesTheFirst) {
  ASSERT_NO_FATAL_FAILURE(StartServer(Config()));
  absl::StatusOr<std::vector<v1::Connector>> connectors = client().WaitForFirstReads();
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  ASSERT_EQ(connectors->size(), 1u);
  EXPECT_EQ(connectors->front().state(), v1::Connector::IDLE)
      << connectors->front().state_message();
  EXPECT_EQ(connectors->front().dead_lettered(), 1) << "only chatwoot.jsonl line 10";

  const std::vector<v1::Interaction> marta = HistoryOf("chatwoot:7:5231");
  EXPECT_THAT(SurveyAnswers(marta),
              ElementsAre("2026-09-08T08:39:31Z CSAT 5 Muito rápido, obrigada INBOUND "
                          "thread=chatwoot:7:41"));
  EXPECT_EQ(marta.size(), 4u) << "three messages and the answer; the question is none";
  EXPECT_THAT(SurveyAnswers(HistoryOf("chatwoot:7:5237")),
              ElementsAre("2026-09-09T15:50:12Z CSAT 2 The first answer did not say how long "
                          "delivery takes to the Azores INBOUND thread=chatwoot:7:42"));
  // Every chat interaction names the inbox the customer wrote to, for touchpoint rules.
  for (const v1::Interaction& interaction : marta) {
    EXPECT_EQ(interaction.attributes().at("business_identities"), "chat:chatwoot:7:inbox:12")
        << interaction.external_id();
  }

  // Marta changes her answer: the survey message comes again with another rating.
  std::string changed;
  {
    std::ifstream csat(CsatCopy(), std::ios::binary);
    std::string line;
    for (int i = 0; i < 2 && std::getline(csat, line); ++i) changed = line;
  }
  changed = absl::StrReplaceAll(changed, {{R"("rating": 5)", R"("rating": 3)"},
                                          {"Muito rápido, obrigada", "Afinal, só razoável"}});
  std::ofstream(CsatCopy(), std::ios::binary | std::ios::app) << changed << "\n";
  absl::StatusOr<v1::Connector> after = client().RunAndWait("web-chat");
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->state(), v1::Connector::IDLE) << after->state_message();
  EXPECT_THAT(SurveyAnswers(HistoryOf("chatwoot:7:5231")),
              ElementsAre("2026-09-08T08:39:31Z CSAT 3 Afinal, só razoável INBOUND "
                          "thread=chatwoot:7:41"));
}

}  // namespace
}  // namespace cxhub::e2e
