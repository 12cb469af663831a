// What only the SQLite backend promises: the file lock held by another process, and readers
// kept for calls on gRPC's shared callback threads, where the server runs its point reads. And,
// on SQLite connections, how the SQL store counts a commit the server had silently rolled back.
#include "server/storage/sqlite_store.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/call_deadline.h"
#include "server/core/shared_thread_call.h"
#include "server/storage/silent_abort.h"
#include "server/storage/sql_store.h"
#include "server/storage/sqlite_dialect.h"
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

// The display names of the store's first ten customers, in id order.
std::vector<std::string> CustomerNames(Store& store) {
  std::vector<std::string> names;
  EXPECT_TRUE(store
                  .Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::vector<Customer>> customers = reader.ListCustomers(0, 10);
                    if (!customers.ok()) return customers.status();
                    for (const Customer& customer : *customers) {
                      names.push_back(customer.display_name);
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  return names;
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
  EXPECT_EQ(CustomerNames(**store), (std::vector<std::string>{"after wait", "later"}));
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

// A real connection whose next commit, once `abort_next` is set, rolls back instead and reports
// what the MySQL driver's Galera guard reports when the server had rolled the transaction back
// without failing a statement. That abort cannot be brought about on a cluster on purpose
// (benchmarks/galera/silent_abort_probe), so the store's handling of it is checked here.
class SilentlyAbortingConnection final : public Connection {
 public:
  SilentlyAbortingConnection(std::unique_ptr<Connection> real, std::atomic<bool>& abort_next)
      : real_(std::move(real)), abort_next_(abort_next) {}

  absl::StatusOr<std::unique_ptr<Statement>> Prepare(absl::string_view sql) override {
    return real_->Prepare(sql);
  }
  absl::Status ExecuteScript(absl::string_view sql) override { return real_->ExecuteScript(sql); }
  absl::Status Execute(absl::string_view sql) override { return real_->Execute(sql); }
  int64_t LastInsertId() override { return real_->LastInsertId(); }
  absl::Status BeginRead() override { return real_->BeginRead(); }
  absl::Status BeginWrite() override { return real_->BeginWrite(); }
  absl::Status Commit() override {
    if (!abort_next_.exchange(false)) return real_->Commit();
    real_->Rollback().IgnoreError();
    return SilentAbortError("test: the server had rolled the transaction back silently");
  }
  absl::Status Rollback() override { return real_->Rollback(); }
  bool IsBroken() const override { return real_->IsBroken(); }

 private:
  const std::unique_ptr<Connection> real_;
  std::atomic<bool>& abort_next_;
};

// A commit that finds its transaction silently rolled back is run again, once, and counted both
// as a retry and apart, as a silent abort; an ordinary commit is neither.
TEST_F(SqliteStoreTest, ASilentlyAbortedCommitIsRunAgainAndCountedApart) {
  std::atomic<bool> abort_next_commit{false};
  SqlStoreOptions options;
  options.dialect = &SqliteDialect();
  const SqliteConnectionOptions writer{path_, absl::Seconds(5), /*read_only=*/false};
  options.open_writer = [&, writer]() -> absl::StatusOr<std::unique_ptr<Connection>> {
    absl::StatusOr<std::unique_ptr<Connection>> real = OpenSqliteConnection(writer);
    if (!real.ok()) return real.status();
    return std::make_unique<SilentlyAbortingConnection>(*std::move(real), abort_next_commit);
  };
  const SqliteConnectionOptions read_only{path_, absl::Seconds(5), /*read_only=*/true};
  options.open_reader = [read_only]() { return OpenSqliteConnection(read_only); };
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqlStore(std::move(options));
  ASSERT_TRUE(store.ok()) << store.status();

  abort_next_commit = true;
  EXPECT_TRUE(InsertOne(**store, "Ana").ok());
  EXPECT_EQ((*store)->Statistics().silent_aborts, 1);
  EXPECT_EQ((*store)->Statistics().retries, 1);
  EXPECT_EQ(CustomerNames(**store), std::vector<std::string>{"Ana"});

  EXPECT_TRUE(InsertOne(**store, "Rui").ok());
  EXPECT_EQ((*store)->Statistics().silent_aborts, 1);
  EXPECT_EQ((*store)->Statistics().retries, 1);
  EXPECT_EQ(CustomerNames(**store), (std::vector<std::string>{"Ana", "Rui"}));
}

}  // namespace
}  // namespace cxhub
