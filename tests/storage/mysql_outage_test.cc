// Stops the MariaDB server under a store that is serving writes and reads, and starts it
// again: while it is away every call answers UNAVAILABLE (no crash, no INTERNAL); once it is
// back the store recovers by itself; no acknowledged interaction is lost.
// Needs CXHUB_TEST_MYSQL and CXHUB_TEST_MYSQL_DIR (the directory given to scripts/mariadb);
// skipped otherwise. It stops the shared server, so ctest runs it alone (RUN_SERIAL).
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/mysql_store.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

class MysqlOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = MysqlTestServer();
    const char* dir = std::getenv(kMysqlDirEnv);
    if (!server_.has_value() || dir == nullptr || *dir == '\0') {
      CXHUB_SKIP_UNLESS_REQUIRED(MysqlDirSkipReason());
    }
    dir_ = dir;
    database_ = std::make_unique<FreshMysqlDatabase>(*server_);
    ASSERT_TRUE(database_->status().ok()) << database_->status();
  }
  void TearDown() override {
    if (!dir_.empty()) Mariadb("start");  // Whatever happened, leave the server running.
  }

  int Mariadb(const std::string& command) {
    std::string line =
        absl::StrCat(CXHUB_SOURCE_DIR, "/scripts/mariadb ", command, " '", dir_, "'");
    if (command == "start") absl::StrAppend(&line, " ", server_->port);
    return std::system(line.c_str());
  }

  std::optional<MysqlStoreOptions> server_;
  std::string dir_;
  std::unique_ptr<FreshMysqlDatabase> database_;
};

absl::Status WriteOne(Store& store, CustomerId customer, const std::string& external_id) {
  return store.Write([&](StoreWriter& writer) -> absl::Status {
    Interaction interaction;
    interaction.customer_id = customer;
    interaction.channel = "chat";
    interaction.source = "outage";
    interaction.external_id = external_id;
    return writer.InsertInteraction(interaction).status();
  });
}

absl::Status ReadLatest(Store& store) {
  return store.Read([](StoreReader& reader) { return reader.LatestInteractionId().status(); });
}

TEST_F(MysqlOutageTest, UnavailableWhileTheServerIsDownThenRecoversWithNothingLost) {
  absl::StatusOr<std::unique_ptr<Store>> opened = OpenMysqlStore(database_->options());
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  CustomerId customer = 0;
  ASSERT_TRUE(store
                  .Write([&](StoreWriter& writer) -> absl::Status {
                    Customer c;
                    c.display_name = "outage";
                    absl::StatusOr<CustomerId> id = writer.InsertCustomer(c);
                    if (!id.ok()) return id.status();
                    customer = *id;
                    return absl::OkStatus();
                  })
                  .ok());

  // A client writing all along: acknowledged ids must all survive.
  absl::Mutex mu;
  std::vector<std::string> acknowledged;
  std::map<absl::StatusCode, int> failures;
  std::string unexpected;
  std::atomic<bool> stop{false};
  std::thread client([&] {
    for (int n = 0; !stop.load(); ++n) {
      const std::string external_id = absl::StrCat("w-", n);
      absl::Status status = WriteOne(store, customer, external_id);
      absl::MutexLock lock(&mu);
      if (status.ok()) {
        acknowledged.push_back(external_id);
      } else {
        ++failures[status.code()];
        if (!absl::IsUnavailable(status)) unexpected = status.ToString();
      }
      absl::SleepFor(absl::Milliseconds(5));
    }
  });

  absl::SleepFor(absl::Milliseconds(500));
  ASSERT_EQ(Mariadb("stop"), 0);
  // Down: reads and writes answer UNAVAILABLE, quickly.
  for (int i = 0; i < 3; ++i) {
    const absl::Time start = absl::Now();
    absl::Status read = ReadLatest(store);
    EXPECT_EQ(read.code(), absl::StatusCode::kUnavailable) << read;
    absl::Status write = WriteOne(store, customer, absl::StrCat("down-", i));
    EXPECT_EQ(write.code(), absl::StatusCode::kUnavailable) << write;
    EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  }
  ASSERT_EQ(Mariadb("start"), 0);

  // Back: the store recovers by itself (no reopen), within a few attempts.
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  absl::Status read = ReadLatest(store);
  while (!read.ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    read = ReadLatest(store);
  }
  ASSERT_TRUE(read.ok()) << read;
  size_t acknowledged_after_restart = 0;
  {
    absl::MutexLock lock(&mu);
    acknowledged_after_restart = acknowledged.size();
  }
  absl::SleepFor(absl::Milliseconds(500));
  stop.store(true);
  client.join();

  absl::MutexLock lock(&mu);
  EXPECT_EQ(unexpected, "") << "a failure other than UNAVAILABLE";
  EXPECT_GT(failures[absl::StatusCode::kUnavailable], 0) << "the client never saw the outage";
  EXPECT_GT(acknowledged.size(), acknowledged_after_restart) << "writes did not resume";
  EXPECT_TRUE(WriteOne(store, customer, "after").ok());
  for (const std::string& external_id : acknowledged) {
    absl::StatusOr<std::optional<Interaction>> found;
    ASSERT_TRUE(store
                    .Read([&](StoreReader& reader) -> absl::Status {
                      found = reader.FindInteractionBySource("outage", external_id);
                      return found.status();
                    })
                    .ok());
    EXPECT_TRUE(found->has_value()) << "acknowledged interaction lost: " << external_id;
  }
  std::cout << "acknowledged " << acknowledged.size() << " writes, "
            << failures[absl::StatusCode::kUnavailable] << " UNAVAILABLE during the outage\n";
}

}  // namespace
}  // namespace cxhub::testing
