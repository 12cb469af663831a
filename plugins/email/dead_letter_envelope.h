// What an email dead letter keeps of the read that made it, so that a retry maps the message as
// that read would have: one header field put before the raw message,
//
//   X-Cxhub-Dead-Letter: bytes=5120; fallback_time=1789000000;
//       fallback_time_source=maildir_filename; source=maildir:/srv/mail/support   (one line)
//
// `bytes` is the message's size as it was read (the raw data may keep only its start); the
// fallback time is what the read used for a missing or unreadable Date (mbox From_ line, Maildir
// file name, file mtime), which a retry would otherwise replace with its own time; `source` names
// the mbox or Maildir (it decides whether the mail can be outbound) and runs to the end of the
// line. Being a header field, the line leaves the raw data an RFC 5322 message that mail tools
// (and an older plugin) read as before.
#ifndef CXHUB_PLUGINS_EMAIL_DEAD_LETTER_ENVELOPE_H_
#define CXHUB_PLUGINS_EMAIL_DEAD_LETTER_ENVELOPE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::email {

struct DeadLetterEnvelope {
  uint64_t message_bytes = 0;
  std::optional<int64_t> fallback_time;  // seconds since the epoch
  std::string fallback_time_source;      // "mbox_from_line", "maildir_filename", "file_mtime"
  std::string source;                    // "mbox:<path>" or "maildir:<path>"
};

// The envelope's line followed by as much of `message` as fits in `max_raw_bytes` in all.
std::string SealDeadLetter(const DeadLetterEnvelope& envelope, absl::string_view message,
                           size_t max_raw_bytes);

struct OpenedDeadLetter {
  std::optional<DeadLetterEnvelope> envelope;  // nullopt: a dead letter without one (older)
  absl::string_view message;                   // the raw data after the envelope's line
};

// Splits raw dead-letter data made by SealDeadLetter; other data is all message. `raw` must
// outlive the result.
OpenedDeadLetter OpenDeadLetter(absl::string_view raw);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_DEAD_LETTER_ENVELOPE_H_
