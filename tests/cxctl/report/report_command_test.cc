// `cxctl report` command lines that never reach a server: help, and every mistake named.
#include "clients/cxctl/report/report_command.h"

#include <sstream>
#include <string>
#include <vector>

#include "clients/cxctl/exit_codes.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome RunReport(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = RunReportCommand(GeneratedCommandTable(), args, Environment(), out, err);
  return {code, out.str(), err.str()};
}

TEST(ReportCommand, IsRecognizedByItsFirstWord) {
  EXPECT_TRUE(IsReportCommand({"report", "html"}));
  EXPECT_FALSE(IsReportCommand({"analytics", "get-satisfaction"}));
  EXPECT_FALSE(IsReportCommand({}));
}

TEST(ReportCommand, HelpListsBothReports) {
  const Outcome outcome = RunReport({"report", "--help"});
  EXPECT_EQ(outcome.code, kExitOk);
  EXPECT_THAT(outcome.out, HasSubstr("cxctl report journey-map"));
  EXPECT_THAT(outcome.out, HasSubstr("cxctl report html"));
}

TEST(ReportCommand, NamesEachMistake) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"report"}, "report takes html or journey-map"},
      {{"report", "pdf"}, "unknown report \"pdf\""},
      {{"report", "html", "--end", "2026-10-01"}, "--start is required"},
      {{"report", "html", "--start", "2026-09-01", "--end", "2026-10-01", "--colour", "x"},
       "unknown flag --colour"},
      {{"report", "html", "--start", "yesterday", "--end", "2026-10-01"},
       "--start: \"yesterday\" is not a date"},
      {{"report", "html", "--start", "2026-10-01", "--end", "2026-09-01"},
       "--end must be after --start"},
      {{"report", "html", "--start", "2026-09-01", "--end", "2026-10-01", "--time-zone",
        "Mars/Base"},
       "--time-zone: \"Mars/Base\" is not a known time zone"},
      {{"report", "html", "--start", "2026-09-01", "--end", "2026-10-01", "--granularity", "hour"},
       "--granularity: \"hour\" is not day, week or month"},
      {{"report", "journey-map", "--start", "2026-09-01", "--end", "2026-10-01", "--format", "png"},
       "--format: \"png\" is not dot or svg"},
      {{"report", "html", "--start", "2026-09-01", "--end", "2026-10-01", "--timeout", "soon"},
       "--timeout"},
      {{"report", "html", "--start"}, "--start needs a value"},
  };
  for (const auto& [args, message] : cases) {
    const Outcome outcome = RunReport(args);
    EXPECT_EQ(outcome.code, kExitUsage) << message;
    EXPECT_THAT(outcome.err, HasSubstr(message));
  }
}

TEST(ReportCommand, AServerThatIsNotThereIsUnavailable) {
  const Outcome outcome = RunReport({"report", "html", "--start", "2026-09-01T00:00:00Z", "--end",
                                     "2026-10-01", "--server", "127.0.0.1:1", "--timeout", "2s"});
  EXPECT_EQ(outcome.code, kExitUnavailable) << outcome.err;
  EXPECT_THAT(outcome.err, HasSubstr("cxctl: UNAVAILABLE"));
}

}  // namespace
}  // namespace cxhub::cxctl
