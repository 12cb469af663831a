// Store conformance for the bulk reads a batch of records makes ahead of its items:
// FindIdentities answers as FindIdentity of each identity would, and HaveEarlierRecords says
// which interactions FindInteractionBySource or FindInteractionByGlobalKey would find an
// earlier record for; NamedCustomers finds the live named customers among those asked;
// ResolveCustomerIds answers as ResolveCustomerId of each id; all over more values than one
// statement takes. Every backend must pass them unchanged.
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

// More than one IN list of the bulk reads takes.
constexpr int kMany = 300;

using BulkLookupStoreTest = StoreConformanceTest;

std::string Describe(const std::optional<OwnedIdentity>& owner) {
  if (!owner.has_value()) return "none";
  return absl::StrCat(owner->customer_id, "/", static_cast<int>(owner->trust), "/",
                      owner->joined_customers);
}

TEST_P(BulkLookupStoreTest, FindIdentitiesAnswersAsFindIdentityOfEach) {
  Identity verified = Email("ana@example.pt");
  verified.trust = IdentityTrust::kVerified;
  ASSERT_OK(InsertCustomer(NewCustomer("ana", {verified, Phone("+351912345678")})).status());
  std::vector<Identity> owned_by_many;
  owned_by_many.reserve(kMany);
  for (int i = 0; i < kMany; ++i) owned_by_many.push_back(Email(absl::StrCat("c", i, "@x.pt")));
  ASSERT_OK(InsertCustomer(NewCustomer("many", owned_by_many)).status());

  std::vector<Identity> asked = {
      Email("ana@example.pt"), Phone("+351912345678"), Email("nobody@example.pt"),
      // The same value under another kind, and a value asked twice.
      Identity{IdentityKind::kChat, "ana@example.pt"}, Email("ana@example.pt")};
  for (int i = 0; i < kMany + 10; ++i) asked.push_back(Email(absl::StrCat("c", i, "@x.pt")));
  const absl::StatusOr<std::vector<std::optional<OwnedIdentity>>> read =
      Read<std::vector<std::optional<OwnedIdentity>>>(
          [&](StoreReader& reader) { return reader.FindIdentities(asked); });
  ASSERT_TRUE(read.ok()) << read.status();
  const std::vector<std::optional<OwnedIdentity>>& together = *read;
  ASSERT_EQ(together.size(), asked.size());
  for (size_t i = 0; i < asked.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("identity ", i, " ", asked[i].value));
    const absl::StatusOr<std::optional<OwnedIdentity>> alone = Read<std::optional<OwnedIdentity>>(
        [&](StoreReader& reader) { return reader.FindIdentity(asked[i]); });
    ASSERT_TRUE(alone.ok()) << alone.status();
    EXPECT_EQ(Describe(together[i]), Describe(*alone));
  }
  ASSERT_TRUE(together[0].has_value());
  EXPECT_EQ(together[0]->trust, IdentityTrust::kVerified);
  EXPECT_EQ(together[0]->joined_customers, 1);
  EXPECT_FALSE(together[2].has_value());
  EXPECT_FALSE(together[3].has_value());
  EXPECT_FALSE(together.back().has_value());  // c309: nobody's.
}

TEST_P(BulkLookupStoreTest, NamedCustomersAreTheLiveOnesWithANameAmongThoseAsked) {
  const CustomerId ana = NewCustomerId("Ana");
  const CustomerId nameless = NewCustomerId("");
  const CustomerId merged = NewCustomerId("Merged");
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(merged, ana); }));
  const CustomerId unasked = NewCustomerId("Unasked");
  std::vector<CustomerId> many;
  many.reserve(kMany);
  for (int i = 0; i < kMany; ++i) many.push_back(NewCustomerId(absl::StrCat("c", i)));

  std::vector<CustomerId> asked = {ana, nameless, merged, 987654321, ana};
  asked.insert(asked.end(), many.begin(), many.end());
  const absl::StatusOr<absl::flat_hash_set<CustomerId>> named =
      Read<absl::flat_hash_set<CustomerId>>(
          [&](StoreReader& reader) { return reader.NamedCustomers(asked); });
  ASSERT_TRUE(named.ok()) << named.status();
  absl::flat_hash_set<CustomerId> expected = {ana};
  expected.insert(many.begin(), many.end());
  EXPECT_EQ(*named, expected);
  EXPECT_FALSE(named->contains(unasked));
}

TEST_P(BulkLookupStoreTest, ResolveCustomerIdsAnswersAsResolveCustomerIdOfEach) {
  const CustomerId live = NewCustomerId("live");
  const CustomerId merged = NewCustomerId("merged");
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(merged, live); }));
  // first into second, then second into third: both lead to third.
  const CustomerId first = NewCustomerId("first");
  const CustomerId second = NewCustomerId("second");
  const CustomerId third = NewCustomerId("third");
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(first, second); }));
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(second, third); }));
  const CustomerId deleted = NewCustomerId("deleted");
  ASSERT_OK(Write([&](StoreWriter& writer) { return writer.DeleteCustomer(deleted); }));
  std::vector<CustomerId> asked = {live, merged, first, second, third, deleted, 987654321, merged};
  for (int i = 0; i < kMany; ++i) asked.push_back(NewCustomerId(absl::StrCat("c", i)));

  const absl::StatusOr<absl::flat_hash_map<CustomerId, CustomerId>> read =
      Read<absl::flat_hash_map<CustomerId, CustomerId>>(
          [&](StoreReader& reader) { return reader.ResolveCustomerIds(asked); });
  ASSERT_TRUE(read.ok()) << read.status();
  const absl::flat_hash_map<CustomerId, CustomerId>& together = *read;
  for (CustomerId id : asked) {
    SCOPED_TRACE(absl::StrCat("customer ", id));
    const absl::StatusOr<CustomerId> alone = Resolve(id);
    if (alone.ok()) {
      ASSERT_TRUE(together.contains(id));
      EXPECT_EQ(together.at(id), *alone);
    } else {
      EXPECT_TRUE(absl::IsNotFound(alone.status())) << alone.status();
      EXPECT_FALSE(together.contains(id));
    }
  }
  EXPECT_EQ(together.size(), asked.size() - 3);  // Less the repeat, the deleted and the unknown.
  EXPECT_EQ(together.at(merged), live);
  EXPECT_EQ(together.at(first), third);
  EXPECT_EQ(together.at(second), third);
  EXPECT_EQ(together.at(asked.back()), asked.back());
}

TEST_P(BulkLookupStoreTest, HaveEarlierRecordsSaysWhatTheSingleLookupsWouldFind) {
  const CustomerId customer = NewCustomerId("c");
  Interaction keyed = NewInteraction(customer, "taken", T(10));
  keyed.global_key = "<taken@example.pt>";
  ASSERT_OK(InsertInteraction(keyed).status());
  for (int i = 0; i < kMany; ++i) {
    ASSERT_OK(InsertInteraction(NewInteraction(customer, absl::StrCat("r", i), T(20))).status());
  }

  std::vector<Interaction> asked;
  asked.push_back(NewInteraction(0, "taken", T(30)));  // By its source's key.
  asked.push_back(NewInteraction(0, "taken", T(30)));
  asked.back().source = "other";  // Another source's key.
  asked.push_back(NewInteraction(0, "fresh", T(30)));
  asked.back().global_key = "<taken@example.pt>";  // By its global key only.
  asked.push_back(NewInteraction(0, "fresh", T(30)));
  asked.back().global_key = "<fresh@example.pt>";
  asked.push_back(NewInteraction(0, "", T(30)));  // No key: never deduplicated.
  for (int i = 0; i < kMany + 10; ++i) {
    asked.push_back(NewInteraction(0, absl::StrCat("r", i), T(30)));
  }
  std::vector<const Interaction*> pointers;
  pointers.reserve(asked.size());
  for (const Interaction& interaction : asked) pointers.push_back(&interaction);
  const absl::StatusOr<std::vector<bool>> read = Read<std::vector<bool>>(
      [&](StoreReader& reader) { return reader.HaveEarlierRecords(pointers); });
  ASSERT_TRUE(read.ok()) << read.status();
  const std::vector<bool>& earlier = *read;
  ASSERT_EQ(earlier.size(), asked.size());
  for (size_t i = 0; i < asked.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("interaction ", i, " ", asked[i].external_id));
    const absl::StatusOr<bool> found = Read<bool>([&](StoreReader& reader) -> absl::StatusOr<bool> {
      CXHUB_ASSIGN_OR_RETURN(std::optional<Interaction> by_source,
                             reader.FindInteractionBySource(asked[i].source, asked[i].external_id));
      CXHUB_ASSIGN_OR_RETURN(std::optional<Interaction> by_key,
                             reader.FindInteractionByGlobalKey(asked[i].global_key));
      return by_source.has_value() || by_key.has_value();
    });
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_EQ(earlier[i], *found);
  }
  EXPECT_EQ(std::vector<bool>(earlier.begin(), earlier.begin() + 5),
            std::vector<bool>({true, false, true, false, false}));
  EXPECT_FALSE(earlier.back());  // r309: never recorded.
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkLookupStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
