#include "server/storage/sqlite_wal_writes.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "tests/storage/sqlite_test_table.h"
#include "tests/temp_dir.h"

namespace cxhub {
namespace {

namespace fs = std::filesystem;

// A directory of its own per test, and the writer's database in it (through the driver, which
// installs the VFS).
class SqliteWalWrites : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Connection>> opened = Open(Path(), /*read_only=*/false);
    ASSERT_TRUE(opened.ok()) << opened.status();
    writer_ = *std::move(opened);
    ASSERT_TRUE(InstallSqliteFileWrappers());
    ASSERT_TRUE(writer_->ExecuteScript(test::kScatteredTable).ok());
  }

  std::string Path() const { return directory_.File("test.db"); }

  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only) {
    return OpenSqliteConnection({path, absl::Seconds(5), read_only});
  }

  // Inserts rows [first, first + count), each about 300 bytes.
  static absl::Status Insert(Connection& db, int first, int count) {
    return test::InsertScatteredRows(db, first, count, /*digits=*/300);
  }

  // The database and its log as they are now, as a crash would leave them, copied and opened.
  absl::StatusOr<std::unique_ptr<Connection>> OpenCopy() {
    const std::string copy = directory_.File("copy");
    fs::create_directories(copy);
    for (const char* suffix : {"", "-wal"}) {
      fs::copy_file(Path() + suffix, copy + "/test.db" + suffix);
    }
    return Open(copy + "/test.db", /*read_only=*/false);
  }

  const test::TempDir directory_{"sqlite_wal_writes"};
  std::unique_ptr<Connection> writer_;
};

// Each commit's frames go to the log in pieces of kGatheredWalBytes (one for a small commit),
// where SQLite alone makes two writes per frame.
TEST_F(SqliteWalWrites, ACommitGoesToTheLogInPieces) {
  for (int rows : {5, 200, 1000}) {
    const uintmax_t log_before = fs::file_size(Path() + "-wal");
    const int64_t writes_before = SqliteWalFileWrites();
    ASSERT_TRUE(writer_->BeginWrite().ok());
    ASSERT_TRUE(Insert(*writer_, 10000 * rows, rows).ok());
    ASSERT_TRUE(writer_->Commit().ok());
    const int64_t appended = static_cast<int64_t>(fs::file_size(Path() + "-wal") - log_before);
    ASSERT_GE(appended / (4096 + 24), 2) << rows << " rows";  // Frames of 4 KiB pages.
    EXPECT_EQ(SqliteWalFileWrites() - writes_before,
              (appended + kGatheredWalBytes - 1) / kGatheredWalBytes)
        << rows << " rows, " << appended << " bytes appended";
  }
}

// After a checkpoint that lets the log start over from its beginning (RESTART, which keeps the
// file, and TRUNCATE, which empties it), a commit is again gathered, and whole. SQLite syncs the
// log's new header before the first frame, which writes the header alone: two writes.
TEST_F(SqliteWalWrites, TheLogStartingOverIsGatheredAgain) {
  int committed = 0;
  for (const char* mode : {"RESTART", "TRUNCATE"}) {
    ASSERT_TRUE(writer_->BeginWrite().ok());
    ASSERT_TRUE(Insert(*writer_, 100000 * (committed + 1), 1000).ok());
    ASSERT_TRUE(writer_->Commit().ok());
    committed += 1000;
    EXPECT_EQ(test::FirstValue(*writer_, absl::StrCat("PRAGMA wal_checkpoint(", mode, ")")), "0")
        << mode;  // Not busy: the log may start over.

    const int64_t writes_before = SqliteWalFileWrites();
    ASSERT_TRUE(writer_->BeginWrite().ok());
    ASSERT_TRUE(Insert(*writer_, 100000 * (committed + 1), 5).ok());
    ASSERT_TRUE(writer_->Commit().ok());
    committed += 5;
    EXPECT_EQ(SqliteWalFileWrites() - writes_before, 2) << mode;
  }
  absl::StatusOr<std::unique_ptr<Connection>> recovered = OpenCopy();
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  EXPECT_EQ(test::FirstValue(**recovered, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(test::FirstValue(**recovered, "SELECT count(*) FROM t INDEXED BY t_k WHERE k > ''"),
            absl::StrCat(committed));
}

// What a commit wrote is in the files when Commit returns: a copy of them taken then (as a crash
// would leave them) holds every committed row and none of a transaction under way.
TEST_F(SqliteWalWrites, ACopyTakenAtCommitHoldsTheCommittedRows) {
  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*writer_, 1, 2000).ok());  // More than one piece of 120 KiB.
  ASSERT_TRUE(writer_->Commit().ok());
  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*writer_, 3001, 7).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*writer_, 5001, 300).ok());  // Not committed when the copy is taken.

  absl::StatusOr<std::unique_ptr<Connection>> recovered = OpenCopy();
  ASSERT_TRUE(writer_->Rollback().ok());
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  EXPECT_EQ(test::FirstValue(**recovered, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(test::FirstValue(**recovered, "SELECT count(*) FROM t"), "2007");
  EXPECT_EQ(test::FirstValue(**recovered, "SELECT count(*) FROM t WHERE id > 5000"), "0");
}

// A transaction larger than the writer's page cache spills frames to the log before its commit,
// and writes some of them again in place when it changes those pages again; SQLite then
// rewrites the checksums of the frames after them. The commit is still whole in the files.
TEST_F(SqliteWalWrites, ATransactionThatSpillsCommitsWhole) {
  ASSERT_TRUE(writer_->Execute("PRAGMA cache_size=16").ok());
  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(Insert(*writer_, 1, 3000).ok());
  ASSERT_TRUE(writer_->Execute("UPDATE t SET k = k || 'x' WHERE id % 7 = 0").ok());
  ASSERT_TRUE(Insert(*writer_, 5001, 500).ok());
  ASSERT_TRUE(writer_->Execute("UPDATE t SET k = k || 'y' WHERE id % 11 = 0").ok());
  ASSERT_TRUE(writer_->Commit().ok());

  absl::StatusOr<std::unique_ptr<Connection>> recovered = OpenCopy();
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  EXPECT_EQ(test::FirstValue(**recovered, "PRAGMA integrity_check"), "ok");
  // The rows as the writer sees them, through the table and through the index.
  const std::string kDigest =
      "SELECT count(*) || ' ' || sum(length(k)) || ' ' || sum(id * length(k)) FROM t";
  const std::string kDigestByIndex = kDigest + " INDEXED BY t_k WHERE k > ''";
  const std::string expected = test::FirstValue(*writer_, kDigest);
  EXPECT_EQ(expected.substr(0, 5), "3500 ");
  EXPECT_EQ(test::FirstValue(**recovered, kDigest), expected);
  EXPECT_EQ(test::FirstValue(**recovered, kDigestByIndex), expected);
  absl::StatusOr<std::unique_ptr<Connection>> reader = Open(Path(), /*read_only=*/true);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(test::FirstValue(**reader, kDigestByIndex), expected);
}

// Another connection sees each commit whole as soon as it returns, across rolled-back
// transactions (whose frames the next transaction writes over) and one larger than a piece.
TEST_F(SqliteWalWrites, AReaderSeesEachCommitWhole) {
  absl::StatusOr<std::unique_ptr<Connection>> reader = Open(Path(), /*read_only=*/true);
  ASSERT_TRUE(reader.ok()) << reader.status();
  int committed = 0;
  for (int round = 0; round < 20; ++round) {
    const int count = round % 5 == 4 ? 1500 : 10 + round;
    ASSERT_TRUE(writer_->BeginWrite().ok());
    ASSERT_TRUE(Insert(*writer_, 100000 * (round + 1), count).ok());
    if (round % 3 == 2) {
      ASSERT_TRUE(writer_->Rollback().ok());
    } else {
      ASSERT_TRUE(writer_->Commit().ok());
      committed += count;
    }
    EXPECT_EQ(test::FirstValue(**reader, "SELECT count(*) FROM t INDEXED BY t_k WHERE k > ''"),
              absl::StrCat(committed))
        << "after round " << round;
  }
  EXPECT_EQ(test::FirstValue(**reader, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace cxhub
