#include "server/storage/sqlite_kept_mapping.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "tests/storage/sqlite_test_table.h"
#include "tests/temp_dir.h"

namespace cxhub {
namespace {

// A writer and a mapping reader on one file, as the SQLite store opens them.
class SqliteKeptMappingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writer_ = Open(/*read_only=*/false);
    ASSERT_NE(writer_, nullptr);
    ASSERT_TRUE(writer_->ExecuteScript(test::kScatteredTable).ok());
    reader_ = Open(/*read_only=*/true);
    ASSERT_NE(reader_, nullptr);
  }
  std::unique_ptr<Connection> Open(bool read_only) {
    absl::StatusOr<std::unique_ptr<Connection>> connection =
        OpenSqliteConnection({path_, absl::Seconds(5), read_only});
    EXPECT_TRUE(connection.ok()) << connection.status();
    return connection.ok() ? *std::move(connection) : nullptr;
  }

  // Rows [next_row_, next_row_ + rows) of test::kScatteredTable, each about `bytes` bytes.
  void InsertRows(int rows, int bytes) {
    ASSERT_TRUE(test::InsertScatteredRows(*writer_, next_row_, rows, bytes).ok());
    next_row_ += rows;
  }

  // Copies the log into the database file and empties it, so that readers read every page
  // from the file (through their mapping).
  void Checkpoint() {
    ASSERT_TRUE(writer_->ExecuteScript("PRAGMA wal_checkpoint(TRUNCATE);").ok());
  }

  static int64_t Rows(Connection& connection) {
    const std::string count = test::FirstValue(connection, "SELECT COUNT(*) FROM t");
    int64_t rows = -1;
    EXPECT_TRUE(absl::SimpleAtoi(count, &rows)) << count;
    return rows;
  }

  const test::TempDir directory_{"sqlite_kept_mapping"};
  const std::string path_ = directory_.File("test.db");
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Connection> reader_;
  int next_row_ = 1;
};

TEST_F(SqliteKeptMappingTest, AReaderKeepsItsMappingAcrossCommitsAndSeesEveryOne) {
  InsertRows(100, 100);
  Checkpoint();
  ASSERT_EQ(Rows(*reader_), 100);  // Maps the file.
  const int64_t released = SqliteMappingsReleased();
  const int64_t kept = SqliteMappingsKept();
  for (int i = 1; i <= 50; ++i) {
    InsertRows(1, 100);
    if (i % 10 == 0) Checkpoint();  // Pages move from the log into the mapped file.
    ASSERT_EQ(Rows(*reader_), 100 + i);
  }
  // Each read after a commit would have unmapped the file.
  EXPECT_EQ(SqliteMappingsReleased() - released, 0);
  EXPECT_EQ(SqliteMappingsKept() - kept, 50);
}

TEST_F(SqliteKeptMappingTest, AFileThatOutgrowsItsMappingIsMappedAgain) {
  InsertRows(100, 100);
  Checkpoint();
  ASSERT_EQ(Rows(*reader_), 100);
  // More than kMinMappingGrowth past the mapped size, every page in the file.
  const int rows = static_cast<int>(kMinMappingGrowth / 1000) + 1000;
  InsertRows(rows, 1000);
  Checkpoint();
  const int64_t released = SqliteMappingsReleased();
  EXPECT_EQ(Rows(*reader_), 100 + rows);
  EXPECT_EQ(SqliteMappingsReleased() - released, 1);
  // The new mapping serves the next commits.
  const int64_t kept = SqliteMappingsKept();
  InsertRows(1, 100);
  EXPECT_EQ(Rows(*reader_), 100 + rows + 1);
  EXPECT_EQ(SqliteMappingsKept() - kept, 1);
}

TEST_F(SqliteKeptMappingTest, AFileThatShrankIsUnmappedBeforeItIsRead) {
  InsertRows(2000, 1000);
  Checkpoint();
  ASSERT_EQ(Rows(*reader_), 2000);  // Maps a few MB.
  ASSERT_TRUE(writer_->ExecuteScript("DELETE FROM t WHERE id > 10; VACUUM;").ok());  // Ids from 1.
  Checkpoint();  // Truncates the file to the vacuumed database.
  ASSERT_LT(std::filesystem::file_size(path_), 1 << 20);
  const int64_t released = SqliteMappingsReleased();
  EXPECT_EQ(Rows(*reader_), 10);
  EXPECT_EQ(SqliteMappingsReleased() - released, 1);
}

TEST_F(SqliteKeptMappingTest, TheWriterNeverMaps) {
  InsertRows(100, 100);
  Checkpoint();
  const int64_t released = SqliteMappingsReleased();
  const int64_t kept = SqliteMappingsKept();
  for (int i = 0; i < 10; ++i) InsertRows(1, 100);
  EXPECT_EQ(Rows(*writer_), 110);
  EXPECT_EQ(SqliteMappingsReleased() - released, 0);
  EXPECT_EQ(SqliteMappingsKept() - kept, 0);
}

}  // namespace
}  // namespace cxhub
