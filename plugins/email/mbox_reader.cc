#include "plugins/email/mbox_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {
namespace {

constexpr size_t kReadChunkBytes = 64 * 1024;
// What a From_ line keeps at least, whatever room its message has left: its date.
constexpr uint64_t kSeparatorLineBytes = 1024;
// No line is kept longer than this, whatever the bound (it only guards the arithmetic).
constexpr uint64_t kLongestKeptLine = uint64_t{1} << 40;

// The line with one '>' removed when it is "From " preceded by one or more '>' (mboxrd).
absl::string_view UnescapedFromLine(absl::string_view line) {
  size_t quotes = 0;
  while (quotes < line.size() && line[quotes] == '>') ++quotes;
  if (quotes > 0 && absl::StartsWith(line.substr(quotes), "From ")) line.remove_prefix(1);
  return line;
}

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

bool IsFromLine(absl::string_view line) { return absl::StartsWith(line, "From "); }

std::optional<int64_t> FromLineTime(absl::string_view from_line) {
  static constexpr absl::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::vector<absl::string_view> tokens = absl::StrSplit(from_line, ' ', absl::SkipEmpty());
  // From <sender> <weekday> <month> <day> <hh:mm:ss> <year> [zone]
  for (size_t i = 2; i + 3 < tokens.size(); ++i) {
    unsigned month = 0;
    for (unsigned m = 0; m < 12; ++m) {
      if (tokens[i] == kMonths[m]) month = m + 1;
    }
    if (month == 0) continue;
    unsigned day = 0;
    int64_t year = 0;
    std::vector<absl::string_view> clock = absl::StrSplit(tokens[i + 2], ':');
    unsigned hms[3] = {0, 0, 0};
    if (!absl::SimpleAtoi(tokens[i + 1], &day) || !absl::SimpleAtoi(tokens[i + 3], &year) ||
        clock.size() < 2 || clock.size() > 3 || day < 1 || day > 31 || year < 1970 || year > 9999) {
      return std::nullopt;
    }
    for (size_t k = 0; k < clock.size(); ++k) {
      if (!absl::SimpleAtoi(clock[k], &hms[k])) return std::nullopt;
    }
    if (hms[0] > 23 || hms[1] > 59 || hms[2] > 60) return std::nullopt;
    return DaysFromCivil(year, month, day) * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2];
  }
  return std::nullopt;
}

uint64_t Fnv1a64(absl::string_view bytes, uint64_t seed) {
  uint64_t hash = seed;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

absl::StatusOr<uint64_t> HashFileHead(const std::string& path, uint64_t length) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", strerror(errno)));
  std::string head(length, '\0');
  in.read(head.data(), static_cast<std::streamsize>(length));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.size() != length) {
    return absl::OutOfRangeError(absl::StrCat(path, " is shorter than ", length, " bytes"));
  }
  return Fnv1a64(head);
}

absl::StatusOr<MboxReader> MboxReader::Open(const std::string& path, uint64_t offset,
                                            bool tail_is_settled, uint64_t max_message_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int error = errno;
    std::string message = absl::StrCat("cannot open mbox ", path, ": ", strerror(error));
    return error == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
  }
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in) return absl::OutOfRangeError(absl::StrCat("cannot seek ", path, " to ", offset));
  return MboxReader(std::move(in), offset, tail_is_settled, max_message_bytes);
}

bool MboxReader::Refill() {
  buffer_.resize(kReadChunkBytes);
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.resize(static_cast<size_t>(in_.gcount()));
  buffer_begin_ = 0;
  return !buffer_.empty();
}

bool MboxReader::ReadLine(std::string& line, bool& terminated, size_t keep) {
  line.clear();
  uint64_t consumed = 0;
  while (buffer_begin_ < buffer_.size() || Refill()) {
    const char* begin = buffer_.data() + buffer_begin_;
    const size_t available = buffer_.size() - buffer_begin_;
    const char* newline = static_cast<const char*>(std::memchr(begin, '\n', available));
    const size_t length = newline != nullptr ? static_cast<size_t>(newline - begin) : available;
    if (line.size() < keep) line.append(begin, std::min(length, keep - line.size()));
    consumed += length;
    buffer_begin_ += length;
    if (newline != nullptr) {
      ++buffer_begin_;
      offset_ += consumed + 1;
      terminated = true;
      return true;
    }
  }
  offset_ += consumed;
  terminated = false;
  return consumed > 0;
}

size_t MboxReader::LineKeep(const MboxMessage& message) const {
  const uint64_t used = std::min<uint64_t>(message.content.size(), max_message_bytes_);
  const uint64_t room = std::min<uint64_t>(max_message_bytes_ - used, kLongestKeptLine);
  // One byte over the room shows the message is over; a From_ line always keeps its date.
  return static_cast<size_t>(std::max<uint64_t>(room + 1, kSeparatorLineBytes));
}

void MboxReader::Append(MboxMessage& message, absl::string_view text, bool newline) const {
  const uint64_t length = message.content.size() + text.size() + (newline ? 1 : 0);
  if (message.oversize || length > max_message_bytes_) {
    message.oversize = true;
    return;
  }
  message.content.append(text.data(), text.size());
  if (newline) message.content.push_back('\n');
}

absl::StatusOr<std::optional<MboxMessage>> MboxReader::Next() {
  incomplete_tail_ = false;
  MboxMessage message;
  std::string line;
  bool terminated = true;
  if (pending_from_.has_value()) {
    message.offset = pending_offset_;
    message.from_line = std::move(*pending_from_);
    pending_from_.reset();
  } else {
    message.offset = offset_;
    if (!ReadLine(line, terminated, LineKeep(message))) return std::nullopt;  // nothing left
    if (IsFromLine(line) && terminated) {
      message.from_line = line;
    } else {
      Append(message, line, terminated);  // data before any From_ line: a message of its own
    }
  }

  // Each line is appended once the next one shows it is not the blank line before a separator,
  // which belongs to the mbox, not the message.
  std::string held;
  bool holding = false;
  bool held_terminated = true;
  while (true) {
    const uint64_t line_offset = offset_;
    if (!ReadLine(line, terminated, LineKeep(message))) break;  // EOF
    if (terminated && IsFromLine(line)) {
      pending_from_ = line;
      pending_offset_ = line_offset;
      break;
    }
    if (holding) Append(message, UnescapedFromLine(held), true);
    held.swap(line);
    holding = true;
    held_terminated = terminated;
  }

  const bool at_eof = !pending_from_.has_value();
  if (at_eof) {
    // Complete only when followed by an empty line, or when the file has settled.
    const bool ends_with_blank = holding && held_terminated && held.empty();
    if (message.from_line.empty() && message.content.empty() && !holding) return std::nullopt;
    if (!ends_with_blank && !settled_) {
      incomplete_tail_ = true;
      return std::nullopt;
    }
  }
  message.end_offset = at_eof ? offset_ : pending_offset_;
  if (holding && !held.empty()) Append(message, UnescapedFromLine(held), held_terminated);
  if (message.end_offset - message.offset > max_message_bytes_) message.oversize = true;
  return message;
}

}  // namespace cxhub::email
