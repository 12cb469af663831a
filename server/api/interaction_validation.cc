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

absl::Status ValidateSurvey(const v1::Interaction& interaction, const std::string& field,
                            const RequestLimits& limits) {
  const bool is_survey = interaction.kind() == v1::SURVEY_RESPONSE;
  if (!interaction.has_survey()) {
    return is_survey ? InvalidFieldError(field, "required when kind is SURVEY_RESPONSE")
                     : absl::OkStatus();
  }
  if (!is_survey) return InvalidFieldError(field, "only allowed when kind is SURVEY_RESPONSE");
  const v1::Survey& survey = interaction.survey();
  if (absl::Status status =
          ValidateEnum(survey.metric(), v1::SurveyMetric_IsValid, absl::StrCat(field, ".metric"));
      !status.ok()) {
    return status;
  }
  // The proto's metric numbers are the model's.
  if (absl::Status status = CheckSurveyScore(static_cast<SurveyMetric>(survey.metric()),
                                             survey.score(), absl::StrCat(field, ".score"));
      !status.ok()) {
    return status;
  }
  // The lengths of question, touchpoint_tag and rated_thread_id are core's checks
  // (record_validation.h), which both ingestion paths run.
  return FirstError({
      ValidateBodyLength(survey.comment(), absl::StrCat(field, ".comment"), limits),
      survey.rated_interaction().empty()
          ? absl::OkStatus()
          : ParseInteractionName(survey.rated_interaction(),
                                 absl::StrCat(field, ".rated_interaction"))
                .status(),
  });
}

absl::Status ValidateInteraction(const v1::Interaction& interaction, const std::string& path,
                                 const RequestLimits& limits) {
  auto field = [&path](absl::string_view name) { return absl::StrCat(path, ".", name); };
  return FirstError({
      interaction.customer().empty()
          ? absl::OkStatus()
          : ParseCustomerName(interaction.customer(), field("customer")).status(),
      ValidateChannelSlug(interaction.channel(), field("channel")),
      interaction.touchpoint().empty()
          ? absl::OkStatus()
          : ParseTouchpointName(interaction.touchpoint(), field("touchpoint")).status(),
      ValidateEnum(interaction.kind(), v1::InteractionKind_IsValid, field("kind")),
      ValidateEnum(interaction.direction(), v1::Direction_IsValid, field("direction")),
      interaction.has_occur_time()
          ? ValidateTimestamp(interaction.occur_time(), field("occur_time"))
          : InvalidFieldError(field("occur_time"), "required"),
      ValidateFieldLength(interaction.thread_id(), field("thread_id"), limits),
      ValidateFieldLength(interaction.subject(), field("subject"), limits),
      ValidateBodyLength(interaction.body(), field("body"), limits),
      interaction.has_duration() ? ValidateDuration(interaction.duration(), field("duration"))
                                 : absl::OkStatus(),
      ValidateRequiredField(interaction.source(), field("source"), limits),
      ValidateRequiredField(interaction.external_id(), field("external_id"), limits),
      ValidateSurvey(interaction, field("survey"), limits),
      ValidateAttributes(interaction.attributes(), field("attributes"), limits),
  });
}

}  // namespace

absl::Status ValidateRequest(const v1::RecordInteractionRequest& request,
                             const RequestLimits& limits, absl::string_view prefix) {
  const std::string interaction_field = absl::StrCat(prefix, "interaction");
  if (!request.has_interaction()) return InvalidFieldError(interaction_field, "required");
  const std::string identities_field = absl::StrCat(prefix, "customer_identities");
  const bool has_customer = !request.interaction().customer().empty();
  const bool has_identities = request.customer_identities_size() > 0;
  if (has_customer && has_identities) {
    return InvalidFieldError(identities_field, "must be empty when interaction.customer is set");
  }
  if (!has_customer && !has_identities) {
    return InvalidFieldError(absl::StrCat(interaction_field, ".customer"),
                             "required unless customer_identities are given");
  }
  return FirstError({
      ValidateInteraction(request.interaction(), interaction_field, limits),
      ValidateIdentities(request.customer_identities(), identities_field, limits),
      ValidateFieldLength(request.customer_display_name(),
                          absl::StrCat(prefix, "customer_display_name"), limits),
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
