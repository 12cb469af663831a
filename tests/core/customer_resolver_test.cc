#include "server/core/customer_resolver.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/customer_directory.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/touchpoint_catalog.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class CustomerResolverTest : public ::testing::Test {
 protected:
  // Runs Resolve in its own transaction.
  absl::StatusOr<Resolution> Resolve(ConflictPolicy policy, const std::vector<Identity>& raw,
                                     const std::string& display_name = "") {
    CustomerResolver resolver(normalizer_, clock_, policy);
    Resolution result;
    absl::Status status = db_.store().Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<Resolution> r = resolver.Resolve(writer, raw, display_name);
      if (!r.ok()) return r.status();
      result = *r;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return result;
  }

  CustomerId NewCustomer(const std::vector<Identity>& identities, const std::string& name = "") {
    Customer customer;
    customer.display_name = name;
    customer.identities = identities;
    absl::StatusOr<Customer> created = directory_.Create(customer);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  CustomerDirectory directory_{db_.store(), normalizer_, clock_};
};

TEST_F(CustomerResolverTest, CreatesCustomerWithAllIdentitiesWhenNoneIsKnown) {
  absl::StatusOr<Resolution> r =
      Resolve(ConflictPolicy::kMerge, {Phone("912 345 678"), Email(" Marta.Ferreira@Example.PT ")},
              "Marta Ferreira");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->created);
  EXPECT_THAT(r->merged, IsEmpty());

  absl::StatusOr<Customer> customer = directory_.Get(r->customer_id);
  ASSERT_TRUE(customer.ok()) << customer.status();
  EXPECT_EQ(customer->display_name, "Marta Ferreira");
  EXPECT_THAT(customer->identities,
              ElementsAre(Email("marta.ferreira@example.pt"), Phone("+351912345678")));
}

TEST_F(CustomerResolverTest, AttachesIdentitiesTheCustomerLacks) {
  const CustomerId tom = NewCustomer({Email("tom.becker@example.de")}, "Tom Becker");
  absl::StatusOr<Resolution> r =
      Resolve(ConflictPolicy::kMerge, {Email("Tom.Becker@Example.DE"), Phone("0049301234567")});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->created);
  EXPECT_EQ(r->customer_id, tom);

  absl::StatusOr<Customer> customer = directory_.Get(tom);
  ASSERT_TRUE(customer.ok());
  EXPECT_THAT(customer->identities,
              ElementsAre(Email("tom.becker@example.de"), Phone("+49301234567")));
  EXPECT_EQ(customer->display_name, "Tom Becker");
}

TEST_F(CustomerResolverTest, MergesWhenOneRecordCarriesTwoCustomers) {
  const CustomerId by_mail = NewCustomer({Email("marta.ferreira@example.pt")}, "Marta");
  const CustomerId by_phone = NewCustomer({Phone("+351912345678")});
  ASSERT_LT(by_mail, by_phone);

  // The chat contact carries both, listing the newer customer's identity first.
  absl::StatusOr<Resolution> r =
      Resolve(ConflictPolicy::kMerge,
              {Verified(Phone("912345678")), Verified(Email("marta.ferreira@example.pt")),
               Identity{IdentityKind::kChat, "chatwoot:7:5231"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->customer_id, by_mail);  // The oldest survives.
  EXPECT_THAT(r->merged, ElementsAre(by_phone));
  EXPECT_THAT(r->conflicting, IsEmpty());

  absl::StatusOr<Customer> survivor = directory_.Get(by_phone);
  ASSERT_TRUE(survivor.ok()) << survivor.status();
  EXPECT_EQ(survivor->id, by_mail);
  EXPECT_THAT(survivor->identities,
              ElementsAre(Email("marta.ferreira@example.pt"), Phone("+351912345678"),
                          Identity{IdentityKind::kChat, "chatwoot:7:5231"}));
  EXPECT_THAT(survivor->merged_ids, ElementsAre(by_phone));
}

TEST_F(CustomerResolverTest, MergesEveryOwnerIntoTheOldest) {
  const CustomerId first = NewCustomer({Email("a@example.pt")});
  const CustomerId second = NewCustomer({Phone("+351912345678")});
  const CustomerId third = NewCustomer({Identity{IdentityKind::kExternal, "crm:9"}});
  absl::StatusOr<Resolution> r = Resolve(
      ConflictPolicy::kMerge, {Verified(Identity{IdentityKind::kExternal, "crm:9"}),
                               Verified(Phone("+351912345678")), Verified(Email("a@example.pt"))});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->customer_id, first);
  EXPECT_THAT(r->merged, ElementsAre(second, third));
  absl::StatusOr<CustomerPage> page = directory_.List(0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->customers.size(), 1u);
  EXPECT_EQ(page->customers[0].identities.size(), 3u);
}

TEST_F(CustomerResolverTest, FlagsConflictInsteadOfMergingUnderFlagPolicy) {
  const CustomerId by_mail = NewCustomer({Email("marta.ferreira@example.pt")});
  const CustomerId by_phone = NewCustomer({Phone("+351912345678")});
  const Identity chat{IdentityKind::kChat, "chatwoot:7:5231"};

  absl::StatusOr<Resolution> r = Resolve(
      ConflictPolicy::kFlag, {chat, Phone("912345678"), Email("marta.ferreira@example.pt")});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->customer_id, by_phone);  // Owner of the first identity that has one.
  EXPECT_THAT(r->merged, IsEmpty());
  EXPECT_THAT(r->conflicting, ElementsAre(by_mail));

  absl::StatusOr<Customer> phone_owner = directory_.Get(by_phone);
  ASSERT_TRUE(phone_owner.ok());
  EXPECT_THAT(phone_owner->identities, ElementsAre(Phone("+351912345678"), chat));
  absl::StatusOr<Customer> mail_owner = directory_.Get(by_mail);
  ASSERT_TRUE(mail_owner.ok());
  EXPECT_EQ(mail_owner->id, by_mail);  // Not merged.
  EXPECT_THAT(mail_owner->identities, ElementsAre(Email("marta.ferreira@example.pt")));
}

TEST_F(CustomerResolverTest, CollapsesIdentitiesThatNormalizeAlike) {
  absl::StatusOr<Resolution> r = Resolve(
      ConflictPolicy::kMerge, {Email("Tom.Becker@Example.DE"), Email("tom.becker@example.de"),
                               Phone("+14155550199"), Phone("0014155550199")});
  ASSERT_TRUE(r.ok()) << r.status();
  absl::StatusOr<Customer> customer = directory_.Get(r->customer_id);
  ASSERT_TRUE(customer.ok());
  EXPECT_THAT(customer->identities,
              ElementsAre(Email("tom.becker@example.de"), Phone("+14155550199")));
}

TEST_F(CustomerResolverTest, NamesTheMalformedIdentityByIndex) {
  absl::StatusOr<Resolution> r =
      Resolve(ConflictPolicy::kMerge, {Email("ok@example.pt"), Phone("anonymous")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "identities[1]: not a phone number: \"anonymous\"");
  EXPECT_EQ(directory_.Lookup(Email("ok@example.pt")).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CustomerResolverTest, RejectsEmptyIdentities) {
  absl::StatusOr<Resolution> r = Resolve(ConflictPolicy::kMerge, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(CustomerResolverTest, NamesANamelessCustomerFromTheRecord) {
  const CustomerId id = NewCustomer({Email("kai@example.social")});
  absl::StatusOr<Resolution> r =
      Resolve(ConflictPolicy::kMerge, {Email("kai@example.social")}, "Kai");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->customer_id, id);
  absl::StatusOr<Customer> customer = directory_.Get(id);
  ASSERT_TRUE(customer.ok());
  EXPECT_EQ(customer->display_name, "Kai");

  // A name already there is kept.
  ASSERT_TRUE(Resolve(ConflictPolicy::kMerge, {Email("kai@example.social")}, "K.").ok());
  EXPECT_EQ(directory_.Get(id)->display_name, "Kai");
}

}  // namespace
}  // namespace cxhub
