// Connector instances of the test_lines plugins (tests/plugins) for tests of a whole server:
// the plugins copied into a plugin folder of the test's, and a small sample file to read.
#ifndef CXHUB_TESTS_INTEGRATION_LINE_CONNECTORS_H_
#define CXHUB_TESTS_INTEGRATION_LINE_CONNECTORS_H_

#include <string>
#include <utility>
#include <vector>

#include "cxhub/config/v1/config.pb.h"

namespace cxhub {

// Copies each of `plugin_paths` into <temp_dir>/plugins (unless there already) and writes
// <temp_dir>/in.txt: two records (ana and bob, 2026-03-01T10:00:00Z), one line no plugin parses and
// one record with a bad identity (so two dead letters). Adds to `config` that plugin folder and one
// instance per (name, plugin file name) of `instances`, reading in.txt, polling hourly.
void AddLineConnectors(const std::string& temp_dir, const std::vector<std::string>& plugin_paths,
                       const std::vector<std::pair<std::string, std::string>>& instances,
                       config::v1::ServerConfig& config);

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_LINE_CONNECTORS_H_
