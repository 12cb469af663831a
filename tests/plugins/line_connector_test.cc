// Reading through the ABI with the line connector: records, checkpoints, resuming, appending,
// partial lines, dead letters, stopping, and exactly-once commits.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/plugin_loader.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::string_view kLine1 = "m1|ana@example.com|2024-03-01T10:00:00Z|hello\n";
constexpr absl::string_view kLine2 = "m2|bob@example.com|2024-03-01T10:05:30.25Z|need help | now\n";
constexpr absl::string_view kLine3 = "m3|carla@example.com|2024-03-01T11:00:00+01:00|third\n";
constexpr absl::string_view kLine4 = "m4|dan@example.com|2024-03-02T09:00:00Z|fourth\n";
constexpr absl::string_view kLine5 = "m5|eve@example.com|2024-03-03T09:00:00Z|fifth\n";

std::string FiveLines() { return absl::StrCat(kLine1, kLine2, kLine3, kLine4, kLine5); }

class LineConnectorTest : public ::testing::Test {
 protected:
  // Opens the good plugin on `file_` with a checkpoint every `n` records.
  plugins::PluginInstance Open(int n) {
    absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
    EXPECT_TRUE(plugin.ok()) << plugin.status();
    absl::StatusOr<plugins::PluginInstance> instance =
        plugin->Open(absl::StrCat("path=", file_.path(), "; checkpoint_every=", n));
    EXPECT_TRUE(instance.ok()) << instance.status();
    return std::move(*instance);
  }

  TempFile file_;
};

TEST_F(LineConnectorTest, EmitsEveryLineAsARecordWithItsFields) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(100);
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.ExternalIds(), ElementsAre("m1", "m2", "m3", "m4", "m5"));
  EXPECT_THAT(log.dead_letters, IsEmpty());

  const connector::v1::InteractionRecord& first = log.records[0].interaction();
  EXPECT_EQ(first.channel(), "test");
  EXPECT_EQ(first.kind(), cxhub::v1::MESSAGE);
  EXPECT_EQ(first.direction(), cxhub::v1::INBOUND);
  ASSERT_EQ(first.customer_identities_size(), 1);
  EXPECT_EQ(first.customer_identities(0).kind(), cxhub::v1::EMAIL);
  EXPECT_EQ(first.customer_identities(0).value(), "ana@example.com");
  EXPECT_EQ(first.occur_time().seconds(), 1709287200);
  EXPECT_EQ(first.occur_time().nanos(), 0);
  EXPECT_EQ(first.body(), "hello");
  EXPECT_EQ(first.attributes().at("offset"), "0");

  const connector::v1::InteractionRecord& second = log.records[1].interaction();
  EXPECT_EQ(second.occur_time().seconds(), 1709287530);
  EXPECT_EQ(second.occur_time().nanos(), 250000000);
  EXPECT_EQ(second.body(), "need help | now");  // the body keeps its '|'
  EXPECT_EQ(second.attributes().at("offset"), absl::StrCat(kLine1.size()));

  // 11:00 at +01:00 is 10:00 UTC, the same instant as m1.
  EXPECT_EQ(log.records[2].interaction().occur_time().seconds(), 1709287200);
}

TEST_F(LineConnectorTest, ChecksAfterEveryNRecordsAndAtTheEnd) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(2);
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  const size_t after2 = kLine1.size() + kLine2.size();
  const size_t after4 = after2 + kLine3.size() + kLine4.size();
  const size_t after5 = FiveLines().size();
  EXPECT_THAT(log.sequence,
              ElementsAre("record m1", "record m2", "checkpoint " + file_.CursorAt(after2),
                          "record m3", "record m4", "checkpoint " + file_.CursorAt(after4),
                          "record m5", "checkpoint " + file_.CursorAt(after5)));
}

TEST_F(LineConnectorTest, NoCheckpointTwiceWhenTheEndFallsOnABatchBoundary) {
  file_.Write(absl::StrCat(kLine1, kLine2));
  plugins::PluginInstance instance = Open(2);
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.checkpoints, ElementsAre(file_.CursorAt(kLine1.size() + kLine2.size())));
}

TEST_F(LineConnectorTest, ResumingFromAMidFileCursorEmitsOnlyTheRest) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(2);
  ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.checkpoints.size(), 3u);

  ReadLog resumed = ReadOnce(instance, first.checkpoints[0]);  // after m2
  ASSERT_TRUE(resumed.status.ok()) << resumed.status;
  EXPECT_THAT(resumed.ExternalIds(), ElementsAre("m3", "m4", "m5"));
  EXPECT_EQ(resumed.checkpoints.back(), first.checkpoints.back());
}

TEST_F(LineConnectorTest, ReadingAtTheEndEmitsNothing) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(2);
  ReadLog first = ReadOnce(instance, "");
  ReadLog again = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_THAT(again.sequence, IsEmpty());
}

TEST_F(LineConnectorTest, AppendedLinesAreReadFromTheLastCursor) {
  file_.Write(absl::StrCat(kLine1, kLine2));
  plugins::PluginInstance instance = Open(10);
  ReadLog first = ReadOnce(instance, "");
  ASSERT_THAT(first.ExternalIds(), ElementsAre("m1", "m2"));

  file_.Append(absl::StrCat(kLine3, kLine4));
  ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("m3", "m4"));
  EXPECT_EQ(second.records[0].interaction().attributes().at("offset"),
            absl::StrCat(kLine1.size() + kLine2.size()));
}

TEST_F(LineConnectorTest, APartialLastLineWaitsForItsNewline) {
  const absl::string_view head = kLine2.substr(0, 20);
  const absl::string_view tail = kLine2.substr(20);
  file_.Write(absl::StrCat(kLine1, head));
  plugins::PluginInstance instance = Open(10);
  ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_THAT(first.ExternalIds(), ElementsAre("m1"));
  EXPECT_THAT(first.checkpoints, ElementsAre(file_.CursorAt(kLine1.size())));

  ReadLog still_partial = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(still_partial.sequence, IsEmpty());

  file_.Append(tail);
  ReadLog completed = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(completed.status.ok()) << completed.status;
  ASSERT_THAT(completed.ExternalIds(), ElementsAre("m2"));
  EXPECT_EQ(completed.records[0].interaction().body(), "need help | now");
}

TEST_F(LineConnectorTest, MalformedLinesBecomeDeadLettersAndReadingGoesOn) {
  const std::string bad_fields = "only|three|fields";
  const std::string bad_email = "m7|not-an-email|2024-03-01T10:00:00Z|x";
  const std::string bad_time = "m8|c@example.com|yesterday|x";
  const std::string no_id = " |c@example.com|2024-03-01T10:00:00Z|x";
  file_.Write(absl::StrCat(kLine1, bad_fields, "\n", bad_email, "\n", "\n", bad_time, "\n", no_id,
                           "\n", kLine5));
  plugins::PluginInstance instance = Open(100);
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(
      log.sequence,
      ElementsAre(
          "record m1", "dead_letter", "dead_letter", "dead_letter", "dead_letter", "record m5",
          "checkpoint " + file_.CursorAt(kLine1.size() + bad_fields.size() + bad_email.size() +
                                         bad_time.size() + no_id.size() + kLine5.size() + 5)));
  ASSERT_EQ(log.dead_letters.size(), 4u);
  EXPECT_EQ(log.dead_letters[0].raw, bad_fields);
  EXPECT_EQ(
      log.dead_letters[0].reason,
      absl::StrCat("offset ", kLine1.size(), ": expected 4 fields separated by '|', found 3"));
  EXPECT_EQ(log.dead_letters[1].raw, bad_email);
  EXPECT_THAT(log.dead_letters[1].reason, HasSubstr("email 'not-an-email' has no '@'"));
  EXPECT_EQ(log.dead_letters[2].raw, bad_time);
  EXPECT_THAT(log.dead_letters[2].reason, HasSubstr("occur_time 'yesterday' is not RFC 3339"));
  EXPECT_EQ(log.dead_letters[3].raw, no_id);
  EXPECT_THAT(log.dead_letters[3].reason, HasSubstr("external_id is empty"));
}

TEST_F(LineConnectorTest, DeadLettersCountTowardsTheCheckpointBatch) {
  file_.Write(absl::StrCat("bad\n", kLine1, kLine2));
  plugins::PluginInstance instance = Open(2);
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(
      log.sequence,
      ElementsAre("dead_letter", "record m1", "checkpoint " + file_.CursorAt(4 + kLine1.size()),
                  "record m2", "checkpoint " + file_.CursorAt(4 + kLine1.size() + kLine2.size())));
}

TEST_F(LineConnectorTest, StopFromACallbackStopsTheRead) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(2);
  // Say "stop" on the second record: nothing may follow it.
  ReadLog log = ReadOnce(instance, "", [](size_t events_so_far) { return events_so_far < 2; });
  EXPECT_EQ(log.status.code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(log.sequence, ElementsAre("record m1", "record m2"));
}

TEST_F(LineConnectorTest, StopOnACheckpointStopsTheRead) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(2);
  ReadLog log = ReadOnce(instance, "", [](size_t events_so_far) { return events_so_far < 3; });
  EXPECT_EQ(log.status.code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(log.sequence,
              ElementsAre("record m1", "record m2",
                          "checkpoint " + file_.CursorAt(kLine1.size() + kLine2.size())));
}

TEST_F(LineConnectorTest, ATruncatedFileIsReadAgainFromTheStart) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(10);
  ReadLog first = ReadOnce(instance, "");
  file_.Write(kLine4);  // same inode, shorter than the cursor
  ReadLog after = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(after.status.ok()) << after.status;
  EXPECT_THAT(after.ExternalIds(), ElementsAre("m4"));
  EXPECT_THAT(after.logs, ElementsAre(HasSubstr("was truncated")));
}

TEST_F(LineConnectorTest, AMalformedCursorIsInvalidArgument) {
  file_.Write(FiveLines());
  plugins::PluginInstance instance = Open(10);
  ReadLog log = ReadOnce(instance, "garbage");
  EXPECT_EQ(log.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(log.status.message(), HasSubstr("cursor 'garbage' is not <inode>:<offset>"));
  EXPECT_THAT(log.sequence, IsEmpty());
}

TEST_F(LineConnectorTest, AMissingFileIsNotFound) {
  plugins::PluginInstance instance = Open(10);
  file_.Write("");
  ASSERT_EQ(std::remove(file_.path().c_str()), 0);
  ReadLog log = ReadOnce(instance, "");
  EXPECT_EQ(log.status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(log.status.message(), HasSubstr(file_.path()));
}

// Whatever the point at which the host stops a read, committing records with their checkpoint
// and resuming from the committed cursor yields every line exactly once, in order.
TEST_F(LineConnectorTest, StoppingAnywhereAndResumingYieldsEveryRecordExactlyOnce) {
  std::string content;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    if (i % 7 == 3) {
      content += absl::StrCat("bad line ", i, "\n");
      expected.push_back(absl::StrCat("dead:bad line ", i));
    } else {
      content += absl::StrCat("r", i, "|c", i, "@example.com|2024-03-01T10:00:00Z|body ", i, "\n");
      expected.push_back(absl::StrCat("r", i));
    }
  }
  file_.Write(content);
  for (size_t stop_at = 1; stop_at <= 60; ++stop_at) {
    SCOPED_TRACE(absl::StrCat("stop after callback ", stop_at));
    plugins::PluginInstance instance = Open(3);
    CommittingHost host;
    absl::Status first = host.Read(instance, [&](size_t calls) { return calls < stop_at; });
    EXPECT_TRUE(first.ok() || absl::IsCancelled(first)) << first;
    for (int round = 0; round < 100 && host.committed().size() < expected.size(); ++round) {
      const absl::Status status =
          host.Read(instance, [&](size_t calls) { return calls < stop_at; });
      ASSERT_TRUE(status.ok() || absl::IsCancelled(status)) << status;
    }
    // A final unhindered read picks up whatever is left.
    ASSERT_TRUE(host.Read(instance).ok());
    EXPECT_EQ(host.committed(), expected);
  }
}

}  // namespace
}  // namespace cxhub::test
