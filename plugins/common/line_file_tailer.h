// Reads the complete lines a text file (cdr_csv, JSONL, a spool) gained since a saved position,
// the way `tail -F` does.
//
//   - Only complete lines: a last line without its newline is left for a later read.
//   - The saved position names its file by device, inode and a fingerprint of the first bytes.
//     When the configured path is now another file (rotated: renamed away and recreated), the old
//     file is looked up by inode in the same folder and its remaining lines are read first, then
//     the new file from its start. When the path is the same file but shorter than the offset
//     (truncated) or its first bytes changed (rewritten in place), it is read from its start.
//   - Blank lines are skipped. A line longer than the tailer's max_line_bytes is returned cut, with
//     `too_long`.
//
// The tailer reads the file system directly (open, pread, readdir); tests use temporary folders.
// Not thread-safe; one tailer per file and read.
#ifndef CXHUB_PLUGINS_COMMON_LINE_FILE_TAILER_H_
#define CXHUB_PLUGINS_COMMON_LINE_FILE_TAILER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/common/file_position.h"

namespace cxhub::plugin_common {

struct TailedLine {
  std::string text;       // without the newline (and a '\r' before it)
  std::string file;       // the file it came from: the configured path, or the rotated file's
  uint64_t offset = 0;    // where the line starts in that file
  bool too_long = false;  // longer than max_line_bytes; `text` holds its first max_line_bytes
};

// What Next does with a line's text.
enum class LineTexts {
  kTrimmed,  // skip blank lines, drop the '\r' of a CRLF line end
  kRaw,      // every line as written (without its '\n'), blank ones included
};

class LineFileTailer {
 public:
  // Prepares to read `path` after `saved` (nullptr: from the start); lines longer than
  // `max_line_bytes` (at least 1) come cut, with `too_long`. A missing file is not an error: there
  // is nothing to read yet. Errors: PERMISSION_DENIED, FAILED_PRECONDITION (not a regular file),
  // UNAVAILABLE (other I/O errors); every message names the file.
  static absl::StatusOr<std::unique_ptr<LineFileTailer>> Open(
      const std::string& path, const FilePosition* saved, size_t max_line_bytes,
      LineTexts texts = LineTexts::kTrimmed);
  ~LineFileTailer();
  LineFileTailer(const LineFileTailer&) = delete;
  LineFileTailer& operator=(const LineFileTailer&) = delete;

  // The next complete, non-blank line. Returns false when none is left now.
  absl::StatusOr<bool> Next(TailedLine& line);

  // Where a later read resumes: the file being read and the offset just past the last line Next
  // returned. nullopt when there is no file at the path and no earlier position to keep.
  std::optional<FilePosition> position() const;

  // After Next returned false: the bytes the file at the path holds after its last complete
  // line (at most max_line_bytes; empty when it ends with a newline, or when that last line is
  // already longer than max_line_bytes). They start at position()'s offset.
  absl::string_view unterminated_tail() const;

  // What Open noticed about the saved position ("truncated ...", "rotated ..."), for the log.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  struct Segment {
    std::string path;
    int fd = -1;
    FileIdentity identity;
    uint64_t offset = 0;       // start of the first line not yet returned
    uint64_t read_offset = 0;  // where the next pread starts
    std::string buffer;        // bytes [offset + begin - ..., read_offset) not yet returned
    size_t begin = 0;          // start of unreturned bytes in buffer
    size_t scanned = 0;        // bytes after begin known to hold no newline
    bool overlong = false;     // skipping the rest of a line longer than max_line_bytes_
    uint64_t overlong_start = 0;
    std::string overlong_text;
  };

  LineFileTailer(size_t max_line_bytes, LineTexts texts)
      : max_line_bytes_(max_line_bytes), texts_(texts) {}
  // One attempt at a line from `segment`: true with `line` set, false at its end.
  absl::StatusOr<bool> NextInSegment(Segment& segment, TailedLine& line);

  size_t max_line_bytes_;
  LineTexts texts_;
  std::vector<Segment> segments_;  // the rotated file (if any), then the file at the path
  size_t current_ = 0;
  std::optional<FilePosition> kept_;  // the saved position, when there is nothing to read
  std::vector<std::string> notes_;
};

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_LINE_FILE_TAILER_H_
