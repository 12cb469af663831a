// Model <-> proto conversions shared by the cxhub.v1 services: well-known types, attribute
// maps, identities and customers. touchpoint_conversion.h and interaction_conversion.h hold
// the rest, one header per resource.
//
// The *FromProto functions expect input that passed validation: they do not report errors.
// Enum *FromProto functions return nullopt for UNSPECIFIED and for numbers the enum does not
// define (proto3 enums are open), and validation rejects both. Output-only fields (name,
// create_time, ...) are ignored on the way in.
#ifndef CXHUB_SERVER_API_PROTO_CONVERSION_H_
#define CXHUB_SERVER_API_PROTO_CONVERSION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cxhub/v1/customer.pb.h"
#include "cxhub/v1/identity.pb.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/map.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "server/core/model.h"

namespace cxhub {

// Timestamp/Duration values must be in their documented ranges (validation checks that).
absl::Time TimeFromProto(const google::protobuf::Timestamp& timestamp);
void TimeToProto(absl::Time time, google::protobuf::Timestamp* out);
absl::Duration DurationFromProto(const google::protobuf::Duration& duration);
void DurationToProto(absl::Duration duration, google::protobuf::Duration* out);

Attributes AttributesFromProto(const google::protobuf::Map<std::string, std::string>& map);
void AttributesToProto(const Attributes& attributes,
                       google::protobuf::Map<std::string, std::string>* out);

v1::IdentityKind IdentityKindToProto(IdentityKind kind);
std::optional<IdentityKind> IdentityKindFromProto(int kind);

Identity IdentityFromProto(const v1::Identity& identity);
void IdentityToProto(const Identity& identity, v1::Identity* out);
std::vector<Identity> IdentitiesFromProto(
    const google::protobuf::RepeatedPtrField<v1::Identity>& identities);

// display_name, identities and attributes; the rest is output only.
Customer CustomerFromProto(const v1::Customer& customer);
void CustomerToProto(const Customer& customer, v1::Customer* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_PROTO_CONVERSION_H_
