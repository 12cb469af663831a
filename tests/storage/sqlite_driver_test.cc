#include "server/storage/sqlite_driver.h"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "server/storage/sql_driver.h"
#include "tests/temp_dir.h"

namespace cxhub {
namespace {

TEST(SqliteErrorToStatus, MapsCodesToCanonicalStatuses) {
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_CONSTRAINT_UNIQUE, "m").code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_CONSTRAINT_PRIMARYKEY, "m").code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_BUSY, "m").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_BUSY_SNAPSHOT, "m").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_LOCKED, "m").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_CANTOPEN, "m").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_CONSTRAINT_FOREIGNKEY, "m").code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_CONSTRAINT_NOTNULL, "m").code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_ERROR, "m").code(), absl::StatusCode::kInternal);
  EXPECT_EQ(SqliteErrorToStatus(SQLITE_CORRUPT, "the message").message(), "sqlite: the message");
}

class SqliteDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    connection_ = Open();
    ASSERT_TRUE(connection_
                    ->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                    " k TEXT UNIQUE, i INTEGER, d REAL, b BLOB);")
                    .ok());
  }
  std::unique_ptr<Connection> Open(absl::Duration busy_timeout = absl::Seconds(5),
                                   bool read_only = false) {
    absl::StatusOr<std::unique_ptr<Connection>> connection =
        OpenSqliteConnection({path_, busy_timeout, read_only});
    EXPECT_TRUE(connection.ok()) << connection.status();
    return connection.ok() ? *std::move(connection) : nullptr;
  }

  absl::Status Insert(Connection& connection, const std::string& key) {
    absl::StatusOr<std::unique_ptr<Statement>> insert =
        connection.Prepare("INSERT INTO t (k) VALUES (?)");
    if (!insert.ok()) return insert.status();
    (*insert)->BindText(1, key);
    return (*insert)->Step().status();
  }

  int64_t Count(Connection& connection) {
    auto select = connection.Prepare("SELECT COUNT(*) FROM t");
    EXPECT_TRUE(select.ok());
    EXPECT_TRUE(*(*select)->Step());
    return (*select)->ColumnInt64(0);
  }

  const test::TempDir directory_{"sqlite_driver"};
  const std::string path_ = directory_.File("test.db");
  std::unique_ptr<Connection> connection_;
};

TEST_F(SqliteDriverTest, BindsAndReadsEveryType) {
  const std::string text("a\0b\xc3\xa9", 5);
  const std::string blob("\0\xff\x00\x01", 4);
  auto insert = connection_->Prepare("INSERT INTO t (k, i, d, b) VALUES (?, ?, ?, ?)");
  ASSERT_TRUE(insert.ok()) << insert.status();
  (*insert)->BindText(1, text);
  (*insert)->BindInt64(2, std::numeric_limits<int64_t>::min());
  (*insert)->BindDouble(3, 2.5);
  (*insert)->BindBlob(4, blob);
  ASSERT_EQ(*(*insert)->Step(), false);
  EXPECT_EQ((*insert)->RowsAffected(), 1);
  const int64_t id = connection_->LastInsertId();
  EXPECT_EQ(id, 1);

  auto insert_empty = connection_->Prepare("INSERT INTO t (k, i, d, b) VALUES (?, ?, NULL, ?)");
  ASSERT_TRUE(insert_empty.ok());
  (*insert_empty)->BindText(1, "");
  (*insert_empty)->BindNull(2);
  (*insert_empty)->BindBlob(3, "");
  ASSERT_TRUE((*insert_empty)->Step().ok());
  EXPECT_EQ(connection_->LastInsertId(), 2);

  auto select = connection_->Prepare("SELECT k, i, d, b FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  Statement& s = **select;
  ASSERT_EQ(*s.Step(), true);
  EXPECT_EQ(s.ColumnText(0), text);
  EXPECT_EQ(s.ColumnInt64(1), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(s.ColumnDouble(2), 2.5);
  EXPECT_EQ(s.ColumnBlob(3), blob);
  ASSERT_EQ(*s.Step(), true);
  EXPECT_FALSE(s.ColumnIsNull(0));  // Empty text is not NULL.
  EXPECT_EQ(s.ColumnText(0), "");
  EXPECT_TRUE(s.ColumnIsNull(1));
  EXPECT_TRUE(s.ColumnIsNull(2));
  EXPECT_FALSE(s.ColumnIsNull(3));  // Nor is an empty blob.
  EXPECT_EQ(*s.Step(), false);
}

// In place, the statement reads the caller's bytes when it runs; BindText reads its own copy.
TEST_F(SqliteDriverTest, AnInPlaceBindingIsReadWhenTheStatementRuns) {
  std::string text = "before";
  std::string blob("\x01\x02", 2);
  auto in_place = connection_->Prepare("INSERT INTO t (k, b) VALUES (?, ?)");
  ASSERT_TRUE(in_place.ok()) << in_place.status();
  (*in_place)->BindTextInPlace(1, text);
  (*in_place)->BindBlobInPlace(2, blob);
  text.replace(0, text.size(), "after!");
  blob[1] = '\x03';
  ASSERT_TRUE((*in_place)->Step().ok());

  std::string copied = "second";
  auto copy = connection_->Prepare("INSERT INTO t (k, b) VALUES (?, ?)");
  ASSERT_TRUE(copy.ok()) << copy.status();
  (*copy)->BindText(1, copied);
  (*copy)->BindBlobInPlace(2, "");
  copied.replace(0, copied.size(), "third!");
  ASSERT_TRUE((*copy)->Step().ok());

  auto select = connection_->Prepare("SELECT k, b FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  Statement& s = **select;
  ASSERT_EQ(*s.Step(), true);
  EXPECT_EQ(s.ColumnText(0), "after!");
  EXPECT_EQ(s.ColumnBlob(1), std::string("\x01\x03", 2));
  ASSERT_EQ(*s.Step(), true);
  EXPECT_EQ(s.ColumnText(0), "second");
  EXPECT_FALSE(s.ColumnIsNull(1));  // An empty blob in place is still not NULL.
  EXPECT_EQ(*s.Step(), false);
}

TEST_F(SqliteDriverTest, UniqueViolationIsAlreadyExists) {
  ASSERT_TRUE(Insert(*connection_, "x").ok());
  absl::Status status = Insert(*connection_, "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "UNIQUE constraint failed: t.k")) << status;
}

TEST_F(SqliteDriverTest, SyntaxErrorIsInternalWithTheDatabaseMessage) {
  auto statement = connection_->Prepare("SELEKT 1");
  EXPECT_EQ(statement.status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StrContains(statement.status().message(), "syntax error"))
      << statement.status();
}

TEST_F(SqliteDriverTest, BindOutOfRangeFailsAtStep) {
  auto statement = connection_->Prepare("SELECT ?");
  ASSERT_TRUE(statement.ok());
  (*statement)->BindInt64(2, 1);
  EXPECT_EQ((*statement)->Step().status().code(), absl::StatusCode::kInternal);
}

TEST_F(SqliteDriverTest, MissingDirectoryIsUnavailable) {
  absl::StatusOr<std::unique_ptr<Connection>> connection =
      OpenSqliteConnection({directory_.File("no/such/dir/x.db"), absl::Seconds(1), false});
  EXPECT_EQ(connection.status().code(), absl::StatusCode::kUnavailable) << connection.status();
}

TEST_F(SqliteDriverTest, SecondWriterTimesOutAsUnavailable) {
  std::unique_ptr<Connection> other = Open(absl::Milliseconds(50));
  ASSERT_TRUE(connection_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*connection_, "held").ok());
  absl::Status status = other->BeginWrite();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  // WAL: a reader is not blocked by the open write and sees the last commit.
  ASSERT_TRUE(other->BeginRead().ok());
  EXPECT_EQ(Count(*other), 0);
  ASSERT_TRUE(other->Commit().ok());
  ASSERT_TRUE(connection_->Commit().ok());
  EXPECT_EQ(Count(*other), 1);
}

TEST_F(SqliteDriverTest, ReadOnlyConnectionRefusesWrites) {
  std::unique_ptr<Connection> reader = Open(absl::Seconds(1), /*read_only=*/true);
  absl::Status status = Insert(*reader, "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << status;
  EXPECT_EQ(Count(*connection_), 0);
}

TEST_F(SqliteDriverTest, SavepointRollsBackOnlyItsChanges) {
  ASSERT_TRUE(connection_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*connection_, "kept").ok());
  ASSERT_TRUE(connection_->Savepoint("sp1").ok());
  ASSERT_TRUE(Insert(*connection_, "undone").ok());
  ASSERT_TRUE(connection_->RollbackToSavepoint("sp1").ok());
  ASSERT_TRUE(connection_->ReleaseSavepoint("sp1").ok());
  ASSERT_TRUE(connection_->Commit().ok());
  EXPECT_EQ(Count(*connection_), 1);
}

TEST_F(SqliteDriverTest, RollbackDiscardsTheTransaction) {
  ASSERT_TRUE(connection_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*connection_, "gone").ok());
  ASSERT_TRUE(connection_->Rollback().ok());
  EXPECT_EQ(Count(*connection_), 0);
  EXPECT_TRUE(connection_->Rollback().ok());  // Nothing open: a no-op, not an error.
}

TEST_F(SqliteDriverTest, ConnectionIsInWalModeWithForeignKeys) {
  auto mode = connection_->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*(*mode)->Step());
  EXPECT_EQ((*mode)->ColumnText(0), "wal");
  auto keys = connection_->Prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(keys.ok());
  ASSERT_TRUE(*(*keys)->Step());
  EXPECT_EQ((*keys)->ColumnInt64(0), 1);
}

// The value of `PRAGMA <name>` on `connection`.
int64_t PragmaValue(Connection& connection, absl::string_view name) {
  auto pragma = connection.Prepare(absl::StrCat("PRAGMA ", name));
  EXPECT_TRUE(pragma.ok());
  EXPECT_TRUE(*(*pragma)->Step());
  return (*pragma)->ColumnInt64(0);
}

TEST_F(SqliteDriverTest, ReadersMapTheFileAndTheWriterDoesNot) {
  std::unique_ptr<Connection> reader = Open(absl::Seconds(1), /*read_only=*/true);
  EXPECT_EQ(PragmaValue(*reader, "mmap_size"), 2147418112);
  EXPECT_EQ(PragmaValue(*connection_, "mmap_size"), 0);
}

TEST_F(SqliteDriverTest, TheWriterKeepsTemporaryTablesInMemoryAndReadersDoNot) {
  std::unique_ptr<Connection> reader = Open(absl::Seconds(1), /*read_only=*/true);
  constexpr int64_t kMemory = 2;  // PRAGMA temp_store's value for MEMORY.
  EXPECT_EQ(PragmaValue(*connection_, "temp_store"), kMemory);
  EXPECT_EQ(PragmaValue(*reader, "temp_store"), 0);  // The compiled default: a file.
}

TEST_F(SqliteDriverTest, AMappingReaderSeesRowsCheckpointedIntoAGrownFile) {
  std::unique_ptr<Connection> reader = Open(absl::Seconds(1), /*read_only=*/true);
  ASSERT_EQ(Count(*reader), 0);  // Maps the file as it is now.
  ASSERT_TRUE(connection_->BeginWrite().ok());
  for (int i = 0; i < 2000; ++i) {
    ASSERT_TRUE(Insert(*connection_, absl::StrCat("key-", i, std::string(200, 'x'))).ok());
  }
  ASSERT_TRUE(connection_->Commit().ok());
  // Moves every page out of the WAL into the file, which grows past what the reader mapped.
  ASSERT_TRUE(connection_->ExecuteScript("PRAGMA wal_checkpoint(TRUNCATE);").ok());
  EXPECT_EQ(Count(*reader), 2000);
}

}  // namespace
}  // namespace cxhub
