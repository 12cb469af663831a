// The third stage of reading a cxctl command line: how to make the call, from the common flags
// and the environment. Which server and credentials (ConnectionOptions), the deadline, the
// output format and whether to follow list pages.
#ifndef CXHUB_CLIENTS_CXCTL_CALL_SETTINGS_H_
#define CXHUB_CLIENTS_CXCTL_CALL_SETTINGS_H_

#include <string>

#include "absl/status/statusor.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/common_flags.h"
#include "clients/cxctl/rpc_client.h"

namespace cxhub::cxctl {

// What the environment contributes: CXHUB_SERVER and CXHUB_TOKEN.
struct Environment {
  std::string server;  // Empty: localhost:50051.
  std::string token;
  bool stderr_is_terminal = false;  // Progress is then a bar redrawn in place.
};

struct CallSettings {
  ConnectionOptions connection;
  bool json_output = false;  // --output json, else a table.
  std::string output_file;   // --output-file: where the output goes; empty: stdout.
  bool all_pages = false;    // --all: follow next_page_token.
  // --wait, and always for `operations wait`: follow the returned long-running operation until
  // it is done.
  bool wait_operation = false;
};

// Flags win over the environment, which wins over the defaults (localhost:50051; a 30 s
// deadline for unary calls, none for streams). Reads --token-file. INVALID_ARGUMENT, naming the
// flag, for a value that is not allowed or a file that cannot be read, for --all on a method
// that does not list, and for --wait on one that does not return a long-running operation.
absl::StatusOr<CallSettings> ReadCallSettings(const CommonFlagValues& flags, const Environment& env,
                                              const MethodSpec& method);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_CALL_SETTINGS_H_
