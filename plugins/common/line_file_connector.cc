#include "plugins/common/line_file_connector.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "plugins/common/record_fitting.h"
#include "plugins/common/tailed_read.h"

namespace cxhub::plugin_common {
namespace {

// What the line of a retried dead letter names as its file (it has no offset).
constexpr absl::string_view kRetriedLine = "retried dead letter";

std::string LineLocation(const TailedLine& line) {
  if (line.file == kRetriedLine) return absl::StrCat(line.file, ": ");
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
  read_begun_ = true;
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

absl::Status LineFileConnector::Reparse(absl::string_view raw, sdk::Sink& sink) {
  if (!read_begun_) {
    absl::StatusOr<FilePositions> begun = BeginRead("");
    if (!begun.ok()) return begun.status();
    read_begun_ = true;
  }
  TailedLine line;
  line.text = std::string(raw);
  line.file = std::string(kRetriedLine);
  LineTally tally;
  int64_t since_checkpoint = 0;
  LineSender out(sink, line, tally, since_checkpoint);
  HandleLine(line.text, out);
  return absl::OkStatus();
}

}  // namespace cxhub::plugin_common
