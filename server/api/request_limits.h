// Limits every request is validated against, from the server config's `limits` (and
// `load_limits`). The sizes of an
// interaction are core's RecordLimits, which the connector host applies too.
#ifndef CXHUB_SERVER_API_REQUEST_LIMITS_H_
#define CXHUB_SERVER_API_REQUEST_LIMITS_H_

#include <cstddef>
#include <cstdint>

#include "server/core/record_limits.h"

namespace cxhub {

struct RequestLimits : RecordLimits {
  int32_t default_page_size = 50;
  int32_t max_page_size = 1000;
  int32_t max_batch_size = 1000;
  int32_t max_channels = 32;  // channels serving one touchpoint
  // From the config's load_limits (server/load_limits_from_config.h).
  int32_t max_watch_streams = 1000;
  int32_t max_concurrent_calls = 256;            // unary calls in flight at once, over all services
  size_t max_list_page_bytes = 3 * 1024 * 1024;  // a List page stops before it grows past this
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_REQUEST_LIMITS_H_
