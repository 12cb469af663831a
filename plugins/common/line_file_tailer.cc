#include "plugins/common/line_file_tailer.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/fnv1a_hash.h"

namespace cxhub::plugin_common {
namespace {

constexpr size_t kReadChunk = 64 * 1024;

absl::Status IoError(absl::string_view what, const std::string& path, int error_number) {
  const std::string message = absl::StrCat(what, " '", path, "': ", std::strerror(error_number));
  if (error_number == EACCES || error_number == EPERM) {
    return absl::PermissionDeniedError(message);
  }
  return absl::UnavailableError(message);
}

// Reads up to `size` bytes at `offset`; fewer only at the end of the file.
absl::StatusOr<std::string> ReadAt(int fd, uint64_t offset, size_t size, const std::string& path) {
  std::string bytes(size, '\0');
  size_t done = 0;
  while (done < size) {
    const ssize_t n =
        pread(fd, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot read", path, errno);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

// The identity of the open file `fd` of `size` bytes: device, inode and fingerprint.
absl::StatusOr<FileIdentity> IdentityOf(int fd, const struct stat& st, const std::string& path) {
  FileIdentity identity;
  identity.device = static_cast<uint64_t>(st.st_dev);
  identity.inode = static_cast<uint64_t>(st.st_ino);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  absl::StatusOr<std::string> head =
      ReadAt(fd, 0, static_cast<size_t>(size < kFingerprintBytes ? size : kFingerprintBytes), path);
  if (!head.ok()) return head.status();
  identity.fingerprint_size = head->size();
  identity.fingerprint = Fnv1a64(*head);
  return identity;
}

// True when the first bytes of `fd` still hash to `saved`'s fingerprint.
absl::StatusOr<bool> FingerprintMatches(int fd, const FileIdentity& saved,
                                        const std::string& path) {
  absl::StatusOr<std::string> head = ReadAt(fd, 0, saved.fingerprint_size, path);
  if (!head.ok()) return head.status();
  return head->size() == saved.fingerprint_size && Fnv1a64(*head) == saved.fingerprint;
}

// Opens `path` read-only and stats it; fd -1 when it does not exist.
absl::Status OpenFile(const std::string& path, int& fd, struct stat& st) {
  fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return IoError("cannot open", path, errno);
  }
  if (fstat(fd, &st) != 0) {
    const int error_number = errno;
    close(fd);
    fd = -1;
    return IoError("cannot stat", path, error_number);
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    fd = -1;
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' is not a regular file"));
  }
  return absl::OkStatus();
}

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The file in `path`'s folder that is `saved`'s file (same device and inode), other than `path`
// itself: where a rotated file went. Empty when there is none.
std::string FindRenamed(const std::string& path, const FileIdentity& saved) {
  const std::string folder = FolderOf(path);
  DIR* dir = opendir(folder.c_str());
  if (dir == nullptr) return "";
  std::string found;
  while (struct dirent* entry = readdir(dir)) {
    const absl::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (entry->d_ino != 0 && static_cast<uint64_t>(entry->d_ino) != saved.inode) continue;
    const std::string candidate =
        folder == "/" ? absl::StrCat("/", name) : absl::StrCat(folder, "/", name);
    struct stat st {};
    if (candidate == path || stat(candidate.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (static_cast<uint64_t>(st.st_dev) == saved.device &&
        static_cast<uint64_t>(st.st_ino) == saved.inode) {
      found = candidate;
      break;
    }
  }
  closedir(dir);
  return found;
}

}  // namespace

absl::StatusOr<std::unique_ptr<LineFileTailer>> LineFileTailer::Open(const std::string& path,
                                                                     const FilePosition* saved,
                                                                     size_t max_line_bytes,
                                                                     LineTexts texts) {
  if (max_line_bytes == 0) {
    return absl::InvalidArgumentError("LineFileTailer: max_line_bytes must be at least 1");
  }
  std::unique_ptr<LineFileTailer> tailer(new LineFileTailer(max_line_bytes, texts));
  int fd = -1;
  struct stat st {};
  if (absl::Status status = OpenFile(path, fd, st); !status.ok()) return status;

  Segment main;
  if (fd >= 0) {
    main.path = path;
    main.fd = fd;  // owned by the tailer from here on (closed by its destructor)
    absl::StatusOr<FileIdentity> identity = IdentityOf(fd, st, path);
    if (!identity.ok()) {
      close(fd);
      return identity.status();
    }
    main.identity = *identity;
  }
  const uint64_t size = fd >= 0 ? static_cast<uint64_t>(st.st_size) : 0;

  if (saved != nullptr && fd >= 0 && main.identity.device == saved->identity.device &&
      main.identity.inode == saved->identity.inode) {
    // The same file as last time, unless it shrank or its first bytes changed.
    absl::StatusOr<bool> same = FingerprintMatches(fd, saved->identity, path);
    if (!same.ok()) {
      close(fd);
      return same.status();
    }
    if (size < saved->offset) {
      tailer->notes_.push_back(absl::StrCat("'", path, "' was truncated (", size,
                                            " bytes, cursor at ", saved->offset,
                                            "): reading it from the start"));
    } else if (!*same) {
      tailer->notes_.push_back(absl::StrCat(
          "'", path, "' was rewritten (its first bytes changed): reading it from the start"));
    } else {
      main.offset = saved->offset;
    }
  } else if (saved != nullptr) {
    // Another file (or none) at the path: finish the old one if it was renamed nearby.
    const std::string renamed = FindRenamed(path, saved->identity);
    int old_fd = -1;
    struct stat old_st {};
    if (!renamed.empty() && OpenFile(renamed, old_fd, old_st).ok() && old_fd >= 0) {
      absl::StatusOr<bool> same = FingerprintMatches(old_fd, saved->identity, renamed);
      absl::StatusOr<FileIdentity> old_identity = IdentityOf(old_fd, old_st, renamed);
      if (same.ok() && *same && old_identity.ok() &&
          static_cast<uint64_t>(old_st.st_size) >= saved->offset) {
        Segment old;
        old.path = renamed;
        old.fd = old_fd;
        old.identity = *old_identity;
        old.offset = saved->offset;
        old.read_offset = saved->offset;
        tailer->segments_.push_back(std::move(old));
        tailer->notes_.push_back(absl::StrCat("'", path, "' was rotated to '", renamed,
                                              "': finishing it from byte ", saved->offset));
      } else {
        close(old_fd);
      }
    }
    if (fd >= 0) {
      tailer->notes_.push_back(
          absl::StrCat("'", path, "' is a new file: reading it from the start"));
    } else if (tailer->segments_.empty()) {
      tailer->kept_ = *saved;
    }
  }
  if (fd >= 0) {
    main.read_offset = main.offset;
    tailer->segments_.push_back(std::move(main));
  }
  return tailer;
}

LineFileTailer::~LineFileTailer() {
  for (Segment& segment : segments_) {
    if (segment.fd >= 0) close(segment.fd);
  }
}

std::optional<FilePosition> LineFileTailer::position() const {
  if (segments_.empty()) return kept_;
  const Segment& segment = segments_[current_];
  FilePosition position;
  position.identity = segment.identity;
  position.offset = segment.overlong ? segment.overlong_start : segment.offset;
  return position;
}

absl::string_view LineFileTailer::unterminated_tail() const {
  if (segments_.empty() || current_ + 1 != segments_.size()) return "";
  const Segment& segment = segments_[current_];
  if (segment.overlong) return "";
  return absl::string_view(segment.buffer).substr(segment.begin);
}

absl::StatusOr<bool> LineFileTailer::Next(TailedLine& line) {
  while (current_ < segments_.size()) {
    absl::StatusOr<bool> found = NextInSegment(segments_[current_], line);
    if (!found.ok() || *found) return found;
    // A segment ends with its complete lines; only a rotated one is left for the next.
    if (current_ + 1 == segments_.size()) return false;
    ++current_;
  }
  return false;
}

absl::StatusOr<bool> LineFileTailer::NextInSegment(Segment& segment, TailedLine& line) {
  while (true) {
    const size_t newline = segment.buffer.find('\n', segment.begin + segment.scanned);
    if (newline != std::string::npos) {
      const size_t length = newline - segment.begin;
      const uint64_t start = segment.offset;
      absl::string_view text(segment.buffer.data() + segment.begin, length);
      segment.offset += length + 1;
      segment.begin = newline + 1;
      segment.scanned = 0;
      if (segment.overlong) {
        segment.overlong = false;
        line.text = std::move(segment.overlong_text);
        segment.overlong_text.clear();
        line.file = segment.path;
        line.offset = segment.overlong_start;
        line.too_long = true;
        return true;
      }
      if (texts_ == LineTexts::kTrimmed) {
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        if (text.empty()) continue;  // blank line
      }
      if (text.size() > max_line_bytes_) {
        line.text.assign(text.data(), max_line_bytes_);
        line.too_long = true;
      } else {
        line.text.assign(text.data(), text.size());
        line.too_long = false;
      }
      line.file = segment.path;
      line.offset = start;
      return true;
    }
    segment.scanned = segment.buffer.size() - segment.begin;
    // No newline yet. Keep at most max_line_bytes_ of a line that goes on and on.
    if (segment.scanned > max_line_bytes_) {
      if (!segment.overlong) {
        segment.overlong = true;
        segment.overlong_start = segment.offset;
        segment.overlong_text = segment.buffer.substr(segment.begin, max_line_bytes_);
      }
      segment.offset += segment.scanned;
      segment.buffer.clear();
      segment.begin = 0;
      segment.scanned = 0;
    }
    // Drop what was returned, then read on.
    if (segment.begin > 0) {
      segment.buffer.erase(0, segment.begin);
      segment.begin = 0;
    }
    absl::StatusOr<std::string> chunk =
        ReadAt(segment.fd, segment.read_offset, kReadChunk, segment.path);
    if (!chunk.ok()) return chunk.status();
    if (chunk->empty()) return false;  // a partial last line waits for its newline
    segment.read_offset += chunk->size();
    segment.buffer.append(*chunk);
  }
}

}  // namespace cxhub::plugin_common
