// The sizes an interaction may have, from the server config's `limits`. The same limits hold
// for an interaction recorded through the API and for one a connector ingests.
#ifndef CXHUB_SERVER_CORE_RECORD_LIMITS_H_
#define CXHUB_SERVER_CORE_RECORD_LIMITS_H_

#include <cstdint>

namespace cxhub {

struct RecordLimits {
  int32_t max_field_bytes = 1024;    // names, ids, subjects, channel slugs, attribute keys
  int32_t max_body_bytes = 1 << 20;  // bodies, comments, descriptions, attribute values
  int32_t max_attributes = 64;
  int32_t max_identities = 32;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RECORD_LIMITS_H_
