// The second stage of reading a cxctl command line: which command the words name (GROUP VERB
// [NAME], or `help`, or `completion SHELL`) and which values the flags give. It reads the
// tokens of command_line_tokens.h against a command table; what the values mean is left to the
// next stages (call_settings.h, request_builder.h).
#ifndef CXHUB_CLIENTS_CXCTL_COMMAND_RESOLUTION_H_
#define CXHUB_CLIENTS_CXCTL_COMMAND_RESOLUTION_H_

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "clients/cxctl/command_line_tokens.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/common_flags.h"
#include "clients/cxctl/request_flags.h"

namespace cxhub::cxctl {

// What a command line names. Pointers point into the command table.
struct ResolvedCommand {
  const ServiceSpec* service = nullptr;   // Null when no group is named.
  const MethodSpec* method = nullptr;     // Null when no command of the group is named.
  bool help = false;                      // A help flag or the word `help` was given.
  bool completion = false;                // `cxctl completion [SHELL]`.
  std::string shell;                      // SHELL of `completion`, "" when not given.
  std::optional<std::string> positional;  // NAME, for a method whose request has one.
  CommonFlagValues common_flags;
  std::vector<FlagValue> request_flags;  // In the order given.
};

// A command line cxctl cannot run: the message names the argument at fault; `usage` is the help
// page to show under it ("" for none).
struct UsageError {
  std::string message;
  std::string usage;
};

// Reads all of `tokens`. A group, then a command of it, must come before the command's own
// flags; common flags may stand anywhere. When help is asked for, mistakes in flags and extra
// words are passed over (the command line only has to name the help page), but an unknown
// group or command is still an error.
std::variant<ResolvedCommand, UsageError> ResolveCommand(const CommandTable& table,
                                                         CommandLineTokens& tokens);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMMAND_RESOLUTION_H_
