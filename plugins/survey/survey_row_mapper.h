// Survey export rows into survey-answer records, through the column mapping of the options.
//
// SurveyRowMapper::ForHeader resolves the mapping's header names against an export's header row;
// Map turns each data row into one InteractionRecord: kind SURVEY_RESPONSE, channel "survey",
// direction INBOUND, external_id the response id, occur_time the submit time, the respondent's
// identities (email, phone, "<system>:<id>" external id), and the Survey (metric, score, comment,
// question, touchpoint_tag). Text is made valid UTF-8 and short fields are clipped to the host's
// default field limit. A row that cannot be one (no response id, no respondent identity, a score
// that is not a whole number, a submit time that does not parse, the wrong number of fields) is a
// dead letter with the reason. The score's range is not checked here: the host validates it per
// metric and dead-letters what is out of range.
#ifndef CXHUB_PLUGINS_SURVEY_SURVEY_ROW_MAPPER_H_
#define CXHUB_PLUGINS_SURVEY_SURVEY_ROW_MAPPER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/survey/survey_options.h"

namespace cxhub::survey {

// The host's default limit on short strings (ids, the question, tags), in bytes.
inline constexpr size_t kMaxShortFieldBytes = 1024;

// What one row maps to: a record, or a dead letter's reason.
struct SurveyRowMapping {
  std::optional<cxhub::connector::v1::Record> record;
  std::string dead_letter_reason;  // set when there is no record
};

class SurveyRowMapper {
 public:
  // The mapper for an export whose header row is `header`. INVALID_ARGUMENT naming the option and
  // the header name when a mapped column is not in the header (listing the header's columns), or
  // appears in it twice.
  static absl::StatusOr<SurveyRowMapper> ForHeader(const SurveyOptions& options,
                                                   const std::vector<std::string>& header);

  SurveyRowMapping Map(const std::vector<std::string>& row) const;

  size_t column_count() const { return column_count_; }

 private:
  // A mapped column's index, or kUnmapped.
  static constexpr size_t kUnmapped = static_cast<size_t>(-1);
  struct Indexes {
    size_t response_id = kUnmapped;
    size_t score = kUnmapped;
    size_t submit_time = kUnmapped;
    size_t metric = kUnmapped;
    size_t comment = kUnmapped;
    size_t email = kUnmapped;
    size_t phone = kUnmapped;
    size_t external_id = kUnmapped;
    size_t touchpoint = kUnmapped;
  };

  SurveyRowMapper(const SurveyOptions& options, Indexes indexes, std::string question,
                  size_t column_count)
      : options_(&options),
        indexes_(indexes),
        question_(std::move(question)),
        column_count_(column_count) {}

  // Adds the respondent's identities; false when the row has none.
  bool AddIdentities(const std::vector<std::string>& row,
                     cxhub::connector::v1::InteractionRecord& interaction) const;
  // Sets the Survey; the dead-letter reason when the metric or score is unusable.
  std::optional<std::string> SetSurvey(const std::vector<std::string>& row,
                                       cxhub::v1::Survey& survey) const;

  const SurveyOptions* options_;  // outlives the mapper (the connector owns both)
  Indexes indexes_;
  std::string question_;
  size_t column_count_ = 0;
};

}  // namespace cxhub::survey

#endif  // CXHUB_PLUGINS_SURVEY_SURVEY_ROW_MAPPER_H_
