#include "server/api/proto_conversion.h"

#include "gtest/gtest.h"

namespace cxhub {
namespace {

TEST(TimeConversion, RoundTripsAcrossTheWholeRange) {
  for (absl::Time time :
       {absl::UnixEpoch(), absl::FromUnixSeconds(1700000000) + absl::Nanoseconds(123456789),
        absl::FromUnixSeconds(-62135596800),
        absl::FromUnixSeconds(-1) + absl::Nanoseconds(999999999),
        absl::FromUnixSeconds(253402300799) + absl::Nanoseconds(999999999)}) {
    google::protobuf::Timestamp timestamp;
    TimeToProto(time, &timestamp);
    EXPECT_GE(timestamp.nanos(), 0);
    EXPECT_LT(timestamp.nanos(), 1000000000);
    EXPECT_EQ(TimeFromProto(timestamp), time);
  }
}

TEST(TimeConversion, BeforeTheEpochNanosArePositive) {
  google::protobuf::Timestamp timestamp;
  TimeToProto(absl::FromUnixSeconds(-1) + absl::Milliseconds(250), &timestamp);
  EXPECT_EQ(timestamp.seconds(), -1);
  EXPECT_EQ(timestamp.nanos(), 250000000);
}

TEST(DurationConversion, RoundTrips) {
  for (absl::Duration duration :
       {absl::ZeroDuration(), absl::Nanoseconds(1), absl::Seconds(3600) + absl::Nanoseconds(7),
        -absl::Milliseconds(1500)}) {
    google::protobuf::Duration proto;
    DurationToProto(duration, &proto);
    EXPECT_FALSE(proto.seconds() > 0 && proto.nanos() < 0);
    EXPECT_FALSE(proto.seconds() < 0 && proto.nanos() > 0);
    EXPECT_EQ(DurationFromProto(proto), duration);
  }
}

TEST(IdentityConversion, KindsRoundTripAndUnspecifiedIsRejected) {
  for (IdentityKind kind : {IdentityKind::kEmail, IdentityKind::kPhone, IdentityKind::kSocial,
                            IdentityKind::kChat, IdentityKind::kExternal}) {
    EXPECT_EQ(IdentityKindFromProto(IdentityKindToProto(kind)), kind);
  }
  EXPECT_EQ(IdentityKindFromProto(v1::IDENTITY_KIND_UNSPECIFIED), std::nullopt);
  EXPECT_EQ(IdentityKindFromProto(6), std::nullopt);
  EXPECT_EQ(IdentityKindFromProto(-1), std::nullopt);
}

TEST(CustomerConversion, RoundTrips) {
  Customer customer;
  customer.id = 12;
  customer.display_name = "Tom Becker";
  customer.identities = {{IdentityKind::kEmail, "tom.becker@example.de"},
                         {IdentityKind::kPhone, "+351912345678"}};
  customer.attributes = {{"plan", "gold"}, {"country", "DE"}};
  customer.merged_ids = {3, 8};
  customer.create_time = absl::FromUnixSeconds(1700000000);
  customer.update_time = absl::FromUnixSeconds(1700000500) + absl::Microseconds(1);

  v1::Customer proto;
  CustomerToProto(customer, &proto);
  EXPECT_EQ(proto.name(), "customers/12");
  ASSERT_EQ(proto.identities_size(), 2);
  EXPECT_EQ(proto.identities(1).kind(), v1::PHONE);
  EXPECT_EQ(proto.identities(1).value(), "+351912345678");
  EXPECT_EQ(proto.attributes().at("plan"), "gold");
  ASSERT_EQ(proto.merged_names_size(), 2);
  EXPECT_EQ(proto.merged_names(0), "customers/3");
  EXPECT_EQ(TimeFromProto(proto.update_time()), customer.update_time);

  const Customer back = CustomerFromProto(proto);
  EXPECT_EQ(back.id, 0) << "name is output only";
  EXPECT_EQ(back.display_name, customer.display_name);
  EXPECT_EQ(back.identities, customer.identities);
  EXPECT_EQ(back.attributes, customer.attributes);
  EXPECT_TRUE(back.merged_ids.empty()) << "merged_names is output only";
}

TEST(CustomerConversion, ReusedOutputMessageIsCleared) {
  v1::Customer proto;
  proto.add_merged_names("customers/99");
  (*proto.mutable_attributes())["stale"] = "1";
  Customer customer;
  customer.id = 1;
  CustomerToProto(customer, &proto);
  EXPECT_EQ(proto.merged_names_size(), 0);
  EXPECT_TRUE(proto.attributes().empty());
}

}  // namespace
}  // namespace cxhub
