// An example connector: notes about customers, one per line of a text file,
//
//   <customer email>|<unix time in seconds>|<text>
//
// each one an inbound message on the "api" channel. Its options name the file: "file=<path>".
// The cursor is the byte offset just past the last complete line read, so the next read resumes
// there and a line still being written (no newline yet) waits for the next read. A line that is
// not a note becomes a dead letter.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/connector_sdk.h"

namespace {

class NotesConnector : public cxhub::sdk::Connector {
 public:
  absl::Status Open(absl::string_view options) override {
    absl::string_view path = absl::StripAsciiWhitespace(options);
    if (!absl::ConsumePrefix(&path, "file=") || path.empty()) {
      return absl::InvalidArgumentError("options: expected file=<path>");
    }
    path_ = std::string(path);
    return absl::OkStatus();
  }

  absl::Status Read(absl::string_view cursor, cxhub::sdk::Sink& sink) override {
    uint64_t offset = 0;
    if (!cursor.empty() && !absl::SimpleAtoi(cursor, &offset)) {
      return absl::InvalidArgumentError(absl::StrCat("cursor '", cursor, "' is not an offset"));
    }
    std::ifstream file(path_, std::ios::binary);
    if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path_));
    file.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    while (std::getline(file, line) && !file.eof()) {
      const uint64_t line_offset = offset;
      offset += line.size() + 1;
      if (!line.empty() && !EmitNote(line, line_offset, sink)) return absl::OkStatus();
    }
    sink.Checkpoint(absl::StrCat(offset));
    return absl::OkStatus();
  }

 private:
  // Emits the note on `line` (found at byte `line_offset`), or a dead letter when it is not one.
  // False once the host asked to stop.
  static bool EmitNote(const std::string& line, uint64_t line_offset, cxhub::sdk::Sink& sink) {
    std::vector<absl::string_view> fields = absl::StrSplit(line, absl::MaxSplits('|', 2));
    int64_t seconds = 0;
    if (fields.size() != 3 || fields[0].empty() || !absl::SimpleAtoi(fields[1], &seconds)) {
      return sink.DeadLetter(
          absl::StrCat("offset ", line_offset, ": expected <email>|<unix seconds>|<text>"), line);
    }
    cxhub::connector::v1::Record record;
    cxhub::connector::v1::InteractionRecord& note = *record.mutable_interaction();
    note.set_external_id(absl::StrCat("note-", line_offset));
    note.set_channel("api");
    note.set_kind(cxhub::v1::MESSAGE);
    note.set_direction(cxhub::v1::INBOUND);
    note.mutable_occur_time()->set_seconds(seconds);
    cxhub::v1::Identity& customer = *note.add_customer_identities();
    customer.set_kind(cxhub::v1::EMAIL);
    customer.set_value(std::string(fields[0]));
    note.set_body(std::string(fields[2]));
    return sink.Emit(record);
  }

  std::string path_;
};

}  // namespace

CXHUB_EXPORT_CONNECTOR(NotesConnector, "example_notes", "api", "1.0.0")
