#include "plugins/common/line_file_connector.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "plugins/common/record_fitting.h"
#include "plugins/common/tailed_read.h"

namespace cxhub::plugin_common {
namespace {

std::string LineLocation(const TailedLine& line) {
  return absl::StrCat(line.file, " at byte ", line.offset, ": ");
}

}  // namespace

bool LineSender::Emit(const cxhub::connector::v1::Record& record) {
  ++tally_.records;
  ++since_checkpoint_;
  return EmitWithinHostLimits(sink_, record);
}

bool LineSender::DeadLetter(absl::string_view reason) {
  ++tally_.dead_letters;
  ++since_checkpoint_;
  return sink_.DeadLetter(absl::StrCat(LineLocation(line_), reason), line_.text);
}

bool LineSender::Skip(absl::string_view note) {
  ++tally_.skipped;
  return sink_.Log(sdk::LogLevel::kDebug, absl::StrCat(LineLocation(line_), note));
}

absl::Status LineFileConnector::Open(absl::string_view config) {
  absl::StatusOr<TailedFileOptions> files = Configure(config);
  if (!files.ok()) return files.status();
  files_ = *std::move(files);
  absl::StatusOr<std::vector<std::string>> missing = CheckFilesToTail(files_.files, name_);
  if (!missing.ok()) return missing.status();
  for (const std::string& file : *missing) {
    if (WarnsWhenMissing(file)) {
      Log(sdk::LogLevel::kWarning,
          absl::StrCat("'", file, "' does not exist yet; it is read once it appears"));
    }
  }
  return FinishOpen();
}

absl::Status LineFileConnector::Read(absl::string_view cursor, sdk::Sink& sink) {
  absl::StatusOr<FilePositions> saved = BeginRead(cursor);
  if (!saved.ok()) return saved.status();
  FilePositions positions;  // only the configured files; others are forgotten
  LineTally tally;
  absl::StatusOr<bool> done = ReadTailedFiles(
      files_.files, *saved, cursor, {kMaxLineBytes, files_.checkpoint_every}, sink, positions,
      [&](const TailedLine& line, int64_t& since_checkpoint) {
        LineSender out(sink, line, tally, since_checkpoint);
        if (line.too_long) {
          return out.DeadLetter(absl::StrCat(line_path_, "line longer than ", kMaxLineBytes,
                                             " bytes (cut in the raw data)"));
        }
        return HandleLine(line.text, out);
      },
      [&] { return EncodeCursor(positions); });
  if (!done.ok() || !*done) return done.status();
  if (tally.total() > 0) sink.Log(sdk::LogLevel::kInfo, Summary(tally));
  return absl::OkStatus();
}

}  // namespace cxhub::plugin_common
