// InteractionRecorder::RecordAll on every backend: a batch recorded in one transaction (in bulk
// when no item replaces or rates, else with a savepoint per item) gives each item the result,
// and leaves the store with the rows and the merges, that recording the items one by one
// (Record, one transaction each) gives and leaves.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/interaction_recorder.h"
#include "server/core/manual_clock.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using Results = std::vector<absl::StatusOr<RecordResult>>;
// Each customer of a store (live or merged away) by the order of its creation, from 1.
using CreationOrder = absl::flat_hash_map<CustomerId, int>;

constexpr CustomerId kUnknownCustomer = 987654;
constexpr TouchpointId kUnknownTouchpoint = 7777;

class RecordAllStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // The one-by-one side: a second fresh store of the same backend.
    std::filesystem::create_directories(directory_ + "/one_by_one");
    one_by_one_backend_ = GetParam().make(directory_ + "/one_by_one");
    absl::StatusOr<std::unique_ptr<Store>> store = one_by_one_backend_->Open();
    ASSERT_TRUE(store.ok()) << store.status();
    one_by_one_ = *std::move(store);
    ASSERT_OK(Populate(*store_));
    ASSERT_OK(Populate(*one_by_one_));
  }
  void TearDown() override {
    one_by_one_.reset();
    one_by_one_backend_.reset();
    StoreConformanceTest::TearDown();
  }

  // Customers 1-3 (3 merged into 2; 1 and 2 with an identity; Id(n) gives their ids), a
  // touchpoint, and one interaction of customer 1 under the key "taken": the same ids in both
  // stores.
  static absl::Status Populate(Store& store) {
    return store.Write([](StoreWriter& writer) -> absl::Status {
      // Customers 1 and 2 with a verified identity each, which the resolving batch merges.
      const std::vector<Identity> identities[] = {
          {Verified(Email("lia@example.pt"))}, {Verified(Phone("+351933333333"))}, {}};
      std::vector<CustomerId> ids;
      for (int i = 1; i <= 3; ++i) {
        CXHUB_ASSIGN_OR_RETURN(CustomerId id, writer.InsertCustomer(NewCustomer(
                                                  absl::StrCat("c", i), identities[i - 1])));
        ids.push_back(id);
      }
      first_id_ = ids[0];
      id_step_ = ids[1] - ids[0];
      if (ids[2] != Id(3)) return absl::InternalError("customer ids not evenly spaced");
      CXHUB_RETURN_IF_ERROR(writer.MergeCustomerInto(Id(3), Id(2)));
      Touchpoint touchpoint;
      touchpoint.display_name = "support";
      CXHUB_ASSIGN_OR_RETURN(touchpoint_, writer.InsertTouchpoint(touchpoint));
      return writer.InsertInteraction(NewInteraction(Id(1), "taken", T(10))).status();
    });
  }

  // The n-th customer a fresh store creates (n from 1): ids are consecutive on one server, and
  // every auto_increment_increment-th on a Galera node (one per node of the cluster).
  static CustomerId Id(int n) { return first_id_ + (n - 1) * id_step_; }

  static RecordRequest ById(CustomerId customer, const std::string& external_id) {
    RecordRequest request;
    request.interaction = NewInteraction(customer, external_id, T(20));
    request.interaction.body = absl::StrCat("about ", external_id, ": 9 out of 10");
    return request;
  }

  // New, duplicate (of a row before the batch and of an item before it) and invalid items, and
  // items whose outcome depends on what the items before them wrote.
  static std::vector<RecordRequest> MixedBatch() {
    std::vector<RecordRequest> requests;
    requests.push_back(ById(Id(1), "new-1"));
    requests.push_back(ById(Id(2), "taken"));             // Recorded before the batch.
    requests.push_back(ById(Id(3), "merged-away"));       // Recorded on customer 2.
    requests.push_back(ById(kUnknownCustomer, "later"));  // Fails: "later" is not taken yet.
    requests.push_back(ById(Id(2), "new-1"));             // Recorded by item 0.
    requests.push_back(ById(Id(1), "later"));
    RecordRequest no_channel = ById(Id(1), "no-channel");
    no_channel.interaction.channel.clear();
    requests.push_back(no_channel);
    RecordRequest unknown_touchpoint = ById(Id(1), "unknown-touchpoint");
    unknown_touchpoint.interaction.touchpoint_id = kUnknownTouchpoint;
    requests.push_back(unknown_touchpoint);
    requests.push_back(ById(kUnknownCustomer, "taken"));  // Answered by the earlier record.
    RecordRequest at_touchpoint = ById(Id(2), "at-touchpoint");
    at_touchpoint.interaction.touchpoint_id = touchpoint_;
    requests.push_back(at_touchpoint);
    requests.push_back(ById(Id(1), "no-key-1"));
    requests.back().interaction.external_id.clear();
    requests.push_back(ById(Id(1), "no-key-2"));
    requests.back().interaction.external_id.clear();
    return requests;
  }

  // Trusted enough to merge the customers it reaches (merge_policy.h).
  static Identity Verified(Identity identity) {
    identity.trust = IdentityTrust::kVerified;
    return identity;
  }

  static RecordRequest ByIdentities(std::vector<Identity> identities,
                                    const std::string& external_id) {
    RecordRequest request = ById(0, external_id);
    request.identities = std::move(identities);
    return request;
  }

  // Items resolved from their identities (as a connector's are) among items by id: customers
  // found, created, merged while rows of items before are not inserted yet, a resolution that
  // must be undone, and items answered by earlier records.
  static std::vector<RecordRequest> ResolvingBatch() {
    std::vector<RecordRequest> requests;
    requests.push_back(ByIdentities({Email("ana@example.pt")}, "mail-1"));  // Creates 4.
    requests.push_back(ByIdentities({Email("ANA@example.pt")}, "mail-2"));  // Finds 4.
    requests.push_back(ByIdentities({Phone("912345678")}, "call-1"));       // Creates 5.
    requests.push_back(ById(Id(1), "by-id-1"));
    requests.push_back(ById(Id(4), "before-merge-4"));  // Customers created in the batch.
    requests.push_back(ById(Id(5), "before-merge-5"));
    // Merges 4 and 5, whose rows above are not inserted yet in bulk.
    requests.push_back(ByIdentities(
        {Verified(Email("ana@example.pt")), Verified(Phone("+351912345678"))}, "chat-1"));
    requests.push_back(ById(Id(4), "by-id-4"));  // One of these two is merged away by now.
    requests.push_back(ById(Id(5), "by-id-5"));
    // So is the owner of one of these identities, as read ahead of the batch.
    requests.push_back(ByIdentities({Email("ana@example.pt")}, "mail-after-merge"));
    requests.push_back(ByIdentities({Phone("912345678")}, "call-after-merge"));
    // Recorded before the batch: answered before resolving, so no customer is created.
    requests.push_back(ByIdentities({Email("nobody@example.pt")}, "taken"));
    requests.push_back(ByIdentities({Email("not an address")}, "bad-identity"));
    // Its new customer is undone with it, and the next item creates the customer instead.
    RecordRequest unknown_touchpoint = ByIdentities({Email("rui@example.pt")}, "unknown-tp");
    unknown_touchpoint.interaction.touchpoint_id = kUnknownTouchpoint;
    requests.push_back(unknown_touchpoint);
    requests.push_back(ByIdentities({Email("rui@example.pt")}, "mail-3"));
    RecordRequest at_touchpoint = ByIdentities({Email("rui@example.pt")}, "at-touchpoint");
    at_touchpoint.interaction.touchpoint_id = touchpoint_;
    requests.push_back(at_touchpoint);
    requests.push_back(ByIdentities({Email("eva@example.pt")}, ""));  // No key.
    requests.push_back(ByIdentities({Email("eva@example.pt")}, ""));
    requests.push_back(ByIdentities({Email("rui@example.pt")}, "shared"));
    requests.push_back(ById(Id(2), "shared"));  // Recorded by the item before it.
    // A known customer, but Record still writes: a trust to raise, a name to give.
    requests.push_back(ByIdentities({Verified(Email("rui@example.pt"))}, "rui-verified"));
    RecordRequest named = ByIdentities({Email("rui@example.pt")}, "named");
    named.customer_display_name = "Rui";
    requests.push_back(named);
    requests.push_back(ByIdentities({Email("rui@example.pt")}, "known"));  // Writes nothing.
    // Merges customers 1 and 2, known before the batch; then the one merged away owned one of
    // these identities when the batch began.
    requests.push_back(ByIdentities(
        {Verified(Email("lia@example.pt")), Verified(Phone("933333333"))}, "lia-and-phone"));
    requests.push_back(ByIdentities({Email("lia@example.pt")}, "lia-after-merge"));
    requests.push_back(ByIdentities({Phone("933333333")}, "phone-after-merge"));
    // Two customers, only claimed: a suggestion, no merge.
    requests.push_back(
        ByIdentities({Email("rui@example.pt"), Email("ana@example.pt")}, "rui-and-ana"));
    return requests;
  }

  static std::vector<const RecordRequest*> Pointers(const std::vector<RecordRequest>& requests) {
    std::vector<const RecordRequest*> pointers;
    pointers.reserve(requests.size());
    for (const RecordRequest& request : requests) pointers.push_back(&request);
    return pointers;
  }

  Results RecordInOneTransaction(const std::vector<RecordRequest>& requests) {
    Results results;
    const std::vector<const RecordRequest*> pointers = Pointers(requests);
    absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(results, recorder_.RecordAll(writer, pointers));
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return results;
  }

  Results RecordOneByOne(const std::vector<RecordRequest>& requests) {
    Results results;
    for (const RecordRequest& request : requests) {
      absl::StatusOr<RecordResult> result = absl::UnknownError("not run");
      absl::Status status = one_by_one_->Write([&](StoreWriter& writer) -> absl::Status {
        result = recorder_.Record(writer, request);
        return result.status();
      });
      if (result.ok() && !status.ok()) result = status;
      results.push_back(std::move(result));
    }
    return results;
  }

  // Customers are compared by the order of their creation, not by id: MySQL spends an
  // auto-increment value on an insert rolled back, which one by one makes for a record failing
  // after it resolved (its savepoint undoes the new customer) and the bulk path does not (a
  // customer it creates is inserted with the others, after the record's checks).
  static CreationOrder CreatedInOrder(Store& store) {
    CreationOrder order;
    absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
      for (int n = 1; n <= 64; ++n) {
        // NOT_FOUND: never created, or rolled back.
        if (reader.ResolveCustomerId(Id(n)).ok()) {
          order[Id(n)] = static_cast<int>(order.size()) + 1;
        }
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return order;
  }

  // `id` as "#n", the n-th customer created, under `order`; as itself without one.
  static std::string Named(CustomerId id, const CreationOrder* order) {
    if (order == nullptr) return absl::StrCat(id);
    const auto found = order->find(id);
    return found == order->end() ? absl::StrCat("?", id) : absl::StrCat("#", found->second);
  }
  static std::string Named(const std::vector<CustomerId>& ids, const CreationOrder* order) {
    std::string named;
    for (CustomerId id : ids) absl::StrAppend(&named, Named(id, order), " ");
    return named;
  }

  // Every interaction of `store` as "customer|touchpoint|rule|external id|body|mentioned", in
  // id order (ids themselves differ: MySQL spends auto-increment values on failed inserts).
  static std::vector<std::string> Rows(Store& store, const CreationOrder* order) {
    std::vector<std::string> rows;
    absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(std::vector<Interaction> all,
                             reader.ListInteractionsSince(0, 0, 1000));
      for (const Interaction& row : all) rows.push_back(Describe(row, order));
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return rows;
  }

  static std::string Describe(const Interaction& row, const CreationOrder* order) {
    return absl::StrCat(Named(row.customer_id, order), "|", row.touchpoint_id, "|",
                        row.touchpoint_rule_id, "|", row.external_id, "|", row.body, "|",
                        row.mentioned_score.has_value() ? row.mentioned_score->score : -1);
  }

  void ExpectSameResults(const std::vector<RecordRequest>& requests) {
    const Results together = RecordInOneTransaction(requests);
    const Results alone = RecordOneByOne(requests);
    ASSERT_EQ(together.size(), requests.size());
    ASSERT_EQ(alone.size(), requests.size());
    const CreationOrder order_together = CreatedInOrder(*store_);
    const CreationOrder order_alone = CreatedInOrder(*one_by_one_);
    for (size_t i = 0; i < requests.size(); ++i) {
      SCOPED_TRACE(absl::StrCat("item ", i, " (", requests[i].interaction.external_id, ")"));
      ASSERT_EQ(together[i].status(), alone[i].status());
      if (!alone[i].ok()) continue;
      EXPECT_EQ(together[i]->already_recorded, alone[i]->already_recorded);
      EXPECT_EQ(together[i]->customer_created, alone[i]->customer_created);
      EXPECT_EQ(Named(together[i]->merged, &order_together), Named(alone[i]->merged, &order_alone));
      EXPECT_EQ(Named(together[i]->conflicting, &order_together),
                Named(alone[i]->conflicting, &order_alone));
      EXPECT_EQ(Describe(together[i]->interaction, &order_together),
                Describe(alone[i]->interaction, &order_alone));
    }
    EXPECT_EQ(Rows(*store_, &order_together), Rows(*one_by_one_, &order_alone));
    EXPECT_EQ(Merges(*store_, &order_together), Merges(*one_by_one_, &order_alone));
    EXPECT_EQ(Customers(*store_, &order_together), Customers(*one_by_one_, &order_alone));
  }

  // Every live customer as "id|name|kind:value:trust ...", in id order; ids named under
  // `order` when given.
  static std::vector<std::string> Customers(Store& store, const CreationOrder* order = nullptr) {
    std::vector<std::string> customers;
    absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(std::vector<Customer> all, reader.ListCustomers(0, 1000));
      for (const Customer& customer : all) {
        std::string line = absl::StrCat(Named(customer.id, order), "|", customer.display_name, "|");
        for (const Identity& identity : customer.identities) {
          absl::StrAppend(&line, static_cast<int>(identity.kind), ":", identity.value, ":",
                          static_cast<int>(identity.trust), " ");
        }
        customers.push_back(line);
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return customers;
  }

  // Every merge into customers 1-9 (every customer in `order`, named under it, when given) as
  // "survivor<-merged: interactions moved", newest first.
  static std::vector<std::string> Merges(Store& store, const CreationOrder* order = nullptr) {
    std::vector<CustomerId> survivors(order == nullptr ? 9 : order->size());
    for (size_t n = 0; n < survivors.size(); ++n) survivors[n] = Id(static_cast<int>(n) + 1);
    if (order != nullptr) {
      for (const auto& [id, n] : *order) survivors[n - 1] = id;
    }
    std::vector<std::string> merges;
    absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
      for (CustomerId customer : survivors) {
        CXHUB_ASSIGN_OR_RETURN(std::vector<MergeEntry> entries,
                               reader.ListMerges(customer, 0, 100));
        for (const MergeEntry& entry : entries) {
          if (entry.survivor_id != customer) continue;
          merges.push_back(absl::StrCat(Named(entry.survivor_id, order), "<-",
                                        Named(entry.merged_id, order), ": ",
                                        entry.merged_interaction_count));
        }
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return merges;
  }

  // Set by Populate (the same in both stores, each fresh).
  static inline CustomerId first_id_ = 1;
  static inline CustomerId id_step_ = 1;
  static inline TouchpointId touchpoint_ = 1;

  ManualClock clock_{T(1000)};
  IdentityNormalizer normalizer_ = *IdentityNormalizer::Create("PT");
  InteractionRecorder recorder_{normalizer_, clock_, ConflictPolicy::kMerge, RecordLimits()};
  std::unique_ptr<StoreBackend> one_by_one_backend_;
  std::unique_ptr<Store> one_by_one_;
};

TEST_P(RecordAllStoreTest, ABatchByIdGivesWhatRecordingOneByOneGives) {
  const std::vector<RecordRequest> requests = MixedBatch();
  ASSERT_TRUE(InteractionRecorder::QualifiesForBulk(Pointers(requests)));
  ExpectSameResults(requests);
}

TEST_P(RecordAllStoreTest, ABatchWithAReplacementGivesWhatRecordingOneByOneGives) {
  std::vector<RecordRequest> requests = MixedBatch();
  RecordRequest replacement = ById(Id(1), "new-1");
  replacement.interaction.body = "corrected";
  replacement.replaces_earlier = true;
  requests.push_back(replacement);
  ASSERT_FALSE(InteractionRecorder::QualifiesForBulk(Pointers(requests)));
  ExpectSameResults(requests);
}

TEST_P(RecordAllStoreTest, ABatchResolvingIdentitiesGivesWhatRecordingOneByOneGives) {
  const std::vector<RecordRequest> requests = ResolvingBatch();
  ASSERT_TRUE(InteractionRecorder::QualifiesForBulk(Pointers(requests)));
  ExpectSameResults(requests);
}

TEST_P(RecordAllStoreTest, AMergeInTheBatchMovesTheRowsOfTheItemsBeforeIt) {
  RecordInOneTransaction(ResolvingBatch());
  // Customers 4 (mail-1, mail-2, before-merge-4) and 5 (call-1, before-merge-5) were merged by
  // chat-1, after the rows of the items before it were in: the ledger counts the merged side's
  // rows.
  EXPECT_THAT(Merges(*store_),
              ::testing::Contains(::testing::AnyOf(absl::StrCat(Id(4), "<-", Id(5), ": 2"),
                                                   absl::StrCat(Id(5), "<-", Id(4), ": 3"))));
}

TEST_P(RecordAllStoreTest, AnItemResolvedFromIdentitiesAfterOneWithItsKeyIsNotInBulk) {
  std::vector<RecordRequest> requests = ResolvingBatch();
  // Record answers it with mail-1's row without resolving: no customer for this address.
  requests.push_back(ByIdentities({Email("zoe@example.pt")}, "mail-1"));
  ASSERT_FALSE(InteractionRecorder::QualifiesForBulk(Pointers(requests)));
  ExpectSameResults(requests);
}

TEST_P(RecordAllStoreTest, AKnownNamelessCustomerIsNamedAndANamedOneKeepsItsName) {
  // Before the batch, in both stores: a customer without a name, which the batch reads ahead
  // as the owner of zoe@ (customer 1, "c1", owns lia@). Verified, as lia@ is: an identity the
  // request would raise the trust of is a write already, whatever the name.
  for (Store* store : {store_.get(), one_by_one_.get()}) {
    ASSERT_OK(store->Write([](StoreWriter& writer) -> absl::Status {
      return writer.InsertCustomer(NewCustomer("", {Verified(Email("zoe@example.pt"))})).status();
    }));
  }
  auto named = [](const std::string& address, const std::string& name,
                  const std::string& external_id) {
    RecordRequest request = ByIdentities({Email(address)}, external_id);
    request.customer_display_name = name;
    return request;
  };
  const std::vector<RecordRequest> requests = {
      named("lia@example.pt", "Lia", "lia-1"),   // Has a name: resolves without writing.
      named("zoe@example.pt", "Zoe", "zoe-1"),   // Has none: the name is given.
      named("zoe@example.pt", "Zoé", "zoe-2"),   // Has one now: kept.
      named("lia@example.pt", "Lia", "lia-2")};  // Read ahead as named: kept.
  ASSERT_TRUE(InteractionRecorder::QualifiesForBulk(Pointers(requests)));
  ExpectSameResults(requests);
  EXPECT_THAT(Customers(*store_),
              ::testing::Contains(::testing::StartsWith(absl::StrCat(Id(1), "|c1|"))));
  EXPECT_THAT(Customers(*store_), ::testing::Contains(::testing::HasSubstr("|Zoe|")));
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordAllStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
