// MySQL-specific behaviour: the script splitter, error mapping, identity resolution racing
// between two stores (two servers) on one database, and a touchpoint reassignment racing an
// edited message. The conformance suite (store_conformance_test.cc) covers everything both
// backends share.
#include "server/storage/mysql_store.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/clock.h"
#include "server/core/customer_directory.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/model.h"
#include "server/core/operation_runner.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/core/touchpoint_assigner.h"
#include "server/core/touchpoint_reassignment.h"
#include "server/storage/migrations.h"
#include "server/storage/mysql_dialect.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_script.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SplitMysqlScript, SplitsOnSemicolonsOutsideQuotesAndComments) {
  absl::StatusOr<std::vector<std::string>> statements = SplitMysqlScript(
      "-- a comment; not a statement\n"
      "CREATE TABLE a (x INT); # another; comment\n"
      "INSERT INTO a VALUES ('semi;colon', \"d;q\", 'it''s', 'back\\'slash;');\n"
      "/* block; comment */ SELECT `we;ird` FROM a;;\n"
      "  \n");
  ASSERT_TRUE(statements.ok()) << statements.status();
  EXPECT_THAT(*statements,
              ElementsAre("CREATE TABLE a (x INT)",
                          "INSERT INTO a VALUES ('semi;colon', \"d;q\", 'it''s', 'back\\'slash;')",
                          "SELECT `we;ird` FROM a"));
}

TEST(SplitMysqlScript, DoubleDashWithoutSpaceIsNotAComment) {
  absl::StatusOr<std::vector<std::string>> statements = SplitMysqlScript("SELECT 1--1; SELECT 2");
  ASSERT_TRUE(statements.ok());
  EXPECT_THAT(*statements, ElementsAre("SELECT 1--1", "SELECT 2"));
}

TEST(SplitMysqlScript, RejectsUnterminatedQuotesAndComments) {
  EXPECT_EQ(SplitMysqlScript("SELECT 'open").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitMysqlScript("SELECT 1 /* open").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(MysqlErrorToStatus, MapsCodesToCanonicalStatuses) {
  EXPECT_EQ(MysqlErrorToStatus(1062, "23000", "m").code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(MysqlErrorToStatus(1213, "40001", "m").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(MysqlErrorToStatus(1205, "HY000", "m").code(), absl::StatusCode::kAborted);
  for (int code : {2002, 2003, 2006, 2013, 2055, 1053, 1927}) {
    EXPECT_EQ(MysqlErrorToStatus(code, "HY000", "m").code(), absl::StatusCode::kUnavailable)
        << code;
  }
  EXPECT_EQ(MysqlErrorToStatus(0, "08S01", "m").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(MysqlErrorToStatus(1452, "23000", "fk").code(), absl::StatusCode::kInternal);
  EXPECT_EQ(MysqlErrorToStatus(1064, "42000", "syntax").code(), absl::StatusCode::kInternal);
  EXPECT_THAT(MysqlErrorToStatus(1064, "42000", "the text").message(),
              HasSubstr("mysql: the text (error 1064"));
}

TEST(OpenMysqlStore, UnreachableServerIsUnavailableQuickly) {
  MysqlStoreOptions options;
  options.host = "127.0.0.1";
  options.port = 1;  // Nothing listens there.
  options.user = "nobody";
  options.database = "nothing";
  options.connect_timeout = absl::Seconds(2);
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<Store>> store = OpenMysqlStore(options);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kUnavailable) << store.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

class MysqlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<MysqlStoreOptions> server = MysqlTestServer();
    if (!server.has_value()) CXHUB_SKIP_UNLESS_REQUIRED(MysqlSkipReason());
    database_ = std::make_unique<FreshMysqlDatabase>(*server);
    ASSERT_TRUE(database_->status().ok()) << database_->status();
  }

  std::unique_ptr<Store> OpenStore() {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenMysqlStore(database_->options());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  std::unique_ptr<FreshMysqlDatabase> database_;
};

// Two servers starting at once against an empty database: MySQL DDL commits implicitly, so
// only the migration lock keeps them from applying the same file twice.
TEST_F(MysqlStoreTest, TwoServersMigratingAtOnceApplyEachMigrationOnce) {
  constexpr int kServers = 4;
  std::vector<absl::Status> results(kServers);
  std::vector<std::thread> servers;
  servers.reserve(kServers);
  for (int i = 0; i < kServers; ++i) {
    servers.emplace_back([&, i] { results[i] = OpenMysqlStore(database_->options()).status(); });
  }
  for (std::thread& server : servers) server.join();
  for (const absl::Status& result : results) EXPECT_TRUE(result.ok()) << result;
  absl::StatusOr<std::unique_ptr<Connection>> connection =
      OpenMysqlConnection(database_->connection_options());
  ASSERT_TRUE(connection.ok()) << connection.status();
  auto count = (*connection)->Prepare("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(count.ok()) << count.status();
  ASSERT_TRUE(*(*count)->Step());
  EXPECT_EQ((*count)->ColumnInt64(0), static_cast<int64_t>(MysqlDialect().migrations.size()));
}

// Writes the migration lock row as `owner` held it, on a database whose lock table exists.
void LeaveMigrationLock(const MysqlConnectionOptions& options, const std::string& owner) {
  absl::StatusOr<std::unique_ptr<Connection>> connection = OpenMysqlConnection(options);
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_TRUE((*connection)->ExecuteScript(MysqlDialect().create_migration_lock_table).ok());
  auto insert =
      (*connection)
          ->Prepare("INSERT INTO schema_migration_lock (id, owner, expire_time) VALUES (1, ?, ?)");
  ASSERT_TRUE(insert.ok()) << insert.status();
  (*insert)->BindText(1, owner);
  (*insert)->BindInt64(2, absl::ToUnixMicros(absl::Now() + absl::Hours(1)));
  ASSERT_TRUE((*insert)->Step().ok());
}

std::string HostName() {
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  return host;
}

// A server killed while it migrated leaves the lock row behind for its lifetime (minutes). A
// restart on the same host sees the holder's process is gone and takes the lock at once; before,
// every restart waited out the lifetime (the MySQL crash test outlived its time budget).
TEST_F(MysqlStoreTest, ALockLeftByADeadProcessOfThisHostIsTakenOverAtOnce) {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  ASSERT_EQ(waitpid(child, nullptr, 0), child);  // Reaped: its pid names no process now.
  LeaveMigrationLock(database_->connection_options(), absl::StrCat(HostName(), ":", child, ":1"));
  EXPECT_NE(OpenStore(), nullptr);
}

// The same when the holder is a zombie nobody reaped, as a killed server stays where PID 1 does
// not reap orphans: kill(pid, 0) still finds it, so the store reads the process's state.
TEST_F(MysqlStoreTest, ALockLeftByAnUnreapedProcessOfThisHostIsTakenOverAtOnce) {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  // Not reaped until the end: until then the child is a zombie (waitid with WNOWAIT says when).
  siginfo_t exited = {};
  ASSERT_EQ(waitid(P_PID, child, &exited, WEXITED | WNOWAIT), 0);
  ASSERT_EQ(kill(child, 0), 0);  // What the store asked before: "still there".
  LeaveMigrationLock(database_->connection_options(), absl::StrCat(HostName(), ":", child, ":1"));
  const absl::Time start = absl::Now();
  EXPECT_NE(OpenStore(), nullptr);
  EXPECT_LT(absl::Now() - start, absl::Minutes(1)) << "waited for the lock's expiry";
  EXPECT_EQ(waitpid(child, nullptr, 0), child);
}

// A schema that is current needs no lock: a server starts while another (alive, so its lock is
// not taken over) holds it, as when a replica restarts during another's long migration.
TEST_F(MysqlStoreTest, AStartOnACurrentSchemaTakesNoLock) {
  ASSERT_NE(OpenStore(), nullptr);
  LeaveMigrationLock(database_->connection_options(),
                     absl::StrCat(HostName(), ":", getpid(), ":1"));
  EXPECT_NE(OpenStore(), nullptr);
}

// The first column of the first row of `sql` (its `?`s bound to `texts`) as `connection` reads
// it; -1, and a test failure, when there is none.
int64_t FirstInt64(Connection& connection, const std::string& sql,
                   const std::vector<std::string>& texts = {}) {
  auto read = connection.Prepare(sql);
  EXPECT_TRUE(read.ok()) << read.status();
  if (!read.ok()) return -1;
  for (size_t i = 0; i < texts.size(); ++i) (*read)->BindText(static_cast<int>(i) + 1, texts[i]);
  absl::StatusOr<bool> row = (*read)->Step();
  EXPECT_TRUE(row.ok() && *row) << sql << ": " << (row.ok() ? absl::OkStatus() : row.status());
  return row.ok() && *row ? (*read)->ColumnInt64(0) : -1;
}

// How many statements of `counter` (Com_create_table, ...) this session has run.
int64_t SessionCount(Connection& connection, const std::string& counter) {
  return FirstInt64(
      connection,
      "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = ?",
      {counter});
}

// A start on a current schema runs no DDL, not even CREATE TABLE IF NOT EXISTS: on Galera every
// DDL runs in total order on all nodes and aborts what other servers have open on its table
// (a migrating server's "applied" row), although it changes nothing.
TEST_F(MysqlStoreTest, AStartOnACurrentSchemaRunsNoDdl) {
  ASSERT_NE(OpenStore(), nullptr);  // Applies every migration.
  absl::StatusOr<std::unique_ptr<Connection>> connection =
      OpenMysqlConnection(database_->connection_options());
  ASSERT_TRUE(connection.ok()) << connection.status();
  const int64_t created = SessionCount(**connection, "COM_CREATE_TABLE");
  const int64_t altered = SessionCount(**connection, "COM_ALTER_TABLE");
  absl::StatusOr<int> applied = ApplyMigrations(**connection, MysqlDialect());
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied, 0);
  EXPECT_EQ(SessionCount(**connection, "COM_CREATE_TABLE"), created);
  EXPECT_EQ(SessionCount(**connection, "COM_ALTER_TABLE"), altered);
}

// The rows of `table` as `connection` sees them.
int64_t RowCount(Connection& connection, const std::string& table) {
  return FirstInt64(connection, absl::StrCat("SELECT COUNT(*) FROM ", table));
}

class MysqlReaderSessionTest : public MysqlStoreTest {
 protected:
  void SetUp() override {
    MysqlStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    absl::StatusOr<std::unique_ptr<Connection>> writer =
        OpenMysqlConnection(database_->connection_options());
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    ASSERT_TRUE(writer_->Execute("CREATE TABLE seen (id INT NOT NULL PRIMARY KEY)").ok());
    ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (1)").ok());
    MysqlConnectionOptions reader_options = database_->connection_options();
    reader_options.read_only = true;
    absl::StatusOr<std::unique_ptr<Connection>> reader = OpenMysqlConnection(reader_options);
    ASSERT_TRUE(reader.ok()) << reader.status();
    reader_ = *std::move(reader);
  }

  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Connection> reader_;
};

// A reader's transaction begins with its first statement, not with a START TRANSACTION of its
// own (a round trip saved per read), and still reads one snapshot from there to its commit.
TEST_F(MysqlReaderSessionTest, AReadTransactionReadsOneSnapshotAndSendsNoBegin) {
  const int64_t begun = SessionCount(*reader_, "COM_BEGIN");
  ASSERT_TRUE(reader_->BeginRead().ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 1);
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (2)").ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 1);  // Still the snapshot of the first statement.
  ASSERT_TRUE(reader_->Commit().ok());

  ASSERT_TRUE(reader_->BeginRead().ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 2);
  ASSERT_TRUE(reader_->Commit().ok());
  EXPECT_EQ(SessionCount(*reader_, "COM_BEGIN"), begun);
}

// A latest read (Store::ReadLatest) is no transaction: each statement sees what was committed
// before it ran, and there is no begin, commit or rollback to send. A snapshot read after it on
// the same session still reads one snapshot.
TEST_F(MysqlReaderSessionTest, ALatestReadSeesEachCommitAndSendsNoBeginOrCommit) {
  const int64_t begun = SessionCount(*reader_, "COM_BEGIN");
  const int64_t committed = SessionCount(*reader_, "COM_COMMIT");
  const int64_t rolled_back = SessionCount(*reader_, "COM_ROLLBACK");
  ASSERT_TRUE(reader_->BeginLatestRead().ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 1);
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (2)").ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 2);
  ASSERT_TRUE(reader_->Commit().ok());
  ASSERT_TRUE(reader_->BeginLatestRead().ok());  // One that fails: a point read's NOT_FOUND.
  EXPECT_EQ(RowCount(*reader_, "seen"), 2);
  ASSERT_TRUE(reader_->Rollback().ok());
  EXPECT_EQ(SessionCount(*reader_, "COM_BEGIN"), begun);
  EXPECT_EQ(SessionCount(*reader_, "COM_COMMIT"), committed);
  EXPECT_EQ(SessionCount(*reader_, "COM_ROLLBACK"), rolled_back);

  ASSERT_TRUE(reader_->BeginRead().ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 2);
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (3)").ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 2);
  ASSERT_TRUE(reader_->Commit().ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 3);
}

// A write transaction begins with its first statement too, and is one: what it wrote is seen by
// nobody else before its commit, and a rollback takes all of it back. Between write
// transactions a statement still commits on its own.
TEST_F(MysqlReaderSessionTest, AWriteTransactionIsOneWithoutABegin) {
  const int64_t begun = SessionCount(*writer_, "COM_BEGIN");
  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (2)").ok());
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (3)").ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 1);  // Each a statement of its own, outside a read.
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(RowCount(*reader_, "seen"), 3);

  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (4)").ok());
  ASSERT_TRUE(writer_->Rollback().ok());
  ASSERT_TRUE(writer_->BeginWrite().ok());
  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (5)").ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(SessionCount(*writer_, "COM_BEGIN"), begun);

  ASSERT_TRUE(writer_->Execute("INSERT INTO seen (id) VALUES (6)").ok());  // Outside: at once.
  EXPECT_EQ(RowCount(*reader_, "seen"), 5);                                // 1, 2, 3, 5, 6.
}

TEST_F(MysqlReaderSessionTest, AReaderSessionRefusesWritesInAndOutsideTransactions) {
  ASSERT_TRUE(reader_->BeginRead().ok());
  EXPECT_FALSE(reader_->Execute("INSERT INTO seen (id) VALUES (3)").ok());
  ASSERT_TRUE(reader_->Rollback().ok());
  EXPECT_FALSE(reader_->Execute("INSERT INTO seen (id) VALUES (4)").ok());
  EXPECT_EQ(RowCount(*writer_, "seen"), 1);
}

// Lookup and Get read as they come (Store::ReadLatest), without one snapshot for their
// statements: a merge between those must not make a customer that exists throughout look
// missing. One thread merges pairs of customers while another looks up, by email and by id, the
// one being merged, over and over.
TEST_F(MysqlStoreTest, LookupsAndGetsDuringMergesAlwaysFindTheCustomer) {
  std::unique_ptr<Store> store = OpenStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  ASSERT_TRUE(normalizer.ok());
  CustomerDirectory directory(*store, *normalizer, SystemClock());
  constexpr int kPairs = 100;
  std::vector<CustomerId> merged;
  std::vector<CustomerId> survivors;
  const auto email = [](int pair) { return absl::StrCat("pair-", pair, "@example.com"); };
  for (int pair = 0; pair < kPairs; ++pair) {
    Customer customer;
    customer.identities = {{IdentityKind::kEmail, email(pair)}};
    absl::StatusOr<Customer> created = directory.Create(customer);
    ASSERT_TRUE(created.ok()) << created.status();
    merged.push_back(created->id);
    created = directory.Create(Customer());
    ASSERT_TRUE(created.ok()) << created.status();
    survivors.push_back(created->id);
  }

  // The pair being merged, which the reader keeps reading: -1 once all are.
  std::atomic<int> merging{0};
  std::atomic<int> reads{0};
  std::thread reader([&] {
    for (int pair = merging.load(); pair >= 0; pair = merging.load()) {
      absl::StatusOr<Customer> by_email = directory.Lookup({IdentityKind::kEmail, email(pair)});
      EXPECT_TRUE(by_email.ok()) << "pair " << pair << ": " << by_email.status();
      absl::StatusOr<Customer> by_id = directory.Get(merged[pair]);
      EXPECT_TRUE(by_id.ok()) << "pair " << pair << ": " << by_id.status();
      reads.fetch_add(1);
    }
  });
  for (int pair = 0; pair < kPairs; ++pair) {
    merging.store(pair);
    EXPECT_TRUE(directory.Merge(survivors[pair], merged[pair]).ok());
  }
  merging.store(-1);
  reader.join();
  EXPECT_GT(reads.load(), 0);
  absl::StatusOr<Customer> last = directory.Lookup({IdentityKind::kEmail, email(kPairs - 1)});
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(last->id, survivors.back());
}

// Two cxhubd processes sharing one database are two stores with their own pools. Both
// record for an email nobody owns yet, at the same moment, many times over: each time one
// customer must end up owning the email and both interactions.
TEST_F(MysqlStoreTest, TwoServersRecordingTheSameNewEmailEndWithOneCustomer) {
  std::unique_ptr<Store> store_a = OpenStore();
  std::unique_ptr<Store> store_b = OpenStore();  // Also: migrations already applied, no-op.
  ASSERT_TRUE(store_a != nullptr && store_b != nullptr);
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  ASSERT_TRUE(normalizer.ok());
  InteractionFeed feed_a;
  InteractionFeed feed_b;
  InteractionLog log_a(*store_a, *normalizer, SystemClock(), feed_a, ConflictPolicy::kMerge);
  InteractionLog log_b(*store_b, *normalizer, SystemClock(), feed_b, ConflictPolicy::kMerge);

  constexpr int kRounds = 25;
  for (int round = 0; round < kRounds; ++round) {
    const std::string email = absl::StrCat("race-", round, "@example.com");
    absl::Barrier* barrier = new absl::Barrier(2);
    std::vector<absl::StatusOr<RecordResult>> results(2, absl::UnknownError("not run"));
    auto record = [&](InteractionLog& log, int index) {
      RecordRequest request;
      request.interaction.channel = "email";
      request.interaction.kind = InteractionKind::kMessage;
      request.interaction.direction = Direction::kInbound;
      request.interaction.occur_time = absl::FromUnixSeconds(1700000000 + round);
      request.interaction.source = "race";
      request.interaction.external_id = absl::StrCat(round, "-", index);
      request.identities = {{IdentityKind::kEmail, email}};
      request.customer_display_name = absl::StrCat("from ", index);
      if (barrier->Block()) delete barrier;
      results[index] = log.Record(request);
    };
    std::thread a(record, std::ref(log_a), 0);
    std::thread b(record, std::ref(log_b), 1);
    a.join();
    b.join();
    ASSERT_TRUE(results[0].ok()) << "round " << round << ": " << results[0].status();
    ASSERT_TRUE(results[1].ok()) << "round " << round << ": " << results[1].status();
    EXPECT_EQ(results[0]->interaction.customer_id, results[1]->interaction.customer_id)
        << "round " << round;
    EXPECT_EQ(results[0]->customer_created + results[1]->customer_created, 1) << "round " << round;
  }

  absl::StatusOr<std::vector<Customer>> customers;
  ASSERT_TRUE(store_a
                  ->Read([&](StoreReader& reader) -> absl::Status {
                    customers = reader.ListCustomers(0, 1000);
                    return customers.status();
                  })
                  .ok());
  EXPECT_EQ(customers->size(), static_cast<size_t>(kRounds));
  for (const Customer& customer : *customers) EXPECT_EQ(customer.identities.size(), 1u);
}

// Interaction ids must grow in commit order (Watch relies on it): writers that insert
// interactions concurrently, each holding its transaction open a while, never let a reader
// see an id above one that is still uncommitted.
// Migration 0023 on a database that already has interactions (from AUTO_INCREMENT, before it):
// the commit_sequence counter moves past every id there, so the next insert takes a new one
// instead of colliding with a stored row.
TEST_F(MysqlStoreTest, AnUpgradedDatabaseTakesInteractionIdsPastTheStoredOnes) {
  const auto insert = [](Store& store, const std::string& external_id) {
    absl::StatusOr<InteractionId> inserted = absl::UnknownError("not run");
    EXPECT_TRUE(store
                    .Write([&](StoreWriter& writer) -> absl::Status {
                      Customer customer;
                      customer.display_name = external_id;
                      CXHUB_ASSIGN_OR_RETURN(CustomerId id, writer.InsertCustomer(customer));
                      Interaction interaction;
                      interaction.customer_id = id;
                      interaction.channel = "chat";
                      interaction.source = "upgrade";
                      interaction.external_id = external_id;
                      inserted = writer.InsertInteraction(interaction);
                      return inserted.status();
                    })
                    .ok());
    return inserted;
  };
  std::unique_ptr<Store> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const absl::StatusOr<InteractionId> before = insert(*store, "before");
  ASSERT_TRUE(before.ok()) << before.status();
  store.reset();
  // Back to how 0022 left it: the counter knew nothing of the ids handed out.
  absl::StatusOr<std::unique_ptr<Connection>> connection =
      OpenMysqlConnection(database_->connection_options());
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_TRUE((*connection)
                  ->ExecuteScript("UPDATE commit_sequence SET n = 0 WHERE id = 1;"
                                  "DELETE FROM schema_migrations WHERE version = 23;")
                  .ok());
  store = OpenStore();  // Applies 0023 again.
  ASSERT_NE(store, nullptr);
  const absl::StatusOr<InteractionId> after = insert(*store, "after");
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_GT(*after, *before);
}

TEST_F(MysqlStoreTest, InteractionIdsAreVisibleInCommitOrder) {
  std::unique_ptr<Store> store = OpenStore();
  ASSERT_TRUE(store != nullptr);
  constexpr int kWriters = 3;
  // One customer per writer, so nothing but the commit-order lock serializes them.
  std::vector<CustomerId> customers;
  ASSERT_TRUE(store
                  ->Write([&](StoreWriter& writer) -> absl::Status {
                    for (int w = 0; w < kWriters; ++w) {
                      Customer c;
                      c.display_name = absl::StrCat("c", w);
                      absl::StatusOr<CustomerId> id = writer.InsertCustomer(c);
                      if (!id.ok()) return id.status();
                      customers.push_back(*id);
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  constexpr int kPerWriter = 15;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  writers.reserve(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        absl::Status status = store->Write([&](StoreWriter& writer) -> absl::Status {
          Interaction interaction;
          interaction.customer_id = customers[w];
          interaction.channel = "chat";
          interaction.source = "order";
          interaction.external_id = absl::StrCat(w, "-", i);
          absl::StatusOr<InteractionId> id = writer.InsertInteraction(interaction);
          if (!id.ok()) return id.status();
          // Widen the insert-to-commit window, differently per writer, so that without the
          // lock later ids would often commit first.
          absl::SleepFor(absl::Milliseconds(1 + 4 * ((w + i) % 3)));
          return absl::OkStatus();
        });
        if (!status.ok()) failures.fetch_add(1);
      }
    });
  }
  // A watcher: once it has seen id N, no row with an id <= N may appear later (a Watch,
  // which asks for ids > N, would never deliver it).
  InteractionId seen = 0;
  size_t rows_at_or_below_seen = 0;
  int out_of_order = 0;
  std::thread watcher([&] {
    while (!done.load()) {
      absl::StatusOr<std::vector<Interaction>> all;
      if (!store
               ->Read([&](StoreReader& reader) -> absl::Status {
                 all = reader.ListInteractionsSince(0, 0, 10000);
                 return all.status();
               })
               .ok()) {
        continue;
      }
      size_t at_or_below = 0;
      for (const Interaction& interaction : *all) at_or_below += interaction.id <= seen;
      if (at_or_below > rows_at_or_below_seen) ++out_of_order;
      if (!all->empty()) {
        seen = all->back().id;
        rows_at_or_below_seen = all->size();
      }
    }
  });
  for (std::thread& thread : writers) thread.join();
  done.store(true);
  watcher.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(out_of_order, 0) << "a reader saw an id committed after a larger one it had seen";
}

// How many statements on `database` have been running for over 200 ms: in the test below, those
// waiting for a row lock that another transaction holds. (MariaDB's innodb_trx does not list a
// transaction that waits in the optimizer's primary-key lookup, so the process list it is.)
int64_t BlockedStatements(Connection& connection, const std::string& database) {
  absl::StatusOr<std::unique_ptr<Statement>> count = connection.Prepare(
      "SELECT COUNT(*) FROM information_schema.processlist"
      " WHERE db = ? AND info IS NOT NULL AND time_ms > 200 AND id <> CONNECTION_ID()");
  if (!count.ok()) return -1;
  (*count)->BindText(1, database);
  absl::StatusOr<bool> row = (*count)->Step();
  return row.ok() && *row ? (*count)->ColumnInt64(0) : -1;
}

// A touchpoint named `name`, and a rule putting there the interactions that say `word`.
absl::StatusOr<Touchpoint> InsertTouchpointWithWordRule(StoreWriter& writer,
                                                        const std::string& name,
                                                        const std::string& word) {
  Touchpoint touchpoint;
  touchpoint.display_name = name;
  absl::StatusOr<TouchpointId> id = writer.InsertTouchpoint(touchpoint);
  if (!id.ok()) return id.status();
  touchpoint.id = *id;
  TouchpointRule rule;
  rule.touchpoint_id = *id;
  rule.words = {word};
  absl::Status inserted = writer.InsertTouchpointRule(rule).status();
  if (!inserted.ok()) return inserted;
  return touchpoint;
}

// Polls until `done` holds or 10 s have passed; returns `done()`.
bool AwaitCondition(const std::function<bool()>& done) {
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!done() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(5));
  return done();
}

// A connector's edit of a message (which re-runs the rules on the new content) committed while
// a reassignment batch that read the old message is still open: the batch must not then move
// the edited message to the touchpoint of its old content. The batch is held between its read
// and its update by a third transaction locking the touchpoint the update needs.
TEST_F(MysqlStoreTest, ContentEditedDuringAReassignmentBatchKeepsTheTouchpointOfItsNewContent) {
  std::unique_ptr<Store> store = OpenStore();
  ASSERT_TRUE(store != nullptr);
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  ASSERT_TRUE(normalizer.ok());
  InteractionFeed feed;
  InteractionLog log(*store, *normalizer, SystemClock(), feed, ConflictPolicy::kMerge);
  TouchpointAssigner assigner(*normalizer);

  // Recorded before any rule exists, so at no touchpoint; then the rules arrive.
  RecordRequest request;
  request.interaction.channel = "chat";
  request.interaction.kind = InteractionKind::kMessage;
  request.interaction.direction = Direction::kInbound;
  request.interaction.occur_time = absl::FromUnixSeconds(1700000000);
  request.interaction.source = "chat";
  request.interaction.external_id = "message-1";
  request.interaction.body = "where is my invoice";
  request.identities = {{IdentityKind::kEmail, "ana@example.pt"}};
  absl::StatusOr<RecordResult> recorded = log.Record(request);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  const InteractionId message = recorded->interaction.id;
  Touchpoint billing;
  Touchpoint refunds;
  ASSERT_TRUE(store
                  ->Write([&](StoreWriter& writer) -> absl::Status {
                    absl::StatusOr<Touchpoint> inserted =
                        InsertTouchpointWithWordRule(writer, "Billing", "invoice");
                    if (!inserted.ok()) return inserted.status();
                    billing = *inserted;
                    inserted = InsertTouchpointWithWordRule(writer, "Refunds", "refund");
                    if (!inserted.ok()) return inserted.status();
                    refunds = *inserted;
                    return absl::OkStatus();
                  })
                  .ok());

  // Watches the lock waits; threads that wait must be released before the test may end.
  absl::StatusOr<std::unique_ptr<Connection>> monitor =
      OpenMysqlConnection(database_->connection_options());
  ASSERT_TRUE(monitor.ok()) << monitor.status();
  const std::string& database = database_->options().database;
  absl::Notification billing_locked;
  absl::Notification release_billing;
  std::thread holder([&] {
    EXPECT_TRUE(store
                    ->Write([&](StoreWriter& writer) -> absl::Status {
                      absl::Status updated = writer.UpdateTouchpoint(billing);
                      if (!billing_locked.HasBeenNotified()) billing_locked.Notify();
                      release_billing.WaitForNotification();
                      return updated;
                    })
                    .ok());
  });
  billing_locked.WaitForNotification();

  absl::StatusOr<bool> batch = absl::UnknownError("not run");
  std::thread reassignment([&] {
    TouchpointReassignment work(assigner);
    absl::Status status = store->Write([&](StoreWriter& writer) -> absl::Status {
      OperationProgress progress;
      progress.total = message;
      batch = work.RunBatch(writer, progress);
      return batch.status();
    });
    EXPECT_TRUE(status.ok()) << status;
  });
  // The batch has read the message and waits for Billing, which its update needs.
  EXPECT_TRUE(AwaitCondition([&] { return BlockedStatements(**monitor, database) == 1; }));

  std::atomic<bool> edited{false};
  absl::StatusOr<RecordResult> edit = absl::UnknownError("not run");
  std::thread connector([&] {
    RecordRequest correction = request;
    correction.interaction.body = "I want a refund";
    correction.replaces_earlier = true;
    edit = log.Record(correction);
    edited = true;
  });
  // The edit either commits at once or waits for the batch's lock on the message.
  EXPECT_TRUE(
      AwaitCondition([&] { return edited || BlockedStatements(**monitor, database) == 2; }));
  release_billing.Notify();
  holder.join();
  reassignment.join();
  connector.join();
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(edit.ok()) << edit.status();
  EXPECT_TRUE(edit->replaced);

  Interaction stored;
  Interaction by_rules;
  ASSERT_TRUE(store
                  ->Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<Interaction> row = reader.GetInteraction(message);
                    if (!row.ok()) return row.status();
                    stored = *row;
                    by_rules = *row;
                    return assigner.Assign(reader, by_rules);
                  })
                  .ok());
  EXPECT_EQ(stored.body, "I want a refund");
  EXPECT_EQ(by_rules.touchpoint_id, refunds.id);
  EXPECT_EQ(stored.touchpoint_id, by_rules.touchpoint_id)
      << "the batch wrote the touchpoint of the content it had read before the edit";
  EXPECT_EQ(stored.touchpoint_rule_id, by_rules.touchpoint_rule_id);
}

}  // namespace
}  // namespace cxhub::testing
