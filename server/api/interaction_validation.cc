#include "server/api/interaction_validation.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "server/api/field_errors.h"
#include "server/api/interaction_conversion.h"
#include "server/api/page_token.h"
#include "server/api/proto_conversion.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/core/record_validation.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// The fields are named as in a RecordInteraction request, with literal paths: an item of a batch
// has its name put before them only when it fails (NestFieldViolation). Paths built for every
// field of every item, to name errors that were not there, were some 20 allocations an item.
absl::Status ValidateSurvey(const v1::Interaction& interaction, const RequestLimits& limits) {
  constexpr absl::string_view kField = "interaction.survey";
  const bool is_survey = interaction.kind() == v1::SURVEY_RESPONSE;
  if (!interaction.has_survey()) {
    return is_survey ? InvalidFieldError(kField, "required when kind is SURVEY_RESPONSE")
                     : absl::OkStatus();
  }
  if (!is_survey) return InvalidFieldError(kField, "only allowed when kind is SURVEY_RESPONSE");
  const v1::Survey& survey = interaction.survey();
  if (absl::Status status =
          ValidateEnum(survey.metric(), v1::SurveyMetric_IsValid, "interaction.survey.metric");
      !status.ok()) {
    return status;
  }
  // The proto's metric numbers are the model's.
  if (absl::Status status = CheckSurveyScore(static_cast<SurveyMetric>(survey.metric()),
                                             survey.score(), "interaction.survey.score");
      !status.ok()) {
    return status;
  }
  // The lengths of question, touchpoint_tag and rated_thread_id are core's checks
  // (record_validation.h), which both ingestion paths run.
  return FirstError({
      ValidateBodyLength(survey.comment(), "interaction.survey.comment", limits),
      survey.rated_interaction().empty()
          ? absl::OkStatus()
          : ParseInteractionName(survey.rated_interaction(), "interaction.survey.rated_interaction")
                .status(),
  });
}

absl::Status ValidateInteraction(const v1::Interaction& interaction, const RequestLimits& limits) {
  return FirstError({
      interaction.customer().empty()
          ? absl::OkStatus()
          : ParseCustomerName(interaction.customer(), "interaction.customer").status(),
      ValidateChannelSlug(interaction.channel(), "interaction.channel"),
      interaction.touchpoint().empty()
          ? absl::OkStatus()
          : ParseTouchpointName(interaction.touchpoint(), "interaction.touchpoint").status(),
      ValidateEnum(interaction.kind(), v1::InteractionKind_IsValid, "interaction.kind"),
      ValidateEnum(interaction.direction(), v1::Direction_IsValid, "interaction.direction"),
      interaction.has_occur_time()
          ? ValidateTimestamp(interaction.occur_time(), "interaction.occur_time")
          : InvalidFieldError("interaction.occur_time", "required"),
      ValidateFieldLength(interaction.thread_id(), "interaction.thread_id", limits),
      ValidateFieldLength(interaction.subject(), "interaction.subject", limits),
      ValidateBodyLength(interaction.body(), "interaction.body", limits),
      interaction.has_duration() ? ValidateDuration(interaction.duration(), "interaction.duration")
                                 : absl::OkStatus(),
      ValidateRequiredField(interaction.source(), "interaction.source", limits),
      ValidateRequiredField(interaction.external_id(), "interaction.external_id", limits),
      ValidateSurvey(interaction, limits),
      ValidateAttributes(interaction.attributes(), "interaction.attributes", limits),
  });
}

}  // namespace

absl::Status ValidateRequest(const v1::RecordInteractionRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_interaction()) return InvalidFieldError("interaction", "required");
  const bool has_customer = !request.interaction().customer().empty();
  const bool has_identities = request.customer_identities_size() > 0;
  if (has_customer && has_identities) {
    return InvalidFieldError("customer_identities",
                             "must be empty when interaction.customer is set");
  }
  if (!has_customer && !has_identities) {
    return InvalidFieldError("interaction.customer",
                             "required unless customer_identities are given");
  }
  return FirstError({
      ValidateInteraction(request.interaction(), limits),
      ValidateIdentities(request.customer_identities(), "customer_identities", limits),
      ValidateFieldLength(request.customer_display_name(), "customer_display_name", limits),
  });
}

absl::Status ValidateRequest(const v1::BatchRecordInteractionsRequest& request,
                             const RequestLimits& limits) {
  if (request.requests_size() < 1 || request.requests_size() > limits.max_batch_size) {
    return InvalidFieldError("requests", absl::StrCat("must hold 1 to ", limits.max_batch_size,
                                                      " items, got ", request.requests_size()));
  }
  return absl::OkStatus();
}

absl::Status ValidateRequest(const v1::GetInteractionRequest& request,
                             const RequestLimits& limits) {
  return ParseInteractionName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListInteractionsRequest& request,
                             const RequestLimits& limits) {
  if (absl::Status status = FirstError({
          ParseCustomerName(request.parent(), "parent").status(),
          ValidatePageSize(request.page_size(), limits),
          request.channel().empty() ? absl::OkStatus()
                                    : ValidateChannelSlug(request.channel(), "channel"),
          request.touchpoint().empty()
              ? absl::OkStatus()
              : ParseTouchpointName(request.touchpoint(), "touchpoint").status(),
          request.kind() == v1::INTERACTION_KIND_UNSPECIFIED
              ? absl::OkStatus()
              : ValidateEnum(request.kind(), v1::InteractionKind_IsValid, "kind"),
          request.has_start_time() ? ValidateTimestamp(request.start_time(), "start_time")
                                   : absl::OkStatus(),
          request.has_end_time() ? ValidateTimestamp(request.end_time(), "end_time")
                                 : absl::OkStatus(),
      });
      !status.ok()) {
    return status;
  }
  if (request.has_start_time() && request.has_end_time() &&
      TimeFromProto(request.end_time()) < TimeFromProto(request.start_time())) {
    return InvalidFieldError("end_time", "must not be before start_time");
  }
  const InteractionFilter filter = InteractionFilterFromRequest(request);
  return DecodeInteractionPageToken(request.page_token(), InteractionFilterFingerprint(filter))
      .status();
}

absl::Status ValidateRequest(const v1::WatchInteractionsRequest& request,
                             const RequestLimits& limits) {
  if (!request.customer().empty()) {
    CXHUB_RETURN_IF_ERROR(ParseCustomerName(request.customer(), "customer").status());
  }
  if (!request.start_after().empty()) {
    CXHUB_RETURN_IF_ERROR(ParseInteractionName(request.start_after(), "start_after").status());
  }
  return absl::OkStatus();
}

}  // namespace cxhub
