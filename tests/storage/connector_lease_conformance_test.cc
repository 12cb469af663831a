// Connector leases on every backend (store_backends.cc), each replica with its own store on one
// database: one owner at a time, a takeover only after expiry with a larger fencing token, and a
// commit fenced by a stale token refused whole in its transaction.
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/store.h"
#include "tests/storage/backend_test.h"

namespace cxhub::testing {
namespace {

using ::testing::HasSubstr;

const absl::Time kStart = absl::FromUnixSeconds(1772359200);

class ConnectorLeaseConformanceTest : public BackendTest {
 protected:
  static absl::StatusOr<LeaseGrant> Take(Store& store, const std::string& owner, int64_t held,
                                         absl::Time now, bool reclaim_own = false) {
    LeaseRequest request;
    request.owner = owner;
    request.held_token = held;
    request.reclaim_own = reclaim_own;
    request.now = now;
    request.expire_time = now + absl::Seconds(15);
    LeaseGrant grant;
    absl::Status status = store.Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<LeaseGrant> taken = writer.TakeConnectorLease("mail", request);
      if (taken.ok()) grant = *std::move(taken);
      return taken.status();
    });
    if (!status.ok()) return status;
    return grant;
  }

  static absl::Status CommitCursor(Store& store, const std::string& cursor,
                                   std::optional<LeaseFence> fence) {
    return store.Write([&](StoreWriter& writer) -> absl::Status {
      // A record's row first: the fence's refusal must roll it back with the cursor.
      DeadLetter letter;
      letter.connector = "mail";
      letter.reason = "written before the cursor";
      letter.payload = DeadLetterPayload::kSource;
      letter.raw = cursor;
      letter.create_time = kStart;
      absl::StatusOr<DeadLetterId> inserted = writer.InsertDeadLetter(letter);
      if (!inserted.ok()) return inserted.status();
      ConnectorStateUpdate update;
      update.cursor = cursor;
      update.added.records_in = 1;
      update.time = kStart;
      update.fence = std::move(fence);
      return writer.UpdateConnectorState("mail", update);
    });
  }

  ConnectorState Stored() {
    ConnectorState state;
    EXPECT_TRUE(store()
                    .Read([&](StoreReader& reader) -> absl::Status {
                      absl::StatusOr<std::optional<ConnectorState>> read =
                          reader.GetConnectorState("mail");
                      if (!read.ok()) return read.status();
                      if (!read->has_value()) return absl::NotFoundError("no row");
                      state = **read;
                      return absl::OkStatus();
                    })
                    .ok());
    return state;
  }

  int DeadLetterCount() {
    int count = 0;
    EXPECT_TRUE(store()
                    .Read([&](StoreReader& reader) -> absl::Status {
                      absl::StatusOr<std::vector<DeadLetter>> listed =
                          reader.ListDeadLetters("mail", 0, 100);
                      if (listed.ok()) count = static_cast<int>(listed->size());
                      return listed.status();
                    })
                    .ok());
    return count;
  }
};

TEST_P(ConnectorLeaseConformanceTest, OneOwnerUntilExpiryThenATakeoverWithALargerToken) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);

  absl::StatusOr<LeaseGrant> a = Take(store(), "replica-a", 0, kStart);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(a->held);
  EXPECT_EQ(a->state.lease_owner, "replica-a");
  EXPECT_EQ(a->state.lease_token, 1);
  EXPECT_EQ(a->state.lease_expire_time, kStart + absl::Seconds(15));

  // Before the expiry the other replica gets nothing, and sees who holds it.
  absl::StatusOr<LeaseGrant> b = Take(*other, "replica-b", 0, kStart + absl::Seconds(14));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_FALSE(b->held);
  EXPECT_EQ(b->state.lease_owner, "replica-a");
  EXPECT_EQ(b->state.lease_token, 1);

  // The owner renews (same token, later expiry).
  absl::StatusOr<LeaseGrant> renewed = Take(store(), "replica-a", 1, kStart + absl::Seconds(10));
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_TRUE(renewed->held);
  EXPECT_EQ(renewed->state.lease_token, 1);
  EXPECT_EQ(renewed->state.lease_expire_time, kStart + absl::Seconds(25));
  b = Take(*other, "replica-b", 0, kStart + absl::Seconds(20));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_FALSE(b->held);

  // Not renewed in time: the other replica takes it over with the next token...
  b = Take(*other, "replica-b", 0, kStart + absl::Seconds(25));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_TRUE(b->held);
  EXPECT_EQ(b->state.lease_owner, "replica-b");
  EXPECT_EQ(b->state.lease_token, 2);

  // ...and the first one's late renewal fails.
  renewed = Take(store(), "replica-a", 1, kStart + absl::Seconds(26));
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_FALSE(renewed->held);
  EXPECT_EQ(renewed->state.lease_owner, "replica-b");
}

TEST_P(ConnectorLeaseConformanceTest, AStaleTokensCommitIsRefusedWithItsRecords) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(Take(store(), "replica-a", 0, kStart).ok());
  ASSERT_TRUE(CommitCursor(store(), "a-1", LeaseFence{"replica-a", 1}).ok());
  ASSERT_TRUE(Take(*other, "replica-b", 0, kStart + absl::Seconds(30)).ok());

  const absl::Status stale = CommitCursor(store(), "a-2", LeaseFence{"replica-a", 1});
  EXPECT_EQ(stale.code(), absl::StatusCode::kFailedPrecondition) << stale;
  EXPECT_THAT(stale.message(), HasSubstr("connector \"mail\""));
  EXPECT_THAT(stale.message(), HasSubstr("lease token 1 of replica \"replica-a\" is stale"));
  EXPECT_THAT(stale.message(), HasSubstr("held by \"replica-b\" with token 2"));
  ConnectorState state = Stored();
  EXPECT_EQ(state.cursor, "a-1");
  EXPECT_EQ(state.counters.records_in, 1);
  EXPECT_EQ(DeadLetterCount(), 1);  // The refused transaction's row went with it.

  ASSERT_TRUE(CommitCursor(*other, "b-1", LeaseFence{"replica-b", 2}).ok());
  state = Stored();
  EXPECT_EQ(state.cursor, "b-1");
  EXPECT_EQ(state.counters.records_in, 2);
  EXPECT_EQ(DeadLetterCount(), 2);
}

TEST_P(ConnectorLeaseConformanceTest, AFencedCommitOnANeverLeasedConnectorIsRefused) {
  const absl::Status refused = CommitCursor(store(), "x", LeaseFence{"replica-a", 1});
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_THAT(refused.message(), HasSubstr("the connector has no lease"));
}

TEST_P(ConnectorLeaseConformanceTest, AReleasedLeaseIsTakenOverAtOnce) {
  std::unique_ptr<Store> other = OpenAnother();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(Take(store(), "replica-a", 0, kStart).ok());
  // A release by a stale fence changes nothing.
  ASSERT_TRUE(store()
                  .Write([](StoreWriter& writer) {
                    return writer.ReleaseConnectorLease("mail", LeaseFence{"replica-a", 7});
                  })
                  .ok());
  EXPECT_EQ(Stored().lease_owner, "replica-a");
  ASSERT_TRUE(store()
                  .Write([](StoreWriter& writer) {
                    return writer.ReleaseConnectorLease("mail", LeaseFence{"replica-a", 1});
                  })
                  .ok());
  EXPECT_EQ(Stored().lease_owner, "");
  absl::StatusOr<LeaseGrant> b = Take(*other, "replica-b", 0, kStart + absl::Seconds(1));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_TRUE(b->held);
  EXPECT_EQ(b->state.lease_token, 2);
}

TEST_P(ConnectorLeaseConformanceTest, ARestartedReplicaReclaimsItsOwnLeaseOnlyWhenAsked) {
  ASSERT_TRUE(Take(store(), "replica-a", 0, kStart).ok());
  absl::StatusOr<LeaseGrant> again = Take(store(), "replica-a", 0, kStart + absl::Seconds(1));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->held);
  again = Take(store(), "replica-a", 0, kStart + absl::Seconds(1), /*reclaim_own=*/true);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->held);
  EXPECT_EQ(again->state.lease_token, 2);  // The earlier process's commits are fenced off.
}

TEST_P(ConnectorLeaseConformanceTest, OperatorWishesAreKeptApartFromTheOwnersStatus) {
  ASSERT_TRUE(Take(store(), "replica-a", 0, kStart).ok());
  ASSERT_TRUE(store()
                  .Write([](StoreWriter& writer) {
                    ConnectorStateUpdate update;
                    update.paused = true;
                    update.run_request_time = kStart + absl::Seconds(3);
                    update.time = kStart + absl::Seconds(3);
                    return writer.UpdateConnectorState("mail", update);
                  })
                  .ok());
  // The owner's status write after a read leaves the wish alone.
  ASSERT_TRUE(store()
                  .Write([](StoreWriter& writer) {
                    ConnectorStateUpdate update;
                    update.status = ConnectorStatus::kIdle;
                    update.time = kStart + absl::Seconds(4);
                    update.fence = LeaseFence{"replica-a", 1};
                    return writer.UpdateConnectorState("mail", update);
                  })
                  .ok());
  const ConnectorState state = Stored();
  EXPECT_TRUE(state.paused);
  EXPECT_EQ(state.status, ConnectorStatus::kIdle);
  EXPECT_EQ(state.run_request_time, kStart + absl::Seconds(3));
}

CXHUB_INSTANTIATE_BACKEND_TEST(ConnectorLeaseConformanceTest);

}  // namespace
}  // namespace cxhub::testing
