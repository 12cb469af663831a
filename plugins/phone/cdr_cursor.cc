#include "plugins/phone/cdr_cursor.h"

#include <utility>

namespace cxhub::phone {
namespace {

constexpr plugin_common::CursorFormat kFormat = {
    "phone", 1, plugin_common::PositionFields::kDeviceInodeOffset, ""};

}  // namespace

std::string EncodeCdrCursor(const CdrCursor& cursor) {
  return plugin_common::EncodeFilePositions(kFormat, cursor.files);
}

absl::StatusOr<CdrCursor> DecodeCdrCursor(absl::string_view text) {
  absl::StatusOr<plugin_common::FilePositions> files =
      plugin_common::DecodeFilePositions(kFormat, text);
  if (!files.ok()) return files.status();
  return CdrCursor{*std::move(files)};
}

}  // namespace cxhub::phone
