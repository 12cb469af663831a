#include "server/storage/sqlite_checkpointer.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "server/storage/sqlite_store.h"
#include "tests/temp_dir.h"
#include "tests/thread_count.h"

namespace cxhub {
namespace {

using ::cxhub::testing::ThreadCount;

constexpr int64_t kPageBytes = 4096;  // SQLite's default page size, which these files keep.

SqliteCheckpointLimits Limits(int request_pages, int writer_pages, int repeat_pages = 1024) {
  SqliteCheckpointLimits limits;
  limits.request_pages = request_pages;
  limits.writer_pages = writer_pages;
  limits.repeat_pages = repeat_pages;
  return limits;
}

class SqliteCheckpointerTest : public ::testing::Test {
 protected:
  std::unique_ptr<Connection> Open(std::shared_ptr<SqliteCheckpointer> checkpointer = nullptr) {
    absl::StatusOr<std::unique_ptr<Connection>> connection =
        OpenSqliteConnection({path_, absl::Seconds(5), false}, std::move(checkpointer));
    EXPECT_TRUE(connection.ok()) << connection.status();
    return connection.ok() ? *std::move(connection) : nullptr;
  }

  // Starts a checkpointer on its own connection to the test's file.
  std::shared_ptr<SqliteCheckpointer> StartCheckpointer(SqliteCheckpointLimits limits) {
    std::unique_ptr<Connection> connection = Open();
    if (connection == nullptr) return nullptr;
    return SqliteCheckpointer::Start(std::move(connection), limits);
  }

  // One write transaction of `rows` rows of about 300 bytes each.
  void InsertRows(Connection& writer, int rows) {
    ASSERT_TRUE(writer.BeginWrite().ok());
    for (int i = 0; i < rows; ++i) {
      absl::StatusOr<std::unique_ptr<Statement>> insert =
          writer.Prepare("INSERT INTO t (v) VALUES (?)");
      ASSERT_TRUE(insert.ok()) << insert.status();
      (*insert)->BindText(1, absl::StrCat(next_row_++, std::string(300, 'x')));
      ASSERT_TRUE((*insert)->Step().ok());
    }
    ASSERT_TRUE(writer.Commit().ok());
  }

  int64_t FileBytes(const std::string& path) {
    return static_cast<int64_t>(std::filesystem::file_size(path));
  }

  const test::TempDir directory_{"sqlite_checkpointer"};
  const std::string path_ = directory_.File("test.db");
  int64_t next_row_ = 0;
};

// Waits up to ten seconds for `checkpointer` to have run `count` checkpoints.
bool AwaitCheckpoints(const SqliteCheckpointer& checkpointer, int64_t count) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (checkpointer.checkpoints() < count) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

TEST_F(SqliteCheckpointerTest, ACommitPastTheRequestIsCopiedIntoTheFileByTheThread) {
  // The writer would never checkpoint a log this small itself, neither through its own limit
  // nor through SQLite's automatic checkpoint (8192 pages), which the checkpointer replaces.
  std::shared_ptr<SqliteCheckpointer> checkpointer = StartCheckpointer(Limits(64, 1 << 30));
  ASSERT_NE(checkpointer, nullptr);
  std::unique_ptr<Connection> writer = Open(checkpointer);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);").ok());
  InsertRows(*writer, 10);  // A few pages: no request.
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(checkpointer->checkpoints(), 0);
  const int64_t file_before = FileBytes(path_);

  InsertRows(*writer, 2000);  // About 150 pages.
  ASSERT_TRUE(AwaitCheckpoints(*checkpointer, 1));
  EXPECT_GE(FileBytes(path_), file_before + 100 * kPageBytes);
}

TEST_F(SqliteCheckpointerTest, TheLogStaysBoundedUnderManyWrites) {
  std::shared_ptr<SqliteCheckpointer> checkpointer = StartCheckpointer(Limits(64, 256));
  ASSERT_NE(checkpointer, nullptr);
  std::unique_ptr<Connection> writer = Open(checkpointer);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);").ok());
  for (int i = 0; i < 400; ++i) InsertRows(*writer, 200);  // About 6,000 pages in all.
  // The log restarts once everything in it is copied back, so it never holds much more than
  // the writer's limit (and a few transactions written while a checkpoint ran).
  EXPECT_LE(FileBytes(path_ + "-wal"), 1024 * kPageBytes);
  EXPECT_GT(checkpointer->checkpoints(), 0);
}

TEST_F(SqliteCheckpointerTest, OnlyALogPastTheWritersLimitIsCheckpointedByTheWriter) {
  std::shared_ptr<SqliteCheckpointer> checkpointer = StartCheckpointer(Limits(10, 40));
  ASSERT_NE(checkpointer, nullptr);
  int writer_checkpoints = 0;
  const auto checkpoint_here = [&writer_checkpoints] { ++writer_checkpoints; };
  checkpointer->Committed(9, checkpoint_here);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(checkpointer->checkpoints(), 0);  // Not even asked for.
  checkpointer->Committed(39, checkpoint_here);
  EXPECT_EQ(writer_checkpoints, 0);
  ASSERT_TRUE(AwaitCheckpoints(*checkpointer, 1));  // Asked for.
  checkpointer->Committed(40, checkpoint_here);
  EXPECT_EQ(writer_checkpoints, 1);
}

TEST_F(SqliteCheckpointerTest, ALogPastTheRequestAsksAgainOnlyOnceItGrewByTheRepeatPages) {
  // Under steady writes the log stays past request_pages; a commit that adds a few pages to
  // it must not ask for another checkpoint (one per commit, each with an fdatasync).
  std::shared_ptr<SqliteCheckpointer> checkpointer = StartCheckpointer(Limits(10, 1000, 5));
  ASSERT_NE(checkpointer, nullptr);
  const auto checkpoint_here = [] { ADD_FAILURE() << "the writer checkpointed under its limit"; };
  checkpointer->Committed(10, checkpoint_here);
  ASSERT_TRUE(AwaitCheckpoints(*checkpointer, 1));
  checkpointer->Committed(12, checkpoint_here);
  checkpointer->Committed(14, checkpoint_here);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(checkpointer->checkpoints(), 1);
  checkpointer->Committed(15, checkpoint_here);  // Five pages since the last request.
  ASSERT_TRUE(AwaitCheckpoints(*checkpointer, 2));
  // Fewer pages than at the last request: a new log, which asks as the first one did.
  checkpointer->Committed(9, checkpoint_here);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(checkpointer->checkpoints(), 2);
  checkpointer->Committed(11, checkpoint_here);
  ASSERT_TRUE(AwaitCheckpoints(*checkpointer, 3));
}

TEST_F(SqliteCheckpointerTest, AStoreRunsOneCheckpointThreadThatEndsWithIt) {
  const int64_t threads_before = ThreadCount();
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({path_, absl::Seconds(5)});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(ThreadCount(), threads_before + 1);
  Customer customer;
  customer.display_name = "Ana";
  ASSERT_TRUE(
      (*store)
          ->Write([&](StoreWriter& writer) { return writer.InsertCustomer(customer).status(); })
          .ok());
  store->reset();
  EXPECT_EQ(ThreadCount(), threads_before);
}

}  // namespace
}  // namespace cxhub
