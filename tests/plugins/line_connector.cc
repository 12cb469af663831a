// A connector over a line-oriented file, for the plugin and host tests. Each line is
//
//   external_id|email|occur_time_rfc3339|body
//
// (the body may contain '|'). Options, separated by ';' or newlines:
//   path=<file>            the file to read (required)
//   checkpoint_every=<N>   checkpoint after every N records or dead letters (default 100)
//
// The file is read incrementally like a tailer: only complete lines are emitted, a partial last
// line waits for its newline, and the cursor ("<inode>:<offset>", offset just past the last line
// handled) lets the next read resume after it. A file that was replaced (other inode) or truncated
// below the cursor is read again from the start. Blank lines are skipped; malformed lines become
// dead letters with the reason.
//
// Compile definitions make deliberately broken variants of this plugin for the tests:
//   CXHUB_TEST_ABI_MAJOR=<n> / CXHUB_TEST_ABI_MINOR=<n>  announce another ABI version
//   CXHUB_TEST_TABLE_SIZE=<n>    announce a truncated table
//   CXHUB_TEST_NO_ENTRY          export no entry symbol
//   CXHUB_TEST_FAIL_OPEN         open always fails
//   CXHUB_TEST_THROW_IN_READ     read throws a C++ exception
//   CXHUB_TEST_ABI_1_0           a table as ABI 1.0 laid it out: no reparse entry
//   CXHUB_TEST_LENIENT_EMAIL     "a fixed parser": an email without '@' is read as <it>@example.com
// Every variant with the reparse entry maps a dead letter's line again as read does.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/connector_sdk.h"

// Internal functions a loader must not see: one hidden by -fvisibility=hidden, one marked
// default-visible but hidden by the linker version script. plugin_test checks dlsym finds neither.
extern "C" int cxhub_test_line_connector_hidden(void) { return 1; }
extern "C" __attribute__((visibility("default"))) int cxhub_test_line_connector_unlisted(void) {
  return 2;
}

namespace cxhub::test {
namespace {

struct Cursor {
  uint64_t inode = 0;
  uint64_t offset = 0;
};

absl::Status ParseCursor(absl::string_view text, Cursor& cursor) {
  if (text.empty()) return absl::OkStatus();
  std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &cursor.inode) ||
      !absl::SimpleAtoi(parts[1], &cursor.offset)) {
    return absl::InvalidArgumentError(absl::StrCat("cursor '", text, "' is not <inode>:<offset>"));
  }
  return absl::OkStatus();
}

std::string FormatCursor(uint64_t inode, uint64_t offset) {
  return absl::StrCat(inode, ":", offset);
}

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class LineConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) override {
#ifdef CXHUB_TEST_FAIL_OPEN
    (void)config;
    return absl::UnavailableError("test source unreachable (CXHUB_TEST_FAIL_OPEN)");
#else
    for (absl::string_view option :
         absl::StrSplit(config, absl::ByAnyChar(";\n"), absl::SkipWhitespace())) {
      option = absl::StripAsciiWhitespace(option);
      std::pair<absl::string_view, absl::string_view> kv =
          absl::StrSplit(option, absl::MaxSplits('=', 1));
      if (kv.first == "path") {
        path_ = std::string(kv.second);
      } else if (kv.first == "checkpoint_every") {
        if (!absl::SimpleAtoi(kv.second, &checkpoint_every_) || checkpoint_every_ == 0) {
          return absl::InvalidArgumentError(
              absl::StrCat("option checkpoint_every: '", kv.second, "' is not a positive integer"));
        }
      } else {
        return absl::InvalidArgumentError(absl::StrCat("unknown option '", kv.first, "'"));
      }
    }
    if (path_.empty()) return absl::InvalidArgumentError("option path is required");
    Log(sdk::LogLevel::kInfo, absl::StrCat("reading ", path_));
    return absl::OkStatus();
#endif
  }

  absl::Status Read(absl::string_view cursor_text, sdk::Sink& sink) override {
#ifdef CXHUB_TEST_THROW_IN_READ
    throw std::runtime_error("line reader exploded (CXHUB_TEST_THROW_IN_READ)");
#endif
    Cursor cursor;
    if (absl::Status status = ParseCursor(cursor_text, cursor); !status.ok()) return status;

    Fd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      const int error = errno;
      const std::string message = absl::StrCat(path_, ": ", std::strerror(error));
      return error == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
    }
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) {
      return absl::UnavailableError(absl::StrCat(path_, ": ", std::strerror(errno)));
    }
    const uint64_t inode = st.st_ino;
    uint64_t offset = cursor.offset;
    if (!cursor_text.empty() && cursor.inode != inode) {
      sink.Log(sdk::LogLevel::kWarning,
               absl::StrCat(path_, " was replaced; reading it from the start"));
      offset = 0;
    } else if (offset > static_cast<uint64_t>(st.st_size)) {
      sink.Log(sdk::LogLevel::kWarning,
               absl::StrCat(path_, " was truncated; reading it from the start"));
      offset = 0;
    }
    if (::lseek(fd.get(), static_cast<off_t>(offset), SEEK_SET) < 0) {
      return absl::UnavailableError(absl::StrCat(path_, ": seek: ", std::strerror(errno)));
    }

    const std::string start_cursor(cursor_text);
    std::string last_checkpoint = start_cursor;
    uint64_t since_checkpoint = 0;
    std::string pending;  // bytes of the line being assembled
    char buffer[64 * 1024];
    for (;;) {
      const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
      if (n < 0) {
        if (errno == EINTR) continue;
        return absl::UnavailableError(absl::StrCat(path_, ": read: ", std::strerror(errno)));
      }
      if (n == 0) break;
      absl::string_view chunk(buffer, static_cast<size_t>(n));
      while (!chunk.empty()) {
        const size_t newline = chunk.find('\n');
        if (newline == absl::string_view::npos) {
          pending.append(chunk.data(), chunk.size());  // partial line: wait for its end
          break;
        }
        pending.append(chunk.data(), newline);
        chunk.remove_prefix(newline + 1);
        const uint64_t line_start = offset;
        offset += pending.size() + 1;
        const bool handled = HandleLine(pending, line_start, sink);
        pending.clear();
        if (!handled) return absl::OkStatus();  // host asked to stop
        if (++since_checkpoint >= checkpoint_every_) {
          last_checkpoint = FormatCursor(inode, offset);
          if (!sink.Checkpoint(last_checkpoint)) return absl::OkStatus();
          since_checkpoint = 0;
        }
      }
    }
    const std::string end_cursor = FormatCursor(inode, offset);
    if (end_cursor != last_checkpoint) sink.Checkpoint(end_cursor);
    return absl::OkStatus();
  }

  absl::Status Reparse(absl::string_view raw, sdk::Sink& sink) override {
    HandleLine(raw, 0, sink);
    return absl::OkStatus();
  }

 private:
  // Emits the line as a record or a dead letter (blank lines are skipped). Returns false when the
  // host asked to stop.
  bool HandleLine(absl::string_view line, uint64_t line_start, sdk::Sink& sink) {
    const absl::string_view raw = line;
    absl::ConsumeSuffix(&line, "\r");
    if (absl::StripAsciiWhitespace(line).empty()) return true;
    const auto dead = [&](absl::string_view reason) {
      return sink.DeadLetter(absl::StrCat("offset ", line_start, ": ", reason), raw);
    };
    std::vector<absl::string_view> fields = absl::StrSplit(line, absl::MaxSplits('|', 3));
    if (fields.size() != 4) {
      return dead(absl::StrCat("expected 4 fields separated by '|', found ", fields.size()));
    }
    const absl::string_view external_id = absl::StripAsciiWhitespace(fields[0]);
    const absl::string_view email = absl::StripAsciiWhitespace(fields[1]);
    const absl::string_view time_text = absl::StripAsciiWhitespace(fields[2]);
    if (external_id.empty()) return dead("external_id is empty");
    std::string address(email);
    if (email.find('@') == absl::string_view::npos) {
#ifdef CXHUB_TEST_LENIENT_EMAIL
      address += "@example.com";
#else
      return dead(absl::StrCat("email '", email, "' has no '@'"));
#endif
    }
    absl::Time time;
    std::string time_error;
    if (!absl::ParseTime(absl::RFC3339_full, time_text, &time, &time_error)) {
      return dead(absl::StrCat("occur_time '", time_text, "' is not RFC 3339: ", time_error));
    }

    connector::v1::Record record;
    connector::v1::InteractionRecord& interaction = *record.mutable_interaction();
    interaction.set_external_id(std::string(external_id));
    interaction.set_channel("test");
    interaction.set_kind(cxhub::v1::MESSAGE);
    interaction.set_direction(cxhub::v1::INBOUND);
    const int64_t seconds = absl::ToUnixSeconds(time);
    interaction.mutable_occur_time()->set_seconds(seconds);
    interaction.mutable_occur_time()->set_nanos(
        static_cast<int32_t>((time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
    cxhub::v1::Identity& identity = *interaction.add_customer_identities();
    identity.set_kind(cxhub::v1::EMAIL);
    identity.set_value(address);
    interaction.set_body(std::string(fields[3]));
    (*interaction.mutable_attributes())["offset"] = absl::StrCat(line_start);
    return sink.Emit(record);
  }

  std::string path_;
  uint64_t checkpoint_every_ = 100;
};

}  // namespace
}  // namespace cxhub::test

#if defined(CXHUB_TEST_NO_ENTRY)
// No entry symbol at all: the loader must refuse the file.
#elif defined(CXHUB_TEST_ABI_MAJOR) || defined(CXHUB_TEST_ABI_MINOR) || \
    defined(CXHUB_TEST_TABLE_SIZE) || defined(CXHUB_TEST_ABI_1_0)
namespace {
constexpr cxhub_connector_v1 BrokenTable() {
  cxhub_connector_v1 table = cxhub::sdk::internal::MakeTable<cxhub::test::LineConnector>(
      "test_lines", "test", "1.2.3-broken");
#ifdef CXHUB_TEST_ABI_MAJOR
  table.abi_major = CXHUB_TEST_ABI_MAJOR;
#endif
#ifdef CXHUB_TEST_ABI_MINOR
  table.abi_minor = CXHUB_TEST_ABI_MINOR;
#endif
#ifdef CXHUB_TEST_TABLE_SIZE
  table.size = CXHUB_TEST_TABLE_SIZE;
#endif
#ifdef CXHUB_TEST_ABI_1_0
  table.abi_minor = 0;
  table.size = offsetof(cxhub_connector_v1, reparse);
  table.reparse = nullptr;
#endif
  return table;
}
}  // namespace
extern "C" __attribute__((visibility("default"))) const cxhub_connector_v1*
cxhub_connector_v1_entry(void) {
  static constexpr cxhub_connector_v1 kTable = BrokenTable();
  return &kTable;
}
#else
CXHUB_EXPORT_CONNECTOR(cxhub::test::LineConnector, "test_lines", "test", "1.2.3")
#endif
