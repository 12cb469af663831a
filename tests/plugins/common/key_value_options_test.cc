#include "plugins/common/key_value_options.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::plugin_common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

const OptionKeys kKeys = {{"file", "files", "region", "every"}, {"file", "files"}};

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Split(absl::string_view text) {
  std::vector<std::pair<std::string, std::string>> settings;
  absl::Status status = ForEachOption(text, "test options", kKeys,
                                      [&](absl::string_view key, absl::string_view value) {
                                        settings.emplace_back(std::string(key), std::string(value));
                                        return absl::OkStatus();
                                      });
  if (!status.ok()) return status;
  return settings;
}

std::string Error(absl::string_view text) { return std::string(Split(text).status().message()); }

TEST(ForEachOption, SplitsOnSemicolonsAndNewlinesSkippingBlanksAndComments) {
  auto settings = Split(" file = /a b ;\n# file=/commented\n\n;region=PT\r\nfile=/c;files=/d, /e");
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_THAT(*settings, ElementsAre(Pair("file", "/a b"), Pair("region", "PT"), Pair("file", "/c"),
                                     Pair("files", "/d, /e")));
  settings = Split("");
  ASSERT_TRUE(settings.ok());
  EXPECT_TRUE(settings->empty());
  settings = Split("region=");
  ASSERT_TRUE(settings.ok());
  EXPECT_THAT(*settings, ElementsAre(Pair("region", "")));
}

TEST(ForEachOption, RefusesNonSettingsUnknownAndRepeatedKeys) {
  EXPECT_EQ(Error("file=/a;nonsense"), "test options: 'nonsense' is not key=value");
  EXPECT_EQ(Error("colour=red"),
            "test options: unknown option 'colour' (known: file, files, region, every)");
  EXPECT_EQ(Error("region=PT;every=2;region=DE"), "test options: 'region' is given twice");
}

TEST(ForEachOption, StopsAtTheFirstErrorOfTheCallback) {
  int calls = 0;
  absl::Status status = ForEachOption("file=/a;file=/b;file=/c", "test options", kKeys,
                                      [&calls](absl::string_view, absl::string_view value) {
                                        ++calls;
                                        return value == "/b" ? absl::InvalidArgumentError("bad /b")
                                                             : absl::OkStatus();
                                      });
  EXPECT_EQ(status.message(), "bad /b");
  EXPECT_EQ(calls, 2);
}

TEST(SplitCommaList, StripsItemsAndKeepsEmptyOnes) {
  EXPECT_THAT(SplitCommaList(" /a , /b,,/c "), ElementsAre("/a", "/b", "", "/c"));
  EXPECT_THAT(SplitCommaList(""), ElementsAre(""));
}

TEST(ParseIntInRange, AcceptsOnlyNumbersInRange) {
  int64_t out = 7;
  EXPECT_TRUE(ParseIntInRange("100", 1, 100, out));
  EXPECT_EQ(out, 100);
  EXPECT_FALSE(ParseIntInRange("0", 1, 100, out));
  EXPECT_FALSE(ParseIntInRange("101", 1, 100, out));
  EXPECT_FALSE(ParseIntInRange("ten", 1, 100, out));
  EXPECT_FALSE(ParseIntInRange("", 1, 100, out));
  EXPECT_EQ(out, 100);  // unchanged by a refused value
}

TEST(ParseIntOption, NamesTheKeyTheValueAndTheRange) {
  int64_t out = 7;
  EXPECT_TRUE(ParseIntOption("checkpoint_every", "5", 1, 100, out).ok());
  EXPECT_EQ(out, 5);
  absl::Status refused = ParseIntOption("checkpoint_every", "0", 1, 100, out);
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(), "checkpoint_every '0' is not a number from 1 to 100");
  EXPECT_EQ(out, 5);
}

TEST(ParseTimeZoneOption, LoadsIanaZonesAndRefusesOthers) {
  absl::TimeZone zone;
  EXPECT_TRUE(ParseTimeZoneOption("timezone", "Europe/Lisbon", zone).ok());
  EXPECT_EQ(zone.name(), "Europe/Lisbon");
  EXPECT_THAT(ParseTimeZoneOption("timezone", "Mars/Olympus", zone).message(),
              HasSubstr("timezone 'Mars/Olympus' is not in the tz database"));
  EXPECT_FALSE(ParseTimeZoneOption("timezone", "", zone).ok());
}

}  // namespace
}  // namespace cxhub::plugin_common
