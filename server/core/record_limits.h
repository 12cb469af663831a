// The sizes an interaction may have, from the server config's `limits`. The same limits hold
// for an interaction recorded through the API and for one a connector ingests; the defaults are
// the SDK's (cxhub/connector_limits.h), which the plugins clip to.
#ifndef CXHUB_SERVER_CORE_RECORD_LIMITS_H_
#define CXHUB_SERVER_CORE_RECORD_LIMITS_H_

#include <cstdint>

#include "cxhub/connector_limits.h"

namespace cxhub {

struct RecordLimits {
  // names, ids, subjects, channel slugs, attribute keys
  int32_t max_field_bytes = CXHUB_LIMIT_FIELD_BYTES;
  // bodies, comments, descriptions, attribute values
  int32_t max_body_bytes = CXHUB_LIMIT_BODY_BYTES;
  int32_t max_attributes = CXHUB_LIMIT_ATTRIBUTES;
  int32_t max_identities = CXHUB_LIMIT_IDENTITIES;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RECORD_LIMITS_H_
