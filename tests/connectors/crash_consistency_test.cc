// Crash consistency: runs the real cxhubd with a connector reading a growing line file, kills it
// with SIGKILL at random moments while it ingests, restarts it, and repeats for a bounded time.
// Then lets it finish and checks, in the SQLite store itself, that every source record is there
// exactly once and that the committed counters agree (nothing was counted twice).
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace {

namespace fs = std::filesystem;

constexpr absl::Duration kKillLoop = absl::Seconds(20);

class Cxhubd {
 public:
  Cxhubd(const std::string& config, const std::string& log) {
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      const std::string flag = "--config=" + config;
      ::execl(CXHUBD_PATH, CXHUBD_PATH, flag.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Cxhubd() { Stop(SIGKILL); }
  // Sends `signal` and reaps the process; returns its wait status.
  int Stop(int signal) {
    if (pid_ <= 0) return 0;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

// A read-only look at the store while or after cxhubd runs.
class Database {
 public:
  explicit Database(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db_);
      db_ = nullptr;
    } else {
      sqlite3_busy_timeout(db_, 5000);
    }
  }
  ~Database() { sqlite3_close(db_); }
  bool ok() const { return db_ != nullptr; }

  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return out;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      out.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
    }
    sqlite3_finalize(statement);
    return out;
  }
  int64_t Count(const std::string& sql) {
    std::vector<std::string> rows = Column(sql);
    return rows.empty() ? -1 : std::stoll(rows[0]);
  }

 private:
  sqlite3* db_ = nullptr;
};

// How many times cxhubd said it was serving in `log`.
int ServingLines(const std::string& log) {
  std::ifstream in(log);
  int count = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find(" INFO serving ") != std::string::npos) ++count;
  }
  return count;
}

TEST(ConnectorCrash, EverySourceRecordIsStoredExactlyOnceAcrossSigkills) {
  std::string pattern = (fs::path(testing::TempDir()) / "cxhub_crash_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  fs::create_directory(dir / "plugins");
  fs::copy_file(TEST_LINES_PATH, dir / "plugins" / "test_lines.so");
  const fs::path lines = dir / "lines.txt";
  const fs::path db = dir / "cxhub.db";
  const fs::path config = dir / "cxhub.textproto";
  const fs::path log = dir / "cxhubd.log";
  {
    std::ofstream out(config);
    out << "listen_address: \"127.0.0.1:0\"\n"
        << "security { plaintext: true auth_disabled: true }\n"
        << "store { sqlite { path: \"" << db.string() << "\" } }\n"
        << "default_phone_region: \"PT\"\n"
        << "plugin_dirs: \"" << (dir / "plugins").string() << "\"\n"
        << "connectors { name: \"lines\" plugin: \"test_lines.so\" options: \"path="
        << lines.string() << ";checkpoint_every=7\" poll_interval_seconds: 1 }\n";
  }

  std::mt19937 random(std::random_device{}());
  int written = 0;
  const auto append = [&](int count) {
    std::ofstream out(lines, std::ios::app);
    for (int i = 0; i < count; ++i, ++written) {
      // 97 customers, so records resolve to existing customers as well as new ones.
      out << "r" << written << "|c" << (written % 97) << "@example.com|2026-03-01T10:00:00Z|body "
          << written << "\n";
    }
  };

  append(1500);
  int kills = 0;
  const absl::Time end = absl::Now() + kKillLoop;
  while (absl::Now() < end) {
    Cxhubd server(config.string(), log.string());
    ASSERT_TRUE(server.running());
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(30, 600)(random)));
    append(std::uniform_int_distribution<int>(0, 300)(random));  // The source keeps growing.
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(0, 200)(random)));
    const int status = server.Stop(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "cxhubd exited on its own (status " << status << "); see " << log;
    ++kills;
  }

  // A last, undisturbed run: wait until it serves (a SIGTERM before cxhubd blocks the signal
  // would kill it) and everything is in, then stop it cleanly.
  {
    const int served_before = ServingLines(log.string());
    Cxhubd server(config.string(), log.string());
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (absl::Now() < deadline && ServingLines(log.string()) == served_before) {
      absl::SleepFor(absl::Milliseconds(20));
    }
    int64_t stored = 0;
    while (absl::Now() < deadline) {
      Database database(db.string());
      if (database.ok()) stored = database.Count("SELECT COUNT(*) FROM interactions");
      if (stored >= written) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    const int status = server.Stop(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  }

  Database database(db.string());
  ASSERT_TRUE(database.ok());
  EXPECT_EQ(database.Count("SELECT COUNT(*) FROM interactions"), written);
  EXPECT_EQ(database.Count("SELECT COUNT(DISTINCT external_id) FROM interactions"), written);
  std::vector<std::string> ids = database.Column("SELECT external_id FROM interactions");
  std::set<std::string> unique(ids.begin(), ids.end());
  for (int i = 0; i < written; ++i) {
    ASSERT_EQ(unique.count(absl::StrCat("r", i)), 1u) << "record r" << i << " is missing";
  }
  EXPECT_EQ(database.Count("SELECT COUNT(*) FROM customers"), 97);
  EXPECT_EQ(database.Count("SELECT COUNT(*) FROM dead_letters"), 0);
  // Records and cursor commit together, so nothing committed was ever read again: every record
  // was counted in once and none was skipped as a replay.
  EXPECT_EQ(database.Count("SELECT records_in FROM connector_states WHERE name = 'lines'"),
            written);
  EXPECT_EQ(database.Count("SELECT skipped FROM connector_states WHERE name = 'lines'"), 0);
  std::cerr << "killed cxhubd " << kills << " times while ingesting " << written << " records\n";
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
