// Bash and zsh completion scripts for cxctl, written by protoc-gen-cxctl from the same model as
// the command table.
#ifndef CXHUB_CLIENTS_CXCTL_COMPLETION_SCRIPT_H_
#define CXHUB_CLIENTS_CXCTL_COMPLETION_SCRIPT_H_

#include <string>
#include <vector>

namespace cxhub::cxctl {

struct CompletionFlag {
  std::string name;     // Without "--".
  std::string summary;  // One line.
  bool takes_value = true;
  std::vector<std::string> values;  // Known values (enum names), may be empty.
};

struct CompletionCommand {
  std::string verb;
  std::string summary;
  std::vector<CompletionFlag> flags;
};

struct CompletionGroup {
  std::string name;
  std::string summary;
  std::vector<CompletionCommand> commands;
};

// `common` holds the flags every command takes.
std::string BashCompletion(const std::vector<CompletionGroup>& groups,
                           const std::vector<CompletionFlag>& common);
std::string ZshCompletion(const std::vector<CompletionGroup>& groups,
                          const std::vector<CompletionFlag>& common);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMPLETION_SCRIPT_H_
