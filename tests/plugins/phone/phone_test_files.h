// Files for the phone tests: the sample Master.csv and its rows. Temporary folders come from
// tests/plugins/common/temp_dir.h.
#ifndef CXHUB_TESTS_PLUGINS_PHONE_PHONE_TEST_FILES_H_
#define CXHUB_TESTS_PLUGINS_PHONE_PHONE_TEST_FILES_H_

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::phone::test {

using ::cxhub::plugin_common::test::ReadWholeFile;
using ::cxhub::plugin_common::test::TempDir;

inline std::string SampleMasterCsvPath() {
  return std::string(CXHUB_SAMPLES_DIR) + "/phone/Master.csv";
}

// The sample's lines (without newlines), row 1 first.
inline std::vector<std::string> SampleRows() {
  std::vector<std::string> rows =
      absl::StrSplit(ReadWholeFile(SampleMasterCsvPath()), '\n', absl::SkipEmpty());
  return rows;
}

}  // namespace cxhub::phone::test

#endif  // CXHUB_TESTS_PLUGINS_PHONE_PHONE_TEST_FILES_H_
