#include "plugins/survey/export_read.h"

#include <sys/stat.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "plugins/common/record_fitting.h"
#include "plugins/survey/export_header.h"

namespace cxhub::survey {

using ::cxhub::plugin_common::FilePosition;
using ::cxhub::plugin_common::LineFileTailer;
using ::cxhub::plugin_common::LineTexts;
using ::cxhub::plugin_common::TailedLine;

absl::Status ExportRead::Run(absl::string_view cursor) {
  last_cursor_ = std::string(cursor);
  absl::StatusOr<const FilePosition*> from = StartingPoint(cursor);
  if (!from.ok()) return from.status();
  absl::StatusOr<std::unique_ptr<LineFileTailer>> tailer =
      LineFileTailer::Open(path_, *from, kSurveyCsvLimits.max_record_bytes, LineTexts::kRaw);
  if (!tailer.ok()) return tailer.status();
  tailer_ = *std::move(tailer);
  for (const std::string& note : tailer_->notes()) {
    if (!sink_.Log(sdk::LogLevel::kInfo, note)) return absl::OkStatus();
  }
  TailedLine line;
  while (true) {
    absl::StatusOr<bool> more = tailer_->Next(line);
    if (!more.ok()) return more.status();
    if (!*more) break;
    absl::StatusOr<bool> go_on = HandleLine(line);
    if (!go_on.ok() || !*go_on) return go_on.status();
  }
  absl::StatusOr<bool> go_on = HandleUnterminatedTail();
  if (go_on.ok() && *go_on) go_on = Checkpoint();
  if (!go_on.ok() || !*go_on) return go_on.status();
  if (answers_ + dead_letters_ > 0) {
    sink_.Log(sdk::LogLevel::kInfo, absl::StrCat("read ", answers_, " survey answers and ",
                                                 dead_letters_, " dead letters"));
  }
  return absl::OkStatus();
}

absl::StatusOr<const FilePosition*> ExportRead::StartingPoint(absl::string_view cursor) {
  absl::StatusOr<std::optional<SurveyCursor>> saved = DecodeSurveyCursor(cursor);
  if (!saved.ok()) return saved.status();
  saved_ = *std::move(saved);
  // A cursor of another path (the options changed) says nothing about this one.
  if (!saved_.has_value() || saved_->path != path_) return nullptr;
  const FilePosition& position = saved_->position;
  struct stat st {};
  if (stat(path_.c_str(), &st) == 0 &&
      static_cast<uint64_t>(st.st_dev) == position.identity.device &&
      static_cast<uint64_t>(st.st_ino) == position.identity.inode &&
      static_cast<uint64_t>(st.st_size) >= position.offset) {
    // The same file, unless what is before the cursor changed: LineFileTailer compares the
    // first bytes, this the record before the cursor.
    // (A file that shrank meanwhile is not the same either; LineFileTailer reports real errors.)
    absl::StatusOr<BytesBefore> before = HashBytesBefore(path_, position.offset);
    if (!before.ok() || !(*before == saved_->before)) {
      sink_.Log(sdk::LogLevel::kInfo,
                absl::StrCat("'", path_,
                             "' was rewritten (the record before the cursor changed): reading "
                             "it from the start"));
      return nullptr;
    }
  }
  return &position;
}

absl::Status ExportRead::StartFile(const std::string& file, uint64_t offset) {
  file_ = file;
  reader_.Reset(offset);
  mapper_.reset();
  if (offset == 0) return absl::OkStatus();  // the header is the first record to come
  absl::StatusOr<std::optional<std::vector<std::string>>> header =
      ReadExportHeader(file, kSurveyCsvLimits);
  if (!header.ok()) return header.status();
  if (!header->has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("survey connector: '", file, "' has no header row"));
  }
  absl::StatusOr<SurveyRowMapper> mapper = SurveyRowMapper::ForHeader(options_, **header);
  if (!mapper.ok()) return mapper.status();
  mapper_.emplace(*std::move(mapper));
  return absl::OkStatus();
}

absl::StatusOr<bool> ExportRead::HandleLine(const TailedLine& line) {
  if (line.file != file_) {
    if (absl::Status status = StartFile(line.file, line.offset); !status.ok()) return status;
  }
  if (line.too_long) {
    if (!mapper_.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat("survey connector: the header row of '", file_, "' is longer than ",
                       kSurveyCsvLimits.max_record_bytes, " bytes"));
    }
    const uint64_t start = reader_.InRecord() ? reader_.pending_offset() : line.offset;
    std::string raw = absl::StrCat(reader_.pending_raw(), line.text);
    raw.resize(std::min(raw.size(), kSurveyCsvLimits.max_record_bytes));
    const FilePosition after = *tailer_->position();
    reader_.Reset(after.offset);
    Reached(after);
    if (!DeadLetter(start,
                    absl::StrCat("the record is longer than ", kSurveyCsvLimits.max_record_bytes,
                                 " bytes (cut in the raw data)"),
                    raw)) {
      return false;
    }
  } else {
    reader_.Append(line.text);
    reader_.Append("\n");
    CsvRecord record;
    while (reader_.Next(record)) {
      absl::StatusOr<bool> go_on = HandleRecord(record);
      if (!go_on.ok() || !*go_on) return go_on;
    }
    if (!reader_.InRecord()) Reached(*tailer_->position());
  }
  if (since_checkpoint_ >= options_.checkpoint_every) return Checkpoint();
  return true;
}

absl::StatusOr<bool> ExportRead::HandleRecord(const CsvRecord& record) {
  if (!mapper_.has_value()) {
    if (!record.error.empty()) {
      return absl::FailedPreconditionError(absl::StrCat("survey connector: the header row of '",
                                                        file_, "' is malformed: ", record.error));
    }
    absl::StatusOr<SurveyRowMapper> mapper = SurveyRowMapper::ForHeader(options_, record.fields);
    if (!mapper.ok()) return mapper.status();
    mapper_.emplace(*std::move(mapper));
    return true;
  }
  if (!record.error.empty()) return DeadLetter(record.offset, record.error, record.raw);
  SurveyRowMapping mapping = mapper_->Map(record.fields);
  if (!mapping.record.has_value()) {
    return DeadLetter(record.offset, mapping.dead_letter_reason, record.raw);
  }
  ++answers_;
  ++since_checkpoint_;
  return plugin_common::EmitWithinHostLimits(sink_, *std::move(mapping.record));
}

absl::StatusOr<bool> ExportRead::HandleUnterminatedTail() {
  const absl::string_view tail = tailer_->unterminated_tail();
  const std::optional<FilePosition> at = tailer_->position();
  if (!at.has_value()) return true;
  // A record already over the limit (a quote never closed) cannot end well: it goes now, so
  // that the next read does not scan it again.
  const bool over_limit = file_ == path_ && reader_.InRecordOverLimit();
  if (tail.empty() && !over_limit) return true;
  struct stat st {};
  if (!over_limit &&
      (stat(path_.c_str(), &st) != 0 ||
       absl::Now() - absl::TimeFromTimespec(st.st_mtim) < absl::Seconds(options_.settle_seconds))) {
    return true;  // still being written, perhaps
  }
  if (file_ != path_) {
    if (absl::Status status = StartFile(path_, at->offset); !status.ok()) return status;
  }
  reader_.Append(tail);
  CsvRecord record;
  if (!reader_.Finish(record)) return true;  // a quoted field is still open
  // A record over the limit has no fields left; it cannot end well, so it goes now.
  const bool complete = record.fields.empty() || !mapper_.has_value() ||
                        record.fields.size() == mapper_->column_count();
  if (!complete) return true;
  absl::StatusOr<bool> go_on = HandleRecord(record);
  if (!go_on.ok() || !*go_on) return go_on;
  FilePosition end = *at;
  end.offset += tail.size();
  Reached(end);
  return true;
}

bool ExportRead::DeadLetter(uint64_t offset, absl::string_view reason, absl::string_view raw) {
  ++dead_letters_;
  ++since_checkpoint_;
  return sink_.DeadLetter(absl::StrCat(file_, " at byte ", offset, ": ", reason), raw);
}

void ExportRead::Reached(const FilePosition& position) {
  reached_ = position;
  reached_file_ = file_;
}

absl::StatusOr<bool> ExportRead::Checkpoint() {
  since_checkpoint_ = 0;
  if (!reached_.has_value()) return true;
  SurveyCursor cursor{path_, *reached_, {}};
  absl::StatusOr<BytesBefore> before = HashBytesBefore(reached_file_, reached_->offset);
  if (!before.ok()) return before.status();
  cursor.before = *before;
  std::string text = EncodeSurveyCursor(cursor);
  if (text == last_cursor_) return true;
  last_cursor_ = std::move(text);
  return sink_.Checkpoint(last_cursor_);
}

}  // namespace cxhub::survey
