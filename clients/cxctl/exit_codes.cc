#include "clients/cxctl/exit_codes.h"

#include <iterator>

namespace cxhub::cxctl {

int ExitCodeForStatus(int grpc_code) {
  switch (grpc_code) {
    case 0:  // OK
      return kExitOk;
    case 3:   // INVALID_ARGUMENT
    case 11:  // OUT_OF_RANGE
      return kExitInvalidArgument;
    case 5:  // NOT_FOUND
      return kExitNotFound;
    case 6:   // ALREADY_EXISTS
    case 9:   // FAILED_PRECONDITION
    case 10:  // ABORTED
      return kExitConflict;
    case 14:  // UNAVAILABLE
    case 4:   // DEADLINE_EXCEEDED
      return kExitUnavailable;
    case 7:   // PERMISSION_DENIED
    case 16:  // UNAUTHENTICATED
      return kExitPermission;
    default:
      return kExitOther;
  }
}

const char* StatusCodeName(int grpc_code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  if (grpc_code >= 0 && grpc_code < static_cast<int>(std::size(kNames))) return kNames[grpc_code];
  return "UNKNOWN_CODE";
}

const char* ExitCodeHelp() {
  return "  0  success\n"
         "  1  any other error\n"
         "  2  usage: unknown command or flag, bad flag value, unreadable --json or file\n"
         "  3  INVALID_ARGUMENT, OUT_OF_RANGE\n"
         "  4  NOT_FOUND\n"
         "  5  ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED\n"
         "  6  UNAVAILABLE, DEADLINE_EXCEEDED: the server cannot be reached or did not answer\n"
         "  7  PERMISSION_DENIED, UNAUTHENTICATED\n";
}

}  // namespace cxhub::cxctl
