// Files for the web tests: the sample matomo-visits.jsonl and its lines, and generated visits.
#ifndef CXHUB_TESTS_PLUGINS_WEB_WEB_TEST_FILES_H_
#define CXHUB_TESTS_PLUGINS_WEB_WEB_TEST_FILES_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::web::test {

using ::cxhub::plugin_common::test::ReadWholeFile;
using ::cxhub::plugin_common::test::TempDir;

inline std::string SampleVisitsPath() {
  return std::string(CXHUB_SAMPLES_DIR) + "/web/matomo-visits.jsonl";
}

// The sample's lines (without newlines), line 1 first.
inline std::vector<std::string> SampleLines() {
  std::vector<std::string> lines =
      absl::StrSplit(ReadWholeFile(SampleVisitsPath()), '\n', absl::SkipEmpty());
  return lines;
}

// The options the shipped config gives the sample (config/cxhub.textproto).
inline std::string SampleOptions(absl::string_view file) {
  return absl::StrCat("file=", file,
                      "\nuser_id=email\ncurrency=EUR\n"
                      "intent_rule=transactional: url /cart, /checkout\n"
                      "intent_rule=transactional: order\n"
                      "intent_rule=informational: url /help/, /blog/, /contact\n"
                      "intent_rule=informational: search\n");
}

// A minimal anonymous visit line (without its newline) with `actions` as its actionDetails.
inline std::string VisitLine(absl::string_view id, absl::string_view actions = "[]") {
  return absl::StrCat(R"({"idSite":"1","idVisit":")", id,
                      R"(","visitorId":"ABCDEF0123456789","firstActionTimestamp":1788771012,)",
                      R"("visitDuration":"30","siteCurrency":"EUR","actionDetails":)", actions,
                      "}");
}

}  // namespace cxhub::web::test

#endif  // CXHUB_TESTS_PLUGINS_WEB_WEB_TEST_FILES_H_
