#include "plugins/survey/csv_reader.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace cxhub::survey {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr size_t kBomSize = 3;
// The bytes that end a run of ordinary bytes in an unquoted field.
constexpr absl::string_view kBareFieldStops = ",\n\"";

}  // namespace

CsvReader::CsvReader(CsvLimits limits, uint64_t start_offset) : limits_(limits) {
  Reset(start_offset);
}

void CsvReader::Reset(uint64_t offset) {
  bom_matched_ = 0;
  at_start_ = offset == 0;
  state_ = State::kFieldStart;
  offset_ = offset;
  record_bytes_ = 0;
  field_quoted_ = false;
  field_.clear();
  fields_.clear();
  raw_.clear();
  error_.clear();
  too_long_ = false;
  ready_.clear();
}

void CsvReader::Append(absl::string_view bytes) {
  size_t at = 0;
  while (at < bytes.size()) {
    const char c = bytes[at];
    if (at_start_) {
      ++at;
      if (c == kBom[bom_matched_]) {
        if (++bom_matched_ == kBomSize) {
          at_start_ = false;
          offset_ = kBomSize;
        }
        continue;
      }
      // Not a BOM after all: what looked like one is data.
      at_start_ = false;
      for (size_t i = 0; i < bom_matched_; ++i) Consume(kBom[i]);
      Consume(c);
      continue;
    }
    // Inside a field, the bytes up to the next one that can end it go in at once.
    if (state_ == State::kQuoted || state_ == State::kBare) {
      size_t stop =
          state_ == State::kQuoted ? bytes.find('"', at) : bytes.find_first_of(kBareFieldStops, at);
      if (stop == absl::string_view::npos) stop = bytes.size();
      if (stop > at) {
        ConsumeFieldRun(bytes.substr(at, stop - at));
        at = stop;
        continue;
      }
    }
    Consume(c);
    ++at;
  }
}

void CsvReader::ConsumeFieldRun(absl::string_view run) {
  record_bytes_ += run.size();
  if (raw_.size() < limits_.max_record_bytes) {
    raw_.append(run.data(), std::min(run.size(), limits_.max_record_bytes - raw_.size()));
  }
  if (record_bytes_ > limits_.max_record_bytes && !too_long_) {
    too_long_ = true;
    fields_.clear();
    field_.clear();
  }
  if (too_long_) return;
  const size_t room =
      field_.size() < limits_.max_field_bytes ? limits_.max_field_bytes - field_.size() : 0;
  field_.append(run.data(), std::min(run.size(), room));
  if (run.size() > room) {
    SetError(absl::StrCat("field ", fields_.size() + 1, " is longer than ", limits_.max_field_bytes,
                          " bytes"));
  }
}

bool CsvReader::Next(CsvRecord& record) {
  if (ready_.empty()) return false;
  record = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

bool CsvReader::Finish(CsvRecord& record) {
  if (at_start_ && bom_matched_ > 0) {
    at_start_ = false;
    for (size_t i = 0; i < bom_matched_; ++i) Consume(kBom[i]);
  }
  if (record_bytes_ == 0) return Next(record);
  if (state_ == State::kQuoted && !too_long_) return false;
  EndRecord();
  return Next(record);
}

void CsvReader::SetError(std::string error) {
  if (error_.empty()) error_ = std::move(error);
}

void CsvReader::AddToField(char c) {
  if (too_long_) return;
  if (field_.size() >= limits_.max_field_bytes) {
    SetError(absl::StrCat("field ", fields_.size() + 1, " is longer than ", limits_.max_field_bytes,
                          " bytes"));
    return;
  }
  field_.push_back(c);
}

void CsvReader::EndField() {
  if (!too_long_) {
    if (fields_.size() < limits_.max_fields) {
      fields_.push_back(std::move(field_));
    } else {
      SetError(absl::StrCat("the record has more than ", limits_.max_fields, " fields"));
    }
  }
  field_.clear();
  field_quoted_ = false;
  state_ = State::kFieldStart;
}

void CsvReader::EndRecord() {
  // A bare last field keeps no '\r' of a CRLF line end.
  if (!field_quoted_ && !field_.empty() && field_.back() == '\r') field_.pop_back();
  const bool blank =
      !too_long_ && fields_.empty() && field_.empty() && !field_quoted_ && error_.empty();
  EndField();
  if (!blank) {
    CsvRecord record;
    record.fields = std::move(fields_);
    record.offset = offset_;
    record.size = record_bytes_;
    record.raw = std::move(raw_);
    record.error = std::move(error_);
    if (too_long_) {
      record.fields.clear();
      record.error = absl::StrCat("the record is longer than ", limits_.max_record_bytes,
                                  " bytes (cut in the raw data)");
    }
    ready_.push_back(std::move(record));
  }
  offset_ += record_bytes_;
  record_bytes_ = 0;
  fields_.clear();
  raw_.clear();
  error_.clear();
  too_long_ = false;
}

void CsvReader::Consume(char c) {
  ++record_bytes_;
  if (raw_.size() < limits_.max_record_bytes) raw_.push_back(c);
  if (record_bytes_ > limits_.max_record_bytes && !too_long_) {
    too_long_ = true;
    fields_.clear();
    field_.clear();
  }
  Step(c);
}

void CsvReader::Step(char c) {
  switch (state_) {
    case State::kFieldStart:
      if (c == '"') {
        field_quoted_ = true;
        state_ = State::kQuoted;
      } else if (c == ',') {
        EndField();
      } else if (c == '\n') {
        EndRecord();
      } else {
        AddToField(c);
        state_ = State::kBare;
      }
      return;
    case State::kBare:
      if (c == ',') {
        EndField();
      } else if (c == '\n') {
        EndRecord();
      } else {
        if (c == '"') {
          SetError(
              absl::StrCat("field ", fields_.size() + 1, ": a quote inside an unquoted field"));
        }
        AddToField(c);
      }
      return;
    case State::kQuoted:
      if (c == '"') {
        state_ = State::kQuoteInQuoted;
      } else {
        AddToField(c);
      }
      return;
    case State::kQuoteInQuoted:
      if (c == '"') {
        AddToField(c);
        state_ = State::kQuoted;
      } else if (c == ',') {
        EndField();
      } else if (c == '\n') {
        EndRecord();
      } else if (c == '\r') {
        state_ = State::kCrAfterQuote;
      } else {
        SetError(absl::StrCat("field ", fields_.size() + 1, ": text after the closing quote"));
        AddToField(c);
        state_ = State::kBare;
      }
      return;
    case State::kCrAfterQuote:
      if (c == '\n') {
        EndRecord();
        return;
      }
      SetError(absl::StrCat("field ", fields_.size() + 1, ": text after the closing quote"));
      AddToField('\r');
      state_ = State::kBare;
      Step(c);
      return;
  }
}

}  // namespace cxhub::survey
