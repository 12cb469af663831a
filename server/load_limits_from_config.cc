#include "server/load_limits_from_config.h"

#include <algorithm>
#include <thread>

namespace cxhub {

void ApplyLoadLimits(const config::v1::LimitsConfig& config, RequestLimits& limits) {
  if (config.max_watch_streams() > 0) {
    limits.max_watch_streams = static_cast<int32_t>(config.max_watch_streams());
  }
  if (config.max_list_page_bytes() > 0) limits.max_list_page_bytes = config.max_list_page_bytes();
}

int ServerThreadQuota(const config::v1::LimitsConfig& config) {
  const int calls = config.max_concurrent_calls() > 0
                        ? static_cast<int>(config.max_concurrent_calls())
                        : kDefaultMaxConcurrentCalls;
  // The synchronous server keeps up to two polling threads per completion queue, one queue per
  // core; they come out of the same quota.
  const int pollers = 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return calls + pollers;
}

}  // namespace cxhub
