// One Read of a survey export: from the cursor to the last complete record of the file, each
// data row mapped (SurveyRowMapper) and emitted or dead-lettered, with checkpoints every N rows and
// at the end.
//
// The file is tailed with plugins/common's LineFileTailer (raw lines, so that line breaks, blank
// lines and CRs inside quoted fields survive) and its lines go through the CsvReader. The cursor
// moves only to the end of a complete record, so a growing file that ends in the middle of one
// (inside a quoted comment, say) is read on from that record's start next time. A last record
// without a line end is taken only once it is complete (no quoted field open, the header's number
// of fields) and the file has not changed for settle_seconds.
//
// A replaced export (another file at the path, a file truncated or rewritten in place) is read
// from its start: the host skips the responses it recorded before by their external id.
#ifndef CXHUB_PLUGINS_SURVEY_EXPORT_READ_H_
#define CXHUB_PLUGINS_SURVEY_EXPORT_READ_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/line_file_tailer.h"
#include "plugins/survey/csv_reader.h"
#include "plugins/survey/survey_cursor.h"
#include "plugins/survey/survey_options.h"
#include "plugins/survey/survey_row_mapper.h"

namespace cxhub::survey {

// The CSV limits of the connector: a record (a whole response, every answer and comment of it)
// of at most 64 KiB, as the other file connectors' lines.
inline constexpr CsvLimits kSurveyCsvLimits = {64 * 1024, 64 * 1024, 4096};

class ExportRead {
 public:
  // `options` and `sink` outlive the read.
  ExportRead(const SurveyOptions& options, sdk::Sink& sink)
      : options_(options), sink_(sink), path_(options.files.front()) {}

  // Reads from `cursor` (empty: from the start). OK also when the host asked to stop (the SDK
  // reports CANCELLED then). Errors: a malformed cursor, a header the mapping does not fit,
  // the file-reading errors of LineFileTailer.
  absl::Status Run(absl::string_view cursor);

 private:
  // Where the saved cursor says to start; nullptr to read from the start.
  absl::StatusOr<const plugin_common::FilePosition*> StartingPoint(absl::string_view cursor);
  // A line from `file` that is not the one being parsed: parse it from `offset` on, with its
  // header.
  absl::Status StartFile(const std::string& file, uint64_t offset);
  // Parses one line. False once the host asked to stop.
  absl::StatusOr<bool> HandleLine(const plugin_common::TailedLine& line);
  // The header (when none is known yet) or a data row. False once the host asked to stop.
  absl::StatusOr<bool> HandleRecord(const CsvRecord& record);
  // The last record without a line end, when it is complete and settled.
  absl::StatusOr<bool> HandleUnterminatedTail();
  bool DeadLetter(uint64_t offset, absl::string_view reason, absl::string_view raw);
  // Moves the consistent point to `position` of the file being parsed.
  void Reached(const plugin_common::FilePosition& position);
  absl::StatusOr<bool> Checkpoint();

  const SurveyOptions& options_;
  sdk::Sink& sink_;
  const std::string& path_;
  std::optional<SurveyCursor> saved_;
  std::unique_ptr<plugin_common::LineFileTailer> tailer_;
  CsvReader reader_{kSurveyCsvLimits};
  std::string file_;  // the file being parsed (the path, or where a rotated export went)
  std::optional<SurveyRowMapper> mapper_;
  // The last consistent point (the end of a record) and the file it is in.
  std::optional<plugin_common::FilePosition> reached_;
  std::string reached_file_;
  std::string last_cursor_;
  int64_t since_checkpoint_ = 0;
  int64_t answers_ = 0;
  int64_t dead_letters_ = 0;
};

}  // namespace cxhub::survey

#endif  // CXHUB_PLUGINS_SURVEY_EXPORT_READ_H_
