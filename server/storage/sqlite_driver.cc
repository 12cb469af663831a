#include "server/storage/sqlite_driver.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/storage/idle_statement_cache.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_page_cache.h"
#include "server/storage/sqlite_wal_writes.h"

namespace cxhub {
namespace {

absl::Status StatusFromDb(sqlite3* db, int code, absl::string_view context) {
  int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
  // The connection's last error can be stale when `code` came from elsewhere (a bind).
  if ((extended & 0xff) != (code & 0xff)) extended = code;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return SqliteErrorToStatus(extended, absl::StrCat(context, ": ", message));
}

// Statements kept per connection. SQL built from varying input (IN lists, batch sizes) makes
// new texts; the least recently used go.
constexpr size_t kMaxIdleStatements = 256;

using StatementCache = IdleStatementCache<sqlite3_stmt*>;

class SqliteStatement final : public Statement {
 public:
  // `cache` (which must outlive the statement) takes the statement back at its end.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string sql, StatementCache& cache)
      : db_(db), stmt_(stmt), sql_(std::move(sql)), cache_(cache) {}
  ~SqliteStatement() override {
    // Reset releases the statement's hold on the snapshot; bindings could pin large values.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cache_.Put(std::move(sql_), stmt_);
  }

  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void BindInt64(int position, int64_t value) override {
    Remember(sqlite3_bind_int64(stmt_, position, value));
  }
  void BindDouble(int position, double value) override {
    Remember(sqlite3_bind_double(stmt_, position, value));
  }
  void BindText(int position, absl::string_view value) override {
    Remember(sqlite3_bind_text64(stmt_, position, Data(value), value.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8));
  }
  void BindBlob(int position, absl::string_view value) override {
    Remember(sqlite3_bind_blob64(stmt_, position, Data(value), value.size(), SQLITE_TRANSIENT));
  }
  void BindTextInPlace(int position, absl::string_view value) override {
    Remember(sqlite3_bind_text64(stmt_, position, Data(value), value.size(), SQLITE_STATIC,
                                 SQLITE_UTF8));
  }
  void BindBlobInPlace(int position, absl::string_view value) override {
    Remember(sqlite3_bind_blob64(stmt_, position, Data(value), value.size(), SQLITE_STATIC));
  }
  void BindNull(int position) override { Remember(sqlite3_bind_null(stmt_, position)); }

  absl::StatusOr<bool> Step() override {
    if (bind_error_ != SQLITE_OK) {
      return StatusFromDb(nullptr, bind_error_, absl::StrCat("binding ", sqlite3_sql(stmt_)));
    }
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      rows_affected_ = sqlite3_changes64(db_);
      return false;
    }
    return StatusFromDb(db_, rc, sqlite3_sql(stmt_));
  }
  int64_t RowsAffected() const override { return rows_affected_; }

  bool ColumnIsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int64_t ColumnInt64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double ColumnDouble(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string ColumnText(int column) const override {
    const auto* text = sqlite3_column_text(stmt_, column);
    int size = sqlite3_column_bytes(stmt_, column);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), size);
  }
  std::string ColumnBlob(int column) const override {
    const void* blob = sqlite3_column_blob(stmt_, column);
    int size = sqlite3_column_bytes(stmt_, column);
    return blob == nullptr ? std::string() : std::string(static_cast<const char*>(blob), size);
  }

 private:
  // sqlite3 treats a null pointer as SQL NULL; an empty value must stay an empty value.
  static const char* Data(absl::string_view value) { return value.data() ? value.data() : ""; }
  void Remember(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  StatementCache& cache_;
  int bind_error_ = SQLITE_OK;
  int64_t rows_affected_ = 0;
};

// sqlite3_wal_hook's callback for a writer with a checkpointer (the argument).
int AfterWalCommit(void* checkpointer, sqlite3* db, const char* schema, int wal_pages) {
  static_cast<SqliteCheckpointer*>(checkpointer)->Committed(wal_pages, [db, schema] {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  });
  return SQLITE_OK;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db)
      : db_(db),
        statements_(kMaxIdleStatements, [](sqlite3_stmt* stmt) { sqlite3_finalize(stmt); }) {}
  ~SqliteConnection() override {
    statements_.Clear();
    sqlite3_close_v2(db_);
  }

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  absl::StatusOr<std::unique_ptr<Statement>> Prepare(absl::string_view sql) override {
    if (sql.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      return absl::InvalidArgumentError("SQL text too long");
    }
    std::string text(sql);
    if (std::optional<sqlite3_stmt*> cached = statements_.Take(text); cached.has_value()) {
      return std::make_unique<SqliteStatement>(db_, *cached, std::move(text), statements_);
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return StatusFromDb(db_, rc, absl::StrCat("preparing ", sql));
    }
    if (stmt == nullptr) return absl::InternalError(absl::StrCat("empty SQL: ", sql));
    return std::make_unique<SqliteStatement>(db_, stmt, std::move(text), statements_);
  }

  absl::Status ExecuteScript(absl::string_view sql) override {
    return Exec(sql, "executing script");
  }
  absl::Status Execute(absl::string_view sql) override { return Exec(sql, sql); }

  // Replaces SQLite's automatic checkpoint (which shares the hook's slot) with `checkpointer`.
  void HandCheckpointsTo(std::shared_ptr<SqliteCheckpointer> checkpointer) {
    checkpointer_ = std::move(checkpointer);
    sqlite3_wal_hook(db_, &AfterWalCommit, checkpointer_.get());
  }

  int64_t LastInsertId() override { return sqlite3_last_insert_rowid(db_); }

  // Deferred: the snapshot is taken by the first read, which is what a reader wants.
  absl::Status BeginRead() override { return RunPrepared("BEGIN DEFERRED"); }
  // Immediate: take the write lock now, never fail later on a read-to-write upgrade.
  absl::Status BeginWrite() override { return RunPrepared("BEGIN IMMEDIATE"); }
  absl::Status Commit() override { return RunPrepared("COMMIT"); }
  absl::Status Rollback() override {
    // A failed COMMIT or an I/O error may already have ended the transaction.
    if (sqlite3_get_autocommit(db_)) return absl::OkStatus();
    return RunPrepared("ROLLBACK");
  }

  // A local file does not go away like a server connection does.
  bool IsBroken() const override { return false; }

 private:
  // Runs one statement from the connection's cache. Every transaction begins and ends with one,
  // and through sqlite3_exec each was parsed again: 13% of a GetCustomer call's samples (perf,
  // cxload --mix=get:1), half of it sqlite3_prepare_v2.
  absl::Status RunPrepared(absl::string_view sql) {
    absl::StatusOr<std::unique_ptr<Statement>> statement = Prepare(sql);
    if (!statement.ok()) return statement.status();
    return (*statement)->Step().status();
  }

  // sqlite3_exec runs every statement of `sql`; `context` names it in an error.
  absl::Status Exec(absl::string_view sql, absl::string_view context) {
    const std::string text(sql);  // sqlite3_exec wants a NUL-terminated string.
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return StatusFromDb(db_, rc, context);
    return absl::OkStatus();
  }

  sqlite3* db_;
  StatementCache statements_;
  std::shared_ptr<SqliteCheckpointer> checkpointer_;  // Outlives db_'s hook; may be null.
};

}  // namespace

absl::Status SqliteErrorToStatus(int extended_code, absl::string_view message) {
  std::string text = absl::StrCat("sqlite: ", message);
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(text);
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return absl::UnavailableError(text);
    default:
      return absl::InternalError(text);
  }
}

absl::StatusOr<std::unique_ptr<Connection>> OpenSqliteConnection(
    const SqliteConnectionOptions& options, std::shared_ptr<SqliteCheckpointer> checkpointer) {
  // Before SQLite initializes, which the first open does (sqlite_page_cache.h); registering the
  // VFS initializes it, so it comes second (sqlite_wal_writes.h, sqlite_kept_mapping.h).
  TrackTruncationInSqlitePageCache();
  InstallSqliteFileWrappers();
  sqlite3* db = nullptr;
  // NOMUTEX: a connection is used by one thread at a time, the pool sees to that.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = StatusFromDb(db, rc, absl::StrCat("opening ", options.path));
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  auto connection = std::make_unique<SqliteConnection>(db);
  int64_t timeout_ms = absl::ToInt64Milliseconds(options.busy_timeout);
  sqlite3_busy_timeout(db, static_cast<int>(std::min<int64_t>(std::max<int64_t>(timeout_ms, 0),
                                                              std::numeric_limits<int>::max())));
  std::string pragmas =
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
  if (options.read_only) {
    // Readers map the database file (up to SQLite's compiled limit, 2 GB in Debian's build)
    // rather than read() each page into their own 2 MiB cache: a page of history reads 50 rows
    // scattered over the file, and at 10,000,000 interactions the table's interior pages no
    // longer fit that cache, which in WAL mode is emptied whenever a write commits anyway.
    // history_benchmark at 10M, warm, one database: 0.23-0.30 ms read, 0.19-0.20 ms mapped.
    // SQLite would unmap the file at each read after a commit; sqlite_kept_mapping.h keeps it.
    // The writer keeps read(), so an I/O error while writing stays a status, not a SIGBUS.
    pragmas += " PRAGMA query_only=ON; PRAGMA mmap_size=2147418112;";
  } else {
    // The writer's page cache: with SQLite's default of 2 MiB, a large write transaction (a
    // batch of thousands of interactions and their counts) spills pages to the WAL and reads
    // them back through the kernel, which took a third of a bulk fill's time. The cache grows
    // only as far as a transaction needs, and there is one writer.
    // Checkpoints every 8192 WAL pages (32 MiB of 4 KiB pages) instead of SQLite's 1000: the
    // count pages every write touches are copied back once per checkpoint, not once per 1000
    // pages; checkpoints were 14% of small write transactions' time (perf), and one write per
    // transaction went from 5,800-6,000 to 6,800-7,500 interactions/s (storage_benchmark).
    // Temporary tables in memory: SQLite builds one for an IN list of bound values and for
    // grouping, and a write of counts runs many; as a file (the compiled default) each one
    // was written out with pwrite(). A batch of 100 interactions went from 23,000-25,000 to
    // 28,000-33,000 interactions/s (storage_benchmark 50000, alternately). Readers keep the
    // default, as a figure's sort over millions of rows may outgrow memory.
    pragmas +=
        " PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192; PRAGMA temp_store=MEMORY;";
  }
  if (absl::Status status = connection->ExecuteScript(pragmas); !status.ok()) {
    // The first statement takes the process's exclusive lock on the file (sqlite_wal_writes.h):
    // still busy after the whole timeout, another process holds it.
    const bool held_elsewhere = (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY;
    return absl::Status(
        status.code(),
        absl::StrCat("configuring ", options.path, ": ", status.message(),
                     held_elsewhere ? " (another process has it open: an SQLite store belongs "
                                      "to one process at a time)"
                                    : ""));
  }
  if (!options.read_only && checkpointer != nullptr) {
    connection->HandCheckpointsTo(std::move(checkpointer));
  }
  return connection;
}

}  // namespace cxhub
