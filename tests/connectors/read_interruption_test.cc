// Reads of the real ConnectorHost and runner, with the real line plugin, cut short: stopped before
// any one of their callbacks and restarted, failed by a commit the store rolls back, or refused
// for emitting too much without a checkpoint, or read on past a checkpoint still committing, its
// later checkpoints deferred (counted against the uncommitted limit, dropped by a stop).
// Whatever happens, every source record is stored exactly once, and the cursor never moves past
// what is stored.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"
#include "tests/storage/backend_test.h"

namespace cxhub {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

bool Idle(const ConnectorView& view) { return view.status == ConnectorStatus::kIdle; }

// A source of `lines` lines read by `name`: the ids of its records (`name`-r<i>) and the raw
// text of its malformed lines (every fifth, from the fourth on), which become dead letters.
struct Source {
  std::string text;
  std::vector<std::string> record_ids;
  std::vector<std::string> bad_lines;
};

Source MakeSource(const std::string& name, int lines) {
  Source source;
  for (int i = 0; i < lines; ++i) {
    if (i % 5 == 3) {
      source.bad_lines.push_back(absl::StrCat("not a record ", name, " ", i));
      source.text += source.bad_lines.back() + "\n";
    } else {
      source.record_ids.push_back(absl::StrCat(name, "-r", i));
      source.text += Line(source.record_ids.back(), absl::StrCat("c", i % 4, "@example.com"));
    }
  }
  std::sort(source.record_ids.begin(), source.record_ids.end());
  return source;
}

class ReadInterruptionTest : public HostTest {
 protected:
  // The external ids stored from `connector`, sorted (a duplicate shows twice).
  std::vector<std::string> StoredIds(const std::string& connector) {
    std::vector<std::string> ids;
    for (const Interaction& row : Interactions()) {
      if (row.source == connector) ids.push_back(row.external_id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  std::vector<std::string> StoredBadLines(const std::string& connector) {
    std::vector<std::string> raw;
    for (const DeadLetter& dead : DeadLetters(connector)) raw.push_back(dead.raw);
    std::sort(raw.begin(), raw.end());
    return raw;
  }
  // Every record of `source` stored once, each bad line dead-lettered once, counted once, and
  // nothing committed read again (no replays skipped).
  void ExpectStoredExactlyOnce(const std::string& connector, const Source& source) {
    EXPECT_THAT(StoredIds(connector), ElementsAreArray(source.record_ids));
    std::vector<std::string> bad = source.bad_lines;
    std::sort(bad.begin(), bad.end());
    EXPECT_THAT(StoredBadLines(connector), ElementsAreArray(bad));
    const std::optional<ConnectorState> state = State(connector);
    ASSERT_TRUE(state.has_value());
    EXPECT_EQ(state->counters.records_in, static_cast<int64_t>(source.record_ids.size()));
    EXPECT_EQ(state->counters.dead_lettered, static_cast<int64_t>(source.bad_lines.size()));
    EXPECT_EQ(state->counters.skipped, 0);
  }
  // Waits until `connector` has stored every record of `source` and is idle.
  void WaitForWholeSource(const std::string& connector, const Source& source) {
    WaitFor(connector, [&](const ConnectorView& v) {
      return v.counters.records_in == static_cast<int64_t>(source.record_ids.size()) && Idle(v);
    });
  }
  // ExpectStoredExactlyOnce, and the cursor at the end of `file`, which holds `source`.
  void ExpectStoredWholeOnce(const std::string& connector, const Source& source,
                             const std::string& file) {
    ExpectStoredExactlyOnce(connector, source);
    const std::optional<ConnectorState> state = State(connector);
    ASSERT_TRUE(state.has_value());
    EXPECT_EQ(state->cursor, CursorAt(file, source.text.size()));
  }
  // Starts the host on `source` (in in.txt, checkpoint_every=2) as `connector`, and holds the
  // host's write number `held_write` (the first takes the connector's lease; after it, a read's
  // only writes are its commits) until the read's callback number `release_at`. `stop_at`, when
  // not 0, is the callback before which the read is stopped (stopped_ then). The deferral's pace
  // bound is lifted, so that checkpoints reached while the commit is held are deferred however
  // slow the machine is.
  void StartHolding(const std::string& connector, const Source& source, int held_write,
                    int release_at, size_t max_uncommitted = 100000, int stop_at = 0) {
    AppendFile("in.txt", source.text);
    BeforeEachHostWrite([this, held_write](int write) {
      if (write == held_write) {
        held_ = released_.WaitForNotificationWithTimeout(absl::Seconds(10));
      }
    });
    StartHost({LineConnector(connector, "in.txt", "test_lines.so", /*checkpoint_every=*/2)},
              [this, release_at, max_uncommitted, stop_at](ConnectorHostOptions& options) {
                options.max_uncommitted = max_uncommitted;
                options.defer_limits.max_commit = absl::InfiniteDuration();
                options.before_callback = [this, release_at, stop_at](const std::string&) {
                  const int callback = ++callbacks_;
                  if (callback == release_at) released_.Notify();
                  if (callback != stop_at) return true;
                  stopped_.Notify();
                  return false;
                };
              });
  }
  // After StartHolding: the read goes on to store the whole source once, and the held write was
  // released by its callback, not by its timeout.
  void ExpectHeldReadStoresWholeOnce(const std::string& connector, const Source& source) {
    WaitForWholeSource(connector, source);
    StopHost();
    EXPECT_TRUE(held_.load());
    ExpectStoredWholeOnce(connector, source, "in.txt");
  }
  // The line connector's cursor after the first `bytes` bytes of `file`.
  std::string CursorAt(const std::string& file, size_t bytes) {
    struct stat st {};
    EXPECT_EQ(::stat(PathOf(file).c_str(), &st), 0);
    return absl::StrCat(st.st_ino, ":", bytes);
  }

  // StartHolding's.
  std::atomic<int> callbacks_{0};
  absl::Notification released_;
  absl::Notification stopped_;
  // Whether the held write was released by the callback, not by its timeout: every checkpoint
  // reached while it was held was deferred (one that was not would have waited for it).
  std::atomic<bool> held_{false};
};

// Stops a read before its first, second, ... last callback (a record, a dead letter or a
// checkpoint), restarts the host, and lets it finish: each time, exactly once.
TEST_P(ReadInterruptionTest, StoppingBeforeAnyCallbackAndRestartingStoresEveryRecordOnce) {
  constexpr int kLines = 12;
  constexpr int kCheckpointEvery = 3;
  // How many callbacks a whole read of such a source makes.
  std::atomic<int> callbacks{0};
  {
    const Source probe = MakeSource("probe", kLines);
    AppendFile("probe.txt", probe.text);
    StartHost({LineConnector("probe", "probe.txt", "test_lines.so", kCheckpointEvery)},
              [&](ConnectorHostOptions& options) {
                options.before_callback = [&](const std::string&) {
                  ++callbacks;
                  return true;
                };
              });
    WaitForWholeSource("probe", probe);
    StopHost();
    ExpectStoredExactlyOnce("probe", probe);
  }
  // 12 records and dead letters, and a checkpoint after every third.
  ASSERT_EQ(callbacks.load(), kLines + kLines / kCheckpointEvery);

  for (int stop_before = 1; stop_before <= callbacks.load(); ++stop_before) {
    SCOPED_TRACE(absl::StrCat("stopped before callback ", stop_before));
    const std::string name = absl::StrCat("s", stop_before);
    const std::string file = name + ".txt";
    const Source source = MakeSource(name, kLines);
    AppendFile(file, source.text);
    std::atomic<int> seen{0};
    absl::Notification stopped;
    StartHost({LineConnector(name, file, "test_lines.so", kCheckpointEvery)},
              [&](ConnectorHostOptions& options) {
                options.before_callback = [&](const std::string&) {
                  if (++seen < stop_before) return true;
                  if (!stopped.HasBeenNotified()) stopped.Notify();
                  return false;
                };
              });
    ASSERT_TRUE(stopped.WaitForNotificationWithTimeout(absl::Seconds(20)));
    StopHost();
    // The read was cut short: its last checkpoint never committed.
    EXPECT_LT(StoredIds(name).size() + StoredBadLines(name).size(), static_cast<size_t>(kLines));

    StartHost({LineConnector(name, file, "test_lines.so", kCheckpointEvery)});
    WaitFor(name, [&](const ConnectorView& v) {
      return v.counters.records_in == static_cast<int64_t>(source.record_ids.size()) &&
             v.counters.dead_lettered == static_cast<int64_t>(source.bad_lines.size()) && Idle(v);
    });
    StopHost();
    ExpectStoredExactlyOnce(name, source);
  }
}

// The second checkpoint's commit fails (the store rolls it back): the cursor stays at the first
// checkpoint, and the retry stores the rest, each record once.
TEST_P(ReadInterruptionTest, AFailedCommitMidReadKeepsTheCursorAndTheRetryStoresEachRecordOnce) {
  std::string text;
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    ids.push_back(absl::StrCat("m", i));
    text += Line(ids.back(), "ana@example.com");
  }
  AppendFile("in.txt", text);
  const size_t first_checkpoint = 2 * Line("m0", "ana@example.com").size();
  // The host's first write takes the connector's lease; after it, a read's only writes are its
  // commits until it ends, so the third write is the read's second commit.
  FailNthHostWrite(3);
  UseManualClock();  // The retry waits for the test.
  StartHost({LineConnector("lines", "in.txt", "test_lines.so", /*checkpoint_every=*/2)});
  const ConnectorView failed =
      WaitFor("lines", [](const ConnectorView& v) { return v.status == ConnectorStatus::kFailed; });
  EXPECT_THAT(failed.message, HasSubstr("the test failed this write"));
  WaitForSleepers(2);  // The read has ended and stored its status.

  std::optional<ConnectorState> state = State("lines");
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->cursor, CursorAt("in.txt", first_checkpoint));
  EXPECT_EQ(state->counters.records_in, 2);
  EXPECT_THAT(StoredIds("lines"), ElementsAreArray({"m0", "m1"}));

  clock().Advance(absl::Seconds(1));  // Past the backoff: the read is retried.
  WaitFor("lines", [](const ConnectorView& v) { return v.counters.records_in == 10 && Idle(v); });
  EXPECT_THAT(StoredIds("lines"), ElementsAreArray(ids));
  state = State("lines");
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->cursor, CursorAt("in.txt", text.size()));
  EXPECT_EQ(state->counters.records_in, 10);
  EXPECT_EQ(state->counters.skipped, 0);
  EXPECT_EQ(state->counters.errors, 1);
}

// The plugin reads on while its checkpoint commits (commit_ahead.h): the read's first commit is
// held until the plugin has emitted a record past that checkpoint, which a plugin whose commits
// run on its own thread never does. Then everything is stored once, and the cursor is at the end.
TEST_P(ReadInterruptionTest, ThePluginReadsOnWhileItsCheckpointCommits) {
  const Source source = MakeSource("ahead", 10);
  // The read's first commit (C2's) is held until L2, the first line after it.
  StartHolding("ahead", source, /*held_write=*/2, /*release_at=*/4);
  ExpectHeldReadStoresWholeOnce("ahead", source);
}

// A plugin that emits more than max_uncommitted without a checkpoint fails its read and commits
// nothing; checkpointing often enough, the same source goes in whole, once.
TEST_P(ReadInterruptionTest, TheUncommittedLimitFailsAReadThatNeverCheckpoints) {
  const Source source = MakeSource("lines", 10);
  AppendFile("in.txt", source.text);
  const auto limit = [](ConnectorHostOptions& options) { options.max_uncommitted = 4; };
  StartHost({LineConnector("lines", "in.txt", "test_lines.so", /*checkpoint_every=*/100)}, limit);
  const ConnectorView failed =
      WaitFor("lines", [](const ConnectorView& v) { return v.status == ConnectorStatus::kFailed; });
  EXPECT_THAT(failed.message, HasSubstr("emitted more than 4 records and dead letters without a "
                                        "checkpoint"));
  StopHost();
  EXPECT_THAT(StoredIds("lines"), IsEmpty());
  EXPECT_THAT(DeadLetters("lines"), IsEmpty());
  const std::optional<ConnectorState> state = State("lines");
  EXPECT_TRUE(!state.has_value() || state->cursor.empty());

  StartHost({LineConnector("lines", "in.txt", "test_lines.so", /*checkpoint_every=*/4)}, limit);
  WaitForWholeSource("lines", source);
  StopHost();
  ExpectStoredExactlyOnce("lines", source);
}

// checkpoint_every=2 over 10 lines makes the callbacks L0 L1 C2 L2 L3 C4 L4 L5 C6 L6 L7 C8 L8 L9
// C10 (lines 3 and 8 are dead letters). In the next two tests the host's third write, C4's
// commit, is held, so that C6 and C8 are deferred.

// The uncommitted limit counts what the plugin emitted since its last checkpoint, deferred or
// not: the batch holding C6 and C8 (L4 to L7) is as large as the limit when L8 comes, and the
// read goes on.
TEST_P(ReadInterruptionTest, TheUncommittedLimitCountsFromTheLastDeferredCheckpoint) {
  const Source source = MakeSource("deferred", 10);
  StartHolding("deferred", source, /*held_write=*/3, /*release_at=*/14, /*max_uncommitted=*/4);
  ExpectHeldReadStoresWholeOnce("deferred", source);
}

// A read stopped with a checkpoint deferred ends with the commit under way and drops the
// deferred one (a stop waits for one commit at most): the cursor stays at C4, and the next read
// emits the rest again, each record once.
TEST_P(ReadInterruptionTest, AStopDropsADeferredCheckpointAndTheNextReadStoresItOnce) {
  const Source source = MakeSource("deferred", 10);
  // L6 releases the held commit and stops the read, with C6 deferred.
  StartHolding("deferred", source, /*held_write=*/3, /*release_at=*/10, /*max_uncommitted=*/100,
               /*stop_at=*/10);
  ASSERT_TRUE(stopped_.WaitForNotificationWithTimeout(absl::Seconds(20)));
  StopHost();
  EXPECT_TRUE(held_.load());
  std::optional<ConnectorState> state = State("deferred");
  ASSERT_TRUE(state.has_value());
  size_t end_of_c4 = 0;  // After the fourth line.
  for (int line = 0; line < 4; ++line) end_of_c4 = source.text.find('\n', end_of_c4) + 1;
  EXPECT_EQ(state->cursor, CursorAt("in.txt", end_of_c4));
  EXPECT_EQ(state->counters.records_in, 3);
  EXPECT_THAT(StoredIds("deferred"),
              ElementsAreArray({"deferred-r0", "deferred-r1", "deferred-r2"}));

  StartHost({LineConnector("deferred", "in.txt", "test_lines.so", /*checkpoint_every=*/2)});
  WaitForWholeSource("deferred", source);
  StopHost();
  ExpectStoredWholeOnce("deferred", source, "in.txt");
}

CXHUB_INSTANTIATE_BACKEND_TEST(ReadInterruptionTest);

}  // namespace
}  // namespace cxhub
