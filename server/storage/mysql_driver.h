// The MySQL / MariaDB implementation of the driver seam (sql_driver.h), over MySQL
// Connector/C++ 1.1 (the JDBC-like sql:: API). No Connector/C++ type or exception crosses
// this header: every sql::SQLException is caught inside and mapped by MysqlErrorToStatus.
#ifndef CXHUB_SERVER_STORAGE_MYSQL_DRIVER_H_
#define CXHUB_SERVER_STORAGE_MYSQL_DRIVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/storage/sql_driver.h"

namespace cxhub {

struct MysqlConnectionOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  std::string database;
  // TLS to the server: required when `tls` is set; tls_ca_file, when set, holds the PEM CA
  // certificates the server's must chain to; tls_verify_server_identity checks that the
  // server's certificate names `host`.
  bool tls = false;
  std::string tls_ca_file;
  bool tls_verify_server_identity = false;
  // Bound how long an unreachable or silent server can hold a caller: connecting, and each
  // network read or write of a statement. Whole seconds (the client library's unit).
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration read_timeout = absl::Seconds(60);
  absl::Duration write_timeout = absl::Seconds(60);
  // innodb_lock_wait_timeout for this session: a statement waiting this long for another
  // transaction's row lock fails with ABORTED (and the transaction is run again). Keep it
  // below read_timeout, or the client gives up first and drops the connection.
  absl::Duration lock_wait_timeout = absl::Seconds(20);
  // Reader sessions: REPEATABLE READ and READ ONLY (one snapshot per transaction, writes
  // refused); a read transaction begins with its first statement. Writer sessions: READ
  // COMMITTED.
  bool read_only = false;
  // A connection idle for longer is pinged before its next transaction, and reopened if the
  // server went away meanwhile, so a restarted server costs no failed request.
  absl::Duration validate_after_idle = absl::Seconds(2);
};

// Connects (utf8mb4, strict SQL mode, no auto-reconnect, found-rows counts) and sets up the
// session. UNAVAILABLE if the server cannot be reached.
absl::StatusOr<std::unique_ptr<Connection>> OpenMysqlConnection(
    const MysqlConnectionOptions& options);

// Maps a MySQL server or client error number to the seam's canonical status:
//   1062 duplicate key                              ALREADY_EXISTS
//   1213 deadlock, 1205 lock wait timeout           ABORTED (the transaction must rerun)
//   2002 2003 2005 2006 2013 2055, server shutdown,
//   connection killed, too many connections          UNAVAILABLE
//   anything else                                    INTERNAL
// The message carries the server's text and the error number.
absl::Status MysqlErrorToStatus(int error_code, absl::string_view sql_state,
                                absl::string_view message);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_MYSQL_DRIVER_H_
