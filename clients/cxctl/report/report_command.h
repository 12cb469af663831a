// `cxctl report`: the hand-written commands that make documents out of several RPCs, beside the
// commands generated from the protos.
//
//   cxctl report journey-map --start T --end T [--format dot|svg] [--out FILE]
//   cxctl report html --start T --end T [--time-zone ZONE] [--granularity day|week|month]
//                     [--out FILE]
//
// T is RFC 3339 (2026-09-01T00:00:00Z) or a date (2026-09-01), midnight in --time-zone (default
// UTC). Both take the connection flags of every command (--server, --tls*, --token-file,
// --timeout) and --dot PROGRAM (default: dot from PATH).
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_REPORT_COMMAND_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_REPORT_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "clients/cxctl/call_settings.h"
#include "clients/cxctl/command_table.h"

namespace cxhub::cxctl {

// Whether `args` (without the program name) is a `report` command line.
bool IsReportCommand(const std::vector<std::string>& args);

// Runs a `report` command line; `table` must hold AnalyticsService (for the connection
// settings). Returns the process exit code (exit_codes.h).
int RunReportCommand(const CommandTable& table, const std::vector<std::string>& args,
                     const Environment& env, std::ostream& out, std::ostream& err);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_REPORT_COMMAND_H_
