// Test-side hosts for plugin_test: a temporary file to feed the line connector, a host that
// records every callback of one read, and a host that commits like cxhubd will (records between
// two checkpoints together with the cursor; the rest discarded).
#ifndef CXHUB_TESTS_PLUGINS_RECORDING_HOST_H_
#define CXHUB_TESTS_PLUGINS_RECORDING_HOST_H_

#include <sys/stat.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "gtest/gtest.h"
#include "server/connectors/plugin_loader.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::test {

// A file in a fresh temporary directory, removed with it at the end of the test.
class TempFile {
 public:
  const std::string& path() const { return path_; }
  void Write(absl::string_view text) const { dir_.Write(kName, text); }
  void Append(absl::string_view text) const { dir_.Append(kName, text); }
  uint64_t Inode() const {
    struct stat st {};
    EXPECT_EQ(stat(path_.c_str(), &st), 0);
    return st.st_ino;
  }
  // The cursor the line connector writes after `offset` bytes of this file.
  std::string CursorAt(uint64_t offset) const { return absl::StrCat(Inode(), ":", offset); }

 private:
  static constexpr absl::string_view kName = "input.txt";
  const plugin_common::test::TempDir dir_;
  const std::string path_ = dir_.File(kName);
};

// Loads the plugin at `path` as cxhubd does; a plugin that does not load fails the test.
inline plugins::LoadedPlugin LoadOrFail(const std::string& path) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(path);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  return *plugin;
}

// An instance of the plugin at `path` opened with `options`; failing to open fails the test.
inline plugins::PluginInstance OpenOrFail(const std::string& path, const std::string& options) {
  absl::StatusOr<plugins::PluginInstance> instance = LoadOrFail(path).Open(options);
  EXPECT_TRUE(instance.ok()) << instance.status();
  return *std::move(instance);
}

struct DeadLetter {
  std::string reason;
  std::string raw;
};

// Everything one Read sent, in order.
struct ReadLog {
  absl::Status status;
  std::vector<connector::v1::Record> records;
  std::vector<DeadLetter> dead_letters;
  std::vector<std::string> checkpoints;
  std::vector<std::string> logs;
  // One entry per callback: "record <external_id>", "dead_letter", "checkpoint <cursor>".
  std::vector<std::string> sequence;

  std::vector<std::string> ExternalIds() const {
    std::vector<std::string> ids;
    for (const auto& record : records) ids.push_back(record.interaction().external_id());
    return ids;
  }
};

// Callbacks that record everything into `log`; `keep_going(events_so_far)` decides the return
// value of each data callback (records, dead letters, checkpoints); by default, always go on.
inline plugins::ReadCallbacks RecordingCallbacks(ReadLog& log,
                                                 std::function<bool(size_t)> keep_going = {}) {
  const auto answer = [&log, keep_going] { return !keep_going || keep_going(log.sequence.size()); };
  plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&log, answer](absl::string_view bytes) {
    connector::v1::Record record;
    EXPECT_TRUE(record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
    log.sequence.push_back("record " + record.interaction().external_id());
    log.records.push_back(std::move(record));
    return answer();
  };
  callbacks.on_dead_letter = [&log, answer](absl::string_view reason, absl::string_view raw) {
    log.sequence.push_back("dead_letter");
    log.dead_letters.push_back({std::string(reason), std::string(raw)});
    return answer();
  };
  callbacks.on_checkpoint = [&log, answer](absl::string_view cursor_bytes) {
    log.sequence.push_back(absl::StrCat("checkpoint ", cursor_bytes));
    log.checkpoints.emplace_back(cursor_bytes);
    return answer();
  };
  callbacks.on_log = [&log](plugins::PluginLogLevel, absl::string_view message) {
    log.logs.emplace_back(message);
  };
  return callbacks;
}

// Reads once and records every callback; `keep_going` as in RecordingCallbacks.
inline ReadLog ReadOnce(plugins::PluginInstance& instance, absl::string_view cursor,
                        std::function<bool(size_t)> keep_going = {}) {
  ReadLog log;
  log.status = instance.Read(cursor, RecordingCallbacks(log, std::move(keep_going)));
  return log;
}

// Hands `raw` (a dead letter's raw data) back to the plugin to parse again, as a retry of the
// dead letter does, and records every callback.
inline ReadLog ReparseOnce(plugins::PluginInstance& instance, absl::string_view raw) {
  ReadLog log;
  log.status = instance.Reparse(raw, RecordingCallbacks(log));
  return log;
}

// Commits as the connector host does: what arrives between two checkpoints is committed with the
// second one's cursor; what follows the last checkpoint of a read is discarded.
class CommittingHost {
 public:
  // One read from the committed cursor; `keep_going(callbacks_so_far)` as in ReadOnce.
  absl::Status Read(plugins::PluginInstance& instance,
                    std::function<bool(size_t)> keep_going = {}) {
    std::vector<std::string> pending;
    size_t calls = 0;
    const auto answer = [&] { return !keep_going || keep_going(++calls); };
    plugins::ReadCallbacks callbacks;
    callbacks.on_record = [&](absl::string_view bytes) {
      connector::v1::Record record;
      EXPECT_TRUE(record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
      pending.push_back(record.interaction().external_id());
      return answer();
    };
    callbacks.on_dead_letter = [&](absl::string_view, absl::string_view raw) {
      pending.push_back(absl::StrCat("dead:", raw));
      return answer();
    };
    callbacks.on_checkpoint = [&](absl::string_view cursor) {
      committed_.insert(committed_.end(), pending.begin(), pending.end());
      pending.clear();
      cursor_ = std::string(cursor);
      return answer();
    };
    // The plugin borrows the cursor for the whole read (connector.h), while checkpoints replace
    // cursor_: read from a copy, as the real host does.
    const std::string read_from = cursor_;
    return instance.Read(read_from, callbacks);
  }

  const std::vector<std::string>& committed() const { return committed_; }
  const std::string& cursor() const { return cursor_; }

 private:
  std::vector<std::string> committed_;
  std::string cursor_;
};

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_PLUGINS_RECORDING_HOST_H_
