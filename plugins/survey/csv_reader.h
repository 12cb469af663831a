// An RFC 4180 CSV reader that takes its input piece by piece, as a growing file gives it.
//
//   record = field *("," field) line-end
//   field  = quoted / bare
//   quoted = DQUOTE *(any byte except DQUOTE / 2DQUOTE) DQUOTE   (line breaks included)
//   bare   = *(any byte except DQUOTE, "," and "\n")
//   line-end = CRLF / LF
//
// A UTF-8 byte order mark at the very start of the input is skipped. Blank lines (a line end with
// nothing before it) are skipped. The last record of the input may lack its line end: Finish
// returns it when it is complete (no quoted field left open).
//
// Bounded: a record longer than CsvLimits::max_record_bytes (line end included), a field longer
// than max_field_bytes or a record of more than max_fields fields is still read to its end (so
// the next record starts where it should) but keeps no more than those limits, and comes out with
// `error` set. Malformed quoting (a quote inside a bare field, text after a closing quote) also
// comes out with `error` set; the reader carries on as a lenient reader would (the stray
// characters are kept), so one bad record does not lose the ones after it. Work is linear in the
// input; memory is bounded by the limits plus the records not yet taken with Next.
#ifndef CXHUB_PLUGINS_SURVEY_CSV_READER_H_
#define CXHUB_PLUGINS_SURVEY_CSV_READER_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cxhub::survey {

struct CsvLimits {
  size_t max_record_bytes = 64 * 1024;
  size_t max_field_bytes = 64 * 1024;
  size_t max_fields = 1024;
};

struct CsvRecord {
  std::vector<std::string> fields;  // quotes removed, doubled quotes collapsed
  uint64_t offset = 0;              // where the record starts in the input (after a BOM)
  uint64_t size = 0;                // its bytes, line end included
  std::string raw;                  // its bytes as read, at most max_record_bytes of them
  std::string error;                // empty for a well-formed record, else why it is not one
};

class CsvReader {
 public:
  // `start_offset`: the input's position in its file (record offsets count from it). A BOM is
  // looked for only when it is 0.
  explicit CsvReader(CsvLimits limits = {}, uint64_t start_offset = 0);

  // Reads the input's next bytes. The records they complete wait for Next.
  void Append(absl::string_view bytes);

  // Takes the next complete record. False when no complete record is waiting.
  bool Next(CsvRecord& record);

  // At the end of the input, after Next returned false: takes the last record when it has no
  // line end but is complete (no quoted field open), or when it is already over the size limit
  // (then with `error` set: it cannot end well). False when there is nothing, or the record is
  // still open (a growing file may end in the middle of one). After true, the reader is empty.
  bool Finish(CsvRecord& record);

  // True while part of a record has been read (what Finish would look at).
  bool InRecord() const { return record_bytes_ > 0; }
  // True while the record being read is already over max_record_bytes.
  bool InRecordOverLimit() const { return too_long_; }

  // The raw bytes of the record being read (at most max_record_bytes), and where it starts.
  const std::string& pending_raw() const { return raw_; }
  uint64_t pending_offset() const { return offset_; }

  // Forgets everything and starts again at `offset` (which is not the start of the input: no BOM
  // is looked for unless it is 0).
  void Reset(uint64_t offset);

 private:
  enum class State {
    kFieldStart,
    kBare,
    kQuoted,
    kQuoteInQuoted,  // a quote inside a quoted field: the closing one, or the first of a pair
    kCrAfterQuote,   // "\r" after a closing quote: a CRLF line end if "\n" follows
  };

  // Counts `c` into the record, then Step.
  void Consume(char c);
  // Moves the state machine on by `c`.
  void Step(char c);
  // Counts `run`, bytes of a quoted or bare field that none ends, into the record and the field.
  void ConsumeFieldRun(absl::string_view run);
  void AddToField(char c);
  void EndField();
  void EndRecord();
  void SetError(std::string error);

  CsvLimits limits_;
  size_t bom_matched_ = 0;  // bytes of a BOM seen at the start of the input
  bool at_start_ = true;    // nothing but (part of) a BOM was read yet
  State state_ = State::kFieldStart;
  uint64_t offset_ = 0;        // where the record being read starts
  uint64_t record_bytes_ = 0;  // its bytes so far
  bool field_quoted_ = false;
  std::string field_;
  std::vector<std::string> fields_;
  std::string raw_;
  std::string error_;
  bool too_long_ = false;
  std::deque<CsvRecord> ready_;
};

}  // namespace cxhub::survey

#endif  // CXHUB_PLUGINS_SURVEY_CSV_READER_H_
