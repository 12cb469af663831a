// What the connector host logs: one summary line per read, the plugins' own lines attributed to
// their instance, and no personal data above debug.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"
#include "tests/storage/backend_test.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

// The lines holding `text`.
std::vector<std::string> LinesWith(const std::vector<std::string>& lines, absl::string_view text) {
  std::vector<std::string> found;
  for (const std::string& line : lines) {
    if (absl::StrContains(line, text)) found.push_back(line);
  }
  return found;
}

class ConnectorReadLog : public HostTest {
 protected:
  // Waits until `count` read summaries were logged; returns them.
  std::vector<std::string> WaitForReadSummaries(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    std::vector<std::string> summaries = LinesWith(log_lines(), " connector_read ");
    while (summaries.size() < count && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(10));
      summaries = LinesWith(log_lines(), " connector_read ");
    }
    return summaries;
  }
};

TEST_P(ConnectorReadLog, AReadEndsWithOneInfoLineCountingWhatItCommitted) {
  AppendFile("in.txt", Line("m1", "ana@example.com", "2026-03-01T10:00:00Z", "my secret order") +
                           "not a record\n" + Line("m2", "ana@") + Line("m3", "bob@example.com"));
  StartHost({LineConnector("lines", "in.txt", "test_lines.so", /*checkpoint_every=*/1)});

  const std::vector<std::string> summaries = WaitForReadSummaries(1);
  ASSERT_THAT(summaries, SizeIs(1));
  EXPECT_THAT(summaries[0],
              MatchesRegex("[-0-9T:.]+Z INFO connector_read connector=lines records=2 "
                           "dead_letters=2 skipped=0 duration_ms=[0-9]+ status=ok\n"));

  // The plugin's own line, at the level it gave, attributed to its instance.
  EXPECT_THAT(LinesWith(log_lines(), " INFO plugin_log connector=lines message=\"reading "),
              SizeIs(1));
  // Nothing about a single record or its content above debug.
  for (const std::string& line : log_lines()) {
    if (absl::StrContains(line, " DEBUG ")) continue;
    EXPECT_THAT(line, ::testing::Not(HasSubstr("example.com")));
    EXPECT_THAT(line, ::testing::Not(HasSubstr("secret")));
  }

  // A replay (cursor lost) counts what it skipped.
  ASSERT_TRUE(store()
                  .Write([](StoreWriter& writer) {
                    ConnectorStateUpdate update;
                    update.cursor = std::string();
                    update.time = absl::Now();
                    return writer.UpdateConnectorState("lines", update);
                  })
                  .ok());
  ASSERT_TRUE(host().RunNow("lines").ok());
  const std::vector<std::string> again = WaitForReadSummaries(2);
  ASSERT_THAT(again, SizeIs(2));
  EXPECT_THAT(again[1], HasSubstr(" records=0 "));
  EXPECT_THAT(again[1], HasSubstr(" skipped=2 "));
}

TEST_P(ConnectorReadLog, AFailedReadEndsWithOneErrorLineSayingWhy) {
  StartHost({LineConnector("lines", "missing.txt")});
  const std::vector<std::string> summaries = WaitForReadSummaries(1);
  ASSERT_GE(summaries.size(), 1u);
  EXPECT_THAT(summaries[0],
              MatchesRegex("[-0-9T:.]+Z ERROR connector_read connector=lines records=0 "
                           "dead_letters=0 skipped=0 duration_ms=[0-9]+ status=error "
                           "message=\".*missing.txt: No such file or directory\" "
                           "retry_in_ms=50\n"));
}

CXHUB_INSTANTIATE_BACKEND_TEST(ConnectorReadLog);

}  // namespace
}  // namespace cxhub
