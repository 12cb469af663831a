// cxctl's exit codes, one per class of failure, so scripts can tell them apart.
#ifndef CXHUB_CLIENTS_CXCTL_EXIT_CODES_H_
#define CXHUB_CLIENTS_CXCTL_EXIT_CODES_H_

namespace cxhub::cxctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitOther = 1;            // Any other error.
inline constexpr int kExitUsage = 2;            // Bad command, flag or flag value.
inline constexpr int kExitInvalidArgument = 3;  // INVALID_ARGUMENT, OUT_OF_RANGE.
inline constexpr int kExitNotFound = 4;         // NOT_FOUND.
inline constexpr int kExitConflict = 5;         // ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED.
inline constexpr int kExitUnavailable = 6;      // UNAVAILABLE, DEADLINE_EXCEEDED.
inline constexpr int kExitPermission = 7;       // PERMISSION_DENIED, UNAUTHENTICATED.

// The exit code for a gRPC status code (its number, 0 to 16).
int ExitCodeForStatus(int grpc_code);

// "NOT_FOUND" for 5, "UNKNOWN_CODE" for codes it does not know.
const char* StatusCodeName(int grpc_code);

// The exit code table as help text, one line per code.
const char* ExitCodeHelp();

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_EXIT_CODES_H_
