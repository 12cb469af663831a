#include "plugins/phone/csv_line_parser.h"

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cxhub::phone {
namespace {

absl::Status QuotingError(size_t field, size_t column, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("bad quoting in field ", field, " at column ", column, ": ", what));
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseCsvLine(absl::string_view line) {
  std::vector<std::string> fields;
  size_t pos = 0;
  while (true) {
    const size_t field_number = fields.size() + 1;
    std::string value;
    if (pos < line.size() && line[pos] == '"') {
      const size_t opening = pos;
      ++pos;
      bool closed = false;
      while (pos < line.size()) {
        const char c = line[pos];
        if (c != '"') {
          value.push_back(c);
          ++pos;
          continue;
        }
        if (pos + 1 < line.size() && line[pos + 1] == '"') {
          value.push_back('"');
          pos += 2;
          continue;
        }
        ++pos;  // the closing quote
        closed = true;
        break;
      }
      if (!closed) {
        return QuotingError(field_number, opening + 1, "the quoted field is not closed");
      }
      if (pos < line.size() && line[pos] != ',') {
        return QuotingError(field_number, pos + 1,
                            absl::StrCat("'", line.substr(pos, 1),
                                         "' after the closing quote (expected ',' or the end)"));
      }
    } else {
      const size_t end = line.find_first_of(",\"", pos);
      const size_t stop = end == absl::string_view::npos ? line.size() : end;
      if (stop < line.size() && line[stop] == '"') {
        return QuotingError(field_number, stop + 1, "a quote inside an unquoted field");
      }
      value.assign(line.data() + pos, stop - pos);
      pos = stop;
    }
    fields.push_back(std::move(value));
    if (pos >= line.size()) break;
    ++pos;  // the comma
  }
  return fields;
}

}  // namespace cxhub::phone
