// Reading mboxrd files: separators, >From unescaping, offsets, incomplete tails, From_ times.
#include "plugins/email/mbox_reader.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/email/email_test_support.h"

namespace cxhub::email::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<MboxMessage> ReadAll(const std::string& path, uint64_t offset = 0, bool settled = false,
                                 bool* incomplete = nullptr) {
  absl::StatusOr<MboxReader> reader = MboxReader::Open(path, offset, settled);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<MboxMessage> messages;
  while (true) {
    absl::StatusOr<std::optional<MboxMessage>> next = reader->Next();
    EXPECT_TRUE(next.ok()) << next.status();
    if (!next.ok() || !next->has_value()) break;
    messages.push_back(std::move(**next));
  }
  if (incomplete != nullptr) *incomplete = reader->incomplete_tail();
  return messages;
}

TEST(MboxReader, SplitsTheSampleIntoNineMessagesAtTheirFromLines) {
  std::vector<MboxMessage> messages = ReadAll(SampleMbox());
  ASSERT_EQ(messages.size(), 9u);
  std::vector<uint64_t> offsets;
  for (const MboxMessage& message : messages) offsets.push_back(message.offset);
  EXPECT_THAT(offsets, ElementsAre(0, 1118, 2562, 3461, 5181, 6197, 7627, 8560, 10200));
  EXPECT_EQ(messages[0].end_offset, 1118u);
  EXPECT_EQ(messages[8].end_offset, 11745u);
  EXPECT_EQ(messages[8].from_line, "From tom.becker@example.de Thu Sep 10 17:05:37 2026");
  EXPECT_TRUE(absl::StartsWith(messages[0].content, "Return-Path: <marta.ferreira@example.pt>\n"));
  // The separator blank line is not part of the message.
  EXPECT_TRUE(absl::EndsWith(messages[0].content, "Tel.: 00351 912 345 678\n"));
}

TEST(MboxReader, RemovesExactlyOneQuoteFromEscapedFromLines) {
  std::vector<MboxMessage> messages = ReadAll(SampleMbox());
  ASSERT_EQ(messages.size(), 9u);
  EXPECT_THAT(messages[3].content, HasSubstr("\nFrom our tracking data, your parcel"));
  EXPECT_THAT(messages[3].content, Not(HasSubstr("\n>From our tracking")));
  EXPECT_THAT(messages[4].content, HasSubstr("\nFrom the size chart I thought L"));
  EXPECT_THAT(messages[8].content, HasSubstr("\n>From our tracking data, your parcel"));
  EXPECT_THAT(messages[8].content, Not(HasSubstr(">>From")));
}

TEST(MboxReader, ResumesAtAnEndOffset) {
  std::vector<MboxMessage> rest = ReadAll(SampleMbox(), 8560);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].from_line, "From orders@northwind.example Thu Sep 10 13:20:33 2026");
}

TEST(MboxReader, WaitsForALastMessageThatIsNotFollowedByABlankLine) {
  TempDir dir;
  std::string path = dir.File("box");
  WriteFile(path,
            "From a@example.com Mon Sep  7 08:14:25 2026\nFrom: a@example.com\n\nbody\n\n"
            "From b@example.com Mon Sep  7 09:00:00 2026\nFrom: b@example.com\n\nhalf writ");
  bool incomplete = false;
  std::vector<MboxMessage> messages = ReadAll(path, 0, false, &incomplete);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(incomplete);
  EXPECT_EQ(messages[0].content, "From: a@example.com\n\nbody\n");
  // Once the file has settled, the tail counts as complete.
  messages = ReadAll(path, messages[0].end_offset, true, &incomplete);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_FALSE(incomplete);
  EXPECT_EQ(messages[0].content, "From: b@example.com\n\nhalf writ");
}

TEST(MboxReader, DataBeforeTheFirstSeparatorIsAMessageWithoutFromLine) {
  TempDir dir;
  std::string path = dir.File("box");
  WriteFile(path, "garbage\n\nFrom a@example.com Mon Sep  7 08:14:25 2026\nFrom: a@x.example\n\n");
  std::vector<MboxMessage> messages = ReadAll(path);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].from_line, "");
  EXPECT_EQ(messages[0].content, "garbage\n");
  EXPECT_EQ(messages[1].offset, 9u);
}

TEST(MboxReader, FromLineTimeIsUtc) {
  EXPECT_EQ(FromLineTime("From tom.becker@example.de Thu Sep 10 17:05:37 2026"), 1789059937);
  EXPECT_EQ(FromLineTime("From marta.ferreira@example.pt Mon Sep  7 08:14:25 2026"), 1788768865);
  EXPECT_EQ(FromLineTime("From MAILER-DAEMON"), std::nullopt);
  EXPECT_EQ(FromLineTime("From x Thu Sep 10 25:05:37 2026"), std::nullopt);
}

TEST(MboxReader, OpenReportsAMissingFile) {
  EXPECT_EQ(MboxReader::Open("/nonexistent/box", 0, false).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cxhub::email::test
