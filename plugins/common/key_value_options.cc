#include "plugins/common/key_value_options.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace cxhub::plugin_common {
namespace {

bool Contains(const std::vector<absl::string_view>& list, absl::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

absl::Status ForEachOption(
    absl::string_view text, absl::string_view error_prefix, const OptionKeys& keys,
    absl::FunctionRef<absl::Status(absl::string_view key, absl::string_view value)> apply) {
  const auto invalid = [error_prefix](absl::string_view message) {
    return absl::InvalidArgumentError(absl::StrCat(error_prefix, ": ", message));
  };
  std::set<std::string, std::less<>> seen;
  for (absl::string_view setting : absl::StrSplit(text, absl::ByAnyChar(";\n"))) {
    setting = absl::StripAsciiWhitespace(setting);
    if (setting.empty() || setting.front() == '#') continue;
    const size_t equals = setting.find('=');
    if (equals == absl::string_view::npos) {
      return invalid(absl::StrCat("'", setting, "' is not key=value"));
    }
    const absl::string_view key = absl::StripAsciiWhitespace(setting.substr(0, equals));
    const absl::string_view value = absl::StripAsciiWhitespace(setting.substr(equals + 1));
    if (!Contains(keys.known, key)) {
      return invalid(absl::StrCat("unknown option '", key,
                                  "' (known: ", absl::StrJoin(keys.known, ", "), ")"));
    }
    if (!Contains(keys.repeatable, key) && !seen.emplace(key).second) {
      return invalid(absl::StrCat("'", key, "' is given twice"));
    }
    if (absl::Status status = apply(key, value); !status.ok()) return status;
  }
  return absl::OkStatus();
}

std::vector<absl::string_view> SplitCommaList(absl::string_view value) {
  std::vector<absl::string_view> items = absl::StrSplit(value, ',');
  for (absl::string_view& item : items) item = absl::StripAsciiWhitespace(item);
  return items;
}

bool ParseIntInRange(absl::string_view value, int64_t min, int64_t max, int64_t& out) {
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(value, &parsed) || parsed < min || parsed > max) return false;
  out = parsed;
  return true;
}

absl::Status ParseIntOption(absl::string_view key, absl::string_view value, int64_t min,
                            int64_t max, int64_t& out) {
  if (ParseIntInRange(value, min, max, out)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(key, " '", value, "' is not a number from ", min, " to ", max));
}

absl::Status ParseTimeZoneOption(absl::string_view key, absl::string_view value,
                                 absl::TimeZone& zone) {
  if (value.empty() || !absl::LoadTimeZone(std::string(value), &zone)) {
    return absl::InvalidArgumentError(
        absl::StrCat(key, " '", value,
                     "' is not in the tz database (an IANA name such as Europe/Lisbon; is "
                     "tzdata installed?)"));
  }
  return absl::OkStatus();
}

}  // namespace cxhub::plugin_common
