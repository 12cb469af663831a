#include "plugins/common/line_file_tailer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::plugin_common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr size_t kMaxLineBytes = 64 * 1024;

struct TailResult {
  std::vector<std::string> lines;
  std::vector<uint64_t> offsets;
  std::vector<std::string> files;
  std::optional<FilePosition> position;
  std::vector<std::string> notes;
};

TailResult Tail(const std::string& path, const std::optional<FilePosition>& saved,
                size_t max_line_bytes = kMaxLineBytes) {
  TailResult result;
  absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
      LineFileTailer::Open(path, saved ? &*saved : nullptr, max_line_bytes);
  EXPECT_TRUE(tailer.ok()) << tailer.status();
  if (!tailer.ok()) return result;
  TailedLine line;
  while (true) {
    absl::StatusOr<bool> more = (*tailer)->Next(line);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    result.lines.push_back(line.too_long ? "TOO LONG" : line.text);
    result.offsets.push_back(line.offset);
    result.files.push_back(line.file);
  }
  result.position = (*tailer)->position();
  result.notes = (*tailer)->notes();
  return result;
}

TEST(LineFileTailer, RawLinesKeepBlankLinesAndCarriageReturnsAndTheTailIsAvailable) {
  test::TempDir dir;
  dir.Write("export.csv", "one\r\n\r\n\ntwo\nthr");
  absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
      LineFileTailer::Open(dir.File("export.csv"), nullptr, kMaxLineBytes, LineTexts::kRaw);
  ASSERT_TRUE(tailer.ok()) << tailer.status();
  std::vector<std::string> lines;
  TailedLine line;
  while (true) {
    absl::StatusOr<bool> more = (*tailer)->Next(line);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    lines.push_back(line.text);
  }
  EXPECT_THAT(lines, ElementsAre("one\r", "\r", "", "two"));
  EXPECT_EQ((*tailer)->unterminated_tail(), "thr");
  EXPECT_EQ((*tailer)->position()->offset, 12u);  // where the tail starts
}

TEST(LineFileTailer, NoTailWhenTheFileEndsWithANewline) {
  test::TempDir dir;
  dir.Write("export.csv", "one\n");
  absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
      LineFileTailer::Open(dir.File("export.csv"), nullptr, kMaxLineBytes);
  ASSERT_TRUE(tailer.ok()) << tailer.status();
  TailedLine line;
  while (*(*tailer)->Next(line)) {
  }
  EXPECT_EQ((*tailer)->unterminated_tail(), "");
}

TEST(LineFileTailer, ReadsCompleteLinesAndLeavesAPartialOneForLater) {
  test::TempDir dir;
  dir.Write("Master.csv", "one\ntwo\r\n\nthr");
  TailResult first = Tail(dir.File("Master.csv"), std::nullopt);
  EXPECT_THAT(first.lines, ElementsAre("one", "two"));
  EXPECT_THAT(first.offsets, ElementsAre(0u, 4u));
  ASSERT_TRUE(first.position.has_value());
  EXPECT_EQ(first.position->offset, 10u);  // past the blank line, before "thr"

  dir.Append("Master.csv", "ee\nfour\n");
  TailResult second = Tail(dir.File("Master.csv"), first.position);
  EXPECT_THAT(second.lines, ElementsAre("three", "four"));
  EXPECT_THAT(second.offsets, ElementsAre(10u, 16u));
  EXPECT_EQ(second.position->offset, 21u);
  EXPECT_THAT(second.notes, IsEmpty());

  TailResult third = Tail(dir.File("Master.csv"), second.position);
  EXPECT_THAT(third.lines, IsEmpty());
  EXPECT_EQ(third.position, second.position);
}

TEST(LineFileTailer, MissingFileHasNothingToRead) {
  test::TempDir dir;
  TailResult result = Tail(dir.File("Master.csv"), std::nullopt);
  EXPECT_THAT(result.lines, IsEmpty());
  EXPECT_FALSE(result.position.has_value());
}

TEST(LineFileTailer, TruncatedFileIsReadFromTheStart) {
  test::TempDir dir;
  dir.Write("Master.csv", "first line\nsecond line\n");
  TailResult before = Tail(dir.File("Master.csv"), std::nullopt);
  dir.Truncate("Master.csv", 0);
  dir.Append("Master.csv", "new\n");
  TailResult after = Tail(dir.File("Master.csv"), before.position);
  EXPECT_THAT(after.lines, ElementsAre("new"));
  ASSERT_EQ(after.notes.size(), 1u);
  EXPECT_THAT(after.notes[0], HasSubstr("was truncated"));
  EXPECT_EQ(after.position->offset, 4u);
}

TEST(LineFileTailer, FileRewrittenInPlaceIsReadFromTheStart) {
  test::TempDir dir;
  dir.Write("Master.csv", "aaaa\n");
  TailResult before = Tail(dir.File("Master.csv"), std::nullopt);
  dir.Truncate("Master.csv", 0);
  dir.Append("Master.csv", "bbbb\ncccc\n");  // longer than the old offset, other first bytes
  TailResult after = Tail(dir.File("Master.csv"), before.position);
  EXPECT_THAT(after.lines, ElementsAre("bbbb", "cccc"));
  ASSERT_EQ(after.notes.size(), 1u);
  EXPECT_THAT(after.notes[0], HasSubstr("was rewritten"));
}

TEST(LineFileTailer, RotatedFileIsFinishedThenTheNewOneReadFromItsStart) {
  test::TempDir dir;
  dir.Write("Master.csv", "a1\n");
  TailResult before = Tail(dir.File("Master.csv"), std::nullopt);
  dir.Append("Master.csv", "a2\n");  // written just before the rotation
  dir.Rename("Master.csv", "Master.csv.1");
  dir.Write("Master.csv", "b1\n");
  TailResult after = Tail(dir.File("Master.csv"), before.position);
  EXPECT_THAT(after.lines, ElementsAre("a2", "b1"));
  EXPECT_THAT(after.files, ElementsAre(dir.File("Master.csv.1"), dir.File("Master.csv")));
  EXPECT_THAT(after.offsets, ElementsAre(3u, 0u));
  ASSERT_EQ(after.notes.size(), 2u);
  EXPECT_THAT(after.notes[0], HasSubstr("was rotated to"));
  EXPECT_THAT(after.notes[1], HasSubstr("is a new file"));
  EXPECT_NE(after.position->identity.inode, before.position->identity.inode);
  EXPECT_EQ(after.position->offset, 3u);
}

TEST(LineFileTailer, RotatedAwayWithNoNewFileYetKeepsReadingTheOldOne) {
  test::TempDir dir;
  dir.Write("Master.csv", "a1\n");
  TailResult before = Tail(dir.File("Master.csv"), std::nullopt);
  dir.Append("Master.csv", "a2\n");
  dir.Rename("Master.csv", "Master.csv.1");
  TailResult after = Tail(dir.File("Master.csv"), before.position);
  EXPECT_THAT(after.lines, ElementsAre("a2"));
  EXPECT_EQ(after.position->identity.inode, before.position->identity.inode);
  EXPECT_EQ(after.position->offset, 6u);
  dir.Write("Master.csv", "b1\n");
  TailResult later = Tail(dir.File("Master.csv"), after.position);
  EXPECT_THAT(later.lines, ElementsAre("b1"));
}

TEST(LineFileTailer, OverlongLinesAreCut) {
  test::TempDir dir;
  dir.Write("Master.csv", "short\n" + std::string(kMaxLineBytes * 3, 'x') + "\nafter\n");
  TailResult result = Tail(dir.File("Master.csv"), std::nullopt);
  EXPECT_THAT(result.lines, ElementsAre("short", "TOO LONG", "after"));
  EXPECT_THAT(result.offsets, ElementsAre(0u, 6u, 6u + kMaxLineBytes * 3 + 1));
}

TEST(LineFileTailer, OverlongPartialLineWaitsAtItsStart) {
  test::TempDir dir;
  dir.Write("Master.csv", "short\n" + std::string(kMaxLineBytes * 2, 'x'));
  TailResult result = Tail(dir.File("Master.csv"), std::nullopt);
  EXPECT_THAT(result.lines, ElementsAre("short"));
  EXPECT_EQ(result.position->offset, 6u);
}

TEST(LineFileTailer, TheLongestLineIsAParameter) {
  test::TempDir dir;
  dir.Write("events.jsonl", "12345678\n123456789\n" + std::string(30, 'y') + "\nok\n");
  TailResult result = Tail(dir.File("events.jsonl"), std::nullopt, 8);
  EXPECT_THAT(result.lines, ElementsAre("12345678", "TOO LONG", "TOO LONG", "ok"));
  EXPECT_THAT(result.offsets, ElementsAre(0u, 9u, 19u, 50u));
  EXPECT_EQ(result.position->offset, 53u);

  absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
      LineFileTailer::Open(dir.File("events.jsonl"), nullptr, 8);
  ASSERT_TRUE(tailer.ok());
  TailedLine line;
  ASSERT_TRUE(*(*tailer)->Next(line));
  ASSERT_TRUE(*(*tailer)->Next(line));
  EXPECT_TRUE(line.too_long);
  EXPECT_EQ(line.text, "12345678");  // the first max_line_bytes of "123456789"
  EXPECT_EQ(line.file, dir.File("events.jsonl"));
}

TEST(LineFileTailer, RefusesAZeroLineLength) {
  test::TempDir dir;
  EXPECT_EQ(LineFileTailer::Open(dir.File("x"), nullptr, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cxhub::plugin_common
