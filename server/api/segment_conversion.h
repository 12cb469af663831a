// Segment <-> cxhub.v1.Segment, and the persona's reply (see proto_conversion.h for the
// conventions). Names and enums are validated before conversion (segment_validation.h).
#ifndef CXHUB_SERVER_API_SEGMENT_CONVERSION_H_
#define CXHUB_SERVER_API_SEGMENT_CONVERSION_H_

#include "cxhub/v1/segment.pb.h"
#include "server/core/model.h"
#include "server/core/persona_figures.h"

namespace cxhub {

// display_name, description, conditions; the rest is output only.
Segment SegmentFromProto(const v1::Segment& segment);
void SegmentToProto(const Segment& segment, v1::Segment* out);

SegmentCondition SegmentConditionFromProto(const v1::SegmentCondition& condition);

void PersonaToProto(const Persona& persona, v1::Persona* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_SEGMENT_CONVERSION_H_
