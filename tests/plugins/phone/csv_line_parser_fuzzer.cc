// libFuzzer target: any bytes as one cdr_csv line. The parser must never crash, and what it
// accepts must be fields whose total size does not exceed the line's.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "plugins/phone/cdr_record.h"
#include "plugins/phone/csv_line_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view line(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<std::string>> fields = cxhub::phone::ParseCsvLine(line);
  if (fields.ok()) {
    size_t total = 0;
    for (const std::string& field : *fields) total += field.size();
    if (total > size || fields->empty()) std::abort();
    (void)cxhub::phone::CdrRecordFromFields(*fields);
  }
  (void)cxhub::phone::SplitCallerId(line);
  return 0;
}
