// Interaction <-> cxhub.v1.Interaction, and record requests and results (see
// proto_conversion.h for the conventions).
#ifndef CXHUB_SERVER_API_INTERACTION_CONVERSION_H_
#define CXHUB_SERVER_API_INTERACTION_CONVERSION_H_

#include <optional>
#include <string_view>

#include "cxhub/v1/interaction.pb.h"
#include "server/core/interaction_log.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

v1::InteractionKind InteractionKindToProto(InteractionKind kind);
std::optional<InteractionKind> InteractionKindFromProto(int kind);
v1::Direction DirectionToProto(Direction direction);
std::optional<Direction> DirectionFromProto(int direction);
v1::SurveyMetric SurveyMetricToProto(SurveyMetric metric);
std::optional<SurveyMetric> SurveyMetricFromProto(int metric);

// rated_interaction (interactions/{id}) becomes an id, 0 when empty.
Survey SurveyFromProto(const v1::Survey& survey);
void SurveyToProto(const Survey& survey, v1::Survey* out);
Purchase PurchaseFromProto(const v1::Purchase& purchase);
void PurchaseToProto(const Purchase& purchase, v1::Purchase* out);

// customer and touchpoint names become ids (0 when empty); name, create_time, mentioned_score
// and touchpoint_rule are output only. An unset duration is zero; a zero duration is left unset
// on the way out.
Interaction InteractionFromProto(const v1::Interaction& interaction);
void InteractionToProto(const Interaction& interaction, v1::Interaction* out);

// The filter of a (validated) ListInteractions request; an UNSPECIFIED kind does not filter.
InteractionFilter InteractionFilterFromRequest(const v1::ListInteractionsRequest& request);

// `caller` is the token name of the call (empty when authentication is off): it is the
// recording's actor, and the identities' provenance names it beside the record.
RecordRequest RecordRequestFromProto(const v1::RecordInteractionRequest& request,
                                     std::string_view caller);
void RecordResultToProto(const RecordResult& result, v1::RecordInteractionResponse* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_INTERACTION_CONVERSION_H_
