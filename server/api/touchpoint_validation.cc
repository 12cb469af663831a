#include "server/api/touchpoint_validation.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/api/field_errors.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"

namespace cxhub {
namespace {

absl::Status ValidateChannels(const v1::Touchpoint& touchpoint, const RequestLimits& limits) {
  if (touchpoint.channels_size() > limits.max_channels) {
    return InvalidFieldError("touchpoint.channels",
                             absl::StrCat("at most ", limits.max_channels, " channels, got ",
                                          touchpoint.channels_size()));
  }
  std::set<std::string> seen;
  for (int i = 0; i < touchpoint.channels_size(); ++i) {
    const std::string field = absl::StrCat("touchpoint.channels[", i, "]");
    const std::string& channel = touchpoint.channels(i);
    if (absl::Status status = ValidateChannelSlug(channel, field); !status.ok()) return status;
    if (!seen.insert(channel).second) {
      return InvalidFieldError(field, absl::StrCat("duplicate channel ", QuoteValue(channel)));
    }
  }
  return absl::OkStatus();
}

// Fields marked required must be set; the others are checked when set.
absl::Status ValidateTouchpoint(const v1::Touchpoint& touchpoint, bool display_name_required,
                                bool stage_required, const RequestLimits& limits) {
  return FirstError({
      display_name_required
          ? ValidateRequiredField(touchpoint.display_name(), "touchpoint.display_name", limits)
          : ValidateFieldLength(touchpoint.display_name(), "touchpoint.display_name", limits),
      ValidateBodyLength(touchpoint.description(), "touchpoint.description", limits),
      stage_required || touchpoint.stage() != v1::JOURNEY_STAGE_UNSPECIFIED
          ? ValidateEnum(touchpoint.stage(), v1::JourneyStage_IsValid, "touchpoint.stage")
          : absl::OkStatus(),
      ValidateChannels(touchpoint, limits),
  });
}

bool MaskNames(const google::protobuf::FieldMask& mask, absl::string_view path) {
  for (const std::string& candidate : mask.paths()) {
    if (candidate == path) return true;
  }
  return false;
}

}  // namespace

absl::Status ValidateRequest(const v1::CreateTouchpointRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_touchpoint()) return InvalidFieldError("touchpoint", "required");
  return ValidateTouchpoint(request.touchpoint(), /*display_name_required=*/true,
                            /*stage_required=*/true, limits);
}

absl::Status ValidateRequest(const v1::GetTouchpointRequest& request, const RequestLimits& limits) {
  return ParseTouchpointName(request.name(), "name").status();
}

absl::Status ValidateRequest(const v1::ListTouchpointsRequest& request,
                             const RequestLimits& limits) {
  return FirstError({
      ValidatePageSize(request.page_size(), limits),
      DecodeTouchpointPageToken(request.page_token()).status(),
  });
}

absl::Status ValidateRequest(const v1::UpdateTouchpointRequest& request,
                             const RequestLimits& limits) {
  if (!request.has_touchpoint()) return InvalidFieldError("touchpoint", "required");
  const google::protobuf::FieldMask& mask = request.update_mask();
  return FirstError({
      ParseTouchpointName(request.touchpoint().name(), "touchpoint.name").status(),
      ValidateUpdateMask(mask, {"display_name", "description", "stage", "controlled", "channels"}),
      ValidateTouchpoint(request.touchpoint(), MaskNames(mask, "display_name"),
                         MaskNames(mask, "stage"), limits),
  });
}

absl::Status ValidateRequest(const v1::DeleteTouchpointRequest& request,
                             const RequestLimits& limits) {
  return ParseTouchpointName(request.name(), "name").status();
}

}  // namespace cxhub
