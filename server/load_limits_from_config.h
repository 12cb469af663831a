// The server's load limits from the config's `load_limits` (zero fields take their defaults):
// the caps the API applies (Watch streams, calls in flight, List page bytes) go into
// RequestLimits, and gRPC's thread quota is sized to leave them room.
#ifndef CXHUB_SERVER_LOAD_LIMITS_FROM_CONFIG_H_
#define CXHUB_SERVER_LOAD_LIMITS_FROM_CONFIG_H_

#include "cxhub/config/v1/config.pb.h"
#include "server/api/request_limits.h"

namespace cxhub {

// Sets limits.max_watch_streams, max_concurrent_calls and max_list_page_bytes.
void ApplyLoadLimits(const config::v1::LimitsConfig& config, RequestLimits& limits);

// gRPC's thread quota (ResourceQuota::SetMaxThreads), a backstop behind the API's own cap:
// every synchronous call in progress holds a thread, so the quota is the calls cap plus gRPC's
// own polling threads. Watch streams run on the callback API and hold none. Calls over the cap
// are refused by the API with a message naming the setting (access_checked_service.h); the quota
// only ever refuses calls the API does not count (health, reflection) when far more are in flight.
int ServerThreadQuota(const RequestLimits& limits);

}  // namespace cxhub

#endif  // CXHUB_SERVER_LOAD_LIMITS_FROM_CONFIG_H_
