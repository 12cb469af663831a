// The real cxhub_phone.so, loaded with the SDK's plugin loader and fed the sample and files the
// tests write.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "phone_test_files.h"
#include "plugins/phone/cdr_cursor.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::phone {
namespace {

using ::cxhub::plugins::LoadedPlugin;
using ::cxhub::plugins::LoadPlugin;
using ::cxhub::plugins::PluginInstance;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The external ids of the sample's calls, in file order (rows 1, 2, 4-7, 9-11).
const std::vector<std::string> kSampleCallIds = {
    "1788771731.47", "1788795603.54",  "1788940337.68",  "1788945242.75", "1788945690.82",
    "1788946004.89", "1789057328.103", "1789057635.110", "1789138992.117"};

std::string Options(const std::vector<std::string>& files, absl::string_view extra = "") {
  std::string options;
  for (const std::string& file : files) absl::StrAppend(&options, "file=", file, "\n");
  absl::StrAppend(&options, "default_region=PT\ntimezone=Europe/Lisbon\nextensions=1XX\n", extra);
  return options;
}

LoadedPlugin Plugin() {
  absl::StatusOr<LoadedPlugin> plugin = LoadPlugin(CXHUB_PHONE_PLUGIN_PATH);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  return *plugin;
}

PluginInstance Open(const std::string& options) {
  absl::StatusOr<PluginInstance> instance = Plugin().Open(options);
  EXPECT_TRUE(instance.ok()) << instance.status();
  return *std::move(instance);
}

// Sample rows `first`..`last` (1-based, inclusive), each with its newline.
std::string Rows(int first, int last) {
  const std::vector<std::string> rows = test::SampleRows();
  std::string text;
  for (int row = first; row <= last; ++row) absl::StrAppend(&text, rows[row - 1], "\n");
  return text;
}

// A new call in cdr_csv form, inbound from `src`, with uniqueid `uniqueid`.
std::string NewCall(absl::string_view src, absl::string_view uniqueid) {
  return absl::StrCat(R"("",")", src, R"(","100","from-trunk",")", src,
                      R"(","PJSIP/trunk-1","PJSIP/101-2","Dial","PJSIP/101,30,tT",)",
                      R"("2026-09-12 09:00:00","2026-09-12 09:00:05","2026-09-12 09:01:05",65,60,)",
                      R"("ANSWERED","DOCUMENTATION",")", uniqueid, R"(","")", "\n");
}

TEST(PhoneConnector, AnnouncesItselfAsThePhoneChannel) {
  const LoadedPlugin plugin = Plugin();
  EXPECT_EQ(plugin.info().name, "phone");
  EXPECT_THAT(plugin.info().channels, ElementsAre("phone"));
}

TEST(PhoneConnector, SampleGivesNineCallsOneDeadLetterAndSkipsTheInternalCall) {
  PluginInstance instance = Open(Options({test::SampleMasterCsvPath()}));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAreArray(kSampleCallIds));
  ASSERT_EQ(log.dead_letters.size(), 1u);
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("Master.csv at byte "));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("'anonymous' is a withheld caller id"));
  EXPECT_THAT(log.dead_letters[0].raw, HasSubstr("\"1789037240.96\""));
  EXPECT_EQ(log.dead_letters[0].raw, test::SampleRows()[7]);
  EXPECT_THAT(log.logs, testing::Contains(
                            HasSubstr("read 9 calls, 1 dead letters, skipped 1 internal calls")));
  // Dead letter between rows 7 and 9, one final checkpoint at the end of the file.
  EXPECT_EQ(log.sequence[6], "dead_letter");
  ASSERT_EQ(log.checkpoints.size(), 1u);
  EXPECT_EQ(log.sequence.back(), "checkpoint " + log.checkpoints.back());
  absl::StatusOr<CdrCursor> cursor = DecodeCdrCursor(log.checkpoints.back());
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  ASSERT_EQ(cursor->files.size(), 1u);
  EXPECT_EQ(cursor->files.begin()->first, test::SampleMasterCsvPath());
  EXPECT_EQ(cursor->files.begin()->second.offset, 2745u);

  const connector::v1::InteractionRecord& tom = log.records[3].interaction();
  EXPECT_EQ(tom.customer_identities(0).value(), "+49301234567");
  EXPECT_EQ(tom.customer_display_name(), "Tom Becker");
  EXPECT_EQ(tom.direction(), cxhub::v1::INBOUND);
  EXPECT_EQ(tom.occur_time().seconds(), 1788945242);
  EXPECT_EQ(tom.duration().seconds(), 589);
  EXPECT_EQ(tom.attributes().at("billsec"), "576");
}

TEST(PhoneConnector, ResumingFromTheLastCursorEmitsNothing) {
  PluginInstance instance = Open(Options({test::SampleMasterCsvPath()}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_FALSE(first.checkpoints.empty());
  const ReadLog again = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_THAT(again.sequence, IsEmpty());
}

TEST(PhoneConnector, CheckpointsEveryNRecordsAndAtTheEnd) {
  PluginInstance instance = Open(Options({test::SampleMasterCsvPath()}, "checkpoint_every=4"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  // 10 emissions (9 calls and the dead letter): checkpoints after the 4th, the 8th and the end.
  ASSERT_EQ(log.checkpoints.size(), 3u);
  EXPECT_EQ(log.sequence.size(), 13u);
  EXPECT_THAT(log.sequence[4], HasSubstr("checkpoint "));
  EXPECT_THAT(log.sequence[9], HasSubstr("checkpoint "));
  EXPECT_THAT(log.sequence[12], HasSubstr("checkpoint "));
  // Resuming from the middle checkpoint emits exactly what followed it.
  const ReadLog rest = ReadOnce(instance, log.checkpoints[1]);
  EXPECT_THAT(rest.ExternalIds(), ElementsAre("1789057635.110", "1789138992.117"));
}

TEST(PhoneConnector, HostThatStopsMidwayLosesAndDuplicatesNothing) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 11));
  PluginInstance instance = Open(Options({dir.File("Master.csv")}, "checkpoint_every=3"));
  cxhub::test::CommittingHost host;
  for (size_t stop_after : {5u, 2u, 7u}) {
    const absl::Status status =
        host.Read(instance, [&](size_t calls) { return calls < stop_after; });
    EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  }
  ASSERT_TRUE(host.Read(instance).ok());
  std::vector<std::string> expected = kSampleCallIds;
  expected.insert(expected.begin() + 6, "dead:" + test::SampleRows()[7]);
  EXPECT_THAT(host.committed(), ElementsAreArray(expected));
}

TEST(PhoneConnector, AppendedRowsAreTheOnlyNewRecords) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 11));
  PluginInstance instance = Open(Options({dir.File("Master.csv")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 9u);
  dir.Append("Master.csv", NewCall("+351912345678", "1789203600.120") +
                               NewCall("0049301234567", "1789203700.121"));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("1789203600.120", "1789203700.121"));
  EXPECT_EQ(second.records[1].interaction().customer_identities(0).value(), "+49301234567");
  EXPECT_THAT(second.dead_letters, IsEmpty());
  ASSERT_EQ(second.checkpoints.size(), 1u);
}

TEST(PhoneConnector, ACallerNameThatIsNotUtf8IsRepairedAndMarkedNotDeadLettered) {
  test::TempDir dir;
  std::string call = NewCall("912345678", "1789203600.120");
  const std::string clid = R"("from-trunk","912345678")";
  call.replace(call.find(clid), clid.size(), "\"from-trunk\",\"\"\"Jo\xE3o \xFF\"\" <912345678>\"");
  dir.Write("Master.csv", call);
  PluginInstance instance = Open(Options({dir.File("Master.csv")}));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.dead_letters, IsEmpty());
  ASSERT_EQ(log.records.size(), 1u);
  const auto& interaction = log.records[0].interaction();
  EXPECT_EQ(interaction.customer_display_name(), "Jo\xEF\xBF\xBDo \xEF\xBF\xBD");
  EXPECT_THAT(interaction.attributes().at("utf8_repaired"), HasSubstr("customer_display_name"));
}

TEST(PhoneConnector, PartialLastLineWaitsForItsNewline) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 2));
  PluginInstance instance = Open(Options({dir.File("Master.csv")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 2u);

  const std::string call = NewCall("912345678", "1789203600.120");
  dir.Append("Master.csv", call.substr(0, 40));
  const ReadLog partial = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(partial.status.ok()) << partial.status;
  EXPECT_THAT(partial.sequence, IsEmpty());

  dir.Append("Master.csv", call.substr(40, call.size() - 41));  // all but the newline
  EXPECT_THAT(ReadOnce(instance, first.checkpoints.back()).sequence, IsEmpty());

  dir.Append("Master.csv", "\n");
  const ReadLog completed = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(completed.ExternalIds(), ElementsAre("1789203600.120"));
}

TEST(PhoneConnector, TruncatedFileIsReadFromItsStart) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 11));
  PluginInstance instance = Open(Options({dir.File("Master.csv")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 9u);
  dir.Truncate("Master.csv", 0);
  dir.Append("Master.csv", NewCall("912345678", "1789203600.120"));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("1789203600.120"));
  EXPECT_THAT(second.logs, testing::Contains(HasSubstr("was truncated")));
}

TEST(PhoneConnector, RotationFinishesTheOldFileThenReadsTheNewOneFromItsStart) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 5));
  PluginInstance instance = Open(Options({dir.File("Master.csv")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 4u);   // rows 1, 2, 4, 5
  dir.Append("Master.csv", Rows(6, 7));  // written just before logrotate moved the file
  dir.Rename("Master.csv", "Master.csv.1");
  dir.Write("Master.csv", Rows(9, 11));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("1788945690.82", "1788946004.89", "1789057328.103",
                                                "1789057635.110", "1789138992.117"));
  EXPECT_THAT(second.logs, testing::Contains(HasSubstr("was rotated to")));
  EXPECT_THAT(ReadOnce(instance, second.checkpoints.back()).sequence, IsEmpty());
}

TEST(PhoneConnector, NewFileAtThePathIsReadFromItsStart) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 5));
  PluginInstance instance = Open(Options({dir.File("Master.csv")}));
  const ReadLog first = ReadOnce(instance, "");
  dir.Rename("Master.csv", "old.csv");
  std::remove(dir.File("old.csv").c_str());  // rotated and compressed away
  dir.Write("Master.csv", Rows(9, 9));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(second.ExternalIds(), ElementsAre("1789057328.103"));
}

TEST(PhoneConnector, ReadsAPerAccountFileAndMasterCsvInOneInstance) {
  test::TempDir dir;
  dir.Write("Master.csv", Rows(1, 5));
  dir.Write("northwind-us.csv", Rows(9, 11));
  PluginInstance instance = Open(Options({dir.File("Master.csv"), dir.File("northwind-us.csv")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_THAT(first.ExternalIds(),
              ElementsAre("1788771731.47", "1788795603.54", "1788940337.68", "1788945242.75",
                          "1789057328.103", "1789057635.110", "1789138992.117"));
  absl::StatusOr<CdrCursor> cursor = DecodeCdrCursor(first.checkpoints.back());
  ASSERT_TRUE(cursor.ok());
  EXPECT_EQ(cursor->files.size(), 2u);

  dir.Append("northwind-us.csv", NewCall("+14155550199", "1789203600.120"));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(second.ExternalIds(), ElementsAre("1789203600.120"));
}

TEST(PhoneConnector, FileThatAppearsLaterIsReadThen) {
  test::TempDir dir;
  std::vector<std::string> open_logs;
  absl::StatusOr<PluginInstance> instance =
      Plugin().Open(Options({dir.File("Master.csv")}),
                    [&](cxhub::plugins::PluginLogLevel, absl::string_view message) {
                      open_logs.emplace_back(message);
                    });
  ASSERT_TRUE(instance.ok()) << instance.status();
  EXPECT_THAT(open_logs, testing::Contains(HasSubstr("does not exist yet")));
  const ReadLog empty = ReadOnce(*instance, "");
  EXPECT_THAT(empty.sequence, IsEmpty());
  dir.Write("Master.csv", Rows(1, 1));
  EXPECT_THAT(ReadOnce(*instance, "").ExternalIds(), ElementsAre("1788771731.47"));
}

TEST(PhoneConnector, OpenRefusesBadOptionsWithTheReason) {
  const LoadedPlugin plugin = Plugin();
  absl::StatusOr<PluginInstance> no_folder =
      plugin.Open(Options({"/nonexistent/cxhub/Master.csv"}));
  ASSERT_FALSE(no_folder.ok());
  EXPECT_EQ(no_folder.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(no_folder.status().message(), HasSubstr("/nonexistent/cxhub/Master.csv"));

  absl::StatusOr<PluginInstance> bad_zone =
      plugin.Open("file=" + test::SampleMasterCsvPath() + ";default_region=PT;timezone=Lisbon");
  ASSERT_FALSE(bad_zone.ok());
  EXPECT_EQ(bad_zone.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_zone.status().message(), HasSubstr("timezone 'Lisbon'"));
}

TEST(PhoneConnector, ReadRefusesACursorItDidNotWrite) {
  PluginInstance instance = Open(Options({test::SampleMasterCsvPath()}));
  const ReadLog log = ReadOnce(instance, "42:1000");
  EXPECT_EQ(log.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(log.status.message(), HasSubstr("not a phone connector cursor"));
  EXPECT_THAT(log.sequence, IsEmpty());
}

// A dead letter retried (ABI 1.1 reparse) is its row mapped again, before any read too: the
// sample's withheld caller stays a dead letter, a readable row becomes its call.
TEST(PhoneConnector, ARetriedDeadLetterIsItsRowMappedAgain) {
  PluginInstance instance = Open(Options({test::SampleMasterCsvPath()}));
  const ReadLog withheld = ::cxhub::test::ReparseOnce(instance, test::SampleRows()[7]);
  ASSERT_TRUE(withheld.status.ok()) << withheld.status;
  ASSERT_EQ(withheld.dead_letters.size(), 1u);
  EXPECT_THAT(withheld.dead_letters[0].reason, HasSubstr("retried dead letter: "));
  EXPECT_THAT(withheld.dead_letters[0].reason, HasSubstr("withheld caller id"));
  std::string row = NewCall("+351211234567", "1789200000.1");
  row.pop_back();  // its newline
  const ReadLog call = ::cxhub::test::ReparseOnce(instance, row);
  EXPECT_THAT(call.ExternalIds(), ElementsAre("1789200000.1"));
  EXPECT_THAT(call.checkpoints, IsEmpty());
}

}  // namespace
}  // namespace cxhub::phone
