#include "server/core/record_validation.h"

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/core/currency_codes.h"
#include "server/core/field_violation.h"
#include "server/core/status_macros.h"
#include "server/core/visit_intent.h"

namespace cxhub {
namespace {

constexpr size_t kMaxChannelBytes = 32;

// What is wrong with `value` as a field of at most `max_bytes` (`required`: not empty either), or
// nothing. The checks below name a field only when something is: a record whose every attribute
// was named up front (its key quoted and escaped) cost a tenth of a connector's commit thread
// (perf, mail).
std::optional<std::string> LengthProblem(absl::string_view value, int32_t max_bytes,
                                         bool required) {
  if (required && value.empty()) return "required";
  if (value.size() > static_cast<size_t>(max_bytes)) {
    return absl::StrCat("must be at most ", max_bytes, " bytes, got ", value.size());
  }
  return std::nullopt;
}

// `problem` as the error of `field`, or OK when there is none.
absl::Status ProblemOf(absl::string_view field, std::optional<std::string> problem) {
  return problem.has_value() ? InvalidFieldError(field, *problem) : absl::OkStatus();
}

// One attribute's name in errors: field["key"].
std::string AttributeField(absl::string_view field, absl::string_view key) {
  return absl::StrCat(field, "[", QuoteValue(key), "]");
}

struct ScoreRange {
  absl::string_view metric;
  int32_t min;
  int32_t max;
};

ScoreRange RangeOf(SurveyMetric metric) {
  switch (metric) {
    case SurveyMetric::kNps:
      return {"NPS", 0, 10};
    case SurveyMetric::kCsat:
      return {"CSAT", 1, 5};
    case SurveyMetric::kCes:
      return {"CES", 1, 7};
  }
  return {"UNKNOWN", 0, -1};
}

absl::Status CheckSurvey(const Interaction& interaction, absl::string_view field,
                         const RecordLimits& limits) {
  const bool is_survey = interaction.kind == InteractionKind::kSurveyResponse;
  if (!interaction.survey.has_value()) {
    return is_survey ? InvalidFieldError(field, "required when kind is SURVEY_RESPONSE")
                     : absl::OkStatus();
  }
  if (!is_survey) return InvalidFieldError(field, "only allowed when kind is SURVEY_RESPONSE");
  const Survey& survey = *interaction.survey;
  CXHUB_RETURN_IF_ERROR(
      CheckSurveyScore(survey.metric, survey.score, absl::StrCat(field, ".score")));
  CXHUB_RETURN_IF_ERROR(
      CheckLength(survey.comment, absl::StrCat(field, ".comment"), limits.max_body_bytes));
  CXHUB_RETURN_IF_ERROR(
      CheckLength(survey.question, absl::StrCat(field, ".question"), limits.max_body_bytes));
  CXHUB_RETURN_IF_ERROR(CheckLength(survey.touchpoint_tag, absl::StrCat(field, ".touchpoint_tag"),
                                    limits.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(CheckLength(survey.rated_thread_id, absl::StrCat(field, ".rated_thread_id"),
                                    limits.max_field_bytes));
  if (survey.rated_interaction_id < 0) {
    return InvalidFieldError(absl::StrCat(field, ".rated_interaction"), "must be a positive id");
  }
  return absl::OkStatus();
}

// The largest amount a purchase may carry: sums over millions of orders stay far inside int64.
constexpr int64_t kMaxPurchaseMinorUnits = 1'000'000'000'000'000;

absl::Status CheckPurchase(const Interaction& interaction, absl::string_view field,
                           const RecordLimits& limits) {
  const bool is_purchase = interaction.kind == InteractionKind::kPurchase;
  if (!interaction.purchase.has_value()) {
    return is_purchase ? InvalidFieldError(field, "required when kind is PURCHASE")
                       : absl::OkStatus();
  }
  if (!is_purchase) return InvalidFieldError(field, "only allowed when kind is PURCHASE");
  const Purchase& purchase = *interaction.purchase;
  const std::string currency_field = absl::StrCat(field, ".currency");
  if (purchase.currency.empty()) return InvalidFieldError(currency_field, "required");
  if (!CurrencyMinorUnitExponent(purchase.currency).has_value()) {
    return InvalidFieldError(currency_field,
                             absl::StrCat("must be an active ISO 4217 code such as EUR, got ",
                                          QuoteValue(purchase.currency)));
  }
  if (purchase.amount_minor_units < 0 || purchase.amount_minor_units > kMaxPurchaseMinorUnits) {
    return InvalidFieldError(absl::StrCat(field, ".amount_minor_units"),
                             absl::StrCat("must be 0 to ", kMaxPurchaseMinorUnits, ", got ",
                                          purchase.amount_minor_units));
  }
  return CheckLength(purchase.order_id, absl::StrCat(field, ".order_id"), limits.max_field_bytes);
}

absl::Status CheckInteraction(const Interaction& interaction, const RecordLimits& limits) {
  CXHUB_RETURN_IF_ERROR(CheckChannelSlug(interaction.channel, "interaction.channel"));
  CXHUB_RETURN_IF_ERROR(
      CheckLength(interaction.thread_id, "interaction.thread_id", limits.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(
      CheckLength(interaction.subject, "interaction.subject", limits.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(CheckLength(interaction.body, "interaction.body", limits.max_body_bytes));
  // "<channel>:" before the record's global_id, within the field limit.
  CXHUB_RETURN_IF_ERROR(CheckLength(interaction.global_key, "interaction.global_id",
                                    limits.max_field_bytes + kMaxChannelBytes + 1));
  CXHUB_RETURN_IF_ERROR(
      CheckRequired(interaction.source, "interaction.source", limits.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(
      CheckRequired(interaction.external_id, "interaction.external_id", limits.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(CheckSurvey(interaction, "interaction.survey", limits));
  CXHUB_RETURN_IF_ERROR(CheckPurchase(interaction, "interaction.purchase", limits));
  CXHUB_RETURN_IF_ERROR(CheckVisitIntent(interaction, "interaction.attributes"));
  return CheckAttributes(interaction.attributes, "interaction.attributes", limits);
}

}  // namespace

absl::Status CheckLength(absl::string_view value, absl::string_view field, int32_t max_bytes) {
  return ProblemOf(field, LengthProblem(value, max_bytes, /*required=*/false));
}

absl::Status CheckRequired(absl::string_view value, absl::string_view field, int32_t max_bytes) {
  return ProblemOf(field, LengthProblem(value, max_bytes, /*required=*/true));
}

absl::Status CheckChannelSlug(absl::string_view channel, absl::string_view field) {
  if (channel.empty()) return InvalidFieldError(field, "required");
  bool ok = channel.size() <= kMaxChannelBytes;
  for (char c : channel) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    return InvalidFieldError(field,
                             absl::StrCat("must match [a-z0-9_]{1,32}, got ", QuoteValue(channel)));
  }
  return absl::OkStatus();
}

absl::Status CheckAttributeCount(size_t count, absl::string_view field,
                                 const RecordLimits& limits) {
  if (count > static_cast<size_t>(limits.max_attributes)) {
    return InvalidFieldError(
        field, absl::StrCat("at most ", limits.max_attributes, " attributes, got ", count));
  }
  return absl::OkStatus();
}

absl::Status CheckAttribute(absl::string_view key, absl::string_view value, absl::string_view field,
                            const RecordLimits& limits) {
  if (key.empty()) return InvalidFieldError(field, "keys must not be empty");
  if (key.size() > static_cast<size_t>(limits.max_field_bytes)) {
    return InvalidFieldError(
        AttributeField(field, key),
        absl::StrCat("key must be at most ", limits.max_field_bytes, " bytes, got ", key.size()));
  }
  if (std::optional<std::string> problem =
          LengthProblem(value, limits.max_body_bytes, /*required=*/false)) {
    return InvalidFieldError(AttributeField(field, key), *problem);
  }
  return absl::OkStatus();
}

absl::Status CheckSurveyScore(SurveyMetric metric, int32_t score, absl::string_view field) {
  const ScoreRange range = RangeOf(metric);
  if (score < range.min || score > range.max) {
    return InvalidFieldError(field, absl::StrCat(range.metric, " scores are ", range.min, " to ",
                                                 range.max, ", got ", score));
  }
  return absl::OkStatus();
}

absl::Status CheckIdentities(const std::vector<Identity>& identities, absl::string_view field,
                             const RecordLimits& limits, bool required) {
  if (required && identities.empty()) {
    return InvalidFieldError(field, "at least one identity is required");
  }
  if (identities.size() > static_cast<size_t>(limits.max_identities)) {
    return InvalidFieldError(field, absl::StrCat("at most ", limits.max_identities,
                                                 " identities, got ", identities.size()));
  }
  for (size_t i = 0; i < identities.size(); ++i) {
    if (std::optional<std::string> problem =
            LengthProblem(identities[i].value, limits.max_field_bytes, /*required=*/true)) {
      return InvalidFieldError(absl::StrCat(field, "[", i, "].value"), *problem);
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRatedInteraction(StoreReader& reader, const Interaction& interaction) {
  if (!interaction.survey.has_value() || interaction.survey->rated_interaction_id == 0) {
    return absl::OkStatus();
  }
  const InteractionId rated = interaction.survey->rated_interaction_id;
  absl::Status status = reader.GetInteraction(rated).status();
  if (absl::IsNotFound(status)) {
    return absl::NotFoundError(absl::StrCat("interaction.survey.rated_interaction: interaction ",
                                            rated, " does not exist"));
  }
  return status;
}

absl::Status ValidateRecordRequest(const RecordRequest& request, const RecordLimits& limits) {
  CXHUB_RETURN_IF_ERROR(CheckInteraction(request.interaction, limits));
  CXHUB_RETURN_IF_ERROR(
      CheckLength(request.customer_display_name, "customer_display_name", limits.max_field_bytes));
  return CheckIdentities(request.identities, "customer_identities", limits,
                         /*required=*/request.interaction.customer_id == 0);
}

}  // namespace cxhub
