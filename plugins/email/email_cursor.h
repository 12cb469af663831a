// The email connector's cursor: per-source progress, as versioned text.
//
//   cxhub-email-cursor 1
//   mbox<TAB><path><TAB><inode><TAB><offset><TAB><head_length><TAB><head_hash>
//       <TAB><settled_size><TAB><settled_mtime_ns>
//   maildir<TAB><path><TAB><floor><TAB><newest><TAB><hash>,<hash>,...[<TAB><mark>]
//
// mbox: `offset` is where the next message starts in the file with inode `inode`; head_hash is
// the FNV-1a 64 (hex) of its first head_length bytes (min(offset, 4096)). A different inode, a
// file shorter than `offset` or a different head means rotation or truncation: the file is read
// again from its start. settled_size/settled_mtime_ns are the size and mtime the file had when
// the read stopped before an incomplete last message (0 otherwise): if the file is unchanged at
// the next poll, that message is taken as complete.
// maildir: files whose arrival time (ctime, seconds) is below `floor` were all delivered; files at
// or above it were delivered when the FNV-1a 64 hash of their unique name (the file name without
// ":2,FLAGS", so moving new/ -> cur/ or changing flags does not count as new) is listed. `newest`
// is the latest arrival time delivered. `mark` (hex of a unique name, optional) says that files
// arrived at `floor` whose unique name sorts at or before it were all delivered too: it lets the
// floor stop inside a second, so that the hash list stays bounded however many files arrive in
// one second. Lines of sources no longer configured are dropped.
#ifndef CXHUB_PLUGINS_EMAIL_EMAIL_CURSOR_H_
#define CXHUB_PLUGINS_EMAIL_EMAIL_CURSOR_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/email/maildir_scanner.h"

namespace cxhub::email {

struct MboxProgress {
  uint64_t inode = 0;
  uint64_t offset = 0;
  uint64_t head_length = 0;
  uint64_t head_hash = 0;
  uint64_t settled_size = 0;
  int64_t settled_mtime_ns = 0;
};

struct MaildirProgress {
  int64_t floor = 0;
  int64_t newest = 0;
  std::set<uint64_t> delivered;  // hashes of unique names arrived at or after `floor`
  std::string mark;              // unique name; empty: no file at `floor` is known delivered
};

// True when the file of `unique_name` arrived at `arrival_time` was delivered by `progress`.
bool WasDelivered(const MaildirProgress& progress, int64_t arrival_time,
                  const std::string& unique_name, uint64_t name_hash);

struct EmailCursor {
  std::map<std::string, MboxProgress> mbox;        // by path
  std::map<std::string, MaildirProgress> maildir;  // by path
};

// Moves `progress` forward after a read of `entries` (ScanMaildir's list, in its order): the floor
// rises to `newest - settle_seconds`, and further, inside a second if need be (the mark), while
// more than `max_hashes` delivered names would stay listed. It never moves past a file that was
// not delivered, so at most `max_hashes` names stay listed unless such a file stops it.
void CompactMaildirProgress(const std::vector<MaildirEntry>& entries, int64_t settle_seconds,
                            size_t max_hashes, MaildirProgress& progress);

// Empty text is the empty cursor. INVALID_ARGUMENT for anything not written by FormatCursor.
absl::StatusOr<EmailCursor> ParseCursor(absl::string_view text);
std::string FormatCursor(const EmailCursor& cursor);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_EMAIL_CURSOR_H_
