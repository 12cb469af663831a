#include "server/observability/build_info.h"

#include <string>

#include "prometheus/gauge.h"

namespace cxhub {

// CXHUB_VERSION and CXHUB_GIT_COMMIT come from CMake (server/observability/CMakeLists.txt).
const char* BuildVersion() { return CXHUB_VERSION; }
const char* BuildCommit() { return CXHUB_GIT_COMMIT; }

void RegisterBuildInfo(prometheus::Registry& registry, const std::string& store_backend) {
  prometheus::BuildGauge()
      .Name("cxhub_build_info")
      .Help("Always 1; the labels say which build runs on which store backend.")
      .Register(registry)
      .Add({{"version", BuildVersion()},
            {"commit", BuildCommit()},
            {"store_backend", store_backend}})
      .Set(1);
}

}  // namespace cxhub
