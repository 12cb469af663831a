#include "server/api/interaction_conversion.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"

namespace cxhub {
namespace {

// Names were validated before conversion; one that still fails to parse maps to 0 ("none").
int64_t IdOrZero(const absl::StatusOr<int64_t>& id) { return id.ok() ? *id : 0; }

}  // namespace

// The model numbers its enums as the protos do; conversions rely on it.
static_assert(static_cast<int>(InteractionKind::kMessage) == v1::MESSAGE);
static_assert(static_cast<int>(InteractionKind::kSurveyResponse) == v1::SURVEY_RESPONSE);
static_assert(static_cast<int>(InteractionKind::kVisit) == v1::VISIT);
static_assert(static_cast<int>(Direction::kInbound) == v1::INBOUND);
static_assert(static_cast<int>(Direction::kOutbound) == v1::OUTBOUND);
static_assert(static_cast<int>(SurveyMetric::kNps) == v1::NPS);
static_assert(static_cast<int>(SurveyMetric::kCsat) == v1::CSAT);
static_assert(static_cast<int>(SurveyMetric::kCes) == v1::CES);

v1::InteractionKind InteractionKindToProto(InteractionKind kind) {
  return static_cast<v1::InteractionKind>(static_cast<int>(kind));
}

std::optional<InteractionKind> InteractionKindFromProto(int kind) {
  if (kind == v1::INTERACTION_KIND_UNSPECIFIED || !v1::InteractionKind_IsValid(kind)) {
    return std::nullopt;
  }
  return static_cast<InteractionKind>(kind);
}

v1::Direction DirectionToProto(Direction direction) {
  return static_cast<v1::Direction>(static_cast<int>(direction));
}

std::optional<Direction> DirectionFromProto(int direction) {
  if (direction == v1::DIRECTION_UNSPECIFIED || !v1::Direction_IsValid(direction)) {
    return std::nullopt;
  }
  return static_cast<Direction>(direction);
}

v1::SurveyMetric SurveyMetricToProto(SurveyMetric metric) {
  return static_cast<v1::SurveyMetric>(static_cast<int>(metric));
}

std::optional<SurveyMetric> SurveyMetricFromProto(int metric) {
  if (metric == v1::SURVEY_METRIC_UNSPECIFIED || !v1::SurveyMetric_IsValid(metric)) {
    return std::nullopt;
  }
  return static_cast<SurveyMetric>(metric);
}

Survey SurveyFromProto(const v1::Survey& survey) {
  Survey result;
  result.metric = SurveyMetricFromProto(survey.metric()).value_or(SurveyMetric::kNps);
  result.score = survey.score();
  result.comment = survey.comment();
  result.question = survey.question();
  result.touchpoint_tag = survey.touchpoint_tag();
  result.rated_thread_id = survey.rated_thread_id();
  if (!survey.rated_interaction().empty()) {
    result.rated_interaction_id =
        IdOrZero(ParseInteractionName(survey.rated_interaction(), "rated_interaction"));
  }
  return result;
}

void SurveyToProto(const Survey& survey, v1::Survey* out) {
  out->Clear();
  out->set_metric(SurveyMetricToProto(survey.metric));
  out->set_score(survey.score);
  out->set_comment(survey.comment);
  out->set_question(survey.question);
  out->set_touchpoint_tag(survey.touchpoint_tag);
  out->set_rated_thread_id(survey.rated_thread_id);
  if (survey.rated_interaction_id != 0) {
    out->set_rated_interaction(InteractionName(survey.rated_interaction_id));
  }
}

Purchase PurchaseFromProto(const v1::Purchase& purchase) {
  return Purchase{purchase.amount_minor_units(), purchase.currency(), purchase.order_id()};
}

void PurchaseToProto(const Purchase& purchase, v1::Purchase* out) {
  out->set_amount_minor_units(purchase.amount_minor_units);
  out->set_currency(purchase.currency);
  out->set_order_id(purchase.order_id);
}

Interaction InteractionFromProto(const v1::Interaction& interaction) {
  Interaction result;
  if (!interaction.customer().empty()) {
    result.customer_id = IdOrZero(ParseCustomerName(interaction.customer(), "customer"));
  }
  result.channel = interaction.channel();
  if (!interaction.touchpoint().empty()) {
    result.touchpoint_id = IdOrZero(ParseTouchpointName(interaction.touchpoint(), "touchpoint"));
  }
  result.kind = InteractionKindFromProto(interaction.kind()).value_or(InteractionKind::kMessage);
  result.direction = DirectionFromProto(interaction.direction()).value_or(Direction::kInbound);
  result.occur_time = TimeFromProto(interaction.occur_time());
  result.thread_id = interaction.thread_id();
  result.subject = interaction.subject();
  result.body = interaction.body();
  result.duration = DurationFromProto(interaction.duration());
  result.source = interaction.source();
  result.external_id = interaction.external_id();
  if (interaction.has_survey()) result.survey = SurveyFromProto(interaction.survey());
  if (interaction.has_purchase()) result.purchase = PurchaseFromProto(interaction.purchase());
  result.attributes = AttributesFromProto(interaction.attributes());
  return result;
}

void InteractionToProto(const Interaction& interaction, v1::Interaction* out) {
  out->Clear();
  out->set_name(InteractionName(interaction.id));
  out->set_customer(CustomerName(interaction.customer_id));
  out->set_channel(interaction.channel);
  if (interaction.touchpoint_id != 0) {
    out->set_touchpoint(TouchpointName(interaction.touchpoint_id));
  }
  out->set_kind(InteractionKindToProto(interaction.kind));
  out->set_direction(DirectionToProto(interaction.direction));
  TimeToProto(interaction.occur_time, out->mutable_occur_time());
  out->set_thread_id(interaction.thread_id);
  out->set_subject(interaction.subject);
  out->set_body(interaction.body);
  if (interaction.duration != absl::ZeroDuration()) {
    DurationToProto(interaction.duration, out->mutable_duration());
  }
  out->set_source(interaction.source);
  out->set_external_id(interaction.external_id);
  if (interaction.survey.has_value()) SurveyToProto(*interaction.survey, out->mutable_survey());
  if (interaction.purchase.has_value()) {
    PurchaseToProto(*interaction.purchase, out->mutable_purchase());
  }
  AttributesToProto(interaction.attributes, out->mutable_attributes());
  TimeToProto(interaction.create_time, out->mutable_create_time());
  if (interaction.mentioned_score.has_value()) {
    const MentionedScore& mentioned = *interaction.mentioned_score;
    v1::MentionedScore* score = out->mutable_mentioned_score();
    score->set_metric(SurveyMetricToProto(mentioned.metric));
    score->set_score(mentioned.score);
    score->set_scale(mentioned.scale);
    score->set_quote(mentioned.quote);
  }
  // A rule's name holds its touchpoint, which is the interaction's.
  if (interaction.touchpoint_rule_id != 0 && interaction.touchpoint_id != 0) {
    out->set_touchpoint_rule(
        TouchpointRuleName(interaction.touchpoint_id, interaction.touchpoint_rule_id));
  }
}

InteractionFilter InteractionFilterFromRequest(const v1::ListInteractionsRequest& request) {
  InteractionFilter filter;
  filter.customer_id = IdOrZero(ParseCustomerName(request.parent(), "parent"));
  filter.channel = request.channel();
  if (!request.touchpoint().empty()) {
    filter.touchpoint_id = IdOrZero(ParseTouchpointName(request.touchpoint(), "touchpoint"));
  }
  filter.kind = InteractionKindFromProto(request.kind());
  if (request.has_start_time()) filter.start_time = TimeFromProto(request.start_time());
  if (request.has_end_time()) filter.end_time = TimeFromProto(request.end_time());
  return filter;
}

RecordRequest RecordRequestFromProto(const v1::RecordInteractionRequest& request,
                                     std::string_view caller) {
  RecordRequest result;
  result.interaction = InteractionFromProto(request.interaction());
  result.identities = IdentitiesFromProto(request.customer_identities());
  result.customer_display_name = request.customer_display_name();
  // The API is one source of identities: the record it names tells which call asserted them.
  result.assertion.source = "api";
  result.assertion.asserted_by = absl::StrCat("RecordInteraction ", result.interaction.source, "/",
                                              result.interaction.external_id);
  result.actor = std::string(caller);
  if (!result.actor.empty()) absl::StrAppend(&result.assertion.asserted_by, " by ", result.actor);
  return result;
}

void RecordResultToProto(const RecordResult& result, v1::RecordInteractionResponse* out) {
  out->Clear();
  InteractionToProto(result.interaction, out->mutable_interaction());
  out->set_already_recorded(result.already_recorded);
  out->set_customer_created(result.customer_created);
  for (CustomerId merged : result.merged) out->add_merged_customers(CustomerName(merged));
  for (CustomerId conflicting : result.conflicting) {
    out->add_conflicting_customers(CustomerName(conflicting));
  }
}

}  // namespace cxhub
