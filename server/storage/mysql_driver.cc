#include "server/storage/mysql_driver.h"

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/status_macros.h"
#include "server/storage/idle_statement_cache.h"
#include "server/storage/mysql_script.h"
#include "server/storage/silent_abort.h"
#include "server/storage/sql_driver.h"

namespace cxhub {
namespace {

// SQL text in error messages is cut here: a batch insert can be kilobytes long.
constexpr size_t kMaxSqlInMessage = 200;

std::string Shorten(absl::string_view sql) {
  if (sql.size() <= kMaxSqlInMessage) return std::string(sql);
  return absl::StrCat(sql.substr(0, kMaxSqlInMessage), "...");
}

// Runs fn and turns whatever it throws into a status; `context` says what was being done.
template <typename Fn>
absl::Status Guard(absl::string_view context, Fn&& fn) {
  try {
    fn();
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return MysqlErrorToStatus(e.getErrorCode(), e.getSQLState(),
                              absl::StrCat(context, ": ", e.what()));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("mysql: ", context, ": ", e.what()));
  } catch (...) {
    return absl::InternalError(absl::StrCat("mysql: ", context, ": unknown exception"));
  }
}

sql::mysql::MySQL_Driver* Driver() {
  // Created once (it initializes the client library), thread-safely.
  static sql::mysql::MySQL_Driver* const driver = sql::mysql::get_mysql_driver_instance();
  return driver;
}

int Seconds(absl::Duration duration) {
  return static_cast<int>(std::clamp<int64_t>(absl::ToInt64Seconds(duration), 1, 86400));
}

absl::StatusOr<std::unique_ptr<sql::Connection>> Connect(const MysqlConnectionOptions& options) {
  std::unique_ptr<sql::Connection> connection;
  const std::string where = absl::StrCat("connecting to ", options.host, ":", options.port);
  absl::Status status = Guard(where, [&] {
    sql::ConnectOptionsMap map;
    map["hostName"] = sql::SQLString(options.host);
    map["port"] = options.port;
    map["userName"] = sql::SQLString(options.user);
    map["password"] = sql::SQLString(options.password);
    map["schema"] = sql::SQLString(options.database);
    map["OPT_CONNECT_TIMEOUT"] = Seconds(options.connect_timeout);
    map["OPT_READ_TIMEOUT"] = Seconds(options.read_timeout);
    map["OPT_WRITE_TIMEOUT"] = Seconds(options.write_timeout);
    // A silent reconnect would drop the session's transaction half-way; the pool and
    // MysqlConnection reconnect explicitly between transactions instead.
    map["OPT_RECONNECT"] = false;
    map["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    // UPDATE counts matched rows, as SQLite does, not only the rows it changed.
    map["CLIENT_FOUND_ROWS"] = true;
    map["CLIENT_MULTI_STATEMENTS"] = false;
    if (options.tls) {
      // The keys Connector/C++ 1.1 passes on to the MariaDB client library.
      map["sslEnforce"] = true;
      if (!options.tls_ca_file.empty()) map["sslCA"] = sql::SQLString(options.tls_ca_file);
      map["sslVerify"] = options.tls_verify_server_identity;
    }
    connection.reset(Driver()->connect(map));
  });
  CXHUB_RETURN_IF_ERROR(status);
  if (connection == nullptr) return absl::UnavailableError(absl::StrCat("mysql: ", where));
  const std::vector<std::string> setup = {
      "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE,"
      "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO'",
      absl::StrCat("SET SESSION innodb_lock_wait_timeout = ", Seconds(options.lock_wait_timeout)),
      options.read_only ? "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                        : "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
      "SET autocommit = 1",
  };
  for (const std::string& sql : setup) {
    status = Guard(sql, [&] {
      std::unique_ptr<sql::Statement> statement(connection->createStatement());
      statement->execute(sql);
    });
    if (!status.ok()) {
      Guard("closing", [&] { connection->close(); }).IgnoreError();
      return status;
    }
  }
  return connection;
}

class MysqlConnection;

// Whether a statement produces a result set: by its first keyword, or a RETURNING clause
// (MariaDB's INSERT ... RETURNING; the store's SQL uses the word nowhere else).
bool ReturnsRows(absl::string_view sql) {
  if (absl::StrContains(absl::AsciiStrToUpper(sql), " RETURNING ")) return true;
  sql = absl::StripLeadingAsciiWhitespace(sql);
  while (absl::ConsumePrefix(&sql, "(")) sql = absl::StripLeadingAsciiWhitespace(sql);
  for (absl::string_view keyword : {"SELECT", "SHOW", "WITH", "VALUES", "EXPLAIN", "DESCRIBE"}) {
    if (absl::StartsWithIgnoreCase(sql, keyword)) return true;
  }
  return false;
}

class MysqlStatement final : public Statement {
 public:
  MysqlStatement(MysqlConnection* connection, std::unique_ptr<sql::PreparedStatement> statement,
                 absl::string_view sql)
      : connection_(connection),
        statement_(std::move(statement)),
        key_(sql),
        sql_(Shorten(sql)),
        returns_rows_(ReturnsRows(sql)) {}
  ~MysqlStatement() override;

  MysqlStatement(const MysqlStatement&) = delete;
  MysqlStatement& operator=(const MysqlStatement&) = delete;

  void BindInt64(int position, int64_t value) override {
    Bind([&] { statement_->setInt64(Index(position), value); });
  }
  void BindDouble(int position, double value) override {
    Bind([&] { statement_->setDouble(Index(position), value); });
  }
  void BindText(int position, absl::string_view value) override {
    Bind([&] {
      statement_->setString(Index(position), sql::SQLString(value.data(), value.size()));
    });
  }
  void BindBlob(int position, absl::string_view value) override {
    // The binary protocol sends a string parameter's bytes as they are; a VARBINARY or BLOB
    // column stores them unchanged.
    Bind([&] {
      statement_->setString(Index(position), sql::SQLString(value.data(), value.size()));
    });
  }
  void BindNull(int position) override {
    Bind([&] { statement_->setNull(Index(position), sql::DataType::SQLNULL); });
  }

  absl::StatusOr<bool> Step() override;
  int64_t RowsAffected() const override { return rows_affected_; }

  bool ColumnIsNull(int column) const override {
    bool is_null = true;
    Read([&] { is_null = result_->isNull(Index(column + 1)); });
    return is_null;
  }
  int64_t ColumnInt64(int column) const override {
    int64_t value = 0;
    Read([&] { value = result_->getInt64(Index(column + 1)); });
    return value;
  }
  double ColumnDouble(int column) const override {
    double value = 0;
    Read([&] { value = static_cast<double>(result_->getDouble(Index(column + 1))); });
    return value;
  }
  std::string ColumnText(int column) const override {
    std::string value;
    Read([&] { value = result_->getString(Index(column + 1)).asStdString(); });
    return value;
  }
  std::string ColumnBlob(int column) const override { return ColumnText(column); }

 private:
  static unsigned int Index(int position) { return static_cast<unsigned int>(position); }

  template <typename Fn>
  void Bind(Fn&& fn) {
    if (!bind_error_.ok()) return;
    bind_error_ = Guard(absl::StrCat("binding ", sql_), fn);
  }
  // Column reads come from a buffered result and only fail on a bad index; the seam gives
  // them no status, so a failure reads as NULL / 0 / "".
  template <typename Fn>
  void Read(Fn&& fn) const {
    if (result_ == nullptr) return;
    Guard("reading a column", fn).IgnoreError();
  }

  MysqlConnection* connection_;
  std::unique_ptr<sql::PreparedStatement> statement_;
  std::unique_ptr<sql::ResultSet> result_;  // Declared after statement_: destroyed first.
  std::string key_;                         // The whole SQL text: the statement cache's key.
  std::string sql_;                         // Shortened, for messages.
  absl::Status bind_error_;
  const bool returns_rows_;
  bool executed_ = false;
  int64_t rows_affected_ = 0;
};

class MysqlConnection final : public Connection {
 public:
  MysqlConnection(MysqlConnectionOptions options, std::unique_ptr<sql::Connection> connection)
      : options_(std::move(options)), connection_(std::move(connection)), last_used_(absl::Now()) {}
  ~MysqlConnection() override { Close(); }

  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  absl::StatusOr<std::unique_ptr<Statement>> Prepare(absl::string_view sql) override {
    CXHUB_RETURN_IF_ERROR(Usable());
    CXHUB_RETURN_IF_ERROR(AutocommitOutsideTransactions());
    // The store runs the same few dozen statements over and over: preparing each once per
    // session saves a round trip (and a close) per statement.
    if (std::optional<std::unique_ptr<sql::PreparedStatement>> cached = cache_.Take(sql);
        cached.has_value()) {
      return std::make_unique<MysqlStatement>(this, *std::move(cached), sql);
    }
    std::unique_ptr<sql::PreparedStatement> prepared;
    CXHUB_RETURN_IF_ERROR(Note(Guard(absl::StrCat("preparing ", Shorten(sql)), [&] {
      prepared.reset(connection_->prepareStatement(sql::SQLString(sql.data(), sql.size())));
    })));
    return std::make_unique<MysqlStatement>(this, std::move(prepared), sql);
  }

  absl::Status ExecuteScript(absl::string_view sql) override {
    CXHUB_ASSIGN_OR_RETURN(std::vector<std::string> statements, SplitMysqlScript(sql));
    for (const std::string& statement : statements) {
      CXHUB_RETURN_IF_ERROR(Execute(statement));
    }
    return absl::OkStatus();
  }

  // One statement, run unprepared; a result set is read and dropped.
  absl::Status Execute(absl::string_view sql) override {
    CXHUB_RETURN_IF_ERROR(AutocommitOutsideTransactions());
    return Run(sql);
  }

  int64_t LastInsertId() override {
    const absl::StatusOr<int64_t> id = QueryInt64("SELECT LAST_INSERT_ID()");
    // The seam has no status here. Failing to read it means the session is gone; marking the
    // connection broken makes every later statement and the commit fail, so the id 0 handed
    // back can never be committed anywhere.
    if (!id.ok()) broken_ = true;
    return id.value_or(0);
  }

  absl::Status BeginRead() override {
    EndTransaction();
    CXHUB_RETURN_IF_ERROR(Revive());
    if (!options_.read_only) return Start("START TRANSACTION READ ONLY");
    // A reader session is read-only (Connect) and keeps autocommit off, so its first statement
    // begins the transaction: a read saves the round trip of beginning one. InnoDB takes the
    // snapshot at the first read either way, START TRANSACTION or not.
    CXHUB_RETURN_IF_ERROR(SetAutocommit(false));
    in_transaction_ = true;
    return absl::OkStatus();
  }

  // In autocommit mode each statement is a transaction of its own: nothing to begin, and
  // nothing to commit after. A session that alternates with snapshot reads pays for turning
  // autocommit on and off again, a round trip each.
  absl::Status BeginLatestRead() override {
    EndTransaction();
    CXHUB_RETURN_IF_ERROR(Revive());
    return SetAutocommit(true);
  }

  absl::Status BeginWrite() override {
    EndTransaction();
    CXHUB_RETURN_IF_ERROR(Revive());
    CXHUB_ASSIGN_OR_RETURN(const bool galera, OnGalera());
    // With autocommit off the transaction's first statement begins it, as a reader's does: a
    // round trip saved per write (one of about a dozen in a group commit of records). Autocommit
    // stays off from one write transaction to the next, and a statement outside one turns it on.
    CXHUB_RETURN_IF_ERROR(SetAutocommit(false));
    if (!galera) {
      in_transaction_ = true;
      return absl::OkStatus();
    }
    // On Galera the guard row's insert is that first statement.
    absl::Status started = Start("INSERT INTO cxhub_transaction_guard (id) VALUES (1)");
    if (!started.ok()) {
      Rollback().IgnoreError();  // Nothing may stay open with autocommit off.
      return started;
    }
    guarded_ = true;
    return absl::OkStatus();
  }

  absl::Status Commit() override {
    if (!aborted_.ok()) {
      absl::Status aborted = aborted_;
      Rollback().IgnoreError();
      return aborted;
    }
    if (guarded_) {
      CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> unguard,
                             Prepare("DELETE FROM cxhub_transaction_guard"));
      CXHUB_RETURN_IF_ERROR(unguard->Step().status());
      if (unguard->RowsAffected() != 1) {
        Rollback().IgnoreError();
        return SilentAbortError(
            "mysql: the server had rolled the transaction back without failing a statement (a "
            "Galera abort for a write replicated from another node); what ran after it was "
            "rolled back too, and nothing was committed");
      }
    }
    if (NothingOpen()) {
      EndTransaction();
      return absl::OkStatus();
    }
    absl::Status status = Run("COMMIT");
    if (status.ok()) EndTransaction();
    return status;
  }

  absl::Status Rollback() override {
    const bool was_broken = broken_;
    const bool nothing_open = NothingOpen();
    EndTransaction();
    // A server that went away rolled the transaction back itself.
    if (was_broken || nothing_open) return absl::OkStatus();
    absl::Status status = Run("ROLLBACK");
    // If even ROLLBACK fails, the session's state is unknown: never hand it out again.
    if (!status.ok()) broken_ = true;
    return status;
  }

  bool IsBroken() const override { return broken_; }

  // Takes back a statement that is done with, for the next Prepare of the same text.
  void Recycle(const std::string& sql, std::unique_ptr<sql::PreparedStatement> statement) {
    if (!broken_ && Guard("clearing parameters", [&] { statement->clearParameters(); }).ok()) {
      cache_.Put(sql, std::move(statement));
      return;
    }
    CloseStatement(std::move(statement));
  }

  // Why statements may not run now: the connection is gone, or the server already rolled
  // the transaction back (a deadlock or lock wait timeout). Running them anyway would start
  // an implicit new transaction whose writes might commit without the ones that were lost.
  absl::Status Usable() const {
    if (broken_) {
      return absl::UnavailableError("mysql: the connection to the server was lost");
    }
    return aborted_;
  }

  // Records what an error says about the session: UNAVAILABLE breaks the connection, ABORTED
  // dooms the open transaction. Returns `status`.
  absl::Status Note(absl::Status status) {
    if (absl::IsUnavailable(status)) {
      broken_ = true;
    } else if (absl::IsAborted(status) && in_transaction_) {
      aborted_ = absl::AbortedError(
          absl::StrCat(status.message(), " (the server rolled the transaction back)"));
      // InnoDB rolls back the whole transaction on a deadlock, but only the statement on a
      // lock wait timeout; end it for sure so both behave alike.
      Guard("ROLLBACK", [&] {
        std::unique_ptr<sql::Statement> statement(connection_->createStatement());
        statement->execute("ROLLBACK");
      }).IgnoreError();
    }
    return status;
  }

 private:
  // Runs `sql`, which begins a transaction.
  absl::Status Start(absl::string_view sql) {
    absl::Status status = Run(sql);
    if (status.ok()) in_transaction_ = true;
    return status;
  }

  // Whether the session has no transaction open on the server (a latest read): in autocommit
  // mode each statement committed as it ran, so there is nothing to commit or roll back.
  bool NothingOpen() const { return !in_transaction_ && autocommit_; }

  void EndTransaction() {
    in_transaction_ = false;
    guarded_ = false;
    aborted_ = absl::OkStatus();
    last_used_ = absl::Now();
  }

  // One statement, run unprepared, whatever the session's autocommit.
  absl::Status Run(absl::string_view sql) {
    CXHUB_RETURN_IF_ERROR(Usable());
    return Note(Guard(Shorten(sql), [&] {
      std::unique_ptr<sql::Statement> statement(connection_->createStatement());
      if (statement->execute(sql::SQLString(sql.data(), sql.size()))) {
        std::unique_ptr<sql::ResultSet> ignored(statement->getResultSet());
      }
    }));
  }

  // The first column of the first row of `sql`, run unprepared; 0 when there is no row.
  absl::StatusOr<int64_t> QueryInt64(absl::string_view sql) {
    CXHUB_RETURN_IF_ERROR(Usable());
    int64_t value = 0;
    CXHUB_RETURN_IF_ERROR(Note(Guard(sql, [&] {
      std::unique_ptr<sql::Statement> statement(connection_->createStatement());
      std::unique_ptr<sql::ResultSet> result(
          statement->executeQuery(sql::SQLString(sql.data(), sql.size())));
      if (result->next()) value = result->getInt64(1);
    })));
    return value;
  }

  // Galera may abort a transaction for a conflicting write replicated from another node (a
  // brute-force abort), and is meant to fail the transaction's next statement with
  // ER_LOCK_DEADLOCK. Under the chaos test (tests/galera/chaos_test.cc) it sometimes failed
  // none: the statements after the abort succeeded, each committed on its own in autocommit
  // mode, and a connector's new cursor and counters were committed without the interactions
  // before them, which were gone. What makes the server do so is not known: a statement
  // prepared right after the abort was the suspect, but benchmarks/galera/silent_abort_probe
  // saw about 103,000 aborts followed by prepares, queries and running statements each
  // reported as a deadlock. So on Galera a write transaction runs with autocommit off, its
  // first statement puts a row in a session's temporary table, and its commit first deletes
  // the row: when the delete finds none, the transaction that held it was rolled back, and what
  // ran since is rolled back as well instead of committed. Two round trips per write
  // transaction, on Galera only.
  //
  // Whether the session's server replicates with Galera; the guard's table made when it does.
  absl::StatusOr<bool> OnGalera() {
    if (!galera_.has_value()) {
      const absl::StatusOr<int64_t> wsrep_on = QueryInt64("SELECT @@wsrep_on");
      // MySQL has no such variable: any answer but a lost connection means no Galera.
      if (absl::IsUnavailable(wsrep_on.status())) return wsrep_on.status();
      const bool on = wsrep_on.value_or(0) != 0;
      if (on) {
        CXHUB_RETURN_IF_ERROR(
            Run("CREATE TEMPORARY TABLE IF NOT EXISTS cxhub_transaction_guard "
                "(id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB"));
      }
      galera_ = on;
    }
    return *galera_;
  }

  absl::Status SetAutocommit(bool on) {
    if (autocommit_ == on) return absl::OkStatus();
    CXHUB_RETURN_IF_ERROR(Run(on ? "SET autocommit = 1" : "SET autocommit = 0"));
    autocommit_ = on;
    return absl::OkStatus();
  }

  // A statement outside a transaction commits at once, as Connect sets a session up to, also
  // after a read or a guarded write transaction turned autocommit off. Never called with a
  // transaction open on the server: turning autocommit on would commit it.
  absl::Status AutocommitOutsideTransactions() {
    return in_transaction_ ? absl::OkStatus() : SetAutocommit(true);
  }

  // Between transactions nothing is lost by reconnecting: a connection that broke, or that
  // sat idle long enough for the server to have gone away and come back, gets a new session.
  absl::Status Revive() {
    if (!broken_ && absl::Now() - last_used_ <= options_.validate_after_idle) {
      return absl::OkStatus();
    }
    if (!broken_) {
      bool valid = false;
      Guard("ping", [&] { valid = connection_->isValid(); }).IgnoreError();
      if (valid) return absl::OkStatus();
    }
    Close();
    absl::StatusOr<std::unique_ptr<sql::Connection>> fresh = Connect(options_);
    if (!fresh.ok()) {
      broken_ = true;
      return fresh.status();
    }
    connection_ = *std::move(fresh);
    broken_ = false;
    // A new session: as Connect set it up, without the guard's table.
    galera_.reset();
    autocommit_ = true;
    return absl::OkStatus();
  }

  void Close() {
    // Statements belong to the session: they go first.
    cache_.Clear();
    if (connection_ == nullptr) return;
    Guard("closing", [&] { connection_->close(); }).IgnoreError();
    Guard("closing", [&] { connection_.reset(); }).IgnoreError();
  }

  // Closing only frees client and server handles; errors (a dead server) do not matter.
  static void CloseStatement(std::unique_ptr<sql::PreparedStatement> statement) {
    Guard("closing statement", [&] { statement.reset(); }).IgnoreError();
  }

  // Statements kept per session; the least recently used go (SQL built from varying input,
  // such as IN lists and batch sizes, makes new texts).
  static constexpr size_t kMaxCachedStatements = 128;

  const MysqlConnectionOptions options_;
  std::unique_ptr<sql::Connection> connection_;
  // Prepared statements not in use, by SQL text.
  IdleStatementCache<std::unique_ptr<sql::PreparedStatement>> cache_{kMaxCachedStatements,
                                                                     CloseStatement};
  bool broken_ = false;
  bool in_transaction_ = false;
  // The session's autocommit, which Connect turns on; a reader's transactions and a guarded
  // write transaction turn it off.
  bool autocommit_ = true;
  // Whether the session's server is a Galera node (OnGalera), once asked.
  std::optional<bool> galera_;
  // The open write transaction holds a row in cxhub_transaction_guard (OnGalera).
  bool guarded_ = false;
  absl::Status aborted_;  // Not OK once the server rolled the open transaction back.
  absl::Time last_used_;
};

MysqlStatement::~MysqlStatement() {
  // Closing only frees client and server handles; errors (a dead server) do not matter.
  Guard("closing result", [&] { result_.reset(); }).IgnoreError();
  if (statement_ != nullptr) connection_->Recycle(key_, std::move(statement_));
}

absl::StatusOr<bool> MysqlStatement::Step() {
  CXHUB_RETURN_IF_ERROR(bind_error_);
  CXHUB_RETURN_IF_ERROR(connection_->Usable());
  if (!executed_) {
    executed_ = true;
    CXHUB_RETURN_IF_ERROR(connection_->Note(Guard(sql_, [&] {
      // Connector/C++ 1.1 has no getUpdateCount() for prepared statements, so the kind of
      // statement decides between the two calls.
      if (returns_rows_) {
        result_.reset(statement_->executeQuery());
      } else {
        rows_affected_ = statement_->executeUpdate();
      }
    })));
  }
  if (result_ == nullptr) return false;
  bool row = false;
  CXHUB_RETURN_IF_ERROR(connection_->Note(Guard(sql_, [&] { row = result_->next(); })));
  return row;
}

}  // namespace

absl::Status MysqlErrorToStatus(int error_code, absl::string_view sql_state,
                                absl::string_view message) {
  std::string text = absl::StrCat("mysql: ", message, " (error ", error_code,
                                  sql_state.empty() ? "" : ", SQLSTATE ", sql_state, ")");
  switch (error_code) {
    case 1062:  // ER_DUP_ENTRY
    case 1586:  // ER_DUP_ENTRY_WITH_KEY_NAME
      return absl::AlreadyExistsError(text);
    case 1205:  // ER_LOCK_WAIT_TIMEOUT
    case 1213:  // ER_LOCK_DEADLOCK
    case 1020:  // ER_CHECKREAD: MariaDB snapshot isolation saw a concurrent change.
      return absl::AbortedError(text);
    case 1047:  // ER_UNKNOWN_COM_ERROR: a Galera node out of the primary component refuses work.
    case 1040:  // ER_CON_COUNT_ERROR: too many connections.
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1152:  // ER_ABORTING_CONNECTION
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2026:  // CR_SSL_CONNECTION_ERROR
    case 2048:  // CR_INVALID_CONN_HANDLE
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
      return absl::UnavailableError(text);
    default:
      break;
  }
  // Class 08 is "connection exception"; 40001 a serialization failure.
  if (absl::StartsWith(sql_state, "08")) return absl::UnavailableError(text);
  if (sql_state == "40001") return absl::AbortedError(text);
  return absl::InternalError(text);
}

absl::StatusOr<std::unique_ptr<Connection>> OpenMysqlConnection(
    const MysqlConnectionOptions& options) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<sql::Connection> connection, Connect(options));
  return std::make_unique<MysqlConnection>(options, std::move(connection));
}

}  // namespace cxhub
