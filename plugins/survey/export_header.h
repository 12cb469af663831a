// The header row of a survey export: the first CSV record of the file, whose column names the
// options' column mapping refers to.
#ifndef CXHUB_PLUGINS_SURVEY_EXPORT_HEADER_H_
#define CXHUB_PLUGINS_SURVEY_EXPORT_HEADER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/survey/csv_reader.h"

namespace cxhub::survey {

// Reads the first record of `path` (a BOM skipped). nullopt when the file does not exist or has
// no complete first record yet (it is being written). FAILED_PRECONDITION naming the file when
// the first record is malformed or over `limits`; the file-reading errors of LineFileTailer.
absl::StatusOr<std::optional<std::vector<std::string>>> ReadExportHeader(const std::string& path,
                                                                         const CsvLimits& limits);

}  // namespace cxhub::survey

#endif  // CXHUB_PLUGINS_SURVEY_EXPORT_HEADER_H_
