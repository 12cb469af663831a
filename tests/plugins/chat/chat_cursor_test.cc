#include "plugins/chat/chat_cursor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::chat {
namespace {

using ::testing::HasSubstr;

TEST(ChatCursor, RoundTripsPathsWithSpaces) {
  ChatCursor cursor;
  FilePosition position;
  position.offset = 40488;
  position.identity = {64769, 1234567, 1024, 0x0123456789abcdefULL};
  cursor.files["/var/spool/cxhub/chat spool.jsonl"] = position;
  cursor.files["/srv/chatwoot.jsonl"] = FilePosition{};
  const std::string text = EncodeChatCursor(cursor);
  EXPECT_THAT(text, HasSubstr("cxhub-chat-cursor 1\n"));
  absl::StatusOr<ChatCursor> decoded = DecodeChatCursor(text);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->files, cursor.files);
}

TEST(ChatCursor, TextIsPinnedWithTheOffsetFirst) {
  ChatCursor cursor;
  cursor.files["/srv/chat spool.jsonl"] = {{64769, 1234567, 1024, 0x0123456789abcdefULL}, 40488};
  const std::string text =
      "cxhub-chat-cursor 1\n"
      "40488 64769 1234567 1024 0123456789abcdef /srv/chat spool.jsonl\n";
  EXPECT_EQ(EncodeChatCursor(cursor), text);
  absl::StatusOr<ChatCursor> decoded = DecodeChatCursor(text);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->files, cursor.files);
}

TEST(ChatCursor, EmptyTextIsTheStart) {
  absl::StatusOr<ChatCursor> decoded = DecodeChatCursor("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->files.empty());
}

TEST(ChatCursor, RefusesOtherCursorsVersionsAndMalformedLines) {
  EXPECT_THAT(DecodeChatCursor("cxhub-phone-cursor 1\n").status().message(),
              HasSubstr("not a chat connector cursor"));
  EXPECT_THAT(DecodeChatCursor("cxhub-chat-cursor 2\n").status().message(),
              HasSubstr("version '2' is not supported"));
  EXPECT_THAT(
      DecodeChatCursor("cxhub-chat-cursor 1\n12 x 3 4 0123456789abcdef /a\n").status().message(),
      HasSubstr("must be numbers"));
  EXPECT_THAT(DecodeChatCursor("cxhub-chat-cursor 1\n12 1 3 4 0123 /a\n").status().message(),
              HasSubstr("16 hex digits"));
  EXPECT_THAT(DecodeChatCursor("cxhub-chat-cursor 1\n1 1 1 1 0123456789abcdef /a\n"
                               "2 2 2 2 0123456789abcdef /a\n")
                  .status()
                  .message(),
              HasSubstr("appears twice"));
}

}  // namespace
}  // namespace cxhub::chat
