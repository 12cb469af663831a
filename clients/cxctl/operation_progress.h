// What a google.longrunning.Operation says about itself, read by reflection so that cxctl needs
// no generated code of the operation's metadata: any metadata message with int64 fields
// `processed` and `total` gives a progress bar.
#ifndef CXHUB_CLIENTS_CXCTL_OPERATION_PROGRESS_H_
#define CXHUB_CLIENTS_CXCTL_OPERATION_PROGRESS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

inline constexpr char kOperationType[] = "google.longrunning.Operation";

struct OperationProgress {
  std::string name;
  bool done = false;
  // From the metadata; nullopt when it has no such int64 field (or cannot be unpacked: its
  // type is not linked into cxctl).
  std::optional<int64_t> processed;
  std::optional<int64_t> total;
  int error_code = 0;  // google.rpc.Code of `error`; 0 when none.
  std::string error_message;
};

// Whether messages of `type` are long-running operations.
bool IsOperationType(const google::protobuf::Descriptor* type);

// `operation` must be a google.longrunning.Operation (IsOperationType).
OperationProgress ReadOperationProgress(const google::protobuf::Message& operation);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_OPERATION_PROGRESS_H_
