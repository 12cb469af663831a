// Listing the messages of a Maildir (new/ and cur/, never tmp/).
#ifndef CXHUB_PLUGINS_EMAIL_MAILDIR_SCANNER_H_
#define CXHUB_PLUGINS_EMAIL_MAILDIR_SCANNER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {

struct MaildirEntry {
  std::string path;         // full path of the file
  std::string unique_name;  // the file name without the ":2,FLAGS" info suffix
  std::string flags;        // the FLAGS of ":2,FLAGS" (e.g. "RS"), empty in new/
  bool is_new = false;      // in new/ (not yet seen by a mail client)
  // When the file arrived in (or last moved within) the Maildir: its ctime, seconds since epoch.
  // Delivery is a link/rename, which sets the ctime, even when the mtime is older.
  int64_t arrival_time = 0;
  int64_t mtime = 0;
  // The delivery time at the start of the file name ("1788776294.M203871P4242.host").
  std::optional<int64_t> name_time;
};

// Lists the regular files of `root`/new and `root`/cur (names starting with '.' skipped), sorted
// by (arrival_time, unique_name). NOT_FOUND when `root` has no new/ or cur/ folder.
absl::StatusOr<std::vector<MaildirEntry>> ScanMaildir(const std::string& root);

// Splits a Maildir file name into the unique name and the flags.
void SplitMaildirName(absl::string_view file_name, std::string& unique_name, std::string& flags);

// Checks that `root` has the new/ and cur/ folders of a Maildir.
absl::Status CheckMaildir(const std::string& root);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_MAILDIR_SCANNER_H_
