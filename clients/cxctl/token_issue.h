// `cxctl tokens issue --name NAME --role reader|writer|admin`: makes a fresh random token and
// prints it with the line for cxhubd's tokens file (its SHA-256, never the token itself) and
// how to put it in force and revoke it. Runs locally: it calls no server.
#ifndef CXHUB_CLIENTS_CXCTL_TOKEN_ISSUE_H_
#define CXHUB_CLIENTS_CXCTL_TOKEN_ISSUE_H_

#include <ostream>
#include <string>
#include <vector>

namespace cxhub::cxctl {

// Whether `args` (without the program name) is a `tokens ...` command.
bool IsTokensCommand(const std::vector<std::string>& args);

// Runs it; returns the exit code (2 for a usage error).
int RunTokensCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_TOKEN_ISSUE_H_
