// One Asterisk cdr_csv call record, column by column.
//
// cdr_csv writes 16 columns, plus uniqueid and userfield when Asterisk runs with
// `loguniqueid=yes` and `loguserfield=yes` (18 columns). 17 columns are refused: they could be
// either optional column, and guessing would put a userfield into the external id.
#ifndef CXHUB_PLUGINS_PHONE_CDR_RECORD_H_
#define CXHUB_PLUGINS_PHONE_CDR_RECORD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::phone {

struct CdrRecord {
  std::string accountcode;
  std::string src;
  std::string dst;
  std::string dcontext;
  std::string clid;
  std::string channel;
  std::string dstchannel;
  std::string lastapp;
  std::string lastdata;
  std::string start;   // local time of the Asterisk server, "YYYY-MM-DD HH:MM:SS"
  std::string answer;  // same form; empty when the call was not answered
  std::string end;
  int64_t duration = 0;  // seconds, end - start
  int64_t billsec = 0;   // seconds, end - answer (0 when unanswered)
  std::string disposition;
  std::string amaflags;
  bool has_uniqueid = false;  // true for 18-column lines
  std::string uniqueid;
  std::string userfield;
};

// Builds a record from the fields of one line (see ParseCsvLine). INVALID_ARGUMENT, naming the
// column, when there are not 16 or 18 fields or duration/billsec are not non-negative integers.
absl::StatusOr<CdrRecord> CdrRecordFromFields(const std::vector<std::string>& fields);

// ParseCsvLine followed by CdrRecordFromFields.
absl::StatusOr<CdrRecord> ParseCdrLine(absl::string_view line);

// The caller id in `clid`, split: `"Tom Becker" <+49301234567>` gives name "Tom Becker" and
// number "+49301234567"; a clid without `<...>` is all number; `"Name"` alone is all name.
struct CallerId {
  std::string name;
  std::string number;
};
CallerId SplitCallerId(absl::string_view clid);

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_CDR_RECORD_H_
