// Reading complete messages out of an mboxrd file, from a byte offset, while it may be growing.
#ifndef CXHUB_PLUGINS_EMAIL_MBOX_READER_H_
#define CXHUB_PLUGINS_EMAIL_MBOX_READER_H_

#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {

// One message of an mbox.
struct MboxMessage {
  uint64_t offset = 0;      // where its From_ line starts
  uint64_t end_offset = 0;  // just past it: where the next message (or EOF) starts
  std::string from_line;    // the separator line without "\n"; empty for data before any From_
  // The RFC 5322 bytes: the lines after the From_ line, with exactly one '>' removed from every
  // line matching ^>+From  (mboxrd) and the blank separator line before the next message removed.
  // Of an oversize message, only as much as fits in the reader's max_message_bytes.
  std::string content;
  // More than the reader's max_message_bytes from its From_ line to the next message.
  bool oversize = false;
};

// Reads an mboxrd file sequentially. A message is complete when the next From_ line follows it.
// The last message of the file is complete when the file ends with an empty line (writers
// append one after every message) or when the caller says the file is settled (it has not
// changed since the previous poll); otherwise the reader stops before it, so a message being
// appended is read at a later poll. Lines before the first From_ line form a message of their
// own with an empty from_line (the caller turns it into a dead letter).
//
// Memory is bounded by max_message_bytes: an oversize message is scanned to its end (so that
// the caller can move past it) but not kept beyond the bound, and no line is kept beyond what the
// message has room for (a From_ line keeps at least its first KiB).
class MboxReader {
 public:
  // Opens `path` and positions at `offset`, which must be the start of a message (0 or an
  // end_offset returned earlier). NOT_FOUND when the file does not exist.
  static absl::StatusOr<MboxReader> Open(
      const std::string& path, uint64_t offset, bool tail_is_settled,
      uint64_t max_message_bytes = std::numeric_limits<uint64_t>::max());

  // The next complete message, or nullopt at the end (see incomplete_tail()).
  absl::StatusOr<std::optional<MboxMessage>> Next();

  // True when Next() stopped before a last message that is not known to be complete.
  bool incomplete_tail() const { return incomplete_tail_; }

 private:
  MboxReader(std::ifstream in, uint64_t offset, bool settled, uint64_t max_message_bytes)
      : in_(std::move(in)),
        offset_(offset),
        settled_(settled),
        max_message_bytes_(max_message_bytes) {}

  // Reads one line, keeping at most `keep` bytes of it in `line` (without "\n"); the rest of the
  // line is skipped. False at EOF. Sets `terminated` to whether the line ended with "\n".
  bool ReadLine(std::string& line, bool& terminated, size_t keep);
  // Fills buffer_ with the next bytes of the file; false at its end.
  bool Refill();
  // How much of its next line `message` keeps.
  size_t LineKeep(const MboxMessage& message) const;
  // Appends `text` (and "\n" when `newline`) to `message`'s content while it stays within
  // max_message_bytes; past that the content stops growing.
  void Append(MboxMessage& message, absl::string_view text, bool newline) const;

  std::ifstream in_;
  std::string buffer_;  // bytes read from in_, from buffer_begin_ on not yet consumed
  size_t buffer_begin_ = 0;
  uint64_t offset_;  // offset of the next unread byte
  bool settled_;
  uint64_t max_message_bytes_;
  std::optional<std::string> pending_from_;  // a From_ line read ahead
  uint64_t pending_offset_ = 0;
  bool incomplete_tail_ = false;
};

// True when `line` is an mbox separator line ("From " at the start).
bool IsFromLine(absl::string_view line);

// The UTC time on a From_ line ("From sender Thu Sep 10 17:05:37 2026"), in seconds since the
// epoch; nullopt when it has none or it does not parse.
std::optional<int64_t> FromLineTime(absl::string_view from_line);

// FNV-1a (64 bit) of `bytes`; with `seed` chained from an earlier call.
uint64_t Fnv1a64(absl::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL);

// Hash of the first `length` bytes of the file at `path` (used to recognise the same file).
absl::StatusOr<uint64_t> HashFileHead(const std::string& path, uint64_t length);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_MBOX_READER_H_
