#include "server/storage/sql_store.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/core/call_deadline.h"
#include "server/core/duration_histogram.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/connection_pool.h"
#include "server/storage/migrations.h"
#include "server/storage/silent_abort.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_transaction.h"

namespace cxhub {
namespace {

class SqlStore final : public Store {
 public:
  explicit SqlStore(const SqlStoreOptions& options)
      : dialect_(*options.dialect),
        activity_window_(options.activity_window),
        readers_(options.max_readers, options.open_reader, &pool_wait_, options.reserved_readers),
        writers_(options.max_writers, options.open_writer, &pool_wait_) {}

  absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    return ReadWith(&Connection::BeginRead, fn);
  }

  absl::Status ReadLatest(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    return ReadWith(&Connection::BeginLatestRead, fn);
  }

  // Runs `fn` on a reader connection, between `begin` and a commit.
  absl::Status ReadWith(absl::Status (Connection::*begin)(),
                        absl::FunctionRef<absl::Status(StoreReader&)> fn) {
    CXHUB_ASSIGN_OR_RETURN(ConnectionPool::Lease connection, readers_.Acquire());
    CXHUB_RETURN_IF_ERROR(((*connection).*begin)());
    SqlTransaction transaction(*connection, dialect_, activity_window_, /*writes=*/false);
    absl::Status status = fn(transaction);
    if (!status.ok()) {
      connection->Rollback().IgnoreError();
      return status;
    }
    status = connection->Commit();
    if (!status.ok()) connection->Rollback().IgnoreError();
    return status;
  }

  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    return WriteTransaction([&](SqlTransaction& transaction) { return fn(transaction); });
  }

  // Runs `fn` in a write transaction, rerun after a conflict (a busy SQLite, a MySQL deadlock,
  // a Galera certification failure) with a jittered wait, up to the dialect's attempts.
  absl::Status WriteTransaction(absl::FunctionRef<absl::Status(SqlTransaction&)> fn) {
    absl::Status status;
    for (int attempt = 1;; ++attempt) {
      bool conflict = false;
      status = WriteOnce(fn, conflict);
      if (IsSilentAbort(status)) silent_aborts_.fetch_add(1, std::memory_order_relaxed);
      const bool rerun = conflict && (absl::IsUnavailable(status) || absl::IsAborted(status));
      if (!rerun) return status;
      // The caller has given up: no point in running the transaction again.
      if (attempt >= dialect_.write_attempts || absl::Now() >= CurrentCallDeadline()) {
        if (!absl::IsAborted(status)) return status;
        // Store's contract: a database that stays busy is UNAVAILABLE (the caller may retry).
        return absl::UnavailableError(absl::StrCat("transaction aborted ", attempt,
                                                   " times by conflicts: ", status.message()));
      }
      retries_.fetch_add(1, std::memory_order_relaxed);
      // Let the other writer finish. Full jitter: two writers that conflicted wait different
      // times instead of meeting again in lockstep (on Galera each node's transaction aborts the
      // other's at certification, over and over).
      thread_local absl::BitGen jitter;
      absl::SleepFor(
          absl::Milliseconds(absl::Uniform<int>(jitter, 1, 1 + (10 << std::min(attempt, 6)))));
    }
  }

  StoreStatistics Statistics() override {
    StoreStatistics statistics;
    statistics.retries = retries_.load(std::memory_order_relaxed);
    statistics.silent_aborts = silent_aborts_.load(std::memory_order_relaxed);
    statistics.connections_open = readers_.open_count() + writers_.open_count();
    statistics.pool_wait = pool_wait_.Snapshot();
    return statistics;
  }

  ConnectionPool& writers() { return writers_; }

 private:
  absl::Status WriteOnce(absl::FunctionRef<absl::Status(SqlTransaction&)> fn, bool& conflict) {
    CXHUB_ASSIGN_OR_RETURN(ConnectionPool::Lease connection, writers_.Acquire());
    if (absl::Status status = connection->BeginWrite(); !status.ok()) {
      conflict = absl::IsUnavailable(status) || absl::IsAborted(status);
      return status;
    }
    SqlTransaction transaction(*connection, dialect_, activity_window_, /*writes=*/true);
    absl::Status status = fn(transaction);
    if (status.ok()) {
      status = connection->Commit();
      if (status.ok()) return status;
      // A COMMIT that lost its connection may have committed: running fn again could record
      // twice, so only a refused (busy) or rolled-back commit is rerun.
      conflict =
          absl::IsAborted(status) || (absl::IsUnavailable(status) && !connection->IsBroken());
    } else {
      conflict = transaction.saw_conflict();
    }
    connection->Rollback().IgnoreError();
    return status;
  }

  const SqlDialect& dialect_;
  const absl::Duration activity_window_;
  DurationHistogram pool_wait_;  // Before the pools, which record into it.
  std::atomic<int64_t> retries_{0};
  std::atomic<int64_t> silent_aborts_{0};
  ConnectionPool readers_;
  ConnectionPool writers_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqlStore(SqlStoreOptions options) {
  if (options.dialect == nullptr || !options.open_reader || !options.open_writer) {
    return absl::InvalidArgumentError("SqlStoreOptions needs a dialect and connection openers");
  }
  auto store = std::make_unique<SqlStore>(options);
  {
    // Also proves the database is reachable before the store is handed out.
    CXHUB_ASSIGN_OR_RETURN(ConnectionPool::Lease connection, store->writers().Acquire());
    CXHUB_RETURN_IF_ERROR(ApplyMigrations(*connection, *options.dialect).status());
  }
  // Rerun on a conflict like any write: replicas started at once on different Galera nodes both
  // find a rebuild pending, and certification aborts all but the first.
  CXHUB_RETURN_IF_ERROR(store->WriteTransaction([](SqlTransaction& transaction) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(transaction.RebuildActivitySpellsIfWindowChanged());
    return transaction.RecountVisitsIfPending();
  }));
  return store;
}

}  // namespace cxhub
