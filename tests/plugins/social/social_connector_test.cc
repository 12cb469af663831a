// The real cxhub_social.so, loaded with the SDK's plugin loader and fed the sample and files the
// tests write.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/social/social_cursor.h"
#include "social_test_files.h"
#include "tests/plugins/hostile_json_lines.h"
#include "tests/plugins/recording_host.h"
#include "tests/plugins/warm_read.h"

namespace cxhub::social {
namespace {

using ::cxhub::plugins::LoadedPlugin;
using ::cxhub::plugins::LoadPlugin;
using ::cxhub::plugins::PluginInstance;
using ::cxhub::test::ExpectClippedNameThenNextLine;
using ::cxhub::test::ExpectDeadLetterThenNextLine;
using ::cxhub::test::LongJsonLine;
using ::cxhub::test::NestedJsonArrays;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

const std::vector<std::string> kSamplePostIds = {
    std::string(test::kLine1), std::string(test::kLine2), std::string(test::kLine3),
    std::string(test::kLine4), std::string(test::kLine5), std::string(test::kLine7),
    std::string(test::kLine9)};

std::string Options(const std::vector<std::string>& files, absl::string_view extra = "") {
  std::string options;
  for (const std::string& file : files) absl::StrAppend(&options, "file=", file, "\n");
  absl::StrAppend(&options,
                  "instance=mastodon.example\nbrand_account=@northwind@mastodon.example\n", extra);
  return options;
}

LoadedPlugin Plugin() {
  absl::StatusOr<LoadedPlugin> plugin = LoadPlugin(CXHUB_SOCIAL_PLUGIN_PATH);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  return *plugin;
}

PluginInstance Open(const std::string& options) {
  absl::StatusOr<PluginInstance> instance = Plugin().Open(options);
  EXPECT_TRUE(instance.ok()) << instance.status();
  return *std::move(instance);
}

TEST(SocialConnector, AnnouncesItselfAsTheSocialChannel) {
  const LoadedPlugin plugin = Plugin();
  EXPECT_EQ(plugin.info().name, "social");
  EXPECT_THAT(plugin.info().channels, ElementsAre("social"));
}

TEST(SocialConnector, SampleGivesSevenPostsOneDeadLetterAndSkipsTheBoost) {
  PluginInstance instance = Open(Options({test::SampleMastodonPath()}));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.ExternalIds(), ElementsAreArray(kSamplePostIds));
  ASSERT_EQ(log.dead_letters.size(), 1u);
  EXPECT_THAT(log.dead_letters[0].reason,
              StartsWith(test::SampleMastodonPath() + " at byte 18910: $: invalid JSON"));
  EXPECT_EQ(log.dead_letters[0].raw, test::SampleLines()[7]);
  EXPECT_THAT(log.logs,
              Contains(HasSubstr("read 7 posts, 1 dead letters; skipped 1 boosts, 0 "
                                 "other notifications, 0 brand posts without a customer")));
  // Dead letter between lines 7 and 9, one final checkpoint at the end of the file.
  EXPECT_EQ(log.sequence[6], "dead_letter");
  ASSERT_EQ(log.checkpoints.size(), 1u);
  EXPECT_EQ(log.sequence.back(), "checkpoint " + log.checkpoints.back());
  absl::StatusOr<SocialCursor> cursor = DecodeSocialCursor(log.checkpoints.back());
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  ASSERT_EQ(cursor->files.size(), 1u);
  EXPECT_EQ(cursor->files.begin()->second.offset, 22522u);
  EXPECT_EQ(cursor->threads.size(), 7u);  // every post read, the boost and dead letter not

  const auto& priya = log.records[2].interaction();
  EXPECT_EQ(priya.customer_identities(0).value(), "mastodon:@priya@fosstodon.example");
  EXPECT_EQ(priya.thread_id(), test::kLine1);
  EXPECT_EQ(priya.attributes().at("private"), "true");
  const auto& reply = log.records[3].interaction();
  EXPECT_EQ(reply.direction(), cxhub::v1::OUTBOUND);
  EXPECT_EQ(reply.customer_identities(0).value(), "mastodon:@priya@fosstodon.example");
  EXPECT_EQ(log.records[5].interaction().customer_identities(0).value(),
            "mastodon:@ines_rocha@mastodon.example");
}

TEST(SocialConnector, ResumingFromTheLastCursorEmitsNothing) {
  PluginInstance instance = Open(Options({test::SampleMastodonPath()}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_FALSE(first.checkpoints.empty());
  const ReadLog again = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_THAT(again.sequence, IsEmpty());
}

TEST(SocialConnector, CheckpointsEveryNRecordsAndAtTheEnd) {
  PluginInstance instance = Open(Options({test::SampleMastodonPath()}, "checkpoint_every=3"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  // 8 emissions (7 posts and the dead letter): checkpoints after the 3rd, the 6th and the end.
  ASSERT_EQ(log.checkpoints.size(), 3u);
  EXPECT_THAT(log.sequence[3], StartsWith("checkpoint "));
  EXPECT_THAT(log.sequence[7], StartsWith("checkpoint "));
  EXPECT_THAT(log.sequence.back(), StartsWith("checkpoint "));
  // Resuming from the middle checkpoint emits exactly what followed it, with its thread.
  const ReadLog rest = ReadOnce(instance, log.checkpoints[0]);
  EXPECT_THAT(rest.ExternalIds(),
              ElementsAre(test::kLine4, test::kLine5, test::kLine7, test::kLine9));
  EXPECT_EQ(rest.records[0].interaction().thread_id(), test::kLine1);
  EXPECT_EQ(rest.dead_letters.size(), 1u);
}

TEST(SocialConnector, HostThatStopsMidwayLosesAndDuplicatesNothing) {
  test::TempDir dir;
  dir.Write("posts.jsonl", test::SampleLineRange(1, 9));
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}, "checkpoint_every=2"));
  cxhub::test::CommittingHost host;
  for (size_t stop_after : {4u, 1u, 5u}) {
    const absl::Status status =
        host.Read(instance, [&](size_t calls) { return calls < stop_after; });
    EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  }
  ASSERT_TRUE(host.Read(instance).ok());
  std::vector<std::string> expected = kSamplePostIds;
  expected.insert(expected.begin() + 6, "dead:" + test::SampleLines()[7]);
  EXPECT_THAT(host.committed(), ElementsAreArray(expected));
}

TEST(SocialConnector, AppendedLinesAreTheOnlyNewRecords) {
  test::TempDir dir;
  dir.Write("posts.jsonl", test::SampleLineRange(1, 5));
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 5u);
  dir.Append("posts.jsonl", test::SampleLineRange(6, 9));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre(test::kLine7, test::kLine9));
  EXPECT_EQ(second.dead_letters.size(), 1u);
  ASSERT_EQ(second.checkpoints.size(), 1u);
}

TEST(SocialConnector, PartialLastLineWaitsForItsNewline) {
  test::TempDir dir;
  dir.Write("posts.jsonl", test::SampleLineRange(1, 1));
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 1u);

  const std::string line = test::SampleLineRange(2, 2);
  dir.Append("posts.jsonl", line.substr(0, 100));
  const ReadLog partial = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(partial.status.ok()) << partial.status;
  EXPECT_THAT(partial.sequence, IsEmpty());

  dir.Append("posts.jsonl", line.substr(100, line.size() - 101));  // all but the newline
  EXPECT_THAT(ReadOnce(instance, first.checkpoints.back()).sequence, IsEmpty());

  dir.Append("posts.jsonl", "\n");
  const ReadLog completed = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(completed.ExternalIds(), ElementsAre(test::kLine2));
  EXPECT_THAT(completed.dead_letters, IsEmpty());
}

TEST(SocialConnector, ThreadRootIsRememberedAcrossReadsThroughTheCursor) {
  test::TempDir dir;
  dir.Write("posts.jsonl", test::SampleLineRange(1, 1));
  std::string cursor;
  {
    PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
    const ReadLog first = ReadOnce(instance, "");
    ASSERT_EQ(first.records.size(), 1u);
    cursor = first.checkpoints.back();
  }
  // A new instance (as after a restart) that knows only the cursor.
  dir.Append("posts.jsonl", test::SampleLineRange(2, 2));
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
  const ReadLog second = ReadOnce(instance, cursor);
  ASSERT_EQ(second.records.size(), 1u);
  EXPECT_EQ(second.records[0].interaction().thread_id(), test::kLine1);
  dir.Append("posts.jsonl", test::SampleLineRange(3, 4));
  const ReadLog third = ReadOnce(instance, second.checkpoints.back());
  ASSERT_EQ(third.records.size(), 2u);
  EXPECT_EQ(third.records[0].interaction().thread_id(), test::kLine1);
  EXPECT_EQ(third.records[1].interaction().thread_id(), test::kLine1);

  // Without the cursor's thread lines, the reply would only know its parent.
  absl::StatusOr<SocialCursor> without_threads = DecodeSocialCursor(second.checkpoints.back());
  ASSERT_TRUE(without_threads.ok());
  without_threads->threads.clear();
  const ReadLog amnesic = ReadOnce(instance, EncodeSocialCursor(*without_threads));
  ASSERT_EQ(amnesic.records.size(), 2u);
  EXPECT_EQ(amnesic.records[0].interaction().thread_id(), test::kLine2);
}

TEST(SocialConnector, ThreadMemoryBoundsTheCursor) {
  test::TempDir dir;
  std::string lines;
  for (int i = 0; i < 50; ++i) {
    absl::StrAppend(&lines, test::StatusLine(absl::StrCat(1000 + i), "ana@a.example", "a.example",
                                             i == 0 ? "" : absl::StrCat(1000 + i - 1)));
  }
  dir.Write("posts.jsonl", lines);
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}, "thread_memory=10"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_EQ(log.records.size(), 50u);
  for (const auto& record : log.records) EXPECT_EQ(record.interaction().thread_id(), "1000");
  absl::StatusOr<SocialCursor> cursor = DecodeSocialCursor(log.checkpoints.back());
  ASSERT_TRUE(cursor.ok());
  ASSERT_EQ(cursor->threads.size(), 10u);
  EXPECT_EQ(cursor->threads.front().status_id, "1040");
}

TEST(SocialConnector, TruncatedFileIsReadFromItsStart) {
  test::TempDir dir;
  dir.Write("posts.jsonl", test::SampleLineRange(1, 9));
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 7u);
  dir.Truncate("posts.jsonl", 0);
  dir.Append("posts.jsonl", test::StatusLine("2000", "ana@a.example", "a.example"));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("2000"));
  EXPECT_THAT(second.logs, Contains(HasSubstr("was truncated")));
}

TEST(SocialConnector, RotationFinishesTheOldFileThenReadsTheNewOne) {
  test::TempDir dir;
  dir.Write("posts.jsonl", test::SampleLineRange(1, 3));
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 3u);
  dir.Append("posts.jsonl", test::SampleLineRange(4, 4));
  dir.Rename("posts.jsonl", "posts.jsonl.1");
  dir.Write("posts.jsonl", test::SampleLineRange(5, 7));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre(test::kLine4, test::kLine5, test::kLine7));
  EXPECT_EQ(second.records[0].interaction().thread_id(), test::kLine1);
  EXPECT_THAT(second.logs, Contains(HasSubstr("was rotated to")));
  EXPECT_THAT(ReadOnce(instance, second.checkpoints.back()).sequence, IsEmpty());
}

TEST(SocialConnector, OpenRefusesBadOptionsWithTheReason) {
  const LoadedPlugin plugin = Plugin();
  absl::StatusOr<PluginInstance> no_folder =
      plugin.Open(Options({"/nonexistent/cxhub/posts.jsonl"}));
  ASSERT_FALSE(no_folder.ok());
  EXPECT_EQ(no_folder.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(no_folder.status().message(), HasSubstr("/nonexistent/cxhub/posts.jsonl"));

  absl::StatusOr<PluginInstance> no_brand =
      plugin.Open("file=" + test::SampleMastodonPath() + ";instance=mastodon.example");
  ASSERT_FALSE(no_brand.ok());
  EXPECT_EQ(no_brand.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_brand.status().message(), HasSubstr("brand_account is required"));
}

TEST(SocialConnector, ReadRefusesACursorItDidNotWrite) {
  PluginInstance instance = Open(Options({test::SampleMastodonPath()}));
  const ReadLog log = ReadOnce(instance, "cxhub-phone-cursor 1\n");
  EXPECT_EQ(log.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(log.status.message(), HasSubstr("not a social connector cursor"));
  EXPECT_THAT(log.sequence, IsEmpty());
}

// Hostile lines (issue 17): each becomes a dead letter with the reason, or a record clipped and
// marked, and the line after it is read, in bounded memory (hostile_json_lines.h).

// Reads `hostile_line` followed by status 2002 after a warm-up status 2001.
::cxhub::test::WarmRead ReadHostileLine(absl::string_view hostile_line) {
  test::TempDir dir;
  PluginInstance instance = Open(Options({dir.File("posts.jsonl")}));
  return ::cxhub::test::ReadWarm(
      instance,
      [&] { dir.Write("posts.jsonl", test::StatusLine("2001", "ana@a.example", "a.example")); },
      [&] {
        dir.Append("posts.jsonl",
                   absl::StrCat(hostile_line, "\n",
                                test::StatusLine("2002", "ana@a.example", "a.example")));
      });
}

TEST(HostileSocial, ALineNested100000DeepIsADeadLetterAndTheNextLineIsRead) {
  ExpectDeadLetterThenNextLine(ReadHostileLine(NestedJsonArrays(100000)),
                               "line longer than 65536 bytes", "2002");
}

TEST(HostileSocial, NestingTooDeepWithinTheLineLimitIsADeadLetter) {
  ExpectDeadLetterThenNextLine(
      ReadHostileLine(absl::StrCat(R"({"id":"2003","nested":)", NestedJsonArrays(30000), "}")),
      "invalid JSON", "2002");
}

TEST(HostileSocial, A16MiBLineIsADeadLetterReadInBoundedMemory) {
  ExpectDeadLetterThenNextLine(ReadHostileLine(LongJsonLine(16 << 20)), "line longer than", "2002");
}

TEST(HostileSocial, AnEnormousStringFieldIsClippedAndMarked) {
  std::string line = test::StatusLine("2003", "ana@a.example", "a.example");
  line.pop_back();  // its newline
  line = absl::StrReplaceAll(
      line, {{R"("display_name":"Someone")",
              absl::StrCat(R"("display_name":")", std::string(20000, 'n'), R"(")")},
             {"<p>Hello &amp; thanks</p>", absl::StrCat("<p>", std::string(40000, 'c'), "</p>")}});
  ExpectClippedNameThenNextLine(ReadHostileLine(line), "2003", 40000, "2002");
}

// A dead letter retried (ABI 1.1 reparse) is its line mapped again, before any read too.
TEST(SocialConnector, ARetriedDeadLetterIsItsLineMappedAgain) {
  test::TempDir dir;
  PluginInstance instance = Open(Options({dir.File("lines.jsonl")}));
  const ReadLog retried = ::cxhub::test::ReparseOnce(
      instance,
      std::string(absl::StripSuffix(test::StatusLine("2001", "ana@a.example", "a.example"), "\n")));
  ASSERT_TRUE(retried.status.ok()) << retried.status;
  EXPECT_THAT(retried.ExternalIds(), Contains("2001"));
  EXPECT_THAT(retried.checkpoints, IsEmpty());
  const ReadLog still_bad = ::cxhub::test::ReparseOnce(instance, "{not json");
  ASSERT_EQ(still_bad.dead_letters.size(), 1u);
  EXPECT_THAT(still_bad.dead_letters[0].reason, ::testing::StartsWith("retried dead letter: "));
}

}  // namespace
}  // namespace cxhub::social
