// Looks for the Galera abort that fails no statement (server/storage/silent_abort.h) on purpose,
// instead of waiting for the chaos test to meet it a few times in twenty runs. Two sessions
// write the same row from two nodes of a running cluster: node 1 in autocommit mode as fast as
// it can, node 0 in write transactions through the driver, each of which updates the row, waits
// a moment (for node 1's write to arrive and abort it), runs one more statement and commits. The
// transaction guard tells, at each commit, whether the server had rolled the transaction back
// without failing a statement. The statement after the wait is, in turn:
//   prepare, new text   a statement prepared for the first time (COM_STMT_PREPARE), a new SQL
//                       text each transaction: what ran right after the abort in the chaos test
//   prepare, cached     the same prepared statement each time, executed again
//   text protocol       a plain query (COM_QUERY)
//   DO SLEEP(0.001)     no wait on the client: the abort meets this statement while it runs
// and the program prints, per kind, the transactions committed, those aborted with an error
// (deadlock: what the server should do) and those aborted silently. Not a test: whether and how
// often the server does this depends on its version and timing. On MariaDB 10.11.19 with Galera
// 26.4.23 (2026-12-05, this VM) about 103,000 aborted transactions of these kinds, with
// node 1 pausing 0 to 2 ms between writes and, in one run, node 2 killed and restarted every few
// seconds, were each reported as a deadlock: whatever the chaos test met is not among these.
//
//   silent_abort_probe PORT0 PORT1 [seconds per kind [rival pause in microseconds]]
//                                                   (defaults: 10 s, no pause)
//
// Both ports are SQL ports of one cluster on 127.0.0.1 with user cxhub/cxhub and database
// cxhub_test, as scripts/galera makes (scripts/galera new DIR 3 24450: ports 24450 and 24451).
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/silent_abort.h"
#include "server/storage/sql_driver.h"

namespace cxhub {
namespace {

enum class NextStatement { kPrepareNewText, kPrepareCached, kTextProtocol, kServerSideWait };

struct Outcomes {
  int64_t committed = 0;
  int64_t aborted_with_error = 0;
  int64_t aborted_silently = 0;
  int64_t other_errors = 0;
  std::string last_other_error;
};

MysqlConnectionOptions OnPort(int port) {
  MysqlConnectionOptions options;
  options.port = port;
  options.user = "cxhub";
  options.password = "cxhub";
  options.database = "cxhub_test";
  return options;
}

// The statement after the wait, its text new in transaction `n` when asked.
absl::Status RunNext(Connection& session, NextStatement next, int64_t n) {
  switch (next) {
    case NextStatement::kPrepareNewText:
    case NextStatement::kPrepareCached: {
      // A literal in the text makes each transaction's statement new to the server.
      const std::string sql =
          next == NextStatement::kPrepareNewText
              ? absl::StrCat("UPDATE silent_abort_probe SET note = ? + ", n, " WHERE id = 2")
              : "UPDATE silent_abort_probe SET note = ? WHERE id = 2";
      absl::StatusOr<std::unique_ptr<Statement>> statement = session.Prepare(sql);
      if (!statement.ok()) return statement.status();
      (*statement)->BindInt64(1, n);
      return (*statement)->Step().status();
    }
    case NextStatement::kTextProtocol:
      return session.Execute(
          absl::StrCat("UPDATE silent_abort_probe SET note = ", n, " WHERE id = 2"));
    case NextStatement::kServerSideWait:
      return session.Execute("DO SLEEP(0.001)");
  }
  return absl::OkStatus();
}

// Transactions on `session` for `duration`, each ending in one of the outcomes.
Outcomes RunTransactions(Connection& session, NextStatement next, absl::Duration duration,
                         int64_t& n) {
  Outcomes outcomes;
  const absl::Time end = absl::Now() + duration;
  while (absl::Now() < end) {
    ++n;
    absl::Status status = session.BeginWrite();
    if (status.ok()) {
      status = session.Execute("UPDATE silent_abort_probe SET hits = hits + 1 WHERE id = 1");
    }
    if (status.ok()) {
      // The server-side wait is itself the statement the abort meets.
      if (next != NextStatement::kServerSideWait) absl::SleepFor(absl::Milliseconds(1));
      status = RunNext(session, next, n);
    }
    if (status.ok()) status = session.Commit();
    if (status.ok()) {
      ++outcomes.committed;
      continue;
    }
    session.Rollback().IgnoreError();
    if (IsSilentAbort(status)) {
      ++outcomes.aborted_silently;
    } else if (absl::IsAborted(status)) {
      ++outcomes.aborted_with_error;
    } else {
      ++outcomes.other_errors;
      outcomes.last_other_error = status.ToString();
    }
  }
  return outcomes;
}

int Run(int port0, int port1, absl::Duration per_kind, absl::Duration rival_pause) {
  absl::StatusOr<std::unique_ptr<Connection>> writer = OpenMysqlConnection(OnPort(port0));
  absl::StatusOr<std::unique_ptr<Connection>> rival = OpenMysqlConnection(OnPort(port1));
  if (!writer.ok() || !rival.ok()) {
    std::fprintf(stderr, "silent_abort_probe: %s\n",
                 (writer.ok() ? rival.status() : writer.status()).ToString().c_str());
    return 1;
  }
  for (const char* sql :
       {"DROP TABLE IF EXISTS silent_abort_probe",
        "CREATE TABLE silent_abort_probe (id INT NOT NULL PRIMARY KEY, hits BIGINT NOT NULL, "
        "note BIGINT NOT NULL)",
        "INSERT INTO silent_abort_probe (id, hits, note) VALUES (1, 0, 0), (2, 0, 0)"}) {
    if (absl::Status status = (*writer)->Execute(sql); !status.ok()) {
      std::fprintf(stderr, "silent_abort_probe: %s\n", status.ToString().c_str());
      return 1;
    }
  }
  absl::SleepFor(absl::Seconds(1));  // The table reaches node 1.
  std::atomic<bool> done{false};
  std::atomic<int64_t> rival_writes{0};
  std::thread rival_thread([&] {
    while (!done.load()) {
      if ((*rival)->Execute("UPDATE silent_abort_probe SET hits = hits + 1 WHERE id = 1").ok()) {
        ++rival_writes;
      }
      if (rival_pause > absl::ZeroDuration()) absl::SleepFor(rival_pause);
    }
  });
  std::printf("%-18s %10s %12s %12s %8s\n", "after the wait", "committed", "deadlocked", "silently",
              "other");
  int64_t n = 0;
  for (auto [next, name] : {std::pair{NextStatement::kPrepareNewText, "prepare, new text"},
                            std::pair{NextStatement::kPrepareCached, "prepare, cached"},
                            std::pair{NextStatement::kTextProtocol, "text protocol"},
                            std::pair{NextStatement::kServerSideWait, "DO SLEEP(0.001)"}}) {
    const Outcomes outcomes = RunTransactions(**writer, next, per_kind, n);
    std::printf(
        "%-18s %10lld %12lld %12lld %8lld%s%s\n", name, static_cast<long long>(outcomes.committed),
        static_cast<long long>(outcomes.aborted_with_error),
        static_cast<long long>(outcomes.aborted_silently),
        static_cast<long long>(outcomes.other_errors),
        outcomes.last_other_error.empty() ? "" : "  last: ", outcomes.last_other_error.c_str());
  }
  done = true;
  rival_thread.join();
  std::printf("(node 1 wrote the row %lld times meanwhile)\n",
              static_cast<long long>(rival_writes.load()));
  return 0;
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  int port0 = 0;
  int port1 = 0;
  int seconds = 10;
  int pause_us = 0;
  if (argc < 3 || argc > 5 || !absl::SimpleAtoi(argv[1], &port0) ||
      !absl::SimpleAtoi(argv[2], &port1) || (argc >= 4 && !absl::SimpleAtoi(argv[3], &seconds)) ||
      (argc == 5 && !absl::SimpleAtoi(argv[4], &pause_us)) || seconds <= 0 || pause_us < 0) {
    std::fprintf(stderr, "usage: %s PORT0 PORT1 [seconds per kind [rival pause in us]]\n", argv[0]);
    return 2;
  }
  return cxhub::Run(port0, port1, absl::Seconds(seconds), absl::Microseconds(pause_us));
}
