// cxctl: the cxhub admin CLI. Its commands come from the table protoc-gen-cxctl generates from
// the cxhub.v1 service protos; see cli.h.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/cxctl/cli.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/report/report_command.h"
#include "clients/cxctl/token_issue.h"

int main(int argc, char* argv[]) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Issuing a token is local work, not an RPC: it is not in the generated command table.
  if (cxhub::cxctl::IsTokensCommand(args)) {
    return cxhub::cxctl::RunTokensCommand(args, std::cout, std::cerr);
  }
  cxhub::cxctl::Environment env;
  if (const char* server = std::getenv("CXHUB_SERVER")) env.server = server;
  if (const char* token = std::getenv("CXHUB_TOKEN")) env.token = token;
  env.stderr_is_terminal = isatty(STDERR_FILENO) != 0;
  if (cxhub::cxctl::IsReportCommand(args)) {
    return cxhub::cxctl::RunReportCommand(cxhub::cxctl::GeneratedCommandTable(), args, env,
                                          std::cout, std::cerr);
  }
  return cxhub::cxctl::Run(cxhub::cxctl::GeneratedCommandTable(), args, env, std::cin, std::cout,
                           std::cerr);
}
