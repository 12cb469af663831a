// The cxctl command line: parses `cxctl GROUP VERB [NAME] [flags]` against a command table,
// builds the request, calls the server and prints the result. main.cc runs it with the
// generated table; tests run it with a table generated from a test proto.
//
// Parsing runs in stages, each in its own file: the arguments become tokens
// (command_line_tokens.h), the tokens name a command and give flag values
// (command_resolution.h), the common flags and the environment say how to call
// (call_settings.h), and the request flags and --json make the request(s) (request_builder.h).
#ifndef CXHUB_CLIENTS_CXCTL_CLI_H_
#define CXHUB_CLIENTS_CXCTL_CLI_H_

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "clients/cxctl/call_settings.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/figure_report.h"
#include "clients/cxctl/rpc_client.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

// A parsed command line.
struct ParsedCommand {
  enum class Kind {
    kText,        // Print `text` to stdout (help, completion script) and succeed.
    kUsageError,  // Print `text` (the error, naming the flag) and `usage` to stderr; exit 2.
    kCall,        // Call `method` with `requests`.
  };
  Kind kind = Kind::kText;
  std::string text;
  std::string usage;

  const ServiceSpec* service = nullptr;
  const MethodSpec* method = nullptr;
  // One request; for a client-streaming method given `--json -`, one per line of input.
  std::vector<std::unique_ptr<google::protobuf::Message>> requests;
  ConnectionOptions connection;
  bool json_output = false;
  std::string output_file;  // --output-file; empty: the output goes to `out`.
  bool all_pages = false;
  bool wait_operation = false;
  bool stderr_is_terminal = false;
  // How figures print in the readable output: the table's comments, the request's time zone.
  FigureReportOptions figure_options;
};

// Parses `args` (without the program name). `in` is read only for `--json -`.
ParsedCommand ParseCommandLine(const CommandTable& table, const std::vector<std::string>& args,
                               const Environment& env, std::istream& in);

// Parses and runs a command line, writing results to `out` and errors to `err`. Returns the
// process exit code (exit_codes.h).
int Run(const CommandTable& table, const std::vector<std::string>& args, const Environment& env,
        std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_CLI_H_
