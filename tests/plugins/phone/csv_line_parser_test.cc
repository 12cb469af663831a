#include "plugins/phone/csv_line_parser.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::phone {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CsvLineParser, UnquotesFieldsAndCollapsesDoubledQuotes) {
  absl::StatusOr<std::vector<std::string>> fields =
      ParseCsvLine(R"("","+49301234567","""Tom Becker"" <+49301234567>",589,"")");
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_THAT(*fields, ElementsAre("", "+49301234567", "\"Tom Becker\" <+49301234567>", "589", ""));
}

TEST(CsvLineParser, KeepsCommasAndAngleBracketsInsideQuotes) {
  absl::StatusOr<std::vector<std::string>> fields =
      ParseCsvLine(R"("PJSIP/101&PJSIP/102,30,tT","""Becker, Tom"" <0049301234567>")");
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_THAT(*fields, ElementsAre("PJSIP/101&PJSIP/102,30,tT", "\"Becker, Tom\" <0049301234567>"));
}

TEST(CsvLineParser, ReadsBareAndEmptyFields) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine("a,,455,\"\",");
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_THAT(*fields, ElementsAre("a", "", "455", "", ""));
}

TEST(CsvLineParser, EmptyLineIsOneEmptyField) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine("");
  ASSERT_TRUE(fields.ok());
  EXPECT_THAT(*fields, ElementsAre(""));
}

TEST(CsvLineParser, QuotedFieldMayHoldOnlyAQuote) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine(R"("""","x")");
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_THAT(*fields, ElementsAre("\"", "x"));
}

TEST(CsvLineParser, RefusesAnUnclosedQuote) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine(R"("a","b)");
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(fields.status().message(), HasSubstr("field 2 at column 5"));
  EXPECT_THAT(fields.status().message(), HasSubstr("not closed"));
}

TEST(CsvLineParser, RefusesAQuoteInsideABareField) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine(R"("a",b"c")");
  ASSERT_FALSE(fields.ok());
  EXPECT_THAT(fields.status().message(), HasSubstr("field 2 at column 6"));
  EXPECT_THAT(fields.status().message(), HasSubstr("quote inside an unquoted field"));
}

TEST(CsvLineParser, RefusesTextAfterTheClosingQuote) {
  absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine(R"("a"x,"b")");
  ASSERT_FALSE(fields.ok());
  EXPECT_THAT(fields.status().message(), HasSubstr("field 1 at column 4"));
  EXPECT_THAT(fields.status().message(), HasSubstr("'x' after the closing quote"));
}

TEST(CsvLineParser, RefusesALoneQuote) {
  EXPECT_FALSE(ParseCsvLine("\"").ok());
  EXPECT_FALSE(ParseCsvLine("\"\"\"").ok());
}

}  // namespace
}  // namespace cxhub::phone
