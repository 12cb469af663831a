#include "server/load_limits_from_config.h"

#include <algorithm>
#include <thread>

namespace cxhub {

void ApplyLoadLimits(const config::v1::LimitsConfig& config, RequestLimits& limits) {
  if (config.max_watch_streams() > 0) {
    limits.max_watch_streams = static_cast<int32_t>(config.max_watch_streams());
  }
  if (config.max_list_page_bytes() > 0) limits.max_list_page_bytes = config.max_list_page_bytes();
  if (config.max_concurrent_calls() > 0) {
    limits.max_concurrent_calls = static_cast<int32_t>(config.max_concurrent_calls());
  }
}

int ServerThreadQuota(const RequestLimits& limits) {
  // The synchronous server keeps up to two polling threads per completion queue, one queue per
  // core; they come out of the same quota. Watch streams are served on the callback API and hold
  // no thread while they wait.
  const int pollers = 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return limits.max_concurrent_calls + pollers;
}

}  // namespace cxhub
