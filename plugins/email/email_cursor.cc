#include "plugins/email/email_cursor.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "plugins/email/mbox_reader.h"

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
      // Six fields since the mark; cursors written before it have five.
      if ((fields.size() != 5 && fields.size() != 6) || fields[1].empty() ||
          !absl::SimpleAtoi(fields[2], &progress.floor) ||
          !absl::SimpleAtoi(fields[3], &progress.newest)) {
        return Bad(i + 1, "malformed maildir progress");
      }
      for (absl::string_view hash : absl::StrSplit(fields[4], ',', absl::SkipEmpty())) {
        uint64_t value = 0;
        if (!absl::SimpleHexAtoi(hash, &value)) return Bad(i + 1, "malformed name hash");
        progress.delivered.insert(value);
      }
      if (fields.size() == 6) {
        if (fields[5].size() % 2 != 0 ||
            !absl::c_all_of(fields[5], [](char c) { return absl::ascii_isxdigit(c); })) {
          return Bad(i + 1, "malformed maildir mark");
        }
        progress.mark = absl::HexStringToBytes(fields[5]);
      }
      cursor.maildir[std::string(fields[1])] = std::move(progress);
    } else {
      return Bad(i + 1, absl::StrCat("unknown source kind '", fields[0], "'"));
    }
  }
  return cursor;
}

bool WasDelivered(const MaildirProgress& progress, int64_t arrival_time,
                  const std::string& unique_name, uint64_t name_hash) {
  if (arrival_time < progress.floor) return true;
  if (arrival_time == progress.floor && !progress.mark.empty() && unique_name <= progress.mark) {
    return true;
  }
  return progress.delivered.count(name_hash) > 0;
}

void CompactMaildirProgress(const std::vector<MaildirEntry>& entries, int64_t settle_seconds,
                            size_t max_hashes, MaildirProgress& progress) {
  MaildirProgress next;
  next.newest = progress.newest;
  next.floor = std::max(progress.floor, progress.newest - settle_seconds);
  if (next.floor == progress.floor) next.mark = progress.mark;
  // The files not yet covered by the floor and mark, oldest first, and whether they were read.
  struct Listed {
    const MaildirEntry* entry;
    uint64_t hash;
    bool delivered;
  };
  std::vector<Listed> listed;
  size_t delivered = 0;
  for (const MaildirEntry& entry : entries) {
    if (WasDelivered(next, entry.arrival_time, entry.unique_name, 0)) continue;
    const uint64_t hash = Fnv1a64(entry.unique_name);
    const bool read = progress.delivered.count(hash) > 0;
    delivered += read ? 1 : 0;
    listed.push_back({&entry, hash, read});
  }
  size_t first_kept = 0;
  while (delivered > max_hashes && first_kept < listed.size() && listed[first_kept].delivered) {
    next.floor = listed[first_kept].entry->arrival_time;
    next.mark = listed[first_kept].entry->unique_name;
    --delivered;
    ++first_kept;
  }
  for (size_t i = first_kept; i < listed.size(); ++i) {
    if (listed[i].delivered) next.delivered.insert(listed[i].hash);
  }
  progress = std::move(next);
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
    if (!p.mark.empty()) absl::StrAppend(&out, "\t", absl::BytesToHexString(p.mark));
    out.push_back('\n');
  }
  return out;
}

}  // namespace cxhub::email
