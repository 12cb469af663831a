// The survey connector plugin: CSV exports of survey tools into survey answers. Options:
// survey_options.h; reading: export_read.h; mapping: survey_row_mapper.h; cursor:
// survey_cursor.h. Overview in plugins/survey/README.md.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/tailed_file_options.h"
#include "plugins/survey/export_header.h"
#include "plugins/survey/export_read.h"
#include "plugins/survey/survey_options.h"
#include "plugins/survey/survey_row_mapper.h"

namespace cxhub::survey {
namespace {

class SurveyConnector : public sdk::Connector {
 public:
  absl::Status Open(absl::string_view config) override {
    absl::StatusOr<SurveyOptions> options = ParseSurveyOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    absl::StatusOr<std::vector<std::string>> missing =
        plugin_common::CheckFilesToTail(options_.files, "survey");
    if (!missing.ok()) return missing.status();
    if (!missing->empty()) {
      Log(sdk::LogLevel::kWarning,
          absl::StrCat("'", options_.files.front(),
                       "' does not exist yet; it is read once it appears"));
      return absl::OkStatus();
    }
    // The mapping must fit the export's header: say so now rather than at the first read.
    absl::StatusOr<std::optional<std::vector<std::string>>> header =
        ReadExportHeader(options_.files.front(), kSurveyCsvLimits);
    if (!header.ok()) return header.status();
    if (header->has_value()) {
      absl::StatusOr<SurveyRowMapper> mapper = SurveyRowMapper::ForHeader(options_, **header);
      if (!mapper.ok()) return mapper.status();
    }
    return absl::OkStatus();
  }

  absl::Status Read(absl::string_view cursor, sdk::Sink& sink) override {
    return ExportRead(options_, sink).Run(cursor);
  }

 private:
  SurveyOptions options_;
};

}  // namespace
}  // namespace cxhub::survey

CXHUB_EXPORT_CONNECTOR(cxhub::survey::SurveyConnector, "survey", "survey", "1.0.0")
