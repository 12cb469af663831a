// libFuzzer target: the survey connector's CSV reader on arbitrary bytes, fed in pieces whose
// sizes the input's first byte chooses (a growing file gives its bytes in any cut). Whatever the
// input, the reader must not crash, must keep every record within its limits, and must read the
// same records however the input is cut.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "plugins/survey/csv_reader.h"

namespace {

using ::cxhub::survey::CsvLimits;
using ::cxhub::survey::CsvReader;
using ::cxhub::survey::CsvRecord;

constexpr CsvLimits kLimits = {256, 64, 16};

std::vector<CsvRecord> ReadInPieces(absl::string_view input, size_t piece) {
  CsvReader reader(kLimits);
  std::vector<CsvRecord> records;
  CsvRecord record;
  for (size_t at = 0; at < input.size(); at += piece) {
    reader.Append(input.substr(at, piece));
    while (reader.Next(record)) records.push_back(record);
  }
  if (reader.Finish(record)) records.push_back(record);
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t piece = 1 + data[0] % 17;
  const absl::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::vector<CsvRecord> whole = ReadInPieces(input, input.size() + 1);
  const std::vector<CsvRecord> pieces = ReadInPieces(input, piece);
  if (whole.size() != pieces.size()) __builtin_trap();
  uint64_t end = 0;
  for (size_t i = 0; i < whole.size(); ++i) {
    const CsvRecord& record = whole[i];
    if (record.fields != pieces[i].fields || record.offset != pieces[i].offset ||
        record.error != pieces[i].error) {
      __builtin_trap();
    }
    if (record.raw.size() > kLimits.max_record_bytes || record.fields.size() > kLimits.max_fields ||
        record.offset < end || record.offset + record.size > input.size()) {
      __builtin_trap();
    }
    for (const std::string& field : record.fields) {
      if (field.size() > kLimits.max_field_bytes) __builtin_trap();
    }
    end = record.offset + record.size;
  }
  return 0;
}
