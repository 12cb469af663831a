// What only the SQLite backend promises: the file lock held by another process, and readers
// kept for calls on gRPC's shared callback threads, where the server runs its point reads.
#include "server/storage/sqlite_store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/call_deadline.h"
#include "server/core/shared_thread_call.h"
#include "server/storage/sqlite_driver.h"

namespace cxhub {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = absl::StrCat(::testing::TempDir(), "/sqlite_store_", info->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    path_ = directory_ + "/cxhub.db";
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string directory_;
  std::string path_;
};

absl::Status InsertOne(Store& store, const std::string& name) {
  return store.Write([&](StoreWriter& writer) {
    Customer customer;
    customer.display_name = name;
    return writer.InsertCustomer(customer).status();
  });
}

TEST_F(SqliteStoreTest, RefusesInMemoryDatabases) {
  EXPECT_EQ(OpenSqliteStore({":memory:"}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenSqliteStore({""}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, UnopenableFileIsUnavailable) {
  EXPECT_EQ(OpenSqliteStore({directory_ + "/missing/dir/x.db"}).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(SqliteStoreTest, WriteRetriesWhileAnotherProcessHoldsTheLock) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({path_, /*busy_timeout=*/absl::Milliseconds(200)});
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::unique_ptr<Connection>> other =
      OpenSqliteConnection({path_, absl::Seconds(1), false});
  ASSERT_TRUE(other.ok());

  // Held until the store's first attempt has given up and it retries (its retry counter moves),
  // then let go: a retry gets through.
  ASSERT_TRUE((*other)->BeginWrite().ok());
  const int64_t retries_before = (*store)->Statistics().retries;
  std::thread holder([&] {
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while ((*store)->Statistics().retries == retries_before && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    EXPECT_TRUE((*other)->Commit().ok());
  });
  absl::Status status = InsertOne(**store, "after wait");
  holder.join();
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_GT((*store)->Statistics().retries, retries_before);

  // Held for good: the store gives up with UNAVAILABLE and stays usable afterwards.
  ASSERT_TRUE((*other)->BeginWrite().ok());
  status = InsertOne(**store, "never");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  ASSERT_TRUE((*other)->Rollback().ok());
  EXPECT_TRUE(InsertOne(**store, "later").ok());
  absl::StatusOr<std::vector<Customer>> customers;
  ASSERT_TRUE((*store)
                  ->Read([&](StoreReader& reader) {
                    customers = reader.ListCustomers(0, 10);
                    return customers.status();
                  })
                  .ok());
  ASSERT_EQ(customers->size(), 2u);
  EXPECT_EQ((*customers)[0].display_name, "after wait");
  EXPECT_EQ((*customers)[1].display_name, "later");
}

TEST_F(SqliteStoreTest, AReadOnASharedThreadIsServedWhileSlowReadsHoldEveryOtherReader) {
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({path_});
  ASSERT_TRUE(store.ok()) << store.status();
  // Slow reads until none of the ordinary readers is left (the store has 4).
  constexpr int kSlowReads = 4;
  absl::BlockingCounter reading(kSlowReads);
  absl::Notification done;
  std::vector<std::thread> slow;
  for (int i = 0; i < kSlowReads; ++i) {
    slow.emplace_back([&] {
      EXPECT_TRUE((*store)
                      ->Read([&](StoreReader&) {
                        reading.DecrementCount();
                        done.WaitForNotificationWithTimeout(absl::Seconds(30));
                        return absl::OkStatus();
                      })
                      .ok());
    });
  }
  reading.Wait();
  auto read_soon = [&] {
    const ScopedCallDeadline deadline(absl::Now() + absl::Milliseconds(200));
    return (*store)->Read([](StoreReader&) { return absl::OkStatus(); });
  };
  EXPECT_EQ(read_soon().code(), absl::StatusCode::kDeadlineExceeded);
  {
    const ScopedSharedThreadCall shared;
    EXPECT_TRUE(read_soon().ok());
  }
  done.Notify();
  for (std::thread& thread : slow) thread.join();
}

}  // namespace
}  // namespace cxhub
