#include "plugins/survey/export_header.h"

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/line_file_tailer.h"

namespace cxhub::survey {

using ::cxhub::plugin_common::LineFileTailer;
using ::cxhub::plugin_common::LineTexts;
using ::cxhub::plugin_common::TailedLine;

absl::StatusOr<std::optional<std::vector<std::string>>> ReadExportHeader(const std::string& path,
                                                                         const CsvLimits& limits) {
  absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
      LineFileTailer::Open(path, nullptr, limits.max_record_bytes, LineTexts::kRaw);
  if (!tailer.ok()) return tailer.status();
  CsvReader reader(limits);
  CsvRecord header;
  TailedLine line;
  bool found = false;
  while (!found) {
    absl::StatusOr<bool> more = (*tailer)->Next(line);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (line.too_long) {
      return absl::FailedPreconditionError(absl::StrCat("survey connector: the header row of '",
                                                        path, "' is longer than ",
                                                        limits.max_record_bytes, " bytes"));
    }
    reader.Append(line.text);
    reader.Append("\n");
    found = reader.Next(header);
  }
  if (!found) return std::nullopt;
  if (!header.error.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("survey connector: the header row of '", path,
                                                      "' is malformed: ", header.error));
  }
  return header.fields;
}

}  // namespace cxhub::survey
