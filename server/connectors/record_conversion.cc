#include "server/connectors/record_conversion.h"

#include <cstdint>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/core/business_identities.h"
#include "server/core/field_violation.h"
#include "server/core/record_validation.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

// The identities with their kinds checked; core checks their values.
absl::StatusOr<std::vector<Identity>> ConvertIdentities(
    const google::protobuf::RepeatedPtrField<v1::Identity>& identities, absl::string_view field) {
  std::vector<Identity> out;
  for (int i = 0; i < identities.size(); ++i) {
    const v1::Identity& identity = identities[i];
    if (identity.kind() < static_cast<int>(IdentityKind::kEmail) ||
        identity.kind() > static_cast<int>(IdentityKind::kExternal)) {
      return InvalidFieldError(absl::StrCat(field, "[", i, "].kind"),
                               identity.kind() == 0 ? "required" : "unknown kind");
    }
    Identity converted{static_cast<IdentityKind>(identity.kind()), identity.value()};
    converted.trust = IdentityTrustFromProtoNumber(identity.trust());
    out.push_back(std::move(converted));
  }
  return out;
}

absl::Status ConvertEnums(const connector::v1::InteractionRecord& record, Interaction& row) {
  if (record.kind() < static_cast<int>(InteractionKind::kMessage) ||
      record.kind() > static_cast<int>(InteractionKind::kVisit)) {
    return InvalidFieldError("interaction.kind", record.kind() == 0 ? "required" : "unknown kind");
  }
  if (record.direction() != static_cast<int>(Direction::kInbound) &&
      record.direction() != static_cast<int>(Direction::kOutbound)) {
    return InvalidFieldError("interaction.direction",
                             record.direction() == 0 ? "required" : "unknown direction");
  }
  row.kind = static_cast<InteractionKind>(record.kind());
  row.direction = static_cast<Direction>(record.direction());
  if (!record.has_survey()) return absl::OkStatus();
  const v1::Survey& survey = record.survey();
  if (survey.metric() < static_cast<int>(SurveyMetric::kNps) ||
      survey.metric() > static_cast<int>(SurveyMetric::kCes)) {
    return InvalidFieldError("interaction.survey.metric",
                             survey.metric() == 0 ? "required" : "unknown metric");
  }
  if (!survey.rated_interaction().empty()) {
    return InvalidFieldError("interaction.survey.rated_interaction",
                             "a connector cannot know interaction ids; use rated_thread_id");
  }
  Survey& converted = row.survey.emplace();
  converted.metric = static_cast<SurveyMetric>(survey.metric());
  converted.score = survey.score();
  converted.comment = survey.comment();
  converted.question = survey.question();
  converted.touchpoint_tag = survey.touchpoint_tag();
  converted.rated_thread_id = survey.rated_thread_id();
  return absl::OkStatus();
}

absl::Status ConvertTimes(const connector::v1::InteractionRecord& record, Interaction& row) {
  if (!record.has_occur_time()) return InvalidFieldError("interaction.occur_time", "required");
  const google::protobuf::Timestamp& time = record.occur_time();
  if (time.seconds() < kMinSeconds || time.seconds() > kMaxSeconds || time.nanos() < 0 ||
      time.nanos() > 999999999) {
    return InvalidFieldError(
        "interaction.occur_time",
        absl::StrCat("out of range (seconds ", time.seconds(), ", nanos ", time.nanos(), ")"));
  }
  row.occur_time = absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
  if (!record.has_duration()) return absl::OkStatus();
  const google::protobuf::Duration& duration = record.duration();
  if (duration.seconds() < 0 || duration.nanos() < 0 || duration.nanos() > 999999999 ||
      duration.seconds() > 315576000000) {
    return InvalidFieldError("interaction.duration",
                             "must be non-negative and at most 10000 years");
  }
  row.duration = absl::Seconds(duration.seconds()) + absl::Nanoseconds(duration.nanos());
  return absl::OkStatus();
}

// Keeps the business identities the customer contacted in attributes["business_identities"].
absl::Status ConvertBusinessIdentities(const connector::v1::InteractionRecord& record,
                                       const RecordLimits& limits, Interaction& row) {
  constexpr absl::string_view kField = "interaction.business_identities";
  CXHUB_ASSIGN_OR_RETURN(std::vector<Identity> business,
                         ConvertIdentities(record.business_identities(), kField));
  CXHUB_RETURN_IF_ERROR(CheckIdentities(business, kField, limits, /*required=*/false));
  if (business.empty()) return absl::OkStatus();
  row.attributes[std::string(kBusinessIdentitiesAttribute)] = FormatBusinessIdentities(business);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RecordRequest> RecordRequestFromRecord(
    const connector::v1::InteractionRecord& record, const std::string& source,
    const RecordLimits& limits) {
  RecordRequest request;
  Interaction& row = request.interaction;
  CXHUB_RETURN_IF_ERROR(ConvertEnums(record, row));
  CXHUB_RETURN_IF_ERROR(ConvertTimes(record, row));
  CXHUB_ASSIGN_OR_RETURN(request.identities, ConvertIdentities(record.customer_identities(),
                                                               "interaction.customer_identities"));
  row.attributes.insert(record.attributes().begin(), record.attributes().end());
  CXHUB_RETURN_IF_ERROR(ConvertBusinessIdentities(record, limits, row));
  row.channel = record.channel();
  row.thread_id = record.thread_id();
  row.subject = record.subject();
  row.body = record.body();
  row.source = source;
  row.external_id = record.external_id();
  if (!record.global_id().empty()) {
    row.global_key = absl::StrCat(record.channel(), ":", record.global_id());
  }
  request.customer_display_name = record.customer_display_name();
  request.replaces_earlier = record.replaces_earlier();
  if (record.has_purchase()) {  // Core checks it (record_validation.h): a bad one dead-letters.
    const v1::Purchase& purchase = record.purchase();
    row.purchase =
        Purchase{purchase.amount_minor_units(), purchase.currency(), purchase.order_id()};
  }
  return request;
}

absl::StatusOr<std::vector<Identity>> IdentitiesFromLink(const connector::v1::IdentityLink& link) {
  return ConvertIdentities(link.identities(), "identity_link.identities");
}

absl::Status NameRecordField(const absl::Status& status) {
  std::optional<FieldViolation> violation = FieldViolationOf(status);
  if (!violation.has_value() || absl::StartsWith(violation->field, "interaction.")) return status;
  return NestFieldViolation(status, "interaction.");
}

}  // namespace cxhub
