// The real survey plugin (cxhub_survey.so) through the connector host, on the real SQLite store:
// what the samples README says nps-export.csv gives when it is ingested on its own.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"
#include "tests/plugins/survey/sample_export_options.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

std::string SurveyOptions() {
  return survey::test::SampleExportOptions(
      absl::StrCat(CXHUB_SAMPLES_DIR, "/surveys/nps-export.csv"));
}

std::vector<Customer> Customers(Store& store) {
  std::vector<Customer> customers;
  EXPECT_TRUE(store
                  .Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::vector<Customer>> all = reader.ListCustomers(0, 1000);
                    if (!all.ok()) return all.status();
                    customers = *std::move(all);
                    return absl::OkStatus();
                  })
                  .ok());
  return customers;
}

TEST_P(HostTest, SurveySampleGivesTwelveAnswersTwoDeadLettersAndOneDuplicate) {
  const std::string plugin = InstallPlugin(CXHUB_SURVEY_PLUGIN_PATH);
  StartHost({ConnectorConfig{"nps-survey", plugin, SurveyOptions()}});
  const ConnectorView view = WaitFor("nps-survey", [](const ConnectorView& v) {
    return v.status == ConnectorStatus::kIdle &&
           v.counters.records_in + v.counters.skipped + v.counters.dead_lettered >= 15;
  });
  EXPECT_EQ(view.counters.records_in, 12);
  EXPECT_EQ(view.counters.dead_lettered, 2);
  EXPECT_EQ(view.counters.skipped, 1);

  const std::vector<Interaction> answers = Interactions();
  ASSERT_THAT(answers, SizeIs(12));
  int promoters = 0;
  int detractors = 0;
  for (const Interaction& answer : answers) {
    EXPECT_EQ(answer.kind, InteractionKind::kSurveyResponse);
    ASSERT_TRUE(answer.survey.has_value());
    if (answer.survey->score >= 9) ++promoters;
    if (answer.survey->score <= 6) ++detractors;
  }
  EXPECT_EQ(promoters, 5);
  EXPECT_EQ(detractors, 4);

  std::vector<std::string> reasons;
  for (const DeadLetter& letter : DeadLetters("nps-survey")) reasons.push_back(letter.reason);
  ASSERT_THAT(reasons, SizeIs(2));
  EXPECT_THAT(reasons, ::testing::Contains(HasSubstr("no respondent identity")));
  EXPECT_THAT(reasons, ::testing::Contains(HasSubstr("survey.score")));

  // 10 distinct emails among the 12 answers (Priya and João answered twice); the survey alone
  // makes them 10 customers. With the channel samples, 4 of them are known: 6 new.
  std::set<std::string> emails;
  for (const Customer& customer : Customers(store())) {
    for (const Identity& identity : customer.identities) emails.insert(identity.value);
  }
  EXPECT_THAT(Customers(store()), SizeIs(10));
  EXPECT_TRUE(emails.count("tom.becker@example.de")) << "normalized by the host";
  EXPECT_FALSE(emails.count("li.wei@example.cn")) << "row 14 is a dead letter";
}

}  // namespace
}  // namespace cxhub
