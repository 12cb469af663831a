// The connection pool's wait honours the deadline of the call the thread serves, and its reserve
// serves calls on shared threads without a wait.
#include "server/storage/connection_pool.h"

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/call_deadline.h"
#include "server/core/shared_thread_call.h"
#include "server/storage/sqlite_driver.h"

namespace cxhub {
namespace {

// A pool of one connection (and `reserved` more) to a fresh database file `name`.
ConnectionPool OneConnectionPool(const std::string& name, int reserved = 0) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
  std::filesystem::remove(path);
  return ConnectionPool(
      1,
      [path]() {
        return OpenSqliteConnection({path, absl::Seconds(1), /*read_only=*/false});
      },
      nullptr, reserved);
}

// An Acquire that gives up after a short wait.
absl::StatusOr<ConnectionPool::Lease> AcquireSoon(ConnectionPool& pool) {
  ScopedCallDeadline deadline(absl::Now() + absl::Milliseconds(100));
  return pool.Acquire();
}

TEST(ConnectionPool, AWaitEndsAtTheCallsDeadlineWithDeadlineExceeded) {
  ConnectionPool pool = OneConnectionPool("connection_pool_deadline.db");
  absl::StatusOr<ConnectionPool::Lease> held = pool.Acquire();
  ASSERT_TRUE(held.ok()) << held.status();

  const absl::Time started = absl::Now();
  ScopedCallDeadline deadline(started + absl::Milliseconds(200));
  absl::StatusOr<ConnectionPool::Lease> waited = pool.Acquire();
  EXPECT_EQ(waited.status().code(), absl::StatusCode::kDeadlineExceeded) << waited.status();
  EXPECT_THAT(waited.status().message(), ::testing::HasSubstr("1 store connections, all busy"));
  EXPECT_LT(absl::Now() - started, absl::Seconds(2));
}

TEST(ConnectionPool, WithoutACallDeadlineAWaitLastsUntilAConnectionIsFree) {
  ConnectionPool pool = OneConnectionPool("connection_pool_free.db");
  { ASSERT_TRUE(pool.Acquire().ok()); }  // given back at once
  EXPECT_TRUE(pool.Acquire().ok());
}

TEST(ConnectionPool, ASharedThreadTakesAReservedConnectionWhileEveryOtherIsLeased) {
  ConnectionPool pool = OneConnectionPool("connection_pool_reserve.db", /*reserved=*/2);
  absl::StatusOr<ConnectionPool::Lease> ordinary = pool.Acquire();
  ASSERT_TRUE(ordinary.ok()) << ordinary.status();
  // The reserve is not for ordinary callers.
  EXPECT_EQ(AcquireSoon(pool).status().code(), absl::StatusCode::kDeadlineExceeded);

  const ScopedSharedThreadCall shared;
  absl::StatusOr<ConnectionPool::Lease> first = AcquireSoon(pool);
  absl::StatusOr<ConnectionPool::Lease> second = AcquireSoon(pool);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(pool.open_count(), 3);
  // The reserve used up, a shared thread queues with the others.
  EXPECT_EQ(AcquireSoon(pool).status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(ConnectionPool, AReservedConnectionGivenBackFreesTheReserveNotAnOrdinarySlot) {
  ConnectionPool pool = OneConnectionPool("connection_pool_give_back.db", /*reserved=*/1);
  absl::StatusOr<ConnectionPool::Lease> ordinary = pool.Acquire();
  ASSERT_TRUE(ordinary.ok()) << ordinary.status();
  {
    const ScopedSharedThreadCall shared;
    ASSERT_TRUE(AcquireSoon(pool).ok());  // Taken from the reserve and given back.
    EXPECT_TRUE(AcquireSoon(pool).ok());  // The reserve again, on the same connection.
  }
  EXPECT_EQ(pool.open_count(), 2);
  EXPECT_EQ(AcquireSoon(pool).status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(ConnectionPool, ASharedThreadQueuesForAnOrdinarySlotOnceTheReserveIsLeased) {
  ConnectionPool pool = OneConnectionPool("connection_pool_queue.db", /*reserved=*/1);
  const ScopedSharedThreadCall shared;
  absl::StatusOr<ConnectionPool::Lease> reserved = AcquireSoon(pool);
  ASSERT_TRUE(reserved.ok()) << reserved.status();
  // The ordinary slot is free: a shared thread takes it when the reserve has none.
  absl::StatusOr<ConnectionPool::Lease> ordinary = AcquireSoon(pool);
  ASSERT_TRUE(ordinary.ok()) << ordinary.status();
  EXPECT_EQ(AcquireSoon(pool).status().code(), absl::StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace cxhub
