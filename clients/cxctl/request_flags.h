// Fills a request message from command-line flag values, following flag_schema.h. Every error
// is INVALID_ARGUMENT and its message starts with the flag, e.g.
// `--page-size: "ten" is not a valid int32`.
#ifndef CXHUB_CLIENTS_CXCTL_REQUEST_FLAGS_H_
#define CXHUB_CLIENTS_CXCTL_REQUEST_FLAGS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clients/cxctl/flag_schema.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

// One occurrence of a request flag on a command line.
struct FlagValue {
  FlagSpec flag;
  std::string value;  // "true" for a bool flag given without a value.
};

// Applies one occurrence of `flag` with `value` to `request`, which must be of the message
// type the flag was made for. Repeated and map flags append; others overwrite. A bool flag
// given without a value is passed "true".
absl::Status ApplyFlag(const FlagSpec& flag, absl::string_view value,
                       google::protobuf::Message* request);

// Merges proto3 JSON into `request`; `source` names where the JSON came from in errors.
absl::Status MergeJson(absl::string_view json, absl::string_view source,
                       google::protobuf::Message* request);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REQUEST_FLAGS_H_
