#include "plugins/common/tailed_file_options.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::plugin_common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

struct Parsed {
  absl::Status status;
  TailedFileOptions options;
  std::vector<std::pair<std::string, std::string>> own;
};

Parsed Parse(absl::string_view text) {
  Parsed parsed;
  parsed.status = ParseTailedFileOptions(
      text, "test", {{"region", "tag"}, {"tag"}}, parsed.options,
      [&parsed](absl::string_view key, absl::string_view value) {
        parsed.own.emplace_back(std::string(key), std::string(value));
        return key == "region" && value == "bad" ? absl::InvalidArgumentError("region is bad")
                                                 : absl::OkStatus();
      });
  return parsed;
}

std::string Error(absl::string_view text) { return std::string(Parse(text).status.message()); }

TEST(ParseTailedFileOptions, TakesFilesInOrderWithoutDuplicatesAndPassesOwnKeysOn) {
  const Parsed parsed = Parse("file=/a; files=/b, /a ,/c; region=PT; tag=x; tag=y");
  ASSERT_TRUE(parsed.status.ok()) << parsed.status;
  EXPECT_THAT(parsed.options.files, ElementsAre("/a", "/b", "/c"));
  EXPECT_EQ(parsed.options.checkpoint_every, 100);
  EXPECT_THAT(parsed.own, ElementsAre(Pair("region", "PT"), Pair("tag", "x"), Pair("tag", "y")));
  EXPECT_EQ(Parse("file=/a;checkpoint_every=7").options.checkpoint_every, 7);
}

TEST(ParseTailedFileOptions, RefusesBadPathsAndCheckpointsWithTheConnectorsPrefix) {
  EXPECT_EQ(Error("files=/a,,/b"), "test connector options: a file path is empty");
  EXPECT_EQ(Error("checkpoint_every=0"),
            "test connector options: checkpoint_every '0' is not a number from 1 to 100000");
  EXPECT_THAT(Error("checkpoint_every=1;checkpoint_every=2"),
              HasSubstr("'checkpoint_every' is given twice"));
  EXPECT_THAT(Error("colour=red"),
              HasSubstr("unknown option 'colour' (known: file, files, region, tag, "
                        "checkpoint_every)"));
  EXPECT_EQ(Error("region=bad"), "region is bad");  // the connector's own error, unchanged
}

TEST(CheckPathOption, RefusesEmptyPathsAndPathsACursorLineCannotHold) {
  EXPECT_TRUE(CheckPathOption("spool", "/var/spool/chat.jsonl").ok());
  EXPECT_EQ(CheckPathOption("spool", "").message(), "a spool path is empty");
  EXPECT_EQ(CheckPathOption("file", "/a\nb").message(),
            "file paths must not contain a newline or NUL");
  EXPECT_EQ(CheckPathOption("file", absl::string_view("/a\0b", 4)).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cxhub::plugin_common
