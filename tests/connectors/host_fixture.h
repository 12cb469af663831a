// What the connector host tests run on: a real store (SQLite, or MySQL) fresh for the test, a
// plugin directory holding copies of the real test plugins (tests/plugins), line files for the
// test connector, and a host built over them.
#ifndef CXHUB_TESTS_CONNECTORS_HOST_FIXTURE_H_
#define CXHUB_TESTS_CONNECTORS_HOST_FIXTURE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/connectors/connector_host.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/logger.h"
#include "server/core/manual_clock.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"

namespace cxhub {

// Keeps the lines written to it. Thread-safe.
class CollectingLogSink final : public LogSink {
 public:
  void WriteLine(absl::string_view line) override;
  std::vector<std::string> lines();

 private:
  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

// The store the host runs on: the test's real store, or UNAVAILABLE for every transaction while
// the test has taken the database down, or for the one write the test chose to fail.
// Thread-safe.
class SwitchableStore final : public Store {
 public:
  explicit SwitchableStore(Store& real) : real_(real) {}
  void SetDown(bool down) { down_.store(down); }
  // The n-th write from now (1: the next) runs in full on the real store, then fails with
  // UNAVAILABLE, so the database rolls all of it back, as when the connection drops at COMMIT.
  void FailNthWrite(int n) { writes_until_failure_.store(n); }
  // Runs `hook` (on the writing thread) before each write from now, with the write's number
  // (1: the next). Set it before the host starts.
  void BeforeEachWrite(std::function<void(int)> hook) {
    before_write_ = std::move(hook);
    writes_.store(0);
  }
  // Runs `hook` (on the writing thread) after each write from now, committed or not, before the
  // writer sees its outcome, with the write's number. Set it before the host starts.
  void AfterEachWrite(std::function<void(int)> hook) { after_write_ = std::move(hook); }
  absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) override;
  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override;

 private:
  Store& real_;
  std::atomic<bool> down_{false};
  std::atomic<int> writes_until_failure_{0};  // 0: none armed.
  std::function<void(int)> before_write_;
  std::function<void(int)> after_write_;
  std::atomic<int> writes_{0};
};

// Paths of the built test plugins (set by tests/connectors/CMakeLists.txt).
struct TestPlugins {
  static constexpr const char* kLines = TEST_LINES_PATH;
  static constexpr const char* kAbiMajor = TEST_LINES_ABI_MAJOR_PATH;
  static constexpr const char* kNoEntry = TEST_LINES_NO_ENTRY_PATH;
  static constexpr const char* kFailOpen = TEST_LINES_FAIL_OPEN_PATH;
  static constexpr const char* kThrowInRead = TEST_LINES_THROW_IN_READ_PATH;
  static constexpr const char* kAbi10 = TEST_LINES_ABI_1_0_PATH;
  static constexpr const char* kLenient = TEST_LINES_LENIENT_PATH;
};

// "id|email|time|body\n" for the line connector.
std::string Line(const std::string& id, const std::string& email,
                 const std::string& time = "2026-03-01T10:00:00Z",
                 const std::string& body = "hello");

// A new temporary directory named `prefix` plus a suffix, with a `plugins` folder that only its
// owner can write (cxhubd loads no plugin from a folder its group or others can write, whatever
// the umask). Returns the directory, or an empty string when it cannot be made.
std::string NewDirWithPluginFolder(const std::string& prefix);

// Parameterized by store backend (tests/storage/store_backends.h): every case runs on SQLite and
// on MySQL.
class HostTest : public ::testing::TestWithParam<testing::BackendFactory> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Copies a built plugin into the plugin directory, under its own file name; returns that name.
  std::string InstallPlugin(const std::string& built_path);
  // A path in the temporary directory.
  std::string PathOf(const std::string& name) const { return dir_ + "/" + name; }
  void AppendFile(const std::string& name, const std::string& text);
  // A connector reading the line file `file` with the test plugin (or `plugin`).
  ConnectorConfig LineConnector(const std::string& name, const std::string& file,
                                const std::string& plugin = "test_lines.so",
                                int checkpoint_every = 100);

  // Starts a host over the store (stopping the previous one). Options default to a fast
  // backoff; plugin_dirs is set to the plugin directory.
  void StartHost(std::vector<ConnectorConfig> connectors,
                 std::function<void(ConnectorHostOptions&)> adjust = {});
  void StopHost();
  ConnectorHost& host() { return *host_; }
  // From the next StartHost on, the host runs on clock(), which moves only when the test
  // advances it, instead of the wall clock.
  void UseManualClock() { use_manual_clock_ = true; }
  ManualClock& clock() { return manual_clock_; }
  // Waits until `count` threads sleep on clock(), besides the lease keeper (which sleeps between
  // renewals): they have nothing to do until it moves (or they are woken). With one connector,
  // 2 is its runner and the stall watchdog.
  void WaitForSleepers(int count);
  Store& store() { return *store_; }
  // While down, every transaction of the host fails with UNAVAILABLE (the database is down);
  // store() still works.
  void SetStoreDown(bool down) { host_store_->SetDown(down); }
  // The host's n-th write from now fails and is rolled back (SwitchableStore::FailNthWrite).
  void FailNthHostWrite(int n) { host_store_->FailNthWrite(n); }
  // SwitchableStore::BeforeEachWrite of the host's store.
  void BeforeEachHostWrite(std::function<void(int)> hook) {
    host_store_->BeforeEachWrite(std::move(hook));
  }

  ConnectorView View(const std::string& name);
  // Waits up to `timeout` for `done` to hold on the view of `name`; fails the test otherwise.
  ConnectorView WaitFor(const std::string& name,
                        const std::function<bool(const ConnectorView&)>& done,
                        absl::Duration timeout = absl::Seconds(20));
  std::vector<Interaction> Interactions();
  std::vector<DeadLetter> DeadLetters(const std::string& connector = "");
  std::optional<ConnectorState> State(const std::string& name);

  // Every line the host logged (text format, debug and up), in order.
  std::vector<std::string> log_lines();
  // Waits up to 20 s for a logged line holding `text`: true when one came.
  bool WaitForLogLine(absl::string_view text);

 private:
  std::string dir_;
  std::string plugin_dir_;
  std::unique_ptr<testing::StoreBackend> backend_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<SwitchableStore> host_store_;  // over store_
  std::optional<IdentityNormalizer> normalizer_;
  InteractionFeed feed_;
  ManualClock manual_clock_{absl::FromUnixSeconds(1772359200)};  // 2026-03-01T10:00:00Z
  bool use_manual_clock_ = false;
  std::unique_ptr<ConnectorHost> host_;
  // Shared with the host's logger: a thread abandoned in a stalled plugin may log after the test.
  std::shared_ptr<CollectingLogSink> log_sink_;
};

}  // namespace cxhub

#endif  // CXHUB_TESTS_CONNECTORS_HOST_FIXTURE_H_
