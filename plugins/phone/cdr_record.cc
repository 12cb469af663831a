#include "plugins/phone/cdr_record.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/phone/csv_line_parser.h"

namespace cxhub::phone {
namespace {

constexpr size_t kBaseColumns = 16;
constexpr size_t kFullColumns = 18;

absl::Status ParseSeconds(absl::string_view column, absl::string_view text, int64_t& out) {
  if (!absl::SimpleAtoi(text, &out) || out < 0 ||
      text.find_first_not_of("0123456789") != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(column, " '", text, "' is not a non-negative number of seconds"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CdrRecord> CdrRecordFromFields(const std::vector<std::string>& fields) {
  if (fields.size() != kBaseColumns && fields.size() != kFullColumns) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected 16 columns (or 18 with uniqueid and userfield), found ", fields.size()));
  }
  CdrRecord record;
  record.accountcode = fields[0];
  record.src = fields[1];
  record.dst = fields[2];
  record.dcontext = fields[3];
  record.clid = fields[4];
  record.channel = fields[5];
  record.dstchannel = fields[6];
  record.lastapp = fields[7];
  record.lastdata = fields[8];
  record.start = fields[9];
  record.answer = fields[10];
  record.end = fields[11];
  if (absl::Status status = ParseSeconds("duration", fields[12], record.duration); !status.ok()) {
    return status;
  }
  if (absl::Status status = ParseSeconds("billsec", fields[13], record.billsec); !status.ok()) {
    return status;
  }
  record.disposition = fields[14];
  record.amaflags = fields[15];
  if (fields.size() == kFullColumns) {
    record.has_uniqueid = true;
    record.uniqueid = fields[16];
    record.userfield = fields[17];
  }
  return record;
}

absl::StatusOr<CdrRecord> ParseCdrLine(absl::string_view line) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine(line);
  if (!fields.ok()) return fields.status();
  return CdrRecordFromFields(*fields);
}

CallerId SplitCallerId(absl::string_view clid) {
  CallerId id;
  absl::string_view text = absl::StripAsciiWhitespace(clid);
  const size_t open = text.rfind('<');
  if (open != absl::string_view::npos && !text.empty() && text.back() == '>') {
    id.number =
        std::string(absl::StripAsciiWhitespace(text.substr(open + 1, text.size() - open - 2)));
    text = absl::StripAsciiWhitespace(text.substr(0, open));
  } else if (text.empty() || text.front() != '"') {
    id.number = std::string(text);
    return id;
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  id.name = std::string(absl::StripAsciiWhitespace(text));
  return id;
}

}  // namespace cxhub::phone
