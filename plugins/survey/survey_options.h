// The survey connector's options, as written in the server configuration's `options` string, in
// the syntax of plugins/common/key_value_options.h (`key=value` separated by newlines or `;`).
// Besides file and checkpoint_every (plugins/common/tailed_file_options.h; exactly one file, the
// export), every *_column option names a column by its header text, exactly as the export's
// header row writes it (header names often hold commas, so one per setting):
//
//   response_id_column=<header>   the response id (the record's external id). Required.
//   score_column=<header>         the score. Required.
//   submit_time_column=<header>   when the answer was submitted. Required.
//   time_format=<absl format>     how submit times are written (default "%Y-%m-%d %H:%M:%S").
//   timezone=<IANA name>          the zone of submit times without an offset (default UTC).
//   metric=nps|csat|ces           the metric of every answer, or
//   metric_column=<header>        the column that says it per row (nps, csat or ces); one of
//                                 the two is required.
//   question=<text>               the question asked (default: the score column's header).
//   comment_column=<header>       the respondent's comment.
//   email_column=<header>         the respondent's email.
//   phone_column=<header>         the respondent's phone number.
//   external_id_column=<header>   the respondent's id in another system, with
//   external_id_system=<slug>     that system's name (required with it): "<slug>:<id>".
//   touchpoint_column=<header>    the survey's touchpoint field (Survey.touchpoint_tag).
//   settle_seconds=<N>            a last record without a line end is read once the file has not
//                                 changed for N seconds (0-3600, default 5).
//
// At least one of email_column, phone_column and external_id_column is required.
#ifndef CXHUB_PLUGINS_SURVEY_SURVEY_OPTIONS_H_
#define CXHUB_PLUGINS_SURVEY_SURVEY_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cxhub/v1/interaction.pb.h"
#include "plugins/common/tailed_file_options.h"

namespace cxhub::survey {

// The header names of the mapped columns; empty for a column not mapped.
struct SurveyColumns {
  std::string response_id;
  std::string score;
  std::string submit_time;
  std::string metric;
  std::string comment;
  std::string email;
  std::string phone;
  std::string external_id;
  std::string touchpoint;
};

// files (exactly one) and checkpoint_every come from TailedFileOptions.
struct SurveyOptions : plugin_common::TailedFileOptions {
  SurveyColumns columns;
  std::string time_format = "%Y-%m-%d %H:%M:%S";
  std::string timezone_name = "UTC";
  absl::TimeZone timezone = absl::UTCTimeZone();
  // The fixed metric; unset when metric_column says it per row.
  std::optional<cxhub::v1::SurveyMetric> metric;
  std::optional<std::string> question;  // unset: the score column's header
  std::string external_id_system;
  int64_t settle_seconds = 5;
};

// "nps", "csat" or "ces" (any case, spaces around ignored); nullopt for anything else.
std::optional<cxhub::v1::SurveyMetric> ParseSurveyMetric(absl::string_view text);

// Parses and validates the options. INVALID_ARGUMENT "survey connector options: ..." naming the
// setting for an unknown key, a repeated key, a missing required key, both metric and
// metric_column, a bad metric, time zone, external system or number.
absl::StatusOr<SurveyOptions> ParseSurveyOptions(absl::string_view text);

}  // namespace cxhub::survey

#endif  // CXHUB_PLUGINS_SURVEY_SURVEY_OPTIONS_H_
