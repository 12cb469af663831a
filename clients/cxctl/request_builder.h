// The last stage of reading a cxctl command line: the request message(s) of the call. The
// request is built in layers: the --json document first, then the request flags in the order
// given, then the positional NAME, each on top of what is already set.
#ifndef CXHUB_CLIENTS_CXCTL_REQUEST_BUILDER_H_
#define CXHUB_CLIENTS_CXCTL_REQUEST_BUILDER_H_

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/request_flags.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

// What the command line says about the request.
struct RequestInput {
  std::optional<std::string> json;        // --json: inline JSON, @FILE, or "-" for `in`.
  std::vector<FlagValue> flags;           // The request flags, in the order given.
  std::optional<std::string> positional;  // NAME: sets the request's name or parent field.
};

// One request of `method`'s request type; for a client-streaming method given `--json -`, one
// per non-blank line of `in`, each with the flags and NAME applied. `in` is read only for
// `--json -`. INVALID_ARGUMENT, naming the flag, when the JSON cannot be read or parsed or a
// flag's value does not fit its field.
absl::StatusOr<std::vector<std::unique_ptr<google::protobuf::Message>>> BuildRequests(
    const MethodSpec& method, const RequestInput& input, std::istream& in);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REQUEST_BUILDER_H_
