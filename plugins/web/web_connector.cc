// The web connector plugin: files of Matomo visits (Live.getLastVisitsDetails, one JSON object
// per line) into visit and purchase interactions. Options: web_options.h; mapping:
// matomo_visit_mapper.h (Matomo's JSON) and visit_records.h (the records); file reading and the
// cursor: plugins/common (line_file_connector.h, file_position.h). Overview in README.md.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/file_position.h"
#include "plugins/common/line_file_connector.h"
#include "plugins/web/matomo_visit_mapper.h"
#include "plugins/web/visit_records.h"
#include "plugins/web/web_options.h"

namespace cxhub::web {
namespace {

using ::cxhub::plugin_common::FilePositions;
using ::cxhub::plugin_common::LineSender;
using ::cxhub::plugin_common::LineTally;

// The cursor: "cxhub-web-cursor 1", then a line per file as plugins/common/file_position.h
// writes it (device, inode, offset, the fingerprint of the file's first bytes, the path).
constexpr plugin_common::CursorFormat kCursorFormat = {
    "web", 1, plugin_common::PositionFields::kDeviceInodeOffset, ""};

class WebConnector : public plugin_common::LineFileConnector {
 public:
  // Every dead-letter reason of a line that is not a visit starts with a JSON path.
  WebConnector() : LineFileConnector("web", "$: ") {}

 private:
  absl::StatusOr<plugin_common::TailedFileOptions> Configure(absl::string_view config) override {
    absl::StatusOr<WebOptions> options = ParseWebOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    return plugin_common::TailedFileOptions(options_);
  }

  absl::StatusOr<FilePositions> BeginRead(absl::string_view cursor) override {
    purchases_ = 0;
    return plugin_common::DecodeFilePositions(kCursorFormat, cursor);
  }

  bool HandleLine(absl::string_view line, LineSender& out) override {
    absl::StatusOr<WebVisit> visit = mapper_.Map(line);
    if (!visit.ok()) return out.DeadLetter(visit.status().message());
    absl::StatusOr<std::vector<connector::v1::Record>> records =
        VisitRecords(*visit, options_.records);
    if (!records.ok()) return out.DeadLetter(records.status().message());
    purchases_ += static_cast<int64_t>(records->size()) - 1;
    for (const connector::v1::Record& record : *records) {
      if (!out.Emit(record)) return false;
    }
    return true;
  }

  std::string EncodeCursor(const FilePositions& positions) override {
    return plugin_common::EncodeFilePositions(kCursorFormat, positions);
  }

  std::string Summary(const LineTally& tally) const override {
    return absl::StrCat("read ", tally.records - purchases_, " visits and ", purchases_,
                        " purchases, ", tally.dead_letters, " dead letters");
  }

  WebOptions options_;
  MatomoVisitMapper mapper_;
  int64_t purchases_ = 0;  // of the read under way
};

}  // namespace
}  // namespace cxhub::web

CXHUB_EXPORT_CONNECTOR(cxhub::web::WebConnector, "web", "web", "1.0.0")
