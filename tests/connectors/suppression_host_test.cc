// Erasure then re-ingestion: the real survey plugin (cxhub_survey.so) reads the samples' NPS
// export through the connector host, a respondent is erased, and the same file read again from
// the start stores nothing of that respondent: each of their records is counted as suppressed
// and dropped, neither recorded nor dead-lettered.
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/core/clock.h"
#include "server/core/customer_erasure.h"
#include "server/core/identity_normalizer.h"
#include "server/core/suppression_list.h"
#include "tests/connectors/host_fixture.h"
#include "tests/plugins/survey/sample_export_options.h"

namespace cxhub {
namespace {

constexpr char kKey[] = "a suppression key of at least thirty-two bytes";
const Identity kPriya = {IdentityKind::kEmail, "priya.nair@example.in"};

ConnectorConfig SurveyConnector(const std::string& name, const std::string& plugin) {
  return ConnectorConfig{name, plugin,
                         survey::test::SampleExportOptions(
                             absl::StrCat(CXHUB_SAMPLES_DIR, "/surveys/nps-export.csv"))};
}

bool ReadWholeExport(const ConnectorView& view) {
  const ConnectorCounters& counters = view.counters;
  return view.status == ConnectorStatus::kIdle &&
         counters.records_in + counters.skipped + counters.dead_lettered + counters.suppressed >=
             15;
}

std::optional<CustomerId> Owner(Store& store, const Identity& identity) {
  std::optional<CustomerId> owner;
  EXPECT_TRUE(store
                  .Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::optional<CustomerId>> found =
                        reader.FindCustomerByIdentity(identity);
                    if (!found.ok()) return found.status();
                    owner = *found;
                    return absl::OkStatus();
                  })
                  .ok());
  return owner;
}

TEST_P(HostTest, AnErasedRespondentsAnswersAreCountedAndDroppedWhenTheExportIsReadAgain) {
  const IdentityNormalizer normalizer = *IdentityNormalizer::Create("PT");
  const SuppressionList suppression(normalizer, kKey);
  const auto with_suppression = [&](ConnectorHostOptions& options) {
    options.suppression = &suppression;
  };
  const std::string plugin = InstallPlugin(CXHUB_SURVEY_PLUGIN_PATH);
  StartHost({SurveyConnector("nps-survey", plugin)}, with_suppression);
  WaitFor("nps-survey", ReadWholeExport);
  const std::optional<CustomerId> priya = Owner(store(), kPriya);
  ASSERT_TRUE(priya.has_value());
  const size_t before = Interactions().size();

  CustomerErasure erasure(store(), normalizer, suppression, SystemClock());
  absl::StatusOr<ErasureReport> report = erasure.EraseCustomer(*priya);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->suppressed_identities, 1);
  EXPECT_EQ(Interactions().size(), before - 2) << "Priya answered twice";

  // The same file from its start, under a second instance with a cursor of its own.
  StartHost({SurveyConnector("nps-survey", plugin), SurveyConnector("nps-survey-again", plugin)},
            with_suppression);
  const ConnectorView again = WaitFor("nps-survey-again", ReadWholeExport);
  EXPECT_EQ(again.counters.suppressed, 2);
  EXPECT_EQ(again.counters.dead_lettered, 2) << "the two rows that are no answers, as before";
  EXPECT_EQ(again.counters.records_in + again.counters.skipped, 11);
  EXPECT_EQ(State("nps-survey-again")->counters.suppressed, 2) << "stored with the counters";

  EXPECT_FALSE(Owner(store(), kPriya).has_value());
  for (const DeadLetter& letter : DeadLetters()) {
    EXPECT_EQ(letter.raw.find("priya.nair"), std::string::npos) << letter.reason;
  }
}

}  // namespace
}  // namespace cxhub
