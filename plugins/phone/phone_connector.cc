// The phone connector plugin: Asterisk cdr_csv files (Master.csv, per-account files) into call
// interactions. Options: phone_options.h; cursor: cdr_cursor.h; mapping: cdr_mapper.h; file
// reading: plugins/common (line_file_connector.h). Overview in plugins/phone/README.md.
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_sdk.h"
#include "plugins/common/line_file_connector.h"
#include "plugins/phone/cdr_cursor.h"
#include "plugins/phone/cdr_mapper.h"
#include "plugins/phone/phone_options.h"

namespace cxhub::phone {
namespace {

using ::cxhub::plugin_common::FilePositions;
using ::cxhub::plugin_common::LineSender;
using ::cxhub::plugin_common::LineTally;

class PhoneConnector : public plugin_common::LineFileConnector {
 public:
  PhoneConnector() : LineFileConnector("phone") {}

 private:
  absl::StatusOr<plugin_common::TailedFileOptions> Configure(absl::string_view config) override {
    absl::StatusOr<PhoneOptions> options = ParsePhoneOptions(config);
    if (!options.ok()) return options.status();
    options_ = *std::move(options);
    mapper_ = std::make_unique<CdrMapper>(
        CdrMapperConfig{options_.default_region, options_.timezone, options_.extensions});
    return plugin_common::TailedFileOptions(options_);
  }

  absl::StatusOr<FilePositions> BeginRead(absl::string_view cursor) override {
    absl::StatusOr<CdrCursor> saved = DecodeCdrCursor(cursor);
    if (!saved.ok()) return saved.status();
    return std::move(saved->files);
  }

  bool HandleLine(absl::string_view line, LineSender& out) override {
    CdrMapping mapping = mapper_->Map(line);
    switch (mapping.kind) {
      case CdrMapping::Kind::kInteraction:
        return out.Emit(mapping.record);
      case CdrMapping::Kind::kInternalCall:
        return out.Skip(absl::StrCat("internal call ", mapping.reason, " skipped"));
      case CdrMapping::Kind::kDeadLetter:
        return out.DeadLetter(mapping.reason);
    }
    return true;
  }

  std::string EncodeCursor(const FilePositions& positions) override {
    return EncodeCdrCursor(CdrCursor{positions});
  }

  std::string Summary(const LineTally& tally) const override {
    return absl::StrCat("read ", tally.records, " calls, ", tally.dead_letters,
                        " dead letters, skipped ", tally.skipped, " internal calls");
  }

  PhoneOptions options_;
  std::unique_ptr<CdrMapper> mapper_;
};

}  // namespace
}  // namespace cxhub::phone

CXHUB_EXPORT_CONNECTOR(cxhub::phone::PhoneConnector, "phone", "phone", "1.0.0")
