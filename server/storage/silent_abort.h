// A write transaction the server had rolled back without failing any of its statements, found
// at commit. Seen on MariaDB Galera: a brute-force abort for a write replicated from another
// node, after which the statements went on succeeding (mysql_driver.cc's transaction guard).
// The status is ABORTED, so the store runs the transaction again like any conflict, and marked,
// so that the store also counts it apart (cxhub_store_silent_aborts_total): ordinary conflicts
// are expected under load, while this is a server fault worth seeing on its own.
#ifndef CXHUB_SERVER_STORAGE_SILENT_ABORT_H_
#define CXHUB_SERVER_STORAGE_SILENT_ABORT_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cxhub {

absl::Status SilentAbortError(absl::string_view message);

// Whether `status` came from SilentAbortError.
bool IsSilentAbort(const absl::Status& status);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SILENT_ABORT_H_
