// Opens the Store a server config names (SQLite or MySQL). The config must have passed
// ValidateConfig; errors name the config field or the database.
#ifndef CXHUB_SERVER_STORE_FROM_CONFIG_H_
#define CXHUB_SERVER_STORE_FROM_CONFIG_H_

#include <memory>

#include "absl/status/statusor.h"
#include "cxhub/config/v1/config.pb.h"
#include "server/core/store.h"

namespace cxhub {

absl::StatusOr<std::unique_ptr<Store>> OpenStoreFromConfig(const config::v1::StoreConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORE_FROM_CONFIG_H_
