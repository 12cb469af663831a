#include "plugins/web/matomo_visit_mapper.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "plugins/common/json_field_reader.h"
#include "plugins/common/utf8_clip.h"
#include "simdjson.h"

namespace cxhub::web {
namespace {

using ::cxhub::plugin_common::JsonFieldReader;
using ::cxhub::plugin_common::JsonObject;
using simdjson::dom::element;
using simdjson::dom::element_type;

// The words of the errors: JSONPath-like paths from "$" ("$.actionDetails[2].url").
constexpr plugin_common::JsonWording kMatomoWording = {
    "$",         "$",
    "an object", plugin_common::JsonTypeNames::kWithArticle,
    "found",     "required field is missing (or null)"};

// The latest time a timestamp may give: 9999-12-31T23:59:59Z.
constexpr int64_t kMaxUnixSeconds = 253402300799;

// A string or number field as text (Matomo writes ids and numbers either way); nullopt when
// absent or null, an error when `required`. A number with a fraction is read only when
// `fraction` (six decimals hold every currency's minor units and hide the binary noise).
std::optional<std::string> ScalarText(JsonFieldReader& reader, const JsonObject& parent,
                                      absl::string_view key, bool required, bool fraction = false) {
  const std::optional<element> value =
      required ? reader.RequiredValue(parent, key) : reader.OptionalValue(parent, key);
  if (!value) return std::nullopt;
  switch (value->type()) {
    case element_type::STRING:
      return std::string(std::string_view(*value));
    case element_type::INT64:
      return absl::StrCat(int64_t(*value));
    case element_type::UINT64:
      return absl::StrCat(uint64_t(*value));
    case element_type::DOUBLE:
      if (fraction) return absl::StrFormat("%.6f", double(*value));
      break;
    default:
      break;
  }
  reader.TypeError(JsonFieldReader::PathOf(parent, key),
                   fraction ? "a number or a string" : "a string or an integer", *value);
  return std::nullopt;
}

// A non-negative whole number written as a JSON integer or a string of digits.
std::optional<int64_t> Count(JsonFieldReader& reader, const JsonObject& parent,
                             absl::string_view key, bool required) {
  const std::optional<std::string> text = ScalarText(reader, parent, key, required);
  if (!text) return std::nullopt;
  int64_t number = 0;
  if (!absl::SimpleAtoi(*text, &number) || number < 0) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(parent, key), ": '",
                             plugin_common::ClipUtf8(*text, 40),
                             "' is not a whole number of zero or more"));
    return std::nullopt;
  }
  return number;
}

std::optional<absl::Time> UnixTime(JsonFieldReader& reader, const JsonObject& parent,
                                   absl::string_view key, bool required) {
  const std::optional<int64_t> seconds = Count(reader, parent, key, required);
  if (!seconds) return std::nullopt;
  if (*seconds > kMaxUnixSeconds) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(parent, key), ": ", *seconds,
                             " is not a Unix time before the year 10000"));
    return std::nullopt;
  }
  return absl::FromUnixSeconds(*seconds);
}

// An id: 1 to kMaxMatomoIdBytes printable ASCII characters without spaces.
std::string Id(JsonFieldReader& reader, const JsonObject& parent, absl::string_view key,
               bool required) {
  std::string id = ScalarText(reader, parent, key, required).value_or("");
  if (!reader.ok() || (id.empty() && !required)) return id;
  bool ok = !id.empty() && id.size() <= kMaxMatomoIdBytes;
  for (const char c : id) ok = ok && c > ' ' && c < 127;
  if (!ok) {
    reader.Fail(absl::StrCat(JsonFieldReader::PathOf(parent, key), ": '",
                             plugin_common::ClipUtf8(id, 40), "' is not an id (1 to ",
                             kMaxMatomoIdBytes, " printable characters without spaces)"));
  }
  return id;
}

std::string Text(JsonFieldReader& reader, const JsonObject& parent, absl::string_view key) {
  return reader.OptionalString(parent, key).value_or("");
}

// One entry of actionDetails into `visit`, by its type; types not read are ignored.
void ReadAction(JsonFieldReader& reader, const JsonObject& action, WebVisit& visit) {
  const std::string type = Text(reader, action, "type");
  if (type == "action") {
    WebPageView& page = visit.pages.emplace_back();
    page.url = Text(reader, action, "url");
    page.title = Text(reader, action, "pageTitle");
    page.time_spent_seconds = Count(reader, action, "timeSpent", false).value_or(0);
  } else if (type == "search") {
    std::string keyword = Text(reader, action, "siteSearchKeyword");
    if (!keyword.empty()) visit.site_searches.push_back(std::move(keyword));
  } else if (type == "ecommerceOrder") {
    WebOrder& order = visit.orders.emplace_back();
    order.order_id = Id(reader, action, "orderId", true);
    order.revenue = ScalarText(reader, action, "revenue", true, true).value_or("");
    order.time = UnixTime(reader, action, "timestamp", false).value_or(absl::InfinitePast());
  }
}

void ReadVisit(JsonFieldReader& reader, const JsonObject& fields, WebVisit& visit) {
  visit.visit_id = Id(reader, fields, "idVisit", true);
  visit.site_id = Id(reader, fields, "idSite", false);
  visit.visitor_id = absl::AsciiStrToLower(Id(reader, fields, "visitorId", false));
  visit.user_id = ScalarText(reader, fields, "userId", false).value_or("");
  visit.first_action =
      UnixTime(reader, fields, "firstActionTimestamp", true).value_or(absl::Time());
  visit.duration_seconds = Count(reader, fields, "visitDuration", false).value_or(0);
  visit.referrer_type = absl::AsciiStrToLower(Text(reader, fields, "referrerType"));
  visit.referrer_name = Text(reader, fields, "referrerName");
  visit.referrer_keyword = Text(reader, fields, "referrerKeyword");
  visit.referrer_url = Text(reader, fields, "referrerUrl");
  visit.device = Text(reader, fields, "deviceType");
  visit.currency = Text(reader, fields, "siteCurrency");
  reader.ForEachObject(fields, "actionDetails",
                       [&](const JsonObject& action) { ReadAction(reader, action, visit); });
  if (reader.ok() && visit.user_id.empty() && visit.visitor_id.empty()) {
    reader.Fail("$: the visit has neither a visitorId nor a userId: it names no visitor");
  }
}

}  // namespace

absl::StatusOr<WebVisit> MatomoVisitMapper::Map(absl::string_view line) {
  absl::StatusOr<element> root = parser_.Parse(line);
  if (!root.ok()) return root.status();
  JsonFieldReader reader(kMatomoWording);
  WebVisit visit;
  if (const std::optional<JsonObject> fields = reader.Root(*root))
    ReadVisit(reader, *fields, visit);
  if (!reader.ok()) return absl::InvalidArgumentError(reader.error());
  return visit;
}

}  // namespace cxhub::web
