// The logger's two formats (text and JSON), their escaping, and the level filter.
#include "server/core/logger.h"

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/log_line.h"
#include "server/core/manual_clock.h"
#include "simdjson.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class LinesSink final : public LogSink {
 public:
  void WriteLine(absl::string_view line) override {
    absl::MutexLock lock(&mu_);
    lines_.emplace_back(line);
  }
  std::vector<std::string> lines() {
    absl::MutexLock lock(&mu_);
    return lines_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

absl::Time At() {
  return absl::FromCivil(absl::CivilSecond(2026, 12, 1, 23, 30, 0), absl::UTCTimeZone()) +
         absl::Milliseconds(123);
}

TEST(LogLine, TextHasTimeLevelEventThenFieldsInOrder) {
  EXPECT_EQ(FormatLogLine(LogFormat::kText, At(), LogLevel::kInfo, "connector_read",
                          {{"connector", "pbx-calls"},
                           {"records", 9},
                           {"dead_letters", int64_t{0}},
                           {"duration_ms", size_t{42}},
                           {"complete", true}}),
            "2026-12-01T23:30:00.123Z INFO connector_read connector=pbx-calls records=9 "
            "dead_letters=0 duration_ms=42 complete=true\n");
}

TEST(LogLine, TextQuotesValuesWithSpacesQuotesEqualsOrControlsAndEscapesInside) {
  EXPECT_EQ(FormatLogLine(LogFormat::kText, At(), LogLevel::kWarning, "plugin_log",
                          {{"message", "mbox /var/mail/a b was \"rotated\"\nagain"},
                           {"empty", ""},
                           {"pair", "a=b"},
                           {"path", "C:\\x"},
                           {"plain", "ação"}}),
            "2026-12-01T23:30:00.123Z WARNING plugin_log "
            "message=\"mbox /var/mail/a b was \\\"rotated\\\"\\nagain\" empty=\"\" pair=\"a=b\" "
            "path=\"C:\\\\x\" plain=ação\n");
}

TEST(LogLine, JsonIsOneObjectWithTypedFields) {
  EXPECT_EQ(FormatLogLine(LogFormat::kJson, At(), LogLevel::kError, "connector_read",
                          {{"connector", "mail"},
                           {"records", -3},
                           {"ratio", 0.5},
                           {"nan", std::nan("")},
                           {"ok", false},
                           {"message", "tab\there \"q\" \\ \x01"}}),
            "{\"time\":\"2026-12-01T23:30:00.123Z\",\"level\":\"error\",\"event\":"
            "\"connector_read\",\"fields\":{\"connector\":\"mail\",\"records\":-3,\"ratio\":0.5,"
            "\"nan\":null,\"ok\":false,\"message\":\"tab\\there \\\"q\\\" \\\\ \\u0001\"}}\n");
}

TEST(LogLine, KeepsValidUtf8AndReplacesEveryInvalidByte) {
  // A stray continuation byte, a truncated sequence, an overlong '/', a surrogate, then valid
  // two-, three- and four-byte characters.
  const std::string value = "a\x80z \xE2\x82 \xC0\xAF \xED\xA0\x80 é € \xF0\x9F\x98\x80";
  const std::string replaced =
      "a\xEF\xBF\xBDz \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD "
      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD é € \xF0\x9F\x98\x80";
  EXPECT_EQ(FormatLogLine(LogFormat::kText, At(), LogLevel::kInfo, "e", {{"v", value}}),
            absl::StrCat("2026-12-01T23:30:00.123Z INFO e v=\"", replaced, "\"\n"));
  const std::string json =
      FormatLogLine(LogFormat::kJson, At(), LogLevel::kInfo, "e", {{"v", value}});
  EXPECT_THAT(json, HasSubstr(absl::StrCat("\"v\":\"", replaced, "\"")));

  simdjson::dom::parser parser;
  simdjson::dom::element document;
  ASSERT_EQ(parser.parse(json).get(document), simdjson::SUCCESS) << json;
  std::string_view parsed;
  ASSERT_EQ(document["fields"]["v"].get(parsed), simdjson::SUCCESS);
  EXPECT_EQ(parsed, replaced);
}

TEST(Logger, DropsLinesBelowItsLevelAndWritesTheOthersWhole) {
  LinesSink sink;
  ManualClock clock(At());
  const Logger logger({LogFormat::kText, LogLevel::kWarning}, sink, clock);
  EXPECT_FALSE(logger.Enabled(LogLevel::kInfo));
  EXPECT_TRUE(logger.Enabled(LogLevel::kError));
  logger.Log(LogLevel::kDebug, "record", {{"body", "personal"}});
  logger.Log(LogLevel::kInfo, "connector_read");
  logger.Log(LogLevel::kWarning, "connector_stalled", {{"connector", "mail"}});
  logger.Log(LogLevel::kError, "start_failed");
  EXPECT_THAT(sink.lines(),
              ElementsAre("2026-12-01T23:30:00.123Z WARNING connector_stalled connector=mail\n",
                          "2026-12-01T23:30:00.123Z ERROR start_failed\n"));
}

TEST(Logger, DefaultsToTextAtInfo) {
  const LogOptions defaults;
  EXPECT_EQ(defaults.format, LogFormat::kText);
  EXPECT_EQ(defaults.level, LogLevel::kInfo);
}

TEST(Logger, ManyThreadsLoggingAtOnceLoseNoLineAndCutNone) {
  LinesSink sink;
  const Logger logger({LogFormat::kJson, LogLevel::kDebug}, sink, SystemClock());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&logger, t]() {
      for (int i = 0; i < 200; ++i) {
        logger.Log(LogLevel::kInfo, "tick", {{"thread", t}, {"i", i}});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<std::string> lines = sink.lines();
  ASSERT_EQ(lines.size(), 800u);
  simdjson::dom::parser parser;
  for (const std::string& line : lines) {
    simdjson::dom::element document;
    EXPECT_EQ(parser.parse(line).get(document), simdjson::SUCCESS) << line;
  }
}

}  // namespace
}  // namespace cxhub
