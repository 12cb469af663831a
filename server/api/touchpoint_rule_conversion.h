// TouchpointRule <-> cxhub.v1.TouchpointRule (see proto_conversion.h for the conventions).
#ifndef CXHUB_SERVER_API_TOUCHPOINT_RULE_CONVERSION_H_
#define CXHUB_SERVER_API_TOUCHPOINT_RULE_CONVERSION_H_

#include "cxhub/v1/touchpoint.pb.h"
#include "server/core/model.h"

namespace cxhub {

// priority, description and the criteria; name, create_time and update_time are output only
// (the caller sets id and touchpoint_id from the request's names). Kinds the proto does not
// define become kMessage (validation rejects them first).
TouchpointRule TouchpointRuleFromProto(const v1::TouchpointRule& rule);
// The name is touchpoints/{rule.touchpoint_id}/rules/{rule.id}.
void TouchpointRuleToProto(const TouchpointRule& rule, v1::TouchpointRule* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_TOUCHPOINT_RULE_CONVERSION_H_
