// Identity provenance and merge suggestions on every backend (store_backends.cc): identities
// keep who asserted them and their highest trust, join counts add up, suggestions come back as
// written, by state, and a decided one is found again for the same claim.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/store.h"
#include "tests/storage/backend_test.h"

namespace cxhub::testing {
namespace {

Identity Asserted(Identity identity, IdentityTrust trust, const std::string& source, int second) {
  identity.trust = trust;
  identity.provenance.source = source;
  identity.provenance.asserted_by = "record " + source;
  identity.provenance.assert_time = absl::FromUnixSeconds(1700000000 + second);
  return identity;
}

class IdentityProvenanceConformanceTest : public BackendTest {
 protected:
  // Runs `fn` in one write transaction, expecting it to succeed.
  void Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) {
    const absl::Status status = store().Write(fn);
    EXPECT_TRUE(status.ok()) << status;
  }
};

TEST_P(IdentityProvenanceConformanceTest, TrustOnlyRisesAndJoinsAddUp) {
  const Identity phone{IdentityKind::kPhone, "+351912345678"};
  CustomerId id = 0;
  Write([&](StoreWriter& writer) -> absl::Status {
    Customer customer;
    customer.identities = {Asserted(phone, IdentityTrust::kClaimed, "web-chat", 1)};
    absl::StatusOr<CustomerId> inserted = writer.InsertCustomer(customer);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    if (absl::Status s =
            writer.RaiseIdentityTrust(Asserted(phone, IdentityTrust::kVerified, "pbx-calls", 2));
        !s.ok()) {
      return s;
    }
    // Lower again: kept as verified, by the assertion that verified it.
    if (absl::Status s =
            writer.RaiseIdentityTrust(Asserted(phone, IdentityTrust::kClaimed, "survey", 3));
        !s.ok()) {
      return s;
    }
    return writer.CountIdentityJoins(phone, 2);
  });
  store()
      .Read([&](StoreReader& reader) -> absl::Status {
        absl::StatusOr<std::optional<OwnedIdentity>> owned = reader.FindIdentity(phone);
        EXPECT_TRUE(owned.ok() && owned->has_value());
        if (!owned.ok() || !owned->has_value()) return absl::OkStatus();
        EXPECT_EQ((*owned)->customer_id, id);
        EXPECT_EQ((*owned)->trust, IdentityTrust::kVerified);
        EXPECT_EQ((*owned)->joined_customers, 3);
        absl::StatusOr<Customer> customer = reader.GetCustomer(id);
        EXPECT_TRUE(customer.ok());
        if (!customer.ok()) return absl::OkStatus();
        EXPECT_EQ(customer->identities.size(), 1u);
        const Identity& stored = customer->identities.front();
        EXPECT_EQ(stored.trust, IdentityTrust::kVerified);
        EXPECT_EQ(stored.provenance.source, "pbx-calls");
        EXPECT_EQ(stored.provenance.asserted_by, "record pbx-calls");
        EXPECT_EQ(stored.provenance.assert_time, absl::FromUnixSeconds(1700000002));
        return absl::OkStatus();
      })
      .IgnoreError();
  EXPECT_EQ(
      store()
          .Write([&](StoreWriter& writer) {
            return writer.CountIdentityJoins(Identity{IdentityKind::kEmail, "x@example.com"}, 1);
          })
          .code(),
      absl::StatusCode::kNotFound);
}

TEST_P(IdentityProvenanceConformanceTest, SuggestionsComeBackAsWrittenAndByState) {
  MergeSuggestion suggestion;
  suggestion.reason = MergeSuggestionReason::kIdentityJoinsTooMany;
  suggestion.customer_id = 4;
  suggestion.other_customer_id = 9;
  suggestion.identity = Asserted(Identity{IdentityKind::kEmail, "info@example.com"},
                                 IdentityTrust::kClaimed, "web-chat", 5);
  suggestion.create_time = absl::FromUnixSeconds(1700000005) + absl::Microseconds(7);
  MergeSuggestionId first = 0;
  MergeSuggestionId second = 0;
  Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<MergeSuggestionId> a = writer.InsertMergeSuggestion(suggestion);
    if (!a.ok()) return a.status();
    first = *a;
    absl::StatusOr<MergeSuggestionId> b = writer.InsertMergeSuggestion(suggestion);
    if (!b.ok()) return b.status();
    second = *b;
    return writer.DecideMergeSuggestion(second, MergeSuggestionState::kRejected,
                                        absl::FromUnixSeconds(1700000010));
  });
  store()
      .Read([&](StoreReader& reader) -> absl::Status {
        absl::StatusOr<MergeSuggestion> got = reader.GetMergeSuggestion(first);
        EXPECT_TRUE(got.ok()) << got.status();
        if (!got.ok()) return absl::OkStatus();
        EXPECT_EQ(got->state, MergeSuggestionState::kOpen);
        EXPECT_EQ(got->reason, MergeSuggestionReason::kIdentityJoinsTooMany);
        EXPECT_EQ(got->customer_id, 4);
        EXPECT_EQ(got->other_customer_id, 9);
        EXPECT_EQ(got->identity, suggestion.identity);
        EXPECT_EQ(got->identity.trust, IdentityTrust::kClaimed);
        EXPECT_EQ(got->identity.provenance.source, "web-chat");
        EXPECT_EQ(got->create_time, suggestion.create_time);
        EXPECT_FALSE(got->decide_time.has_value());

        absl::StatusOr<std::vector<MergeSuggestion>> open =
            reader.ListMergeSuggestions(MergeSuggestionState::kOpen, 0, 10);
        EXPECT_TRUE(open.ok() && open->size() == 1u && open->front().id == first);
        absl::StatusOr<std::vector<MergeSuggestion>> all =
            reader.ListMergeSuggestions(std::nullopt, first, 10);
        EXPECT_TRUE(all.ok() && all->size() == 1u && all->front().id == second);
        EXPECT_TRUE(all.ok() && all->front().decide_time == absl::FromUnixSeconds(1700000010));

        EXPECT_EQ(*reader.HasMergeSuggestion(9, 4, suggestion.identity), true);  // Either order.
        EXPECT_EQ(*reader.HasMergeSuggestion(4, 5, suggestion.identity), false);
        EXPECT_EQ(reader.GetMergeSuggestion(second + 100).status().code(),
                  absl::StatusCode::kNotFound);
        return absl::OkStatus();
      })
      .IgnoreError();
}

CXHUB_INSTANTIATE_BACKEND_TEST(IdentityProvenanceConformanceTest);

}  // namespace
}  // namespace cxhub::testing
