// The MySQL store on a real 3-node MariaDB Galera cluster (scripts/galera, started by the ctest
// fixture in tests/galera/CMakeLists.txt): two replicas migrating one database at once from two
// nodes, a write on one node read on another, a write transaction ended behind the driver's back
// (as Galera may abort one), also on a session opened again after the server dropped one,
// interaction ids in commit order across nodes (what Watch relies on), and connector leases
// contended from two nodes.
//   CXHUB_TEST_GALERA=127.0.0.1:24450,24451,24452  the nodes' SQL ports (user cxhub/cxhub,
//                                                  database cxhub_test, as scripts/galera makes)
#include <stdlib.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/mysql_driver.h"
#include "server/storage/mysql_store.h"
#include "server/storage/silent_abort.h"
#include "tests/galera/galera_nodes.h"
#include "tests/required_skip.h"
#include "tests/storage/mysql_test_server.h"

namespace cxhub::testing {
namespace {

constexpr char kGaleraEnv[] = "CXHUB_TEST_GALERA";

class GaleraClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nodes_ = GaleraNodes(kGaleraEnv);
    if (nodes_.size() < 3) {
      CXHUB_SKIP_UNLESS_REQUIRED(
          absl::StrCat("set ", kGaleraEnv, "=127.0.0.1:PORT0,PORT1,PORT2 (scripts/galera)"));
    }
    database_ = std::make_unique<FreshMysqlDatabase>(nodes_[0]);
    ASSERT_TRUE(database_->status().ok()) << database_->status();
    const absl::Status everywhere = WaitForDatabaseOnEveryNode(nodes_, *database_);
    ASSERT_TRUE(everywhere.ok()) << everywhere;
  }

  // The fresh database through node `node`.
  MysqlStoreOptions On(int node) const {
    MysqlStoreOptions options = database_->options();
    options.port = nodes_[node].port;
    return options;
  }

  std::unique_ptr<Store> Open(int node) {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenMysqlStore(On(node));
    EXPECT_TRUE(store.ok()) << "node " << node << ": " << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  static CustomerId NewCustomer(Store& store, const std::string& email) {
    CustomerId id = 0;
    EXPECT_TRUE(store
                    .Write([&](StoreWriter& writer) -> absl::Status {
                      Customer customer;
                      customer.display_name = email;
                      customer.identities = {Identity{IdentityKind::kEmail, email}};
                      customer.create_time = absl::Now();
                      customer.update_time = customer.create_time;
                      absl::StatusOr<CustomerId> inserted = writer.InsertCustomer(customer);
                      if (inserted.ok()) id = *inserted;
                      return inserted.status();
                    })
                    .ok());
    return id;
  }

  static absl::Status Record(Store& store, CustomerId customer, const std::string& external_id) {
    return store.Write([&](StoreWriter& writer) -> absl::Status {
      Interaction interaction;
      interaction.customer_id = customer;
      interaction.channel = "email";
      interaction.kind = InteractionKind::kMessage;
      interaction.direction = Direction::kInbound;
      interaction.occur_time = absl::Now();
      interaction.source = "galera";
      interaction.external_id = external_id;
      interaction.create_time = interaction.occur_time;
      return writer.InsertInteraction(interaction).status();
    });
  }

  std::vector<MysqlStoreOptions> nodes_;
  std::unique_ptr<FreshMysqlDatabase> database_;
};

// Replicas that start together after an upgrade: one migrates while the others wait, and all then
// run the opening write (activity spells; the visit recount that migration 0021 leaves pending).
// The later rounds mark a recount pending again, so that the three opening writes meet on
// different nodes, where certification aborts all but one and the others must be rerun.
TEST_F(GaleraClusterTest, ThreeReplicasMigratingAtOnceOnThreeNodesAllStart) {
  MysqlConnectionOptions on_node2 = database_->connection_options();
  on_node2.port = nodes_[2].port;
  absl::StatusOr<std::unique_ptr<Connection>> connection = OpenMysqlConnection(on_node2);
  ASSERT_TRUE(connection.ok()) << connection.status();
  // Its reads wait until node 2 has applied what the other nodes committed before them.
  ASSERT_TRUE((*connection)->Execute("SET SESSION wsrep_sync_wait = 1").ok());
  auto count = [&](const std::string& sql) -> int64_t {
    absl::StatusOr<std::unique_ptr<Statement>> statement = (*connection)->Prepare(sql);
    EXPECT_TRUE(statement.ok()) << statement.status();
    if (!statement.ok() || !(*statement)->Step().value_or(false)) return -1;
    return (*statement)->ColumnInt64(0);
  };
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    if (round > 0) {
      ASSERT_TRUE((*connection)->Execute("INSERT INTO visit_count_rebuilds (id) VALUES (1)").ok());
    }
    std::vector<absl::Status> opened(3);
    std::vector<std::thread> replicas;
    for (int node = 0; node < 3; ++node) {
      replicas.emplace_back([&, node]() { opened[node] = OpenMysqlStore(On(node)).status(); });
    }
    for (std::thread& replica : replicas) replica.join();
    for (int node = 0; node < 3; ++node) EXPECT_TRUE(opened[node].ok()) << node << opened[node];

    const int64_t migrations = count("SELECT COUNT(*) FROM schema_migrations");
    EXPECT_GT(migrations, 15);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT version) FROM schema_migrations"), migrations);
    EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migration_lock"), 0);  // Released by all three.
    EXPECT_EQ(count("SELECT COUNT(*) FROM visit_count_rebuilds"), 0);   // Recounted.
  }
}

TEST_F(GaleraClusterTest, AWriteOnOneNodeIsReadOnAnother) {
  std::unique_ptr<Store> node0 = Open(0);
  std::unique_ptr<Store> node1 = Open(1);
  ASSERT_NE(node0, nullptr);
  ASSERT_NE(node1, nullptr);
  const CustomerId customer = NewCustomer(*node0, "ana@example.com");
  ASSERT_TRUE(Record(*node0, customer, "m-1").ok());
  // Galera applies a commit on the other nodes just after it returns: wait for it there.
  std::vector<Interaction> seen;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (seen.empty() && absl::Now() < deadline) {
    ASSERT_TRUE(node1
                    ->Read([&](StoreReader& reader) -> absl::Status {
                      absl::StatusOr<std::vector<Interaction>> since =
                          reader.ListInteractionsSince(0, 0, 10);
                      if (since.ok()) seen = *std::move(since);
                      return since.status();
                    })
                    .ok());
    if (seen.empty()) absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].external_id, "m-1");
  EXPECT_EQ(seen[0].customer_id, customer);
}

// A session on node 1 of the fresh database, checked once it is idle for longer than
// `validate_after_idle`.
absl::StatusOr<std::unique_ptr<Connection>> SessionOnNode1(
    const FreshMysqlDatabase& database, const std::vector<MysqlStoreOptions>& nodes,
    absl::Duration validate_after_idle = MysqlConnectionOptions().validate_after_idle) {
  MysqlConnectionOptions on_node1 = database.connection_options();
  on_node1.port = nodes[1].port;
  on_node1.validate_after_idle = validate_after_idle;
  return OpenMysqlConnection(on_node1);
}

// The ids in the table ended_probe, read through `session` (which sees its own node's commits).
std::string ProbeIds(Connection& session) {
  absl::StatusOr<std::unique_ptr<Statement>> read =
      session.Prepare("SELECT COALESCE(GROUP_CONCAT(id ORDER BY id), '') FROM ended_probe");
  if (!read.ok() || !(*read)->Step().value_or(false)) return "(unreadable)";
  return (*read)->ColumnText(0);
}

// A write transaction that inserts `before` into ended_probe, is ended behind the driver's back
// by a ROLLBACK it does not know of (the server's abort, unannounced), inserts `after` and
// commits: the commit's status.
absl::Status EndBehindTheDriversBackAndCommit(Connection& session, int before, int after) {
  CXHUB_RETURN_IF_ERROR(session.BeginWrite());
  CXHUB_RETURN_IF_ERROR(
      session.Execute(absl::StrCat("INSERT INTO ended_probe (id) VALUES (", before, ")")));
  CXHUB_RETURN_IF_ERROR(session.Execute("ROLLBACK"));
  CXHUB_RETURN_IF_ERROR(
      session.Execute(absl::StrCat("INSERT INTO ended_probe (id) VALUES (", after, ")")));
  return session.Commit();
}

// Galera may abort a transaction for a write replicated from another node and then fail none of
// its later statements (seen under the chaos test: a connector's cursor committed without the
// interactions before it). Here the transaction is ended behind the driver's back: what runs
// after must not commit on its own, the commit must fail ABORTED (the store then runs the
// transaction again), and the connection must go on working, inside transactions and out.
TEST_F(GaleraClusterTest, AWriteTransactionEndedBehindTheDriversBackCommitsNothing) {
  absl::StatusOr<std::unique_ptr<Connection>> connection = SessionOnNode1(*database_, nodes_);
  ASSERT_TRUE(connection.ok()) << connection.status();
  Connection& session = **connection;
  ASSERT_TRUE(session.Execute("CREATE TABLE ended_probe (id INT NOT NULL PRIMARY KEY)").ok());

  const absl::Status committed = EndBehindTheDriversBackAndCommit(session, 1, 2);
  EXPECT_TRUE(absl::IsAborted(committed)) << committed;
  EXPECT_TRUE(IsSilentAbort(committed)) << committed;
  ASSERT_TRUE(session.Rollback().ok());  // As Store::Write does after a failed commit.
  EXPECT_EQ(ProbeIds(session), "");

  ASSERT_TRUE(session.BeginWrite().ok());
  ASSERT_TRUE(session.Execute("INSERT INTO ended_probe (id) VALUES (3)").ok());
  EXPECT_TRUE(session.Commit().ok());
  EXPECT_EQ(ProbeIds(session), "3");

  // Outside a transaction a statement commits at once, as before the guarded transactions.
  ASSERT_TRUE(session.Execute("INSERT INTO ended_probe (id) VALUES (4)").ok());
  ASSERT_TRUE(session.Execute("ROLLBACK").ok());
  EXPECT_EQ(ProbeIds(session), "3,4");
}

// A session the server dropped is opened again before the next transaction; the new one has
// neither the old one's guard table nor its autocommit setting, so the guard must start over
// with it. The old session is killed right after a guarded commit, while it still had autocommit
// off: carried over, that belief would let the row after the unannounced end commit alone.
TEST_F(GaleraClusterTest, TheGuardHoldsOnASessionOpenedAgainAfterTheServerDroppedOne) {
  // Pinged before every transaction, so the dropped session is found between transactions.
  absl::StatusOr<std::unique_ptr<Connection>> connection =
      SessionOnNode1(*database_, nodes_, absl::ZeroDuration());
  ASSERT_TRUE(connection.ok()) << connection.status();
  Connection& session = **connection;
  ASSERT_TRUE(session.Execute("CREATE TABLE ended_probe (id INT NOT NULL PRIMARY KEY)").ok());
  absl::StatusOr<std::unique_ptr<Statement>> id = session.Prepare("SELECT CONNECTION_ID()");
  ASSERT_TRUE(id.ok() && (*id)->Step().value_or(false));
  const int64_t dropped = (*id)->ColumnInt64(0);
  id->reset();
  ASSERT_TRUE(session.BeginWrite().ok());
  ASSERT_TRUE(session.Execute("INSERT INTO ended_probe (id) VALUES (1)").ok());
  ASSERT_TRUE(session.Commit().ok());

  absl::StatusOr<std::unique_ptr<Connection>> killer = SessionOnNode1(*database_, nodes_);
  ASSERT_TRUE(killer.ok()) << killer.status();
  ASSERT_TRUE((*killer)->Execute(absl::StrCat("KILL ", dropped)).ok());

  const absl::Status committed = EndBehindTheDriversBackAndCommit(session, 2, 3);
  EXPECT_TRUE(absl::IsAborted(committed)) << committed;
  ASSERT_TRUE(session.Rollback().ok());
  EXPECT_EQ(ProbeIds(session), "1");
}

// Two nodes insert interactions at once while a reader on the third polls for ids above the last
// it saw, as WatchInteractions does: it must see every one, once, ids ascending. With the
// auto-increment ids each node hands out (1, 4, 7 / 2, 5, 8) it saw 298 of 300: a node's counter
// does not always follow the ids it applied from the others. Ids now come from commit_sequence
// (SqlDialect::reserve_interaction_ids), which certification orders across the nodes.
TEST_F(GaleraClusterTest, InteractionIdsGrowInCommitOrderAcrossNodes) {
  std::unique_ptr<Store> writers[2] = {Open(0), Open(1)};
  std::unique_ptr<Store> reader = Open(2);
  ASSERT_NE(writers[0], nullptr);
  ASSERT_NE(writers[1], nullptr);
  ASSERT_NE(reader, nullptr);
  constexpr int kPerWriter = 150;
  const CustomerId customers[2] = {NewCustomer(*writers[0], "a@example.com"),
                                   NewCustomer(*writers[1], "b@example.com")};
  std::atomic<int> failed{0};
  std::atomic<int> writers_done{0};
  const absl::Time writing_start = absl::Now();
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w]() {
      for (int i = 0; i < kPerWriter; ++i) {
        const absl::Status recorded =
            Record(*writers[w], customers[w], absl::StrCat("w", w, "-", i));
        if (!recorded.ok() && failed++ == 0) std::cerr << "first failure: " << recorded << "\n";
      }
      ++writers_done;
    });
  }
  // A Watch-like reader on the third node: polls for ids above the last one it saw. It reads for
  // as long as the writers write (slow on a loaded machine, as conflicts are rerun) and then 30 s
  // more, so that only an interaction it skipped, never a slow writer, leaves it short.
  std::vector<InteractionId> seen_ids;
  std::multiset<std::string> seen;
  InteractionId last = 0;
  absl::Time deadline = absl::InfiniteFuture();
  while (seen.size() < 2 * kPerWriter && absl::Now() < deadline) {
    if (writers_done.load() == 2 && deadline == absl::InfiniteFuture()) {
      deadline = absl::Now() + absl::Seconds(30);
    }
    ASSERT_TRUE(reader
                    ->Read([&](StoreReader& r) -> absl::Status {
                      absl::StatusOr<std::vector<Interaction>> since =
                          r.ListInteractionsSince(last, 0, 1000);
                      if (!since.ok()) return since.status();
                      for (const Interaction& interaction : *since) {
                        seen_ids.push_back(interaction.id);
                        seen.insert(interaction.external_id);
                        last = interaction.id;
                      }
                      return absl::OkStatus();
                    })
                    .ok());
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(seen.size(), static_cast<size_t>(2 * kPerWriter)) << "the reader skipped some";
  for (size_t i = 1; i < seen_ids.size(); ++i) ASSERT_LT(seen_ids[i - 1], seen_ids[i]);
  for (int w = 0; w < 2; ++w) {
    for (int i = 0; i < kPerWriter; ++i) {
      EXPECT_EQ(seen.count(absl::StrCat("w", w, "-", i)), 1u) << "w" << w << "-" << i;
    }
  }
  std::cout << "commit-order conflicts rerun: node0 " << writers[0]->Statistics().retries
            << ", node1 " << writers[1]->Statistics().retries << "; " << 2 * kPerWriter
            << " writes in " << absl::Now() - writing_start << "\n";
}

TEST_F(GaleraClusterTest, OneOfTwoNodesTakingALeaseAtOnceGetsIt) {
  std::unique_ptr<Store> stores[2] = {Open(0), Open(1)};
  ASSERT_NE(stores[0], nullptr);
  ASSERT_NE(stores[1], nullptr);
  const absl::Time start = absl::FromUnixSeconds(1772359200);
  int64_t last_token = 0;
  for (int round = 0; round < 10; ++round) {
    // Each round starts after the previous lease expired: both replicas try to take it over.
    const absl::Time now = start + absl::Seconds(100 * round);
    LeaseGrant grants[2];
    absl::Status statuses[2];
    std::vector<std::thread> threads;
    for (int r = 0; r < 2; ++r) {
      threads.emplace_back([&, r]() {
        LeaseRequest request;
        request.owner = absl::StrCat("replica-", r);
        request.now = now;
        request.expire_time = now + absl::Seconds(15);
        statuses[r] = stores[r]->Write([&](StoreWriter& writer) -> absl::Status {
          absl::StatusOr<LeaseGrant> grant = writer.TakeConnectorLease("mail", request);
          if (grant.ok()) grants[r] = *std::move(grant);
          return grant.status();
        });
      });
    }
    for (std::thread& thread : threads) thread.join();
    ASSERT_TRUE(statuses[0].ok()) << statuses[0];
    ASSERT_TRUE(statuses[1].ok()) << statuses[1];
    EXPECT_NE(grants[0].held, grants[1].held) << "round " << round;
    const int winner = grants[0].held ? 0 : 1;
    EXPECT_GT(grants[winner].state.lease_token, last_token);
    last_token = grants[winner].state.lease_token;

    // The loser's commit under the token it saw before the round is refused.
    const absl::Status stale = stores[1 - winner]->Write([&](StoreWriter& writer) {
      ConnectorStateUpdate update;
      update.cursor = "stale";
      update.time = now;
      update.fence = LeaseFence{absl::StrCat("replica-", 1 - winner), last_token};
      return writer.UpdateConnectorState("mail", update);
    });
    EXPECT_EQ(stale.code(), absl::StatusCode::kFailedPrecondition) << stale;
  }
}

}  // namespace
}  // namespace cxhub::testing
