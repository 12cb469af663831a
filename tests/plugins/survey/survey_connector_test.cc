// The real cxhub_survey.so, loaded with the SDK's plugin loader and fed the sample export and
// files the tests write.
#include <sys/stat.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/common/temp_dir.h"
#include "tests/plugins/recording_host.h"
#include "tests/plugins/survey/sample_export_options.h"

namespace cxhub::survey {
namespace {

using ::cxhub::plugin_common::test::ReadWholeFile;
using ::cxhub::plugin_common::test::TempDir;
using ::cxhub::plugins::LoadedPlugin;
using ::cxhub::plugins::PluginInstance;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

using test::kSampleQuestion;
using test::SampleExportOptions;

std::string SamplePath() { return std::string(CXHUB_SAMPLES_DIR) + "/surveys/nps-export.csv"; }

LoadedPlugin Plugin() { return cxhub::test::LoadOrFail(CXHUB_SURVEY_PLUGIN_PATH); }

PluginInstance Open(const std::string& options) {
  return cxhub::test::OpenOrFail(CXHUB_SURVEY_PLUGIN_PATH, options);
}

std::string Rfc3339(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

// The header row and rows 2..`last` (1-based CSV records, as the samples README counts) of the
// sample, as written.
std::string SampleUpTo(int last) {
  const std::string sample = ReadWholeFile(SamplePath());
  size_t end = 0;
  int record = 0;
  bool quoted = false;
  while (end < sample.size() && record < last) {
    if (sample[end] == '"') quoted = !quoted;
    if (sample[end] == '\n' && !quoted) ++record;
    ++end;
  }
  return sample.substr(0, end);
}

TEST(SurveyConnector, AnnouncesItselfAsTheSurveyChannel) {
  const LoadedPlugin plugin = Plugin();
  EXPECT_EQ(plugin.info().name, "survey");
  EXPECT_THAT(plugin.info().channels, ElementsAre("survey"));
}

TEST(SurveyConnector, SampleGivesItsAnswersAndTheRowWithoutEmailAsADeadLetter) {
  PluginInstance instance = Open(SampleExportOptions(SamplePath()));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  // Rows 2-13 (12 answers), row 14 (score 11: the host refuses it), row 16 (row 10 again: the
  // host skips it by its external id).
  EXPECT_THAT(log.ExternalIds(),
              ElementsAre("a1f3k2", "b7c2m9", "c9d8p1", "d4e5q7", "e2f1r4", "f6a7s8", "a8b9t3",
                          "b1c3u6", "c5d6v2", "d7e8w5", "e9f0x9", "f2a4y1", "0a0bz3", "c5d6v2"));
  std::vector<int> scores;
  std::vector<std::string> tags;
  std::vector<std::string> times;
  std::vector<std::string> emails;
  for (const auto& record : log.records) {
    const auto& interaction = record.interaction();
    EXPECT_EQ(interaction.channel(), "survey");
    EXPECT_EQ(interaction.kind(), v1::SURVEY_RESPONSE);
    EXPECT_EQ(interaction.direction(), v1::INBOUND);
    EXPECT_EQ(interaction.survey().metric(), v1::NPS);
    EXPECT_EQ(interaction.survey().question(), kSampleQuestion);
    EXPECT_THAT(interaction.body(), IsEmpty());
    EXPECT_THAT(interaction.attributes(), IsEmpty());
    ASSERT_THAT(interaction.customer_identities(), SizeIs(1));
    EXPECT_EQ(interaction.customer_identities(0).kind(), v1::EMAIL);
    scores.push_back(interaction.survey().score());
    tags.push_back(interaction.survey().touchpoint_tag());
    times.push_back(Rfc3339(interaction.occur_time()));
    emails.push_back(interaction.customer_identities(0).value());
  }
  EXPECT_THAT(scores, ElementsAre(10, 9, 7, 6, 9, 4, 3, 8, 10, 9, 8, 2, 11, 10));
  EXPECT_THAT(tags, ElementsAre("checkout", "checkout", "checkout", "checkout", "delivery",
                                "delivery", "delivery", "delivery", "support", "support", "support",
                                "support", "support", "support"));
  EXPECT_EQ(times[0], "2026-09-07 10:15:02");
  EXPECT_EQ(times[6], "2026-09-10 07:40:00");
  EXPECT_EQ(times[11], "2026-09-12 09:00:00");
  EXPECT_EQ(emails[0], "lena.schulz@example.de");
  EXPECT_EQ(emails[9], "Tom.Becker@Example.DE");  // the host normalizes it
  EXPECT_EQ(emails[11], "emma.wilson@example.co.uk");
  // Quoting: a doubled quote, a line break inside quotes, an emoji, an empty comment.
  EXPECT_EQ(log.records[3].interaction().survey().comment(),
            "The \"size guide\" is confusing, I ordered the wrong size");
  EXPECT_EQ(log.records[6].interaction().survey().comment(),
            "Late, and nobody told me why.\nI had to ask twice.");
  EXPECT_EQ(log.records[7].interaction().survey().comment(),
            "Entrega r\xC3\xA1pida \xF0\x9F\x91\x8D");
  EXPECT_THAT(log.records[1].interaction().survey().comment(), IsEmpty());

  ASSERT_THAT(log.dead_letters, SizeIs(1));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("nps-export.csv at byte "));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("response '1c1da7': no respondent identity"));
  EXPECT_EQ(log.dead_letters[0].raw,
            "1c1da7,7,no email given,,checkout,2026-09-12 10:58:40,2026-09-12 11:00:00,"
            "0a8e6c4b2f\r\n");
  ASSERT_FALSE(log.checkpoints.empty());
  EXPECT_EQ(log.sequence.back().rfind("checkpoint ", 0), 0u);
}

TEST(SurveyConnector, ReadsNothingMoreFromItsLastCursor) {
  PluginInstance instance = Open(SampleExportOptions(SamplePath()));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  const ReadLog again = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_THAT(again.records, IsEmpty());
  EXPECT_THAT(again.dead_letters, IsEmpty());
  EXPECT_THAT(again.checkpoints, IsEmpty()) << "nothing moved";
}

TEST(SurveyConnector, ChecksTheCursorEveryNRows) {
  PluginInstance instance = Open(SampleExportOptions(SamplePath(), "checkpoint_every=5\n"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  // After 5, 10 and 15 data rows; the end is the 15th row, so no fourth one.
  EXPECT_THAT(log.checkpoints, SizeIs(3));
  // Resuming from the second checkpoint gives the rows after the tenth.
  const ReadLog rest = ReadOnce(instance, log.checkpoints[1]);
  EXPECT_THAT(rest.ExternalIds(), ElementsAre("e9f0x9", "f2a4y1", "0a0bz3", "c5d6v2"));
  EXPECT_THAT(rest.dead_letters, SizeIs(1));
}

TEST(SurveyConnector, AGrowingExportThatEndsInsideAQuotedCommentIsReadOnOnceItIsComplete) {
  TempDir dir;
  const std::string upto_row7 = SampleUpTo(7);
  const std::string row8 = SampleUpTo(8).substr(upto_row7.size());
  const size_t inside_quotes = row8.find("why.") + 4;  // before the line break in the comment
  dir.Write("export.csv", upto_row7 + row8.substr(0, inside_quotes));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv"), "settle_seconds=0\n"));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_THAT(first.records, SizeIs(6));
  EXPECT_THAT(first.dead_letters, IsEmpty());

  dir.Append("export.csv", row8.substr(inside_quotes, 10));  // the line break, and more
  const ReadLog middle = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(middle.records, IsEmpty());
  EXPECT_THAT(middle.checkpoints, IsEmpty());

  dir.Append("export.csv", row8.substr(inside_quotes + 10));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  ASSERT_THAT(second.ExternalIds(), ElementsAre("a8b9t3"));
  EXPECT_EQ(second.records[0].interaction().survey().comment(),
            "Late, and nobody told me why.\nI had to ask twice.");
}

TEST(SurveyConnector, ALastRowWithoutLineEndIsReadOnceCompleteAndSettled) {
  TempDir dir;
  const std::string rows = SampleUpTo(3);
  const std::string header_and_row2 = SampleUpTo(2);
  const std::string row3 = rows.substr(header_and_row2.size());
  const std::string row3_without_crlf = row3.substr(0, row3.size() - 2);
  // Cut inside its last field: too few fields, never taken.
  dir.Write("export.csv", header_and_row2 + row3_without_crlf.substr(0, 40));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv"), "settle_seconds=0\n"));
  const ReadLog cut = ReadOnce(instance, "");
  EXPECT_THAT(cut.ExternalIds(), ElementsAre("a1f3k2"));

  // Complete but just written: waits for the file to settle.
  dir.Write("export.csv", header_and_row2 + row3_without_crlf);
  PluginInstance patient =
      Open(SampleExportOptions(dir.File("export.csv"), "settle_seconds=3600\n"));
  EXPECT_THAT(ReadOnce(patient, cut.checkpoints.back()).records, IsEmpty());

  const ReadLog settled = ReadOnce(instance, cut.checkpoints.back());
  ASSERT_TRUE(settled.status.ok()) << settled.status;
  EXPECT_THAT(settled.ExternalIds(), ElementsAre("b7c2m9"));

  // Its line end and the next row arrive: only the next row is new.
  dir.Append("export.csv", SampleUpTo(4).substr(header_and_row2.size() + row3_without_crlf.size()));
  const ReadLog next = ReadOnce(instance, settled.checkpoints.back());
  ASSERT_TRUE(next.status.ok()) << next.status;
  EXPECT_THAT(next.ExternalIds(), ElementsAre("c9d8p1"));
  EXPECT_THAT(next.dead_letters, IsEmpty());
}

TEST(SurveyConnector, AReplacedExportIsReadAgainFromTheStart) {
  TempDir dir;
  dir.Write("export.csv", SampleUpTo(4));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog first = ReadOnce(instance, "");
  EXPECT_THAT(first.ExternalIds(), ElementsAre("a1f3k2", "b7c2m9", "c9d8p1"));

  // A new export (another file renamed over the path) repeats the old rows and adds two.
  dir.Write("new.csv", SampleUpTo(6));
  dir.Rename("new.csv", "export.csv");
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("a1f3k2", "b7c2m9", "c9d8p1", "d4e5q7", "e2f1r4"));
}

TEST(SurveyConnector, AnExportRewrittenInPlaceBeyondItsFirstKilobyteIsReadAgainFromTheStart) {
  TempDir dir;
  const std::string sample = SampleUpTo(13);
  ASSERT_GT(sample.size(), 1024u + 300u);
  dir.Write("export.csv", sample);
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_THAT(first.records, SizeIs(12));

  // The same first KiB, then another last row (an export sorted differently) and one more: the
  // file grew, its first bytes did not change, but the row before the cursor did.
  std::string rewritten = sample;
  absl::StrReplaceAll({{"f2a4y1,2,Three", "f2a4y1,3,Three"}}, &rewritten);
  rewritten += SampleUpTo(14).substr(sample.size());
  dir.Write("export.csv", rewritten);
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.records, SizeIs(13));
  EXPECT_THAT(second.logs, testing::Contains(HasSubstr("was rewritten")));
  EXPECT_THAT(second.dead_letters, IsEmpty());
}

TEST(SurveyConnector, AnAppendedExportGoesOnFromItsCursor) {
  TempDir dir;
  dir.Write("export.csv", SampleUpTo(4));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog first = ReadOnce(instance, "");
  dir.Append("export.csv", SampleUpTo(6).substr(SampleUpTo(4).size()));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("d4e5q7", "e2f1r4"));
}

TEST(SurveyConnector, ABomAndLfLineEndsReadAsTheSample) {
  TempDir dir;
  std::string lf = SampleUpTo(4);
  absl::StrReplaceAll({{"\r\n", "\n"}}, &lf);
  dir.Write("export.csv", "\xEF\xBB\xBF" + lf);
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAre("a1f3k2", "b7c2m9", "c9d8p1"));
  EXPECT_EQ(log.records[2].interaction().survey().comment(), "Fine, but shipping costs are high");
}

TEST(SurveyConnector, UnparseableScoresAndTimesAreDeadLetters) {
  TempDir dir;
  dir.Write("export.csv",
            absl::StrCat(SampleUpTo(1),
                         "r1,ten,,a@example.com,checkout,x,2026-09-07 10:15:02,n\r\n"
                         "r2,,,b@example.com,checkout,x,2026-09-07 10:15:02,n\r\n"
                         "r3,5,,c@example.com,checkout,x,07/09/2026,n\r\n"
                         "r4,5,,d@example.com,checkout,x\r\n"
                         "r5,5,\"x\"y,e@example.com,checkout,x,2026-09-07 10:15:02,n\r\n"
                         "r6,5,,f@example.com,checkout,x,2026-09-07 10:15:02,n\r\n"));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAre("r6"));
  ASSERT_THAT(log.dead_letters, SizeIs(5));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("score 'ten' is not a whole number"));
  EXPECT_THAT(log.dead_letters[1].reason, HasSubstr("no score"));
  EXPECT_THAT(log.dead_letters[2].reason,
              HasSubstr("submit time '07/09/2026' does not match '%Y-%m-%d %H:%M:%S'"));
  EXPECT_THAT(log.dead_letters[3].reason, HasSubstr("the row has 6 fields, the header 8"));
  EXPECT_THAT(log.dead_letters[4].reason, HasSubstr("field 3: text after the closing quote"));
}

TEST(SurveyConnector, ARecordOverTheLimitIsADeadLetterAndTheNextRowIsRead) {
  TempDir dir;
  const std::string huge(70 * 1024, 'x');
  dir.Write("export.csv", absl::StrCat(SampleUpTo(1), "r1,5,\"", huge, "\n", huge,
                                       "\",a@example.com,checkout,x,2026-09-07 10:15:02,n\r\n",
                                       "r2,5,,b@example.com,checkout,x,2026-09-07 10:15:02,n\r\n"));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.dead_letters, testing::Not(IsEmpty()));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("longer than 65536 bytes"));
  EXPECT_LE(log.dead_letters[0].raw.size(), 65536u);
  EXPECT_THAT(log.ExternalIds(), testing::Contains("r2"));
}

TEST(SurveyConnector, AQuoteNeverClosedBecomesADeadLetterOnceOverTheLimit) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 4000; ++i) absl::StrAppend(&lines, "line ", i, " of a comment\n");
  dir.Write("export.csv", absl::StrCat(SampleUpTo(2), "r1,5,\"never closed\n", lines));
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_THAT(first.ExternalIds(), ElementsAre("a1f3k2"));
  ASSERT_THAT(first.dead_letters, SizeIs(1));
  EXPECT_THAT(first.dead_letters[0].reason, HasSubstr("longer than 65536 bytes"));
  // Not scanned again: what is appended is read from a fresh start.
  dir.Append("export.csv", "r2,5,,b@example.com,checkout,x,2026-09-07 10:15:02,n\r\n");
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("r2"));
  EXPECT_THAT(second.dead_letters, IsEmpty());
}

TEST(SurveyConnector, RefusesUnknownOptionsAndAMappingToAMissingColumnAtOpen) {
  const LoadedPlugin plugin = Plugin();
  absl::StatusOr<PluginInstance> unknown =
      plugin.Open(SampleExportOptions(SamplePath(), "colour=blue\n"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown option 'colour'"));

  std::string options = SampleExportOptions(SamplePath());
  absl::StrReplaceAll({{"email_column=email", "email_column=E-mail"}}, &options);
  absl::StatusOr<PluginInstance> missing = plugin.Open(options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.status().message(),
              HasSubstr("email_column 'E-mail' is not a column of the header"));
  EXPECT_THAT(missing.status().message(), HasSubstr("'Network ID'"));
}

TEST(SurveyConnector, AMissingExportIsReadOnceItAppears) {
  TempDir dir;
  PluginInstance instance = Open(SampleExportOptions(dir.File("export.csv")));
  const ReadLog empty = ReadOnce(instance, "");
  ASSERT_TRUE(empty.status.ok()) << empty.status;
  EXPECT_THAT(empty.records, IsEmpty());
  dir.Write("export.csv", SampleUpTo(2));
  EXPECT_THAT(ReadOnce(instance, "").ExternalIds(), ElementsAre("a1f3k2"));
}

TEST(SurveyConnector, AFixedQuestionAndAMetricColumn) {
  TempDir dir;
  dir.Write("export.csv",
            "id,kind,rating,mail\r\n"
            "x1,CSAT,4,a@example.com\r\n"
            "x2,ces,6,b@example.com\r\n"
            "x3,stars,6,c@example.com\r\n");
  PluginInstance instance = Open(absl::StrCat(
      "file=", dir.File("export.csv"),
      "; response_id_column=id; score_column=rating; metric_column=kind; email_column=mail;"
      " submit_time_column=id; time_format=x%d; question=How easy was it?"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.ExternalIds(), ElementsAre("x1", "x2"));
  EXPECT_EQ(log.records[0].interaction().survey().metric(), v1::CSAT);
  EXPECT_EQ(log.records[1].interaction().survey().metric(), v1::CES);
  EXPECT_EQ(log.records[1].interaction().survey().question(), "How easy was it?");
  ASSERT_THAT(log.dead_letters, SizeIs(1));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("metric 'stars' is not nps, csat or ces"));
}

}  // namespace
}  // namespace cxhub::survey
