// The connector host with the real line-file test plugin and its broken variants.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cxhub/connector.h"
#include "cxhub/connector/v1/record.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

bool Idle(const ConnectorView& view) { return view.status == ConnectorStatus::kIdle; }

TEST_P(HostTest, RefusesBrokenPluginsWithFileAndReasonWhileAnotherKeepsIngesting) {
  const std::string abi = InstallPlugin(TestPlugins::kAbiMajor);
  const std::string no_entry = InstallPlugin(TestPlugins::kNoEntry);
  const std::string fail_open = InstallPlugin(TestPlugins::kFailOpen);
  AppendFile("in.txt", Line("m1", "ana@example.com") + Line("m2", "bob@example.com"));
  StartHost({LineConnector("good", "in.txt"), LineConnector("abi", "in.txt", abi),
             LineConnector("no-entry", "in.txt", no_entry),
             LineConnector("fail-open", "in.txt", fail_open),
             LineConnector("escape", "in.txt", "../test_lines.so")});

  const auto failed = [](const ConnectorView& view) {
    return view.status == ConnectorStatus::kFailed;
  };
  ConnectorView abi_view = WaitFor("abi", failed);
  EXPECT_THAT(abi_view.message, HasSubstr(abi));
  EXPECT_THAT(abi_view.message, HasSubstr(absl::StrCat("2.", CXHUB_CONNECTOR_ABI_MINOR)));
  EXPECT_THAT(abi_view.message, HasSubstr(absl::StrCat("1.", CXHUB_CONNECTOR_ABI_MINOR)));
  ConnectorView no_entry_view = WaitFor("no-entry", failed);
  EXPECT_THAT(no_entry_view.message, HasSubstr(no_entry));
  EXPECT_THAT(no_entry_view.message, HasSubstr("cxhub_connector_v1_entry"));
  ConnectorView fail_open_view = WaitFor("fail-open", failed);
  EXPECT_THAT(fail_open_view.message, HasSubstr(fail_open));
  EXPECT_THAT(fail_open_view.message, HasSubstr("test source unreachable"));
  ConnectorView escape_view = WaitFor("escape", failed);
  EXPECT_THAT(escape_view.message, HasSubstr("without '/' or '..'"));

  ConnectorView good = WaitFor("good", [](const ConnectorView& v) {
    return v.counters.records_in == 2 && v.status == ConnectorStatus::kIdle;
  });
  EXPECT_EQ(good.plugin_name, "test_lines");
  EXPECT_EQ(good.plugin_version, "1.2.3");
  EXPECT_THAT(good.channels, ElementsAre("test"));

  // The broken ones do not stop the good one from ingesting what comes next.
  AppendFile("in.txt", Line("m3", "carl@example.com"));
  ASSERT_TRUE(host().RunNow("good").ok());
  WaitFor("good", [](const ConnectorView& v) { return v.counters.records_in == 3; });
  EXPECT_THAT(Interactions(), SizeIs(3));
  EXPECT_GE(State("abi")->counters.errors, 1);
  EXPECT_THAT(State("abi")->last_error, HasSubstr(abi));
}

TEST_P(HostTest, BadRecordsBecomeDeadLettersWithReasonAndRawBytes) {
  AppendFile("in.txt", Line("m1", "ana@example.com") + "not a record\n" +
                           Line("m2", "bob@example.com", "yesterday") + Line("m3", "ana@") +
                           Line("m4", "dora@example.com"));
  StartHost({LineConnector("lines", "in.txt")});
  // Dead letters are no failure of the read: it ends idle, not in error. (The counters are
  // published as each batch commits, before the read ends, so the wait includes the status.)
  WaitFor("lines", [](const ConnectorView& v) {
    return v.counters.records_in == 2 && v.counters.dead_lettered == 3 &&
           v.status == ConnectorStatus::kIdle;
  });

  std::vector<DeadLetter> dead = DeadLetters("lines");
  ASSERT_THAT(dead, SizeIs(3));
  // Plugin-side: raw source bytes with the plugin's reason.
  std::vector<std::string> source_raw;
  for (const DeadLetter& d : dead) {
    EXPECT_EQ(d.connector, "lines");
    if (d.payload == DeadLetterPayload::kSource) source_raw.push_back(d.raw);
  }
  EXPECT_THAT(source_raw, ElementsAre("not a record", "m2|bob@example.com|yesterday|hello"));
  // Host-side: the serialized record, with the normalizer's reason.
  const DeadLetter* record_letter = nullptr;
  for (const DeadLetter& d : dead) {
    if (d.payload == DeadLetterPayload::kRecord) record_letter = &d;
  }
  ASSERT_NE(record_letter, nullptr);
  EXPECT_THAT(record_letter->reason, HasSubstr("interaction.customer_identities[0]"));
  connector::v1::Record record;
  ASSERT_TRUE(record.ParseFromString(record_letter->raw));
  EXPECT_EQ(record.interaction().external_id(), "m3");
  for (const DeadLetter& d : dead) {
    if (d.raw == "not a record") {
      EXPECT_THAT(d.reason, HasSubstr("expected 4 fields"));
    }
    if (d.raw.rfind("m2|", 0) == 0) {
      EXPECT_THAT(d.reason, HasSubstr("not RFC 3339"));
    }
  }
}

TEST_P(HostTest, CommitsRecordsTogetherWithTheCursor) {
  std::string text;
  for (int i = 1; i <= 5; ++i) text += Line(absl::StrCat("m", i), "ana@example.com");
  AppendFile("in.txt", text);
  StartHost({LineConnector("lines", "in.txt", "test_lines.so", /*checkpoint_every=*/2)});
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 5 && Idle(v); });

  struct stat st;
  ASSERT_EQ(::stat(PathOf("in.txt").c_str(), &st), 0);
  std::optional<ConnectorState> state = State("lines");
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->cursor, absl::StrCat(st.st_ino, ":", st.st_size));
  EXPECT_NE(state->cursor_time, absl::InfinitePast());
  EXPECT_EQ(state->counters.skipped, 0);
  std::vector<Interaction> rows = Interactions();
  ASSERT_THAT(rows, SizeIs(5));
  for (const Interaction& row : rows) {
    EXPECT_EQ(row.source, "lines");
    EXPECT_EQ(row.customer_id, rows.front().customer_id);  // One customer, resolved once.
  }
}

TEST_P(HostTest, ResumesFromTheCommittedCursorAfterARestart) {
  AppendFile("in.txt", Line("m1", "ana@example.com") + Line("m2", "ana@example.com"));
  StartHost({LineConnector("lines", "in.txt")});
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 2 && Idle(v); });
  StopHost();

  AppendFile("in.txt", Line("m3", "bob@example.com"));
  StartHost({LineConnector("lines", "in.txt")});
  ConnectorView view = WaitFor(
      "lines", [](const ConnectorView& v) { return v.counters.records_in == 3 && Idle(v); });
  // Nothing before the cursor was read again: no replays to skip.
  EXPECT_EQ(view.counters.skipped, 0);
  EXPECT_THAT(Interactions(), SizeIs(3));
}

TEST_P(HostTest, ReplayAfterLosingTheCursorChangesNothing) {
  AppendFile("in.txt", Line("m1", "ana@example.com") + Line("m2", "bob@example.com"));
  StartHost({LineConnector("first", "in.txt")});
  WaitFor("first", [](const ConnectorView& v) { return v.counters.records_in == 2 && Idle(v); });
  StopHost();
  // Same source name, cursor wiped: every record is read again and recognized.
  ASSERT_TRUE(store()
                  .Write([](StoreWriter& writer) {
                    ConnectorStateUpdate update;
                    update.cursor = "";
                    update.time = absl::Now();
                    return writer.UpdateConnectorState("first", update);
                  })
                  .ok());
  StartHost({LineConnector("first", "in.txt")});
  ConnectorView view =
      WaitFor("first", [](const ConnectorView& v) { return v.counters.skipped == 2 && Idle(v); });
  EXPECT_EQ(view.counters.records_in, 2);
  EXPECT_THAT(Interactions(), SizeIs(2));
}

TEST_P(HostTest, PauseResumeAndRunNow) {
  UseManualClock();  // Nothing is due but what the test asks for.
  AppendFile("in.txt", Line("m1", "ana@example.com"));
  StartHost({LineConnector("lines", "in.txt")});
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 1 && Idle(v); });

  AppendFile("in.txt", Line("m2", "ana@example.com"));
  ASSERT_TRUE(host().RunNow("lines").ok());
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 2 && Idle(v); });

  absl::StatusOr<ConnectorView> paused = host().Pause("lines");
  ASSERT_TRUE(paused.ok());
  EXPECT_EQ(paused->status, ConnectorStatus::kPaused);
  EXPECT_EQ(paused->next_run_time, absl::InfiniteFuture());
  absl::StatusOr<ConnectorView> refused = host().RunNow("lines");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(host().RunNow("nope").status().code(), absl::StatusCode::kNotFound);

  // Paused survives a restart.
  AppendFile("in.txt", Line("m3", "ana@example.com"));
  StartHost({LineConnector("lines", "in.txt")});
  WaitForSleepers(2);  // The runner went to sleep without reading.
  EXPECT_EQ(View("lines").status, ConnectorStatus::kPaused);
  EXPECT_THAT(Interactions(), SizeIs(2));

  ASSERT_TRUE(host().Resume("lines").ok());
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 3 && Idle(v); });
}

TEST_P(HostTest, BacksOffExponentiallyAfterErrorsAndRecovers) {
  UseManualClock();
  StartHost({LineConnector("lines", "missing.txt")});
  // Read at start, then 50, 100, 200, 400, 400 ms after each failure.
  const absl::Duration delays[] = {absl::Milliseconds(50), absl::Milliseconds(100),
                                   absl::Milliseconds(200), absl::Milliseconds(400),
                                   absl::Milliseconds(400)};
  ConnectorView failing;
  for (int i = 0; i < 5; ++i) {
    failing = WaitFor("lines", [i](const ConnectorView& v) { return v.consecutive_failures > i; });
    EXPECT_EQ(failing.consecutive_failures, i + 1);
    EXPECT_EQ(failing.next_run_time - clock().Now(), delays[i]);
    WaitForSleepers(2);
    if (i < 4) clock().Advance(delays[i]);
  }
  EXPECT_EQ(failing.status, ConnectorStatus::kFailed);
  EXPECT_THAT(failing.message, HasSubstr(PathOf("missing.txt")));
  // A second goes by: one attempt is due, not a spin.
  clock().Advance(absl::Seconds(1));
  WaitFor("lines", [&](const ConnectorView& v) {
    return v.consecutive_failures > failing.consecutive_failures;
  });
  WaitForSleepers(2);
  const int after_a_second = View("lines").consecutive_failures;
  EXPECT_LE(after_a_second, failing.consecutive_failures + 4);
  EXPECT_GE(State("lines")->counters.errors, 4);
  EXPECT_GT(View("lines").next_run_time, clock().Now() - absl::Seconds(1));

  AppendFile("missing.txt", Line("m1", "ana@example.com"));
  clock().Advance(absl::Milliseconds(400));
  ConnectorView recovered = WaitFor(
      "lines", [](const ConnectorView& v) { return v.counters.records_in == 1 && Idle(v); });
  EXPECT_EQ(recovered.consecutive_failures, 0);
  EXPECT_EQ(recovered.message, "");
}

TEST_P(HostTest, ReadsAgainWhenThePollIntervalHasPassed) {
  UseManualClock();
  AppendFile("in.txt", Line("m1", "ana@example.com"));
  StartHost({LineConnector("lines", "in.txt")});  // Polls every hour.
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 1 && Idle(v); });
  WaitForSleepers(2);
  EXPECT_EQ(View("lines").next_run_time, clock().Now() + absl::Hours(1));

  AppendFile("in.txt", Line("m2", "ana@example.com"));
  clock().Advance(absl::Minutes(59));
  WaitForSleepers(2);
  EXPECT_EQ(View("lines").counters.records_in, 1);
  clock().Advance(absl::Minutes(1));
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 2 && Idle(v); });
}

TEST_P(HostTest, APluginThatThrowsFailsItsInstanceOnly) {
  const std::string thrower = InstallPlugin(TestPlugins::kThrowInRead);
  AppendFile("in.txt", Line("m1", "ana@example.com"));
  StartHost({LineConnector("thrower", "in.txt", thrower), LineConnector("lines", "in.txt")});
  ConnectorView failed = WaitFor(
      "thrower", [](const ConnectorView& v) { return v.status == ConnectorStatus::kFailed; });
  EXPECT_THAT(failed.message, HasSubstr("exploded"));
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 1; });
}

TEST_P(HostTest, AStalledReadIsReportedAndGoesOnWhenThePluginReturns) {
  // Reading a FIFO with no writer blocks inside the plugin's open(2): a stalled plugin.
  ASSERT_EQ(::mkfifo(PathOf("fifo").c_str(), 0600), 0);
  UseManualClock();
  StartHost({LineConnector("slow", "fifo")},
            [](ConnectorHostOptions& options) { options.stall_limit = absl::Milliseconds(200); });
  WaitFor("slow", [](const ConnectorView& v) { return v.status == ConnectorStatus::kRunning; });
  WaitForSleepers(1);  // The watchdog; the runner is inside the plugin.
  clock().Advance(absl::Milliseconds(250));
  ConnectorView stalled =
      WaitFor("slow", [](const ConnectorView& v) { return v.status == ConnectorStatus::kStalled; });
  EXPECT_THAT(stalled.message, HasSubstr("no progress"));
  WaitForSleepers(1);  // The watchdog has stored the status too, and sleeps again.
  EXPECT_EQ(State("slow")->status, ConnectorStatus::kStalled);

  // Unblock the plugin (its open(2) returns; the FIFO cannot seek, so that read fails) and put
  // a regular file in the FIFO's place for the retry, which goes on as usual.
  const int fd = ::open(PathOf("fifo").c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::unlink(PathOf("fifo").c_str()), 0);
  AppendFile("fifo", Line("m1", "ana@example.com"));
  ::close(fd);
  WaitFor("slow", [](const ConnectorView& v) { return v.status == ConnectorStatus::kFailed; });
  WaitForSleepers(2);
  clock().Advance(absl::Milliseconds(50));  // The backoff after one failure.
  WaitFor("slow", [](const ConnectorView& v) { return v.counters.records_in == 1 && Idle(v); });
  EXPECT_GE(State("slow")->counters.errors, 1);
}

TEST_P(HostTest, APauseAnswersOnceTheReadInProgressHasStopped) {
  // The plugin blocks opening a FIFO with no writer, so the read is in progress when the pause
  // comes; a writer opens it 300 ms later, and the read stops at once (the FIFO cannot seek).
  ASSERT_EQ(::mkfifo(PathOf("fifo").c_str(), 0600), 0);
  UseManualClock();
  StartHost({LineConnector("slow", "fifo")});
  WaitFor("slow", [](const ConnectorView& v) { return v.status == ConnectorStatus::kRunning; });
  std::thread writer([&]() {
    absl::SleepFor(absl::Milliseconds(300));
    const int fd = ::open(PathOf("fifo").c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    ::close(fd);
  });
  absl::StatusOr<ConnectorView> paused = host().Pause("slow");
  writer.join();
  ASSERT_TRUE(paused.ok()) << paused.status();
  EXPECT_EQ(paused->status, ConnectorStatus::kPaused);
  EXPECT_EQ(State("slow")->status, ConnectorStatus::kPaused);
}

TEST_P(HostTest, ShutdownStopsAReadThroughTheCallbacks) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += Line(absl::StrCat("m", i), absl::StrCat("c", i, "@x.io"));
  AppendFile("in.txt", text);
  StartHost({LineConnector("big", "in.txt", "test_lines.so", 50)});
  WaitFor("big", [](const ConnectorView& v) { return v.counters.records_in > 0; });
  const absl::Time start = absl::Now();
  StopHost();
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  // Whatever was committed is whole: records and cursor together.
  std::optional<ConnectorState> state = State("big");
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(static_cast<int64_t>(Interactions().size()), state->counters.records_in);
}

}  // namespace
}  // namespace cxhub
