#include "plugins/survey/survey_row_mapper.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/common/proto_timestamp.h"
#include "plugins/common/utf8_clip.h"
#include "plugins/common/utf8_repair.h"

namespace cxhub::survey {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::cxhub::connector::v1::Record;
using ::cxhub::plugin_common::ClipUtf8;
using ::cxhub::plugin_common::RepairUtf8;

// How much of a value a dead-letter reason quotes.
constexpr size_t kQuotedValueBytes = 80;

std::string Quote(absl::string_view value) {
  return absl::StrCat("'", ClipUtf8(RepairUtf8(ClipUtf8(value, kQuotedValueBytes)), 200), "'");
}

// Valid UTF-8, clipped to the host's short-field limit.
std::string ShortText(absl::string_view value) {
  return std::string(ClipUtf8(RepairUtf8(value), kMaxShortFieldBytes));
}

// The index of the column `name` in `header`: INVALID_ARGUMENT naming `option` when it is not
// there or there twice.
absl::Status FindColumn(const std::vector<std::string>& header, absl::string_view option,
                        absl::string_view name, size_t& index) {
  bool found = false;
  for (size_t i = 0; i < header.size(); ++i) {
    if (absl::StripAsciiWhitespace(header[i]) != name) continue;
    if (found) {
      return absl::InvalidArgumentError(absl::StrCat("survey connector: ", option, " '", name,
                                                     "' names two columns of the header"));
    }
    found = true;
    index = i;
  }
  if (found) return absl::OkStatus();
  std::vector<std::string> names;
  for (const std::string& column : header) names.push_back(Quote(column));
  return absl::InvalidArgumentError(absl::StrCat("survey connector: ", option, " '", name,
                                                 "' is not a column of the header (it has ",
                                                 absl::StrJoin(names, ", "), ")"));
}

// The trimmed value of column `index` of `row` ("" when unmapped).
absl::string_view Value(const std::vector<std::string>& row, size_t index) {
  if (index >= row.size()) return "";
  return absl::StripAsciiWhitespace(row[index]);
}

}  // namespace

absl::StatusOr<SurveyRowMapper> SurveyRowMapper::ForHeader(const SurveyOptions& options,
                                                           const std::vector<std::string>& header) {
  Indexes indexes;
  const SurveyColumns& columns = options.columns;
  const std::pair<absl::string_view, std::pair<const std::string*, size_t*>> mapped[] = {
      {"response_id_column", {&columns.response_id, &indexes.response_id}},
      {"score_column", {&columns.score, &indexes.score}},
      {"submit_time_column", {&columns.submit_time, &indexes.submit_time}},
      {"metric_column", {&columns.metric, &indexes.metric}},
      {"comment_column", {&columns.comment, &indexes.comment}},
      {"email_column", {&columns.email, &indexes.email}},
      {"phone_column", {&columns.phone, &indexes.phone}},
      {"external_id_column", {&columns.external_id, &indexes.external_id}},
      {"touchpoint_column", {&columns.touchpoint, &indexes.touchpoint}}};
  for (const auto& [option, column] : mapped) {
    if (column.first->empty()) continue;
    absl::Status status = FindColumn(header, option, *column.first, *column.second);
    if (!status.ok()) return status;
  }
  std::string question = options.question.has_value() ? *options.question : header[indexes.score];
  return SurveyRowMapper(options, indexes, ShortText(absl::StripAsciiWhitespace(question)),
                         header.size());
}

bool SurveyRowMapper::AddIdentities(const std::vector<std::string>& row,
                                    InteractionRecord& interaction) const {
  const auto add = [&](cxhub::v1::IdentityKind kind, absl::string_view value,
                       absl::string_view prefix) {
    if (value.empty()) return;
    cxhub::v1::Identity& identity = *interaction.add_customer_identities();
    identity.set_kind(kind);
    identity.set_value(ShortText(absl::StrCat(prefix, value)));
    // Typed by the respondent, or a hidden field of a link anyone can edit: claimed. An
    // operator who trusts the survey's respondent ids marks the connector trusted.
    identity.set_trust(cxhub::v1::CLAIMED);
  };
  add(cxhub::v1::EMAIL, Value(row, indexes_.email), "");
  add(cxhub::v1::PHONE, Value(row, indexes_.phone), "");
  if (!Value(row, indexes_.external_id).empty()) {
    add(cxhub::v1::EXTERNAL, Value(row, indexes_.external_id),
        absl::StrCat(options_->external_id_system, ":"));
  }
  return interaction.customer_identities_size() > 0;
}

std::optional<std::string> SurveyRowMapper::SetSurvey(const std::vector<std::string>& row,
                                                      cxhub::v1::Survey& survey) const {
  std::optional<cxhub::v1::SurveyMetric> metric = options_->metric;
  if (!metric.has_value()) {
    metric = ParseSurveyMetric(Value(row, indexes_.metric));
    if (!metric.has_value()) {
      return absl::StrCat("metric ", Quote(Value(row, indexes_.metric)),
                          " is not nps, csat or ces");
    }
  }
  const absl::string_view score_text = Value(row, indexes_.score);
  int32_t score = 0;
  if (score_text.empty()) return std::string("no score (the score column is empty)");
  if (!absl::SimpleAtoi(score_text, &score)) {
    return absl::StrCat("score ", Quote(score_text), " is not a whole number");
  }
  survey.set_metric(*metric);
  survey.set_score(score);
  survey.set_question(question_);
  survey.set_comment(RepairUtf8(Value(row, indexes_.comment)));
  survey.set_touchpoint_tag(ShortText(Value(row, indexes_.touchpoint)));
  return std::nullopt;
}

SurveyRowMapping SurveyRowMapper::Map(const std::vector<std::string>& row) const {
  SurveyRowMapping mapping;
  if (row.size() != column_count_) {
    mapping.dead_letter_reason =
        absl::StrCat("the row has ", row.size(), " fields, the header ", column_count_);
    return mapping;
  }
  const absl::string_view response_id = Value(row, indexes_.response_id);
  if (response_id.empty()) {
    mapping.dead_letter_reason = "no response id";
    return mapping;
  }
  if (response_id.size() > kMaxShortFieldBytes) {
    mapping.dead_letter_reason =
        absl::StrCat("the response id is longer than ", kMaxShortFieldBytes, " bytes");
    return mapping;
  }
  const std::string where = absl::StrCat("response ", Quote(response_id), ": ");
  Record record;
  InteractionRecord& interaction = *record.mutable_interaction();
  if (!AddIdentities(row, interaction)) {
    mapping.dead_letter_reason =
        absl::StrCat(where, "no respondent identity (no email, phone or external id)");
    return mapping;
  }
  const absl::string_view submitted = Value(row, indexes_.submit_time);
  absl::Time occur_time;
  std::string error;
  if (!absl::ParseTime(options_->time_format, submitted, options_->timezone, &occur_time, &error) ||
      occur_time == absl::InfiniteFuture() || occur_time == absl::InfinitePast()) {
    mapping.dead_letter_reason = absl::StrCat(where, "submit time ", Quote(submitted),
                                              " does not match '", options_->time_format, "'");
    return mapping;
  }
  if (std::optional<std::string> reason = SetSurvey(row, *interaction.mutable_survey())) {
    mapping.dead_letter_reason = absl::StrCat(where, *reason);
    return mapping;
  }
  interaction.set_external_id(RepairUtf8(response_id));
  interaction.set_channel("survey");
  interaction.set_kind(cxhub::v1::SURVEY_RESPONSE);
  interaction.set_direction(cxhub::v1::INBOUND);
  plugin_common::SetTimestamp(occur_time, *interaction.mutable_occur_time());
  mapping.record = std::move(record);
  return mapping;
}

}  // namespace cxhub::survey
