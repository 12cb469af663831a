// The server's load limits from the config's `load_limits` (zero fields take their defaults):
// the caps the API applies (Watch streams, List page bytes) go into RequestLimits, and the
// number of calls served at once becomes gRPC's thread quota.
#ifndef CXHUB_SERVER_LOAD_LIMITS_FROM_CONFIG_H_
#define CXHUB_SERVER_LOAD_LIMITS_FROM_CONFIG_H_

#include "cxhub/config/v1/config.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

inline constexpr int kDefaultMaxConcurrentCalls = 256;

// Sets limits.max_watch_streams and limits.max_list_page_bytes.
void ApplyLoadLimits(const config::v1::LimitsConfig& config, RequestLimits& limits);

// gRPC's thread quota (ResourceQuota::SetMaxThreads): every synchronous call in progress holds
// a thread; a call that finds none free is refused with RESOURCE_EXHAUSTED by gRPC. A few more
// for gRPC's own polling threads. Watch streams are served on the callback API and hold none.
int ServerThreadQuota(const config::v1::LimitsConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_LOAD_LIMITS_FROM_CONFIG_H_
