#include "plugins/email/email_cursor.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {
namespace {

constexpr absl::string_view kMagic = "cxhub-email-cursor 1";

absl::Status Bad(size_t line, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("email cursor line ", line, ": ", why));
}

}  // namespace

absl::StatusOr<EmailCursor> ParseCursor(absl::string_view text) {
  EmailCursor cursor;
  if (text.empty()) return cursor;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  if (lines.empty() || lines[0] != kMagic) {
    return absl::InvalidArgumentError(
        absl::StrCat("email cursor does not start with '", kMagic, "' (unknown version)"));
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<absl::string_view> fields = absl::StrSplit(lines[i], '\t');
    if (fields[0] == "mbox") {
      MboxProgress progress;
      if (fields.size() != 8 || fields[1].empty() ||
          !absl::SimpleAtoi(fields[2], &progress.inode) ||
          !absl::SimpleAtoi(fields[3], &progress.offset) ||
          !absl::SimpleAtoi(fields[4], &progress.head_length) ||
          !absl::SimpleHexAtoi(fields[5], &progress.head_hash) ||
          !absl::SimpleAtoi(fields[6], &progress.settled_size) ||
          !absl::SimpleAtoi(fields[7], &progress.settled_mtime_ns)) {
        return Bad(i + 1, "malformed mbox progress");
      }
      cursor.mbox[std::string(fields[1])] = progress;
    } else if (fields[0] == "maildir") {
      MaildirProgress progress;
      if (fields.size() != 5 || fields[1].empty() ||
          !absl::SimpleAtoi(fields[2], &progress.floor) ||
          !absl::SimpleAtoi(fields[3], &progress.newest)) {
        return Bad(i + 1, "malformed maildir progress");
      }
      for (absl::string_view hash : absl::StrSplit(fields[4], ',', absl::SkipEmpty())) {
        uint64_t value = 0;
        if (!absl::SimpleHexAtoi(hash, &value)) return Bad(i + 1, "malformed name hash");
        progress.delivered.insert(value);
      }
      cursor.maildir[std::string(fields[1])] = std::move(progress);
    } else {
      return Bad(i + 1, absl::StrCat("unknown source kind '", fields[0], "'"));
    }
  }
  return cursor;
}

std::string FormatCursor(const EmailCursor& cursor) {
  std::string out(kMagic);
  out.push_back('\n');
  for (const auto& [path, p] : cursor.mbox) {
    absl::StrAppend(&out, "mbox\t", path, "\t", p.inode, "\t", p.offset, "\t", p.head_length, "\t",
                    absl::Hex(p.head_hash), "\t", p.settled_size, "\t", p.settled_mtime_ns, "\n");
  }
  for (const auto& [path, p] : cursor.maildir) {
    absl::StrAppend(&out, "maildir\t", path, "\t", p.floor, "\t", p.newest, "\t");
    bool first = true;
    for (uint64_t hash : p.delivered) {
      absl::StrAppend(&out, first ? "" : ",", absl::Hex(hash));
      first = false;
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace cxhub::email
