// The connection pool's wait honours the deadline of the call the thread serves.
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
#include "server/storage/sqlite_driver.h"

namespace cxhub {
namespace {

ConnectionPool OneConnectionPool(const std::string& path) {
  return ConnectionPool(1, [path]() {
    return OpenSqliteConnection({path, absl::Seconds(1), /*read_only=*/false});
  });
}

TEST(ConnectionPool, AWaitEndsAtTheCallsDeadlineWithDeadlineExceeded) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/connection_pool_deadline.db");
  std::filesystem::remove(path);
  ConnectionPool pool = OneConnectionPool(path);
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
  const std::string path = absl::StrCat(::testing::TempDir(), "/connection_pool_free.db");
  std::filesystem::remove(path);
  ConnectionPool pool = OneConnectionPool(path);
  { ASSERT_TRUE(pool.Acquire().ok()); }  // given back at once
  EXPECT_TRUE(pool.Acquire().ok());
}

}  // namespace
}  // namespace cxhub
