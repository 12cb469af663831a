#include "plugins/survey/survey_options.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "plugins/common/key_value_options.h"

namespace cxhub::survey {
namespace {

constexpr int64_t kMaxSettleSeconds = 3600;

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("survey connector options: ", message));
}

// The field of `columns` that the option `key` sets, or nullptr when `key` is no *_column key.
std::string* ColumnOption(absl::string_view key, SurveyColumns& columns) {
  const std::pair<absl::string_view, std::string*> keys[] = {
      {"response_id_column", &columns.response_id},
      {"score_column", &columns.score},
      {"submit_time_column", &columns.submit_time},
      {"metric_column", &columns.metric},
      {"comment_column", &columns.comment},
      {"email_column", &columns.email},
      {"phone_column", &columns.phone},
      {"external_id_column", &columns.external_id},
      {"touchpoint_column", &columns.touchpoint}};
  for (const auto& [name, field] : keys) {
    if (name == key) return field;
  }
  return nullptr;
}

bool IsSlug(absl::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-' && c != '_') return false;
  }
  return true;
}

absl::Status ApplySurveyOption(absl::string_view key, absl::string_view value,
                               SurveyOptions& options) {
  if (std::string* column = ColumnOption(key, options.columns)) {
    if (value.empty()) return Invalid(absl::StrCat(key, " names no column"));
    *column = std::string(value);
  } else if (key == "metric") {
    options.metric = ParseSurveyMetric(value);
    if (!options.metric)
      return Invalid(absl::StrCat("metric '", value, "' is not nps, csat or ces"));
  } else if (key == "question") {
    options.question = std::string(value);
  } else if (key == "time_format") {
    if (value.empty()) return Invalid("time_format is empty");
    options.time_format = std::string(value);
  } else if (key == "timezone") {
    options.timezone_name = std::string(value);
    absl::Status zone = plugin_common::ParseTimeZoneOption(key, value, options.timezone);
    if (!zone.ok()) return Invalid(zone.message());
  } else if (key == "external_id_system") {
    if (!IsSlug(value)) {
      return Invalid(absl::StrCat("external_id_system '", value,
                                  "' must be a lower-case slug (letters, digits, '-', '_')"));
    }
    options.external_id_system = std::string(value);
  } else if (key == "settle_seconds") {
    absl::Status status =
        plugin_common::ParseIntOption(key, value, 0, kMaxSettleSeconds, options.settle_seconds);
    if (!status.ok()) return Invalid(status.message());
  }
  return absl::OkStatus();
}

absl::Status CheckRequired(const SurveyOptions& options) {
  if (options.files.size() != 1) {
    return Invalid("exactly one file=<path> (the export) is required");
  }
  const SurveyColumns& columns = options.columns;
  if (columns.response_id.empty()) return Invalid("response_id_column is required");
  if (columns.score.empty()) return Invalid("score_column is required");
  if (columns.submit_time.empty()) return Invalid("submit_time_column is required");
  if (options.metric.has_value() == !columns.metric.empty()) {
    return Invalid("give either metric=nps|csat|ces or metric_column, not both or neither");
  }
  if (columns.email.empty() && columns.phone.empty() && columns.external_id.empty()) {
    return Invalid(
        "a respondent column is required: email_column, phone_column or external_id_column");
  }
  if (columns.external_id.empty() != options.external_id_system.empty()) {
    return Invalid("external_id_column and external_id_system go together");
  }
  return absl::OkStatus();
}

}  // namespace

std::optional<cxhub::v1::SurveyMetric> ParseSurveyMetric(absl::string_view text) {
  const std::string metric = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (metric == "nps") return cxhub::v1::NPS;
  if (metric == "csat") return cxhub::v1::CSAT;
  if (metric == "ces") return cxhub::v1::CES;
  return std::nullopt;
}

absl::StatusOr<SurveyOptions> ParseSurveyOptions(absl::string_view text) {
  SurveyOptions options;
  const std::vector<absl::string_view> own = {
      "response_id_column", "score_column",      "submit_time_column",
      "time_format",        "timezone",          "metric",
      "metric_column",      "question",          "comment_column",
      "email_column",       "phone_column",      "external_id_column",
      "external_id_system", "touchpoint_column", "settle_seconds"};
  absl::Status parsed = plugin_common::ParseTailedFileOptions(
      text, "survey", {own, {}}, options,
      [&options](absl::string_view key, absl::string_view value) {
        return ApplySurveyOption(key, value, options);
      });
  if (!parsed.ok()) return parsed;
  if (absl::Status status = CheckRequired(options); !status.ok()) return status;
  return options;
}

}  // namespace cxhub::survey
