#include "server/api/proto_conversion.h"

#include "server/api/resource_names.h"

namespace cxhub {

// The model numbers its enums as the protos do; conversions rely on it.
static_assert(static_cast<int>(IdentityKind::kEmail) == v1::EMAIL);
static_assert(static_cast<int>(IdentityKind::kPhone) == v1::PHONE);
static_assert(static_cast<int>(IdentityKind::kSocial) == v1::SOCIAL);
static_assert(static_cast<int>(IdentityKind::kChat) == v1::CHAT);
static_assert(static_cast<int>(IdentityKind::kExternal) == v1::EXTERNAL);

absl::Time TimeFromProto(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

void TimeToProto(absl::Time time, google::protobuf::Timestamp* out) {
  // ToUnixSeconds rounds toward the past, so nanos stays in [0, 1e9) before 1970 too.
  const int64_t seconds = absl::ToUnixSeconds(time);
  out->set_seconds(seconds);
  out->set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

absl::Duration DurationFromProto(const google::protobuf::Duration& duration) {
  return absl::Seconds(duration.seconds()) + absl::Nanoseconds(duration.nanos());
}

void DurationToProto(absl::Duration duration, google::protobuf::Duration* out) {
  // Integer division truncates toward zero: seconds and nanos get the same sign, as
  // google.protobuf.Duration requires.
  absl::Duration remainder;
  const int64_t seconds = absl::IDivDuration(duration, absl::Seconds(1), &remainder);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(remainder)));
}

Attributes AttributesFromProto(const google::protobuf::Map<std::string, std::string>& map) {
  return Attributes(map.begin(), map.end());
}

void AttributesToProto(const Attributes& attributes,
                       google::protobuf::Map<std::string, std::string>* out) {
  out->clear();
  for (const auto& [key, value] : attributes) (*out)[key] = value;
}

v1::IdentityKind IdentityKindToProto(IdentityKind kind) {
  return static_cast<v1::IdentityKind>(static_cast<int>(kind));
}

std::optional<IdentityKind> IdentityKindFromProto(int kind) {
  if (kind == v1::IDENTITY_KIND_UNSPECIFIED || !v1::IdentityKind_IsValid(kind)) {
    return std::nullopt;
  }
  return static_cast<IdentityKind>(kind);
}

Identity IdentityFromProto(const v1::Identity& identity) {
  Identity result;
  result.kind = IdentityKindFromProto(identity.kind()).value_or(IdentityKind::kEmail);
  result.value = identity.value();
  result.trust = IdentityTrustFromProtoNumber(identity.trust());
  return result;
}

void IdentityToProto(const Identity& identity, v1::Identity* out) {
  out->set_kind(IdentityKindToProto(identity.kind));
  out->set_value(identity.value);
  const auto trust = static_cast<v1::IdentityTrust>(IdentityTrustProtoNumber(identity.trust));
  out->set_trust(trust);
  // Only a stored identity has provenance; others (a rule's contacted identity) stay bare.
  if (identity.provenance.source.empty()) return;
  v1::IdentityProvenance* provenance = out->mutable_provenance();
  provenance->set_source(identity.provenance.source);
  provenance->set_asserted_by(identity.provenance.asserted_by);
  TimeToProto(identity.provenance.assert_time, provenance->mutable_assert_time());
  provenance->set_trust(trust);
}

std::vector<Identity> IdentitiesFromProto(
    const google::protobuf::RepeatedPtrField<v1::Identity>& identities) {
  std::vector<Identity> result;
  result.reserve(identities.size());
  for (const v1::Identity& identity : identities) result.push_back(IdentityFromProto(identity));
  return result;
}

Customer CustomerFromProto(const v1::Customer& customer) {
  Customer result;
  result.display_name = customer.display_name();
  result.identities = IdentitiesFromProto(customer.identities());
  result.attributes = AttributesFromProto(customer.attributes());
  return result;
}

void CustomerToProto(const Customer& customer, v1::Customer* out) {
  out->Clear();
  out->set_name(CustomerName(customer.id));
  out->set_display_name(customer.display_name);
  for (const Identity& identity : customer.identities) {
    IdentityToProto(identity, out->add_identities());
  }
  AttributesToProto(customer.attributes, out->mutable_attributes());
  TimeToProto(customer.create_time, out->mutable_create_time());
  TimeToProto(customer.update_time, out->mutable_update_time());
  for (CustomerId merged : customer.merged_ids) out->add_merged_names(CustomerName(merged));
}

}  // namespace cxhub
