// cxhub_build_info{version,commit,store_backend} = 1: what is running, for dashboards and for
// joining other metrics on a version.
#ifndef CXHUB_SERVER_OBSERVABILITY_BUILD_INFO_H_
#define CXHUB_SERVER_OBSERVABILITY_BUILD_INFO_H_

#include <string>

#include "prometheus/registry.h"

namespace cxhub {

// The project version and the git commit the build was configured from ("unknown" outside git).
const char* BuildVersion();
const char* BuildCommit();

void RegisterBuildInfo(prometheus::Registry& registry, const std::string& store_backend);

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_BUILD_INFO_H_
