// The trust policy of merges against the wrong joins of issue 16: typed (claimed) identities
// that would join existing customers become merge suggestions, never silent merges; the
// guardrails stop even trusted identities; suggestions are accepted through the one merge step.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/customer_directory.h"
#include "server/core/customer_resolver.h"
#include "server/core/merge_policy.h"
#include "server/core/merge_suggestions.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

Identity Claimed(Identity identity) {
  identity.trust = IdentityTrust::kClaimed;
  return identity;
}

const Identity kChat{IdentityKind::kChat, "chatwoot:7:5231"};

class IdentityTrustTest : public ::testing::Test {
 protected:
  // Runs Resolve in its own transaction, as asserted by `source`.
  absl::StatusOr<Resolution> Resolve(const std::vector<Identity>& raw,
                                     const std::string& source = "web-chat",
                                     MergePolicy policy = MergePolicy(ConflictPolicy::kMerge)) {
    CustomerResolver resolver(normalizer_, clock_, std::move(policy));
    Resolution result;
    absl::Status status = db_.store().Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<Resolution> r = resolver.Resolve(writer, raw, "", {source, "record-1"});
      if (!r.ok()) return r.status();
      result = *r;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return result;
  }

  CustomerId NewCustomer(const Identity& identity) {
    absl::StatusOr<Resolution> r = Resolve({Verified(identity)}, "support-mail");
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->customer_id : 0;
  }

  std::vector<MergeSuggestion> Suggestions() {
    absl::StatusOr<MergeSuggestionPage> page = suggestions_.List(std::nullopt, 0, 1000);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->suggestions : std::vector<MergeSuggestion>();
  }

  size_t LiveCustomers() {
    absl::StatusOr<CustomerPage> page = directory_.List(0, 1000);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->customers.size() : 0;
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  CustomerDirectory directory_{db_.store(), normalizer_, clock_};
  MergeSuggestions suggestions_{db_.store(), clock_};
};

TEST_F(IdentityTrustTest, TypedEmailAndPhoneSuggestInsteadOfJoiningTwoCustomers) {
  const CustomerId by_mail = NewCustomer(Email("marta.ferreira@example.pt"));
  const CustomerId by_phone = NewCustomer(Phone("+351912345678"));

  // A widget visitor types someone's email and phone: only the chat contact is proved.
  absl::StatusOr<Resolution> r = Resolve(
      {Verified(kChat), Claimed(Email("marta.ferreira@example.pt")), Claimed(Phone("912345678"))});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->customer_id, by_mail);  // The first match.
  EXPECT_THAT(r->merged, IsEmpty());
  EXPECT_THAT(r->conflicting, ElementsAre(by_phone));
  EXPECT_EQ(LiveCustomers(), 2u);

  const std::vector<MergeSuggestion> suggested = Suggestions();
  ASSERT_THAT(suggested, SizeIs(1));
  EXPECT_EQ(suggested[0].state, MergeSuggestionState::kOpen);
  EXPECT_EQ(suggested[0].reason, MergeSuggestionReason::kClaimedIdentity);
  EXPECT_EQ(suggested[0].customer_id, by_mail);
  EXPECT_EQ(suggested[0].other_customer_id, by_phone);
  EXPECT_EQ(suggested[0].identity, Phone("+351912345678"));
  EXPECT_EQ(suggested[0].identity.trust, IdentityTrust::kClaimed);
  EXPECT_EQ(suggested[0].identity.provenance.source, "web-chat");
  EXPECT_EQ(suggested[0].identity.provenance.asserted_by, "record-1");

  // The phone stays with its owner, the record's new identity goes with the record.
  absl::StatusOr<Customer> phone_owner = directory_.Get(by_phone);
  ASSERT_TRUE(phone_owner.ok());
  EXPECT_THAT(phone_owner->identities, ElementsAre(Phone("+351912345678")));
  absl::StatusOr<Customer> mail_owner = directory_.Get(by_mail);
  ASSERT_TRUE(mail_owner.ok());
  EXPECT_THAT(mail_owner->identities, ElementsAre(Email("marta.ferreira@example.pt"), kChat));
}

TEST_F(IdentityTrustTest, TheSameClaimAgainMakesNoSecondSuggestion) {
  NewCustomer(Email("marta.ferreira@example.pt"));
  NewCustomer(Phone("+351912345678"));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        Resolve({Claimed(Email("marta.ferreira@example.pt")), Claimed(Phone("912345678"))}).ok());
  }
  EXPECT_THAT(Suggestions(), SizeIs(1));
}

TEST_F(IdentityTrustTest, AcceptMergesTheTwoCustomersAndRejectKeepsThemApart) {
  const CustomerId by_mail = NewCustomer(Email("marta.ferreira@example.pt"));
  const CustomerId by_phone = NewCustomer(Phone("+351912345678"));
  const CustomerId other = NewCustomer(Email("tom.becker@example.de"));
  ASSERT_TRUE(
      Resolve({Claimed(Email("marta.ferreira@example.pt")), Claimed(Phone("912345678"))}).ok());
  ASSERT_TRUE(Resolve({Claimed(Email("tom.becker@example.de")), Claimed(Phone("912345678"))}).ok());
  std::vector<MergeSuggestion> suggested = Suggestions();
  ASSERT_THAT(suggested, SizeIs(2));

  absl::StatusOr<MergeSuggestion> rejected = suggestions_.Reject(suggested[1].id);
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->state, MergeSuggestionState::kRejected);
  // A rejected claim is not suggested again.
  ASSERT_TRUE(Resolve({Claimed(Email("tom.becker@example.de")), Claimed(Phone("912345678"))}).ok());
  EXPECT_THAT(Suggestions(), SizeIs(2));

  absl::StatusOr<MergeSuggestion> accepted = suggestions_.Accept(suggested[0].id);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->state, MergeSuggestionState::kAccepted);
  EXPECT_TRUE(accepted->decide_time.has_value());
  absl::StatusOr<Customer> merged = directory_.Get(by_phone);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->id, by_mail);
  EXPECT_EQ(suggestions_.Accept(suggested[0].id).status().code(),
            absl::StatusCode::kFailedPrecondition);

  absl::StatusOr<Customer> apart = directory_.Get(other);
  ASSERT_TRUE(apart.ok());
  EXPECT_EQ(apart->id, other);
}

TEST_F(IdentityTrustTest, OneRecordWithThirtyTwoIdentitiesMergesNobody) {
  std::vector<Identity> identities;
  for (int i = 0; i < 32; ++i) {
    const Identity email = Email(absl::StrCat("person", i, "@example.pt"));
    NewCustomer(email);
    identities.push_back(Verified(email));  // Even proved: more than a record may merge.
  }
  absl::StatusOr<Resolution> r = Resolve(identities, "api");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->merged, IsEmpty());
  EXPECT_THAT(r->conflicting, SizeIs(31));
  EXPECT_EQ(LiveCustomers(), 32u);
  const std::vector<MergeSuggestion> suggested = Suggestions();
  ASSERT_THAT(suggested, SizeIs(31));
  for (const MergeSuggestion& suggestion : suggested) {
    EXPECT_EQ(suggestion.reason, MergeSuggestionReason::kRecordMergesTooMany);
  }
}

TEST_F(IdentityTrustTest, ASharedTypedNumberOnTenCustomersMergesNobody) {
  for (int i = 0; i < 10; ++i) {
    const Identity email = Email(absl::StrCat("family", i, "@example.pt"));
    NewCustomer(email);
    ASSERT_TRUE(Resolve({Verified(email), Claimed(Phone("912000111"))}).ok());
  }
  EXPECT_EQ(LiveCustomers(), 10u);
  const std::vector<MergeSuggestion> suggested = Suggestions();
  ASSERT_THAT(suggested, SizeIs(9));
  // Past max_customers_per_identity (3, its owner included) the claim is a guardrail report.
  EXPECT_EQ(suggested[0].reason, MergeSuggestionReason::kClaimedIdentity);
  EXPECT_EQ(suggested[1].reason, MergeSuggestionReason::kClaimedIdentity);
  EXPECT_EQ(suggested[2].reason, MergeSuggestionReason::kIdentityJoinsTooMany);
  EXPECT_EQ(suggested[8].reason, MergeSuggestionReason::kIdentityJoinsTooMany);
}

TEST_F(IdentityTrustTest, ASharedNumberStopsMergingAtTheGuardrailEvenFromATrustedSource) {
  MergePolicyOptions options;
  options.rules.push_back({"pbx", {}, MergeTrust::kAny});
  const MergePolicy trusting(options);
  const int64_t stops_before = MergeGuardrailStops();
  for (int i = 0; i < 10; ++i) {
    const Identity email = Email(absl::StrCat("office", i, "@example.pt"));
    NewCustomer(email);
    ASSERT_TRUE(Resolve({Verified(email), Verified(Phone("912000111"))}, "pbx", trusting).ok());
  }
  // The number joins three customers (its first owner and two more), then stops.
  EXPECT_EQ(LiveCustomers(), 8u);
  const std::vector<MergeSuggestion> suggested = Suggestions();
  ASSERT_THAT(suggested, SizeIs(7));
  for (const MergeSuggestion& suggestion : suggested) {
    EXPECT_EQ(suggestion.reason, MergeSuggestionReason::kIdentityJoinsTooMany);
    EXPECT_EQ(suggestion.identity, Phone("+351912000111"));
  }
  EXPECT_EQ(MergeGuardrailStops() - stops_before, 7);
}

TEST_F(IdentityTrustTest, ATrustedSourceMergesOnClaimedIdentities) {
  const CustomerId by_mail = NewCustomer(Email("marta.ferreira@example.pt"));
  const CustomerId by_phone = NewCustomer(Phone("+351912345678"));
  MergePolicyOptions options;
  options.rules.push_back({"web-chat", {}, MergeTrust::kAny});
  absl::StatusOr<Resolution> r = Resolve(
      {Verified(kChat), Claimed(Email("marta.ferreira@example.pt")), Claimed(Phone("912345678"))},
      "web-chat", MergePolicy(options));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->customer_id, by_mail);
  EXPECT_THAT(r->merged, ElementsAre(by_phone));
  EXPECT_THAT(Suggestions(), IsEmpty());
}

TEST_F(IdentityTrustTest, FlagPolicyMergesNothingAndSuggestsNothing) {
  NewCustomer(Email("marta.ferreira@example.pt"));
  const CustomerId by_phone = NewCustomer(Phone("+351912345678"));
  absl::StatusOr<Resolution> r =
      Resolve({Verified(Email("marta.ferreira@example.pt")), Verified(Phone("912345678"))},
              "support-mail", MergePolicy(ConflictPolicy::kFlag));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->merged, IsEmpty());
  EXPECT_THAT(r->conflicting, ElementsAre(by_phone));
  EXPECT_THAT(Suggestions(), IsEmpty());
}

TEST_F(IdentityTrustTest, ProvenanceKeepsTheAssertionThatGaveTheHighestTrust) {
  const CustomerId id = Resolve({Claimed(Email("ana@example.pt"))}, "nps-survey")->customer_id;
  ASSERT_TRUE(Resolve({Verified(Email("ana@example.pt"))}, "support-mail").ok());
  ASSERT_TRUE(Resolve({Claimed(Email("ana@example.pt"))}, "web-chat").ok());
  absl::StatusOr<Customer> customer = directory_.Get(id);
  ASSERT_TRUE(customer.ok()) << customer.status();
  ASSERT_THAT(customer->identities, SizeIs(1));
  const Identity& stored = customer->identities[0];
  EXPECT_EQ(stored.trust, IdentityTrust::kVerified);  // Once verified, stays verified.
  EXPECT_EQ(stored.provenance.source, "support-mail");
  EXPECT_EQ(stored.provenance.asserted_by, "record-1");
  EXPECT_NE(stored.provenance.assert_time, absl::UnixEpoch());
}

}  // namespace
}  // namespace cxhub
