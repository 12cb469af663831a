#include "plugins/social/social_cursor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::social {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

SocialCursor Example() {
  SocialCursor cursor;
  FilePosition position;
  position.identity = {2049, 131073, 1024, 0x0123456789abcdefULL};
  position.offset = 22522;
  cursor.files["/var/lib/cxhub/social posts #1.jsonl"] = position;
  cursor.threads = {{"117234175843915065", "117234175843915065"},
                    {"117234374511169850", "117234175843915065"}};
  return cursor;
}

TEST(SocialCursor, EncodesVersionedTextWithFileAndThreadLines) {
  EXPECT_EQ(EncodeSocialCursor(Example()),
            "cxhub-social-cursor 1\n"
            "file 2049 131073 22522 1024 0123456789abcdef /var/lib/cxhub/social posts #1.jsonl\n"
            "thread 117234175843915065 117234175843915065\n"
            "thread 117234374511169850 117234175843915065\n");
}

TEST(SocialCursor, RoundTrips) {
  absl::StatusOr<SocialCursor> decoded = DecodeSocialCursor(EncodeSocialCursor(Example()));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->files, Example().files);
  EXPECT_EQ(decoded->threads, Example().threads);
}

TEST(SocialCursor, EmptyTextIsTheStart) {
  absl::StatusOr<SocialCursor> decoded = DecodeSocialCursor("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->files.empty());
  EXPECT_TRUE(decoded->threads.empty());
}

TEST(SocialCursor, RefusesOtherVersionsAndForeignCursors) {
  absl::StatusOr<SocialCursor> v2 = DecodeSocialCursor("cxhub-social-cursor 2\n");
  ASSERT_FALSE(v2.ok());
  EXPECT_THAT(v2.status().message(), HasSubstr("version '2' is not supported"));
  absl::StatusOr<SocialCursor> phone = DecodeSocialCursor("cxhub-phone-cursor 1\n");
  ASSERT_FALSE(phone.ok());
  EXPECT_THAT(phone.status().message(), HasSubstr("not a social connector cursor"));
}

TEST(SocialCursor, RefusesMalformedLines) {
  for (const char* text :
       {"cxhub-social-cursor 1\nfile 1 2 3\n",
        "cxhub-social-cursor 1\nfile a 2 3 4 0123456789abcdef /x\n",
        "cxhub-social-cursor 1\nfile 1 2 3 4 0123 /x\n",
        "cxhub-social-cursor 1\nfile 1 2 3 99999 0123456789abcdef /x\n",
        "cxhub-social-cursor 1\nthread 1\n", "cxhub-social-cursor 1\nthread 1 2 3\n",
        "cxhub-social-cursor 1\nsomething else\n",
        "cxhub-social-cursor 1\nfile 1 2 3 4 0123456789abcdef /x\n"
        "file 1 2 3 4 0123456789abcdef /x\n"}) {
    absl::StatusOr<SocialCursor> decoded = DecodeSocialCursor(text);
    EXPECT_FALSE(decoded.ok()) << text;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
}

TEST(SocialCursor, KeepsThreadOrder) {
  absl::StatusOr<SocialCursor> decoded =
      DecodeSocialCursor("cxhub-social-cursor 1\nthread 3 1\nthread 1 1\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_THAT(decoded->threads, ElementsAre(ThreadEntry{"3", "1"}, ThreadEntry{"1", "1"}));
}

}  // namespace
}  // namespace cxhub::social
