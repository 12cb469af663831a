#include "clients/cxctl/common_flags.h"

#include <cstring>
#include <iterator>

namespace cxhub::cxctl {
namespace {

const char* const kOutputValues[] = {"table", "json", nullptr};

const CommonFlag kCommonFlags[] = {
    {"server", "HOST:PORT", "Server to call (default $CXHUB_SERVER, else localhost:50051).",
     nullptr},
    {"tls", nullptr, "Use TLS, trusting the system's root certificates.", nullptr},
    {"tls-ca", "FILE", "PEM certificate of the CA that signed the server's; turns TLS on.",
     nullptr},
    {"tls-cert", "FILE", "PEM client certificate, for mutual TLS; turns TLS on.", nullptr},
    {"tls-key", "FILE", "PEM private key of --tls-cert.", nullptr},
    {"token-file", "FILE",
     "File holding a bearer token, sent as \"authorization: Bearer ...\" (default "
     "$CXHUB_TOKEN).",
     nullptr},
    {"timeout", "DURATION", "Deadline of a unary call, e.g. 30s or 2m (default 30s).", nullptr},
    {"output", "table|json",
     "Output format: a readable table (default), or proto3 JSON, one object per line.",
     kOutputValues},
    {"output-file", "FILE",
     "Write the output to FILE (created or truncated) instead of stdout, e.g. an export with "
     "--output json.",
     nullptr},
    {"json", "JSON|@FILE|-",
     "The whole request as proto3 JSON: inline, from a file, or from stdin (-). Flags given as "
     "well are applied on top.",
     nullptr},
    {"all", nullptr, "List commands: follow next_page_token and print every page.", nullptr},
    {"wait", nullptr,
     "Commands returning a long-running operation: wait until it is done, drawing its progress "
     "on stderr, then print it.",
     nullptr},
    {"help", nullptr, "Show help.", nullptr},
};

}  // namespace

const CommonFlag* CommonFlags(size_t* count) {
  *count = std::size(kCommonFlags);
  return kCommonFlags;
}

const CommonFlag* FindCommonFlag(const char* name) {
  for (const CommonFlag& flag : kCommonFlags) {
    if (std::strcmp(flag.name, name) == 0) return &flag;
  }
  return nullptr;
}

}  // namespace cxhub::cxctl
