// The shipped server config (config/cxhub.textproto) made runnable by a test: the same connector
// instances and options, with only what belongs to the machine replaced.
#ifndef CXHUB_TESTS_E2E_SHIPPED_CONFIG_H_
#define CXHUB_TESTS_E2E_SHIPPED_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub::e2e {

// Rewrites the source paths in a connector's options (the values of file, files, mbox, maildir
// and spool, in the `key=value` settings separated by newlines or ';' that every shipped plugin
// reads) that are relative, as seen from `working_dir`, into absolute ones (a path setting is
// rewritten as key=value, without the spaces around them). Every other setting, separators and
// comments included, is kept byte for byte.
std::string RebaseOptionPaths(absl::string_view options, absl::string_view working_dir);

// Loads `config_path` and changes only what a test must: listen_address 127.0.0.1:0, the SQLite
// store at `store_path`, plugin_dirs = {`plugin_dir`}, and every relative source path in the
// connectors' options resolved against `working_dir` (where cxhubd would have been started).
absl::StatusOr<config::v1::ServerConfig> LoadShippedConfig(const std::string& config_path,
                                                           absl::string_view working_dir,
                                                           const std::string& plugin_dir,
                                                           const std::string& store_path);

}  // namespace cxhub::e2e

#endif  // CXHUB_TESTS_E2E_SHIPPED_CONFIG_H_
