// The survey connector's options for the sample export (../shared/samples/surveys/nps-export.csv):
// its column mapping, shared by the plugin, host and end-to-end tests. Header-only.
#ifndef CXHUB_TESTS_PLUGINS_SURVEY_SAMPLE_EXPORT_OPTIONS_H_
#define CXHUB_TESTS_PLUGINS_SURVEY_SAMPLE_EXPORT_OPTIONS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace cxhub::survey::test {

// The NPS question, the score column's header (and so the answers' question).
inline constexpr absl::string_view kSampleQuestion =
    "How likely are you to recommend Northwind Outfitters to a friend or colleague?";

// The options that read `file` (the sample or a file shaped like it), then `extra` settings.
inline std::string SampleExportOptions(absl::string_view file, absl::string_view extra = "") {
  return absl::StrCat("file=", file,
                      "\n"
                      "response_id_column=#\n"
                      "score_column=",
                      kSampleQuestion,
                      "\n"
                      "comment_column=What is the main reason for your score?\n"
                      "email_column=email\n"
                      "touchpoint_column=touchpoint\n"
                      "submit_time_column=Submit Date (UTC)\n"
                      "time_format=%Y-%m-%d %H:%M:%S\n"
                      "timezone=UTC\n"
                      "metric=nps\n",
                      extra);
}

}  // namespace cxhub::survey::test

#endif  // CXHUB_TESTS_PLUGINS_SURVEY_SAMPLE_EXPORT_OPTIONS_H_
