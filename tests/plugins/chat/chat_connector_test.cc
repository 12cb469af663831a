// The real cxhub_chat.so, loaded with the SDK's plugin loader and fed the sample and files the
// tests write.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "chat_test_files.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/chat/chat_cursor.h"
#include "tests/plugins/hostile_json_lines.h"
#include "tests/plugins/recording_host.h"
#include "tests/plugins/warm_read.h"

namespace cxhub::chat {
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

// The sample's emissions in order: external ids for interactions, "link" for identity links,
// "dead_letter" for line 10.
const std::vector<std::string> kSampleSequence = {
    "link",          "message:90412", "message:90413", "message:90414", "message:90414",
    "link",          "message:90437", "dead_letter",   "link",          "link",
    "message:90502", "message:90505", "message:90507"};

std::string Options(const std::vector<std::string>& files, absl::string_view extra = "") {
  std::string options = "account_id=7\n";
  for (const std::string& file : files) absl::StrAppend(&options, "file=", file, "\n");
  absl::StrAppend(&options, extra);
  return options;
}

LoadedPlugin Plugin() {
  absl::StatusOr<LoadedPlugin> plugin = LoadPlugin(CXHUB_CHAT_PLUGIN_PATH);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  return *plugin;
}

PluginInstance Open(const std::string& options) {
  absl::StatusOr<PluginInstance> instance = Plugin().Open(options);
  EXPECT_TRUE(instance.ok()) << instance.status();
  return *std::move(instance);
}

// The data emissions of a read (checkpoints left out), as in kSampleSequence.
std::vector<std::string> Emissions(const ReadLog& log) {
  std::vector<std::string> out;
  size_t record = 0;
  for (const std::string& entry : log.sequence) {
    if (absl::StartsWith(entry, "checkpoint ")) continue;
    if (entry == "dead_letter") {
      out.push_back(entry);
      continue;
    }
    const auto& r = log.records[record++];
    out.push_back(r.has_interaction() ? r.interaction().external_id() : "link");
  }
  return out;
}

TEST(ChatConnector, AnnouncesItselfAsTheChatChannel) {
  const LoadedPlugin plugin = Plugin();
  EXPECT_EQ(plugin.info().name, "chat");
  EXPECT_THAT(plugin.info().channels, ElementsAre("chat"));
}

TEST(ChatConnector, SampleGivesItsMessagesLinksAndOneDeadLetter) {
  PluginInstance instance = Open(Options({test::SampleChatPath()}));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(Emissions(log), ElementsAreArray(kSampleSequence));
  ASSERT_EQ(log.dead_letters.size(), 1u);
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("chatwoot.jsonl at byte "));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("conversation: expected object, got string"));
  EXPECT_EQ(log.dead_letters[0].raw, test::SampleLines()[9]);
  EXPECT_TRUE(log.records[4].interaction().replaces_earlier());
  EXPECT_THAT(log.logs, Contains(HasSubstr(
                            "read 8 messages, 4 identity links, 1 dead letters; skipped 1 private "
                            "notes, 1 activity messages, 0 empty messages, 1 other events")));
  ASSERT_EQ(log.checkpoints.size(), 1u);
  EXPECT_EQ(log.sequence.back(), "checkpoint " + log.checkpoints.back());
  absl::StatusOr<ChatCursor> cursor = DecodeChatCursor(log.checkpoints.back());
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  ASSERT_EQ(cursor->files.size(), 1u);
  EXPECT_EQ(cursor->files.begin()->second.offset, 40488u);
}

TEST(ChatConnector, ResumingFromTheLastCursorEmitsNothing) {
  PluginInstance instance = Open(Options({test::SampleChatPath()}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_FALSE(first.checkpoints.empty());
  const ReadLog again = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_THAT(again.sequence, IsEmpty());
}

TEST(ChatConnector, CheckpointsEveryNAndResumesFromAnyOfThem) {
  PluginInstance instance = Open(Options({test::SampleChatPath()}, "checkpoint_every=5"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  // 13 emissions: checkpoints after the 5th, the 10th and at the end.
  ASSERT_EQ(log.checkpoints.size(), 3u);
  EXPECT_THAT(log.sequence[5], HasSubstr("checkpoint "));
  EXPECT_THAT(log.sequence[11], HasSubstr("checkpoint "));
  const ReadLog rest = ReadOnce(instance, log.checkpoints[1]);
  EXPECT_THAT(Emissions(rest), ElementsAre("message:90502", "message:90505", "message:90507"));
}

TEST(ChatConnector, HostThatStopsMidwayLosesAndDuplicatesNothing) {
  test::TempDir dir;
  dir.Write("chat.jsonl", test::SampleText(1, 16));
  PluginInstance instance = Open(Options({dir.File("chat.jsonl")}, "checkpoint_every=3"));
  cxhub::test::CommittingHost host;
  for (size_t stop_after : {5u, 2u, 7u}) {
    const absl::Status status =
        host.Read(instance, [&](size_t calls) { return calls < stop_after; });
    EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  }
  ASSERT_TRUE(host.Read(instance).ok());
  std::vector<std::string> expected;
  for (const std::string& entry : kSampleSequence) {
    expected.push_back(entry == "link"          ? ""
                       : entry == "dead_letter" ? "dead:" + test::SampleLines()[9]
                                                : entry);
  }
  EXPECT_THAT(host.committed(), ElementsAreArray(expected));
}

TEST(ChatConnector, AppendedLinesAreTheOnlyNewRecords) {
  test::TempDir dir;
  dir.Write("chat.jsonl", test::SampleText(1, 9));
  PluginInstance instance = Open(Options({dir.File("chat.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_EQ(first.records.size(), 7u);
  dir.Append("chat.jsonl", test::SampleText(14, 16));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("message:90502", "message:90505", "message:90507"));
  EXPECT_EQ(second.checkpoints.size(), 1u);
}

// The samples README, "chat/chatwoot-csat.jsonl": the questions are skipped, the two answers
// are survey responses, and a rating sent again replaces the earlier one.
TEST(ChatConnector, CsatFileGivesTwoAnswersAndAChangedRatingReplacesTheFirst) {
  test::TempDir dir;
  dir.Write("csat.jsonl", test::ReadWholeFile(test::SampleCsatPath()));
  PluginInstance instance = Open(Options({test::SampleChatPath(), dir.File("csat.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  std::vector<std::string> answers;
  for (const auto& record : first.records) {
    if (record.has_interaction() && record.interaction().kind() == cxhub::v1::SURVEY_RESPONSE) {
      answers.push_back(absl::StrCat(record.interaction().external_id(), " ",
                                     record.interaction().survey().score()));
    }
  }
  EXPECT_THAT(answers, ElementsAre("csat:90418 5", "csat:90509 2"));
  EXPECT_THAT(first.logs, Contains(HasSubstr("1 other events, 2 survey questions; read 2 "
                                             "survey answers")));

  dir.Append("csat.jsonl", absl::StrReplaceAll(test::SampleCsatLines()[1],
                                               {{R"("rating": 5)", R"("rating": 3)"}}) +
                               "\n");
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  ASSERT_EQ(second.records.size(), 1u);
  const auto& changed = second.records[0].interaction();
  EXPECT_EQ(changed.external_id(), "csat:90418");
  EXPECT_TRUE(changed.replaces_earlier());
  EXPECT_EQ(changed.survey().score(), 3);
}

TEST(ChatConnector, PartialLastLineWaitsForItsNewline) {
  test::TempDir dir;
  dir.Write("chat.jsonl", test::SampleText(1, 2));
  PluginInstance instance = Open(Options({dir.File("chat.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  ASSERT_EQ(first.records.size(), 2u);
  const std::string line = test::SampleLines()[13];
  dir.Append("chat.jsonl", line.substr(0, 500));
  EXPECT_THAT(ReadOnce(instance, first.checkpoints.back()).sequence, IsEmpty());
  dir.Append("chat.jsonl", line.substr(500));
  EXPECT_THAT(ReadOnce(instance, first.checkpoints.back()).sequence, IsEmpty());
  dir.Append("chat.jsonl", "\n");
  EXPECT_THAT(ReadOnce(instance, first.checkpoints.back()).ExternalIds(),
              ElementsAre("message:90502"));
}

TEST(ChatConnector, TruncatedFileIsReadFromItsStart) {
  test::TempDir dir;
  dir.Write("chat.jsonl", test::SampleText(1, 16));
  PluginInstance instance = Open(Options({dir.File("chat.jsonl")}));
  const ReadLog first = ReadOnce(instance, "");
  dir.Truncate("chat.jsonl", 0);
  dir.Append("chat.jsonl", test::SampleText(16, 16));
  const ReadLog second = ReadOnce(instance, first.checkpoints.back());
  EXPECT_THAT(second.ExternalIds(), ElementsAre("message:90507"));
  EXPECT_THAT(second.logs, Contains(HasSubstr("was truncated")));
}

TEST(ChatConnector, OpenRefusesBadOptionsWithTheReason) {
  const LoadedPlugin plugin = Plugin();
  absl::StatusOr<PluginInstance> no_account = plugin.Open("file=" + test::SampleChatPath());
  ASSERT_FALSE(no_account.ok());
  EXPECT_EQ(no_account.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_account.status().message(), HasSubstr("account_id is required"));
  absl::StatusOr<PluginInstance> no_folder = plugin.Open(Options({"/nonexistent/cxhub/c.jsonl"}));
  ASSERT_FALSE(no_folder.ok());
  EXPECT_EQ(no_folder.status().code(), absl::StatusCode::kNotFound);
}

TEST(ChatConnector, ReadRefusesACursorItDidNotWrite) {
  PluginInstance instance = Open(Options({test::SampleChatPath()}));
  const ReadLog log = ReadOnce(instance, "cxhub-phone-cursor 1\n");
  EXPECT_EQ(log.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(log.sequence, IsEmpty());
}

// Hostile lines (issue 17): each becomes a dead letter with the reason, or a record clipped and
// marked, and the line after it is read, in bounded memory (hostile_json_lines.h).

// MinimalMessage with message id `id`, and `content` and sender `name` when given.
std::string Message(int id, absl::string_view content = "Hello", absl::string_view name = "Ana") {
  return absl::StrReplaceAll(
      test::MinimalMessage(),
      {{R"("id":1001)", absl::StrCat(R"("id":)", id)},
       {R"("content":"Hello")", absl::StrCat(R"("content":")", content, R"(")")},
       {R"("name":"Ana")", absl::StrCat(R"("name":")", name, R"(")")}});
}

// Reads `hostile_line` followed by message 1002 after a warm-up message 1001.
::cxhub::test::WarmRead ReadHostileLine(absl::string_view hostile_line) {
  test::TempDir dir;
  PluginInstance instance = Open(Options({dir.File("chat.jsonl")}));
  return ::cxhub::test::ReadWarm(
      instance, [&] { dir.Write("chat.jsonl", Message(1001) + "\n"); },
      [&] { dir.Append("chat.jsonl", absl::StrCat(hostile_line, "\n", Message(1002), "\n")); });
}

TEST(HostileChat, ALineNested100000DeepIsADeadLetterAndTheNextLineIsRead) {
  ExpectDeadLetterThenNextLine(ReadHostileLine(NestedJsonArrays(100000)),
                               "line longer than 65536 bytes", "message:1002");
}

TEST(HostileChat, NestingTooDeepWithinTheLineLimitIsADeadLetter) {
  ExpectDeadLetterThenNextLine(
      ReadHostileLine(
          absl::StrCat(R"({"event":"message_created","nested":)", NestedJsonArrays(30000), "}")),
      "not a JSON document", "message:1002");
}

TEST(HostileChat, A16MiBLineIsADeadLetterReadInBoundedMemory) {
  ExpectDeadLetterThenNextLine(ReadHostileLine(LongJsonLine(16 << 20)), "line longer than",
                               "message:1002");
}

TEST(HostileChat, AnEnormousStringFieldIsClippedAndMarked) {
  ExpectClippedNameThenNextLine(
      ReadHostileLine(Message(1003, std::string(40000, 'c'), std::string(20000, 'n'))),
      "message:1003", 40000, "message:1002");
}

// A dead letter retried (ABI 1.1 reparse) is its line mapped again, before any read too.
TEST(ChatConnector, ARetriedDeadLetterIsItsLineMappedAgain) {
  test::TempDir dir;
  PluginInstance instance = Open(Options({dir.File("lines.jsonl")}));
  const ReadLog retried = ::cxhub::test::ReparseOnce(instance, Message(1001));
  ASSERT_TRUE(retried.status.ok()) << retried.status;
  EXPECT_THAT(retried.ExternalIds(), Contains("message:1001"));
  EXPECT_THAT(retried.checkpoints, IsEmpty());
  const ReadLog still_bad = ::cxhub::test::ReparseOnce(instance, "{not json");
  ASSERT_EQ(still_bad.dead_letters.size(), 1u);
  EXPECT_THAT(still_bad.dead_letters[0].reason, ::testing::StartsWith("retried dead letter: "));
}

}  // namespace
}  // namespace cxhub::chat
