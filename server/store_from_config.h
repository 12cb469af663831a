// Opens the Store a server config names (SQLite or MySQL). The config must have passed
// ValidateConfig; errors name the config field or the database.
#ifndef CXHUB_SERVER_STORE_FROM_CONFIG_H_
#define CXHUB_SERVER_STORE_FROM_CONFIG_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"
#include "server/core/store.h"

namespace cxhub {

// `activity_window`: the server's analytics.activity_window_days, which the store keeps spells
// of activity for. `tls` (security.mysql_tls) applies to a MySQL store only.
absl::StatusOr<std::unique_ptr<Store>> OpenStoreFromConfig(
    const config::v1::StoreConfig& config, absl::Duration activity_window,
    const config::v1::MysqlTlsConfig& tls = config::v1::MysqlTlsConfig::default_instance());

// How many threads the server runs point reads on (point_read_handler.h): one per read
// connection of a MySQL store, whose reads wait on the network; 0 for the embedded store, whose
// reads run on the thread that delivered the call.
int PointReadThreads(const config::v1::StoreConfig& config);

// "sqlite" or "mysql": the backend label of the store's metrics.
std::string StoreBackendName(const config::v1::StoreConfig& config);

// The metrics endpoint's address: config's, or the default "127.0.0.1:9464".
std::string MetricsListenAddress(const config::v1::MetricsConfig& config);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORE_FROM_CONFIG_H_
