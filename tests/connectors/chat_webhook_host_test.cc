// The chat plugin's webhook endpoint under the connector host: it keeps accepting deliveries
// while the connector's reads fail and back off.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"
#include "tests/plugins/chat/chat_test_files.h"
#include "tests/plugins/chat/webhook_test_client.h"

namespace cxhub {
namespace {

constexpr char kListening[] = "webhook listening on http://127.0.0.1:";

// The port of the newest "webhook listening on" line the host logged, or 0.
int NewestWebhookPort(const std::vector<std::string>& lines) {
  int port = 0;
  for (const std::string& line : lines) {
    const size_t at = line.find(kListening);
    if (at == std::string::npos) continue;
    const std::string rest = line.substr(at + sizeof(kListening) - 1);
    absl::SimpleAtoi(rest.substr(0, rest.find('/')), &port);
  }
  return port;
}

TEST_P(HostTest, ChatWebhookKeepsAcceptingWhileReadsFailAndBackOff) {
  ConnectorConfig chat;
  chat.name = "chat";
  chat.plugin = InstallPlugin(CXHUB_CHAT_PLUGIN_PATH);
  chat.options = absl::StrCat("account_id=7\nlisten=127.0.0.1:0\nunsigned=true\nspool=",
                              PathOf("spool.jsonl"));
  chat.poll_interval = absl::Hours(1);
  UseManualClock();
  StartHost({chat});
  WaitFor("chat", [](const ConnectorView& v) { return v.status == ConnectorStatus::kIdle; });
  // The runner and the watchdog sleep on the clock before it moves. The view says idle before
  // the first read has ended; an hour moved during that read is spent on it (logged as a stall),
  // the next read is due an hour later still, and nothing fails (2 runs in 40 on MySQL under
  // load).
  WaitForSleepers(2);
  // The database goes down: the next read fails on the store and backs off.
  SetStoreDown(true);
  clock().Advance(absl::Hours(1));
  ASSERT_TRUE(WaitForLogLine("status=error")) << absl::StrJoin(log_lines(), "\n");
  WaitForSleepers(2);  // backing off: the clock does not move until the test moves it

  const int port = NewestWebhookPort(log_lines());
  ASSERT_GT(port, 0) << "no webhook listening line in:\n" << absl::StrJoin(log_lines(), "\n");
  const std::string answer = chat::test::Post(port, chat::test::MinimalMessage());
  EXPECT_EQ(chat::test::StatusOf(answer), 202) << answer;
  EXPECT_EQ(chat::test::ReadWholeFile(PathOf("spool.jsonl")), chat::test::MinimalMessage() + "\n");

  // The database is back: the next read ingests what the webhook queued meanwhile.
  SetStoreDown(false);
  clock().Advance(absl::Seconds(1));
  WaitFor("chat", [](const ConnectorView& v) { return v.counters.records_in == 1; });
  EXPECT_EQ(NewestWebhookPort(log_lines()), port) << "the listener was restarted";
}

}  // namespace
}  // namespace cxhub
