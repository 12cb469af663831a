// The base of the connectors that tail text files and map each line on its own (phone's cdr_csv,
// chat's and social's JSONL). It does what they share:
//
//   - Open parses the options (Configure), checks that each file's folder exists and that the
//     file, if it exists already, is a regular file, and warns about files that do not exist yet.
//   - Read tails every file from the cursor (tailed_read.h), hands each line to HandleLine and
//     checkpoints; a line longer than kMaxLineBytes becomes a dead letter without being mapped.
//     At the end it logs the connector's summary when any line was handled.
//   - Reparse (a dead letter retried) hands its raw data, a line, to HandleLine again, so that a
//     line dead-lettered by an older version is read by the current mapping.
//
// A connector derives from it and supplies only what is its own: its options, what a line maps
// to, what its cursor keeps besides the file positions, and the words of its summary.
#ifndef CXHUB_PLUGINS_COMMON_LINE_FILE_CONNECTOR_H_
#define CXHUB_PLUGINS_COMMON_LINE_FILE_CONNECTOR_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/file_position.h"
#include "plugins/common/line_file_tailer.h"
#include "plugins/common/tailed_file_options.h"

namespace cxhub::plugin_common {

// What one Read sent, for its summary.
struct LineTally {
  int64_t records = 0;
  int64_t dead_letters = 0;
  int64_t skipped = 0;

  int64_t total() const { return records + dead_letters + skipped; }
};

// Sends what one line maps to through the Read's sink, and counts it. Dead-letter reasons and
// skip notes start with the line's location ("<file> at byte <offset>: "); a dead letter's raw
// data is the line. Records and dead letters count towards the next checkpoint. Every method
// returns false once the host asked to stop.
class LineSender {
 public:
  LineSender(sdk::Sink& sink, const TailedLine& line, LineTally& tally, int64_t& since_checkpoint)
      : sink_(sink), line_(line), tally_(tally), since_checkpoint_(since_checkpoint) {}

  bool Emit(const cxhub::connector::v1::Record& record);
  bool DeadLetter(absl::string_view reason);
  // Logs, at debug level, that the line was skipped and why.
  bool Skip(absl::string_view note);

 private:
  sdk::Sink& sink_;
  const TailedLine& line_;
  LineTally& tally_;
  int64_t& since_checkpoint_;
};

class LineFileConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) final;
  absl::Status Read(absl::string_view cursor, sdk::Sink& sink) override;
  // Maps `raw` as a line; dead-letter reasons then start with "retried dead letter: ". Before the
  // instance's first Read it starts from the empty cursor (BeginRead("")), as a first read would.
  absl::Status Reparse(absl::string_view raw, sdk::Sink& sink) override;

 protected:
  // `name` names the connector in errors ("phone connector: ..."). `line_path` starts the reason
  // of a too-long line's dead letter, for a connector whose reasons all start with a path ("$: ").
  explicit LineFileConnector(absl::string_view name, absl::string_view line_path = "")
      : name_(name), line_path_(line_path) {}

  // Parses `config` into the connector's options and prepares its mapping. Returns the files to
  // read, in order, and how often to checkpoint.
  virtual absl::StatusOr<TailedFileOptions> Configure(absl::string_view config) = 0;
  // The last step of an Open whose files passed the checks (chat starts its webhook here).
  virtual absl::Status FinishOpen() { return absl::OkStatus(); }
  // Whether Open warns that `file`, which does not exist yet, will be read once it appears.
  virtual bool WarnsWhenMissing(const std::string& file) const { return true; }

  // Starts a Read from `cursor` (empty: from the beginning): returns the files' saved positions,
  // and keeps for this read what else the cursor holds.
  virtual absl::StatusOr<FilePositions> BeginRead(absl::string_view cursor) = 0;
  // Maps one line (without its newline) and sends what it maps to. False once the host asked to
  // stop.
  virtual bool HandleLine(absl::string_view line, LineSender& out) = 0;
  // The cursor text: `positions` and what else the connector keeps in its cursor.
  virtual std::string EncodeCursor(const FilePositions& positions) = 0;
  // The log line that sums up a Read that handled any line.
  virtual std::string Summary(const LineTally& tally) const = 0;

 private:
  absl::string_view name_;
  absl::string_view line_path_;
  TailedFileOptions files_;
  bool read_begun_ = false;  // BeginRead ran on this instance
};

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_LINE_FILE_CONNECTOR_H_
