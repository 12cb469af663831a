#include "tests/connectors/host_fixture.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "server/core/clock.h"
#include "tests/required_skip.h"
#include "tests/storage/backend_test.h"

namespace cxhub {

std::string Line(const std::string& id, const std::string& email, const std::string& time,
                 const std::string& body) {
  return absl::StrCat(id, "|", email, "|", time, "|", body, "\n");
}

absl::Status SwitchableStore::Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) {
  if (down_.load()) return absl::UnavailableError("the test took the database down");
  return real_.Read(fn);
}

absl::Status SwitchableStore::Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) {
  if (down_.load()) return absl::UnavailableError("the test took the database down");
  const int write = ++writes_;
  if (before_write_) before_write_(write);
  int left = writes_until_failure_.load();
  while (left > 0 && !writes_until_failure_.compare_exchange_weak(left, left - 1)) {
  }
  absl::Status written =
      left != 1 ? real_.Write(fn) : real_.Write([&](StoreWriter& writer) -> absl::Status {
        absl::Status status = fn(writer);
        if (!status.ok()) return status;
        return absl::UnavailableError("the test failed this write after it ran");
      });
  if (after_write_) after_write_(write);
  return written;
}

std::string NewDirWithPluginFolder(const std::string& prefix) {
  std::string pattern =
      (std::filesystem::path(::testing::TempDir()) / (prefix + "_XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) return "";
  const std::filesystem::path plugins = std::filesystem::path(pattern) / "plugins";
  std::error_code error;
  std::filesystem::create_directory(plugins, error);
  std::filesystem::permissions(
      plugins, std::filesystem::perms::group_write | std::filesystem::perms::others_write,
      std::filesystem::perm_options::remove, error);
  return error ? "" : pattern;
}

void HostTest::SetUp() {
  if (!GetParam().skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(GetParam().skip_reason);
  dir_ = NewDirWithPluginFolder("cxhub_connectors");
  ASSERT_FALSE(dir_.empty()) << "cannot create a temporary directory with a plugins folder";
  plugin_dir_ = dir_ + "/plugins";
  backend_ = GetParam().make(dir_);
  absl::StatusOr<std::unique_ptr<Store>> store = backend_->Open();
  ASSERT_TRUE(store.ok()) << store.status();
  store_ = *std::move(store);
  host_store_ = std::make_unique<SwitchableStore>(*store_);
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  ASSERT_TRUE(normalizer.ok()) << normalizer.status();
  normalizer_.emplace(*std::move(normalizer));
  log_sink_ = std::make_shared<CollectingLogSink>();
  InstallPlugin(TestPlugins::kLines);
}

void HostTest::TearDown() {
  StopHost();
  store_.reset();
  backend_.reset();  // A MySQL database is dropped here.
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string HostTest::InstallPlugin(const std::string& built_path) {
  const std::filesystem::path source(built_path);
  std::filesystem::copy_file(source, std::filesystem::path(plugin_dir_) / source.filename(),
                             std::filesystem::copy_options::overwrite_existing);
  return source.filename().string();
}

void HostTest::AppendFile(const std::string& name, const std::string& text) {
  std::ofstream out(PathOf(name), std::ios::app | std::ios::binary);
  out << text;
}

ConnectorConfig HostTest::LineConnector(const std::string& name, const std::string& file,
                                        const std::string& plugin, int checkpoint_every) {
  ConnectorConfig config;
  config.name = name;
  config.plugin = plugin;
  config.options = absl::StrCat("path=", PathOf(file), ";checkpoint_every=", checkpoint_every);
  config.poll_interval = absl::Hours(1);  // Tests drive reads with RunNow.
  return config;
}

void HostTest::StartHost(std::vector<ConnectorConfig> connectors,
                         std::function<void(ConnectorHostOptions&)> adjust) {
  StopHost();
  ConnectorHostOptions options;
  options.plugin_dirs = {plugin_dir_};
  options.connectors = std::move(connectors);
  options.initial_backoff = absl::Milliseconds(50);
  options.max_backoff = absl::Milliseconds(400);
  std::shared_ptr<CollectingLogSink> sink = log_sink_;
  options.logger = std::shared_ptr<const Logger>(
      new Logger({LogFormat::kText, LogLevel::kDebug}, *sink, SystemClock()),
      [sink](const Logger* logger) { delete logger; });
  if (adjust) adjust(options);
  Clock& clock = use_manual_clock_ ? static_cast<Clock&>(manual_clock_) : SystemClock();
  host_ = std::make_unique<ConnectorHost>(*host_store_, *normalizer_, clock, feed_,
                                          ConflictPolicy::kMerge, std::move(options));
  ASSERT_TRUE(host_->Start().ok());
}

void HostTest::StopHost() {
  if (host_ == nullptr) return;
  host_->Shutdown(absl::Seconds(5));
  host_.reset();
}

void HostTest::WaitForSleepers(int count) {
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  const int with_keeper = count + 1;
  while (manual_clock_.sleepers() < with_keeper && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  ASSERT_GE(manual_clock_.sleepers(), with_keeper) << "the host's threads did not go to sleep";
}

ConnectorView HostTest::View(const std::string& name) {
  absl::StatusOr<ConnectorView> view = host_->Get(name);
  EXPECT_TRUE(view.ok()) << view.status();
  return view.ok() ? *view : ConnectorView();
}

ConnectorView HostTest::WaitFor(const std::string& name,
                                const std::function<bool(const ConnectorView&)>& done,
                                absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  ConnectorView view = View(name);
  while (!done(view) && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
    view = View(name);
  }
  EXPECT_TRUE(done(view)) << "connector " << name << " timed out in state "
                          << static_cast<int>(view.status) << ": " << view.message;
  return view;
}

std::vector<Interaction> HostTest::Interactions() {
  std::vector<Interaction> rows;
  EXPECT_TRUE(store_
                  ->Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::vector<Interaction>> all =
                        reader.ListInteractionsSince(0, 0, 1000000);
                    if (!all.ok()) return all.status();
                    rows = *std::move(all);
                    return absl::OkStatus();
                  })
                  .ok());
  return rows;
}

std::vector<DeadLetter> HostTest::DeadLetters(const std::string& connector) {
  std::vector<DeadLetter> rows;
  EXPECT_TRUE(store_
                  ->Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::vector<DeadLetter>> all =
                        reader.ListDeadLetters(connector, 0, 1000000);
                    if (!all.ok()) return all.status();
                    rows = *std::move(all);
                    return absl::OkStatus();
                  })
                  .ok());
  return rows;
}

std::optional<ConnectorState> HostTest::State(const std::string& name) {
  std::optional<ConnectorState> state;
  EXPECT_TRUE(store_
                  ->Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::optional<ConnectorState>> found =
                        reader.GetConnectorState(name);
                    if (!found.ok()) return found.status();
                    state = *std::move(found);
                    return absl::OkStatus();
                  })
                  .ok());
  return state;
}

std::vector<std::string> HostTest::log_lines() { return log_sink_->lines(); }

bool HostTest::WaitForLogLine(absl::string_view text) {
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  while (absl::Now() < give_up) {
    for (const std::string& line : log_lines()) {
      if (absl::StrContains(line, text)) return true;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

void CollectingLogSink::WriteLine(absl::string_view line) {
  absl::MutexLock lock(&mu_);
  lines_.emplace_back(line);
}

std::vector<std::string> CollectingLogSink::lines() {
  absl::MutexLock lock(&mu_);
  return lines_;
}

CXHUB_INSTANTIATE_BACKEND_TEST(HostTest);
// Programs that use the fixture only through a derived suite (connector_lease_test) define no
// HostTest cases of their own.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(HostTest);

}  // namespace cxhub
