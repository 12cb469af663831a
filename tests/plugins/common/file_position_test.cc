#include "plugins/common/file_position.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/common/fnv1a_hash.h"

namespace cxhub::plugin_common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const FilePosition kPosition = {{2049, 131, 1024, 0xfedcba9876543210}, 2745};

TEST(Fnv1a64, MatchesTheReferenceValues) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(Fnv1a64("bar", Fnv1a64("foo")), Fnv1a64("foobar"));
}

TEST(FilePositionLine, WritesEitherFieldOrder) {
  std::string text;
  AppendFilePositionLine(text, "", PositionFields::kDeviceInodeOffset, "/a b/c.csv", kPosition);
  AppendFilePositionLine(text, "file ", PositionFields::kOffsetDeviceInode, "/x", kPosition);
  EXPECT_EQ(text,
            "2049 131 2745 1024 fedcba9876543210 /a b/c.csv\n"
            "file 2745 2049 131 1024 fedcba9876543210 /x\n");
}

TEST(FilePositionLine, ReadsWhatWasWritten) {
  for (PositionFields order :
       {PositionFields::kDeviceInodeOffset, PositionFields::kOffsetDeviceInode}) {
    std::string text;
    AppendFilePositionLine(text, "file ", order, "/var/log/with space.csv", kPosition);
    text.pop_back();  // the newline
    FilePositions files;
    ASSERT_TRUE(ParseFilePositionLine(text, "file ", order, files).ok());
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files.begin()->first, "/var/log/with space.csv");
    EXPECT_EQ(files.begin()->second, kPosition);
  }
}

TEST(FilePositionLine, RefusesMalformedLines) {
  FilePositions files;
  const auto error = [&files](absl::string_view line, PositionFields order) {
    return std::string(ParseFilePositionLine(line, "", order, files).message());
  };
  const PositionFields device_first = PositionFields::kDeviceInodeOffset;
  const PositionFields offset_first = PositionFields::kOffsetDeviceInode;
  EXPECT_EQ(error("1 2 3", device_first),
            "expected <device> <inode> <offset> <size> <fingerprint> <path>");
  EXPECT_EQ(error("1 2 3", offset_first),
            "expected <offset> <device> <inode> <size> <fingerprint> <path>");
  EXPECT_EQ(error("1 2 x 0 0000000000000000 /a", device_first),
            "device, inode, offset and fingerprint size must be numbers");
  EXPECT_EQ(error("1 2 3 2048 0000000000000000 /a", offset_first),
            "offset, device, inode and fingerprint size must be numbers");
  EXPECT_EQ(error("1 2 3 0 zz /a", device_first), "the fingerprint must be 16 hex digits");
  EXPECT_TRUE(ParseFilePositionLine("1 2 3 0 0000000000000000 /a", "", device_first, files).ok());
  EXPECT_EQ(error("1 2 3 0 0000000000000000 /a", device_first), "the file appears twice");
}

TEST(CursorLines, SplitsOffTheHeader) {
  EXPECT_EQ(CursorHeader("phone", 1), "cxhub-phone-cursor 1");
  absl::StatusOr<std::vector<absl::string_view>> lines =
      CursorLines("cxhub-phone-cursor 1\na\nb\n", "phone", 1);
  ASSERT_TRUE(lines.ok()) << lines.status();
  EXPECT_THAT(*lines, ElementsAre("a", "b"));
  lines = CursorLines("", "phone", 1);
  ASSERT_TRUE(lines.ok());
  EXPECT_THAT(*lines, IsEmpty());
}

TEST(CursorLines, RefusesOtherVersionsAndOtherCursors) {
  EXPECT_EQ(CursorLines("cxhub-chat-cursor 2\n", "chat", 1).status().message(),
            "chat cursor version '2' is not supported (this plugin reads version 1)");
  EXPECT_EQ(CursorLines("cxhub-phone-cursor 1\n", "chat", 1).status().message(),
            "the cursor is not a chat connector cursor (it does not start with "
            "'cxhub-chat-cursor 1')");
  EXPECT_THAT(MalformedCursorLine("social", "x y", "why").message(),
              HasSubstr("social cursor line 'x y' is malformed: why"));
}

TEST(FilePositionsCursor, ReadsWhatWasWrittenAndRefusesOtherLines) {
  constexpr CursorFormat kFormat = {"test", 3, PositionFields::kOffsetDeviceInode, "file "};
  const FilePositions files = {{"/a.csv", kPosition}, {"/b c.csv", kPosition}};
  const std::string text = EncodeFilePositions(kFormat, files);
  EXPECT_EQ(text,
            "cxhub-test-cursor 3\n"
            "file 2745 2049 131 1024 fedcba9876543210 /a.csv\n"
            "file 2745 2049 131 1024 fedcba9876543210 /b c.csv\n");
  absl::StatusOr<FilePositions> decoded = DecodeFilePositions(kFormat, text);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, files);
  EXPECT_THAT(*DecodeFilePositions(kFormat, ""), IsEmpty());
  EXPECT_THAT(DecodeFilePositions(kFormat, "cxhub-test-cursor 3\nthread 1 2\n").status().message(),
              HasSubstr("test cursor line 'thread 1 2' is malformed: expected a file line"));
}

}  // namespace
}  // namespace cxhub::plugin_common
