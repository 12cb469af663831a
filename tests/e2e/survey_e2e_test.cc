// The sample NPS export (../shared/samples/surveys/nps-export.csv) through cxhubd with the
// shipped config, whose nps-survey connector reads it beside the four channels, as the samples'
// README section "surveys/nps-export.csv" says it must come out: 12 answers, 2 dead letters, 1
// duplicate, and 6 new customers on top of the 8 the channels make.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/required_skip.h"

namespace cxhub::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;

class SurveyE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    CXHUB_SKIP_UNLESS_SAMPLES();
  }
};

TEST_F(SurveyE2eTest, SampleExportAfterTheChannelsGivesTwelveAnswersAndSixNewCustomers) {
  ASSERT_NO_FATAL_FAILURE(StartWithShippedConfig());

  absl::StatusOr<v1::Connector> survey = client().RunAndWait("nps-survey");
  ASSERT_TRUE(survey.ok()) << survey.status();
  EXPECT_EQ(survey->state(), v1::Connector::IDLE) << survey->state_message();
  EXPECT_EQ(survey->dead_lettered(), 2);  // row 15 (no email) here, row 14 (score 11) by cxhubd

  absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  EXPECT_EQ(customers->size(), 16u)
      << "8 from the channels, 2 anonymous web visitors and 6 known only by their answers";

  std::map<std::string, int> answers_by_email;  // the customer's first email
  std::vector<int> scores;
  for (const v1::Customer& customer : *customers) {
    absl::StatusOr<std::vector<v1::Interaction>> history = client().History(customer.name());
    ASSERT_TRUE(history.ok()) << history.status();
    for (const v1::Interaction& interaction : *history) {
      if (interaction.channel() != "survey") continue;
      EXPECT_EQ(interaction.kind(), v1::SURVEY_RESPONSE);
      scores.push_back(interaction.survey().score());
      for (const v1::Identity& identity : customer.identities()) {
        if (identity.kind() == v1::EMAIL) ++answers_by_email[identity.value()];
      }
    }
  }
  EXPECT_EQ(scores.size(), 12u) << "row 16 repeats row 10 and counts once";
  EXPECT_EQ(answers_by_email["tom.becker@example.de"], 1)
      << "Tom answered as Tom.Becker@Example.DE";
  EXPECT_EQ(answers_by_email["marta.ferreira@example.pt"], 1);
  EXPECT_EQ(answers_by_email["priya.nair@example.in"], 2);
  EXPECT_EQ(answers_by_email["joao.pinto@example.pt"], 2);

  absl::StatusOr<std::vector<v1::DeadLetter>> dead_letters = client().AllDeadLetters();
  ASSERT_TRUE(dead_letters.ok()) << dead_letters.status();
  std::vector<std::string> survey_reasons;
  for (const v1::DeadLetter& letter : *dead_letters) {
    if (letter.name().find("nps-survey") != std::string::npos) {
      survey_reasons.push_back(letter.reason());
    }
  }
  EXPECT_THAT(survey_reasons, Contains(HasSubstr("no respondent identity")));
  EXPECT_THAT(survey_reasons, Contains(HasSubstr("score")));
}

}  // namespace
}  // namespace cxhub::e2e
