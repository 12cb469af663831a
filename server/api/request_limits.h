// Limits every request is validated against, from the server config's `limits`.
#ifndef CXHUB_SERVER_API_REQUEST_LIMITS_H_
#define CXHUB_SERVER_API_REQUEST_LIMITS_H_

#include <cstdint>

namespace cxhub {

struct RequestLimits {
  int32_t default_page_size = 50;
  int32_t max_page_size = 1000;
  int32_t max_batch_size = 1000;
  int32_t max_field_bytes = 1024;    // names, ids, subjects, channel slugs, attribute keys
  int32_t max_body_bytes = 1 << 20;  // bodies, comments, descriptions, attribute values
  int32_t max_attributes = 64;
  int32_t max_identities = 32;
  int32_t max_channels = 32;  // channels serving one touchpoint
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_REQUEST_LIMITS_H_
