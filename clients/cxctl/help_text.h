// cxctl's help pages, made from the proto comments carried by the command table.
#ifndef CXHUB_CLIENTS_CXCTL_HELP_TEXT_H_
#define CXHUB_CLIENTS_CXCTL_HELP_TEXT_H_

#include <string>

#include "clients/cxctl/command_table.h"

namespace cxhub::cxctl {

// The comment of a message, field, enum or enum value by full name; "" when it has none.
std::string FindComment(const CommandTable& table, const std::string& full_name);

// `cxctl --help`: the command groups, common flags and exit codes.
std::string RootHelp(const CommandTable& table);

// `cxctl GROUP --help`: the service comment and each command with its method comment.
std::string GroupHelp(const ServiceSpec& service);

// `cxctl GROUP VERB --help`: usage, the method comment and every flag with its type, whether
// it is required and its field comment.
std::string CommandHelp(const CommandTable& table, const ServiceSpec& service,
                        const MethodSpec& method);

// The help of the deepest of the three that is named: CommandHelp when `method` is given, else
// GroupHelp when `service` is, else RootHelp.
std::string HelpFor(const CommandTable& table, const ServiceSpec* service,
                    const MethodSpec* method);

// "cxctl customers get NAME [flags]".
std::string CommandUsage(const ServiceSpec& service, const MethodSpec& method);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_HELP_TEXT_H_
