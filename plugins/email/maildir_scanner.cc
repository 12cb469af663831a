#include "plugins/email/maildir_scanner.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {
namespace {

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

absl::Status ListFolder(const std::string& root, const char* sub, std::vector<MaildirEntry>& out) {
  std::string folder = absl::StrCat(root, "/", sub);
  DIR* dir = opendir(folder.c_str());
  if (dir == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot list ", folder, ": ", strerror(errno)));
  }
  while (struct dirent* item = readdir(dir)) {
    absl::string_view name = item->d_name;
    if (name.empty() || name[0] == '.') continue;
    MaildirEntry entry;
    entry.path = absl::StrCat(folder, "/", name);
    struct stat st {};
    if (stat(entry.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;  // gone or odd
    SplitMaildirName(name, entry.unique_name, entry.flags);
    entry.is_new = absl::string_view(sub) == "new";
    entry.arrival_time = st.st_ctim.tv_sec;
    entry.mtime = st.st_mtim.tv_sec;
    absl::string_view stamp = name.substr(0, name.find('.'));
    int64_t seconds = 0;
    if (!stamp.empty() && absl::SimpleAtoi(stamp, &seconds) && seconds > 0) {
      entry.name_time = seconds;
    }
    out.push_back(std::move(entry));
  }
  closedir(dir);
  return absl::OkStatus();
}

}  // namespace

void SplitMaildirName(absl::string_view file_name, std::string& unique_name, std::string& flags) {
  size_t info = file_name.rfind(":2,");
  if (info == absl::string_view::npos) {
    unique_name = std::string(file_name);
    flags.clear();
    return;
  }
  unique_name = std::string(file_name.substr(0, info));
  flags = std::string(file_name.substr(info + 3));
}

absl::Status CheckMaildir(const std::string& root) {
  for (const char* sub : {"new", "cur"}) {
    if (!IsDirectory(absl::StrCat(root, "/", sub))) {
      return absl::NotFoundError(
          absl::StrCat("maildir ", root, " has no ", sub, "/ folder (not a Maildir)"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<MaildirEntry>> ScanMaildir(const std::string& root) {
  if (absl::Status status = CheckMaildir(root); !status.ok()) return status;
  std::vector<MaildirEntry> entries;
  for (const char* sub : {"new", "cur"}) {
    if (absl::Status status = ListFolder(root, sub, entries); !status.ok()) return status;
  }
  std::sort(entries.begin(), entries.end(), [](const MaildirEntry& a, const MaildirEntry& b) {
    return std::tie(a.arrival_time, a.unique_name, a.path) <
           std::tie(b.arrival_time, b.unique_name, b.path);
  });
  return entries;
}

}  // namespace cxhub::email
