// A CSV line reader for Asterisk cdr_csv records.
//
// Asterisk writes one call per line: fields separated by commas, most of them enclosed in double
// quotes with inner quotes doubled (`"""Tom Becker"" <+49301234567>"`), a few bare (`455`).
// ParseCsvLine splits one such line (without its line terminator) into its field values, quotes
// removed and doubled quotes collapsed. It never allocates more than the line's size and never
// reads past it, whatever the input.
#ifndef CXHUB_PLUGINS_PHONE_CSV_LINE_PARSER_H_
#define CXHUB_PLUGINS_PHONE_CSV_LINE_PARSER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::phone {

// Splits `line` into fields. The grammar (RFC 4180 without line breaks inside fields):
//   line   = field *("," field)
//   field  = quoted / bare
//   quoted = DQUOTE *(any char except DQUOTE / 2DQUOTE) DQUOTE
//   bare   = *(any char except DQUOTE and ",")
// An empty line is one empty field. Errors (INVALID_ARGUMENT, naming the field number and byte
// column, both 1-based): a quote inside a bare field, a quoted field that is not closed, and
// anything but a comma or the end of the line after a closing quote.
absl::StatusOr<std::vector<std::string>> ParseCsvLine(absl::string_view line);

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_CSV_LINE_PARSER_H_
