#include "plugins/survey/csv_reader.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::survey {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Every record `input` holds, read in one piece, the last one through Finish.
std::vector<CsvRecord> ReadAll(const std::string& input, CsvLimits limits = {}) {
  CsvReader reader(limits);
  reader.Append(input);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.Next(record)) records.push_back(record);
  if (reader.Finish(record)) records.push_back(record);
  return records;
}

// The same, fed one byte at a time, as a file that grows byte by byte gives it.
std::vector<CsvRecord> ReadByteByByte(const std::string& input) {
  CsvReader reader;
  std::vector<CsvRecord> records;
  CsvRecord record;
  for (const char c : input) {
    reader.Append(std::string(1, c));
    while (reader.Next(record)) records.push_back(record);
  }
  if (reader.Finish(record)) records.push_back(record);
  return records;
}

TEST(CsvReader, SplitsBareAndQuotedFields) {
  const std::vector<CsvRecord> records = ReadAll("a,b,c\n1,\"two\",\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT(records[1].fields, ElementsAre("1", "two", ""));
  EXPECT_THAT(records[1].error, IsEmpty());
}

TEST(CsvReader, CollapsesDoubledQuotes) {
  const std::vector<CsvRecord> records =
      ReadAll("d4e5q7,6,\"The \"\"size guide\"\" is confusing\"\r\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("d4e5q7", "6", "The \"size guide\" is confusing"));
}

TEST(CsvReader, KeepsLineBreaksInsideQuotes) {
  const std::vector<CsvRecord> records =
      ReadAll("a8b9t3,\"Late, and nobody told me why.\nI had to ask twice.\",x\r\nnext,1,2\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields,
              ElementsAre("a8b9t3", "Late, and nobody told me why.\nI had to ask twice.", "x"));
  EXPECT_EQ(records[0].offset, 0u);
  EXPECT_EQ(records[1].offset, records[0].size);
  EXPECT_THAT(records[1].fields, ElementsAre("next", "1", "2"));
}

TEST(CsvReader, KeepsACrlfInsideQuotes) {
  const std::vector<CsvRecord> records = ReadAll("\"one\r\ntwo\",b\r\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("one\r\ntwo", "b"));
}

TEST(CsvReader, ReadsCrlfAndLfLineEndsAlike) {
  const std::vector<CsvRecord> crlf = ReadAll("a,\"b\"\r\nc,d\r\n");
  const std::vector<CsvRecord> lf = ReadAll("a,\"b\"\nc,d\n");
  ASSERT_EQ(crlf.size(), 2u);
  ASSERT_EQ(lf.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(crlf[i].fields, lf[i].fields);
  EXPECT_THAT(crlf[1].fields, ElementsAre("c", "d"));
  EXPECT_EQ(crlf[0].size, 7u);
}

TEST(CsvReader, KeepsEmojiAndOtherUtf8AsTheyAre) {
  const std::vector<CsvRecord> records =
      ReadAll("b1c3u6,8,Entrega r\xC3\xA1pida \xF0\x9F\x91\x8D\r\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields[2], "Entrega r\xC3\xA1pida \xF0\x9F\x91\x8D");
}

TEST(CsvReader, SkipsAUtf8ByteOrderMarkAtTheStartOnly) {
  const std::vector<CsvRecord> records = ReadAll("\xEF\xBB\xBF#,score\r\n\xEF\xBB\xBFx,1\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("#", "score"));
  EXPECT_EQ(records[0].offset, 3u);
  EXPECT_EQ(records[1].fields[0], "\xEF\xBB\xBFx");
}

TEST(CsvReader, ABomSplitAcrossAppendsIsStillSkipped) {
  EXPECT_THAT(ReadByteByByte("\xEF\xBB\xBF"
                             "a,b\n")[0]
                  .fields,
              ElementsAre("a", "b"));
  // What starts like a BOM and is not one is data.
  EXPECT_THAT(ReadByteByByte("\xEF\xBBz,b\n")[0].fields, ElementsAre("\xEF\xBBz", "b"));
}

TEST(CsvReader, ByteByByteGivesWhatOnePieceGives) {
  const std::string input = "\xEF\xBB\xBF#,q\r\n\"a\"\"b\",\"x\ny\"\r\n\r\nlast,\"q\"";
  const std::vector<CsvRecord> whole = ReadAll(input);
  const std::vector<CsvRecord> bytes = ReadByteByByte(input);
  ASSERT_EQ(whole.size(), 3u);
  ASSERT_EQ(bytes.size(), 3u);
  for (size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(whole[i].fields, bytes[i].fields);
    EXPECT_EQ(whole[i].offset, bytes[i].offset);
    EXPECT_EQ(whole[i].raw, bytes[i].raw);
  }
  EXPECT_THAT(whole[1].fields, ElementsAre("a\"b", "x\ny"));
}

TEST(CsvReader, SkipsBlankLines) {
  const std::vector<CsvRecord> records = ReadAll("a\r\n\r\n\nb\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields[0], "b");
  EXPECT_EQ(records[1].offset, 6u);
}

TEST(CsvReader, TakesAFinalRecordWithoutLineEndOnlyWhenComplete) {
  CsvReader reader;
  reader.Append("a,b\r\nc,\"open");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_FALSE(reader.Next(record));
  EXPECT_FALSE(reader.Finish(record)) << "a quoted field is still open";
  EXPECT_TRUE(reader.InRecord());
  reader.Append(" still\"");
  ASSERT_TRUE(reader.Finish(record));
  EXPECT_THAT(record.fields, ElementsAre("c", "open still"));
  EXPECT_EQ(record.raw, "c,\"open still\"");
  EXPECT_FALSE(reader.InRecord());
}

TEST(CsvReader, RawHoldsTheRecordAsWritten) {
  const std::vector<CsvRecord> records = ReadAll("x,\"a\"\"b\"\r\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].raw, "x,\"a\"\"b\"\r\n");
  EXPECT_EQ(records[0].size, records[0].raw.size());
}

TEST(CsvReader, MarksMalformedQuotingAndGoesOn) {
  const std::vector<CsvRecord> records = ReadAll("a,b\"c\nd,\"e\"f\ng,h\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[0].error, HasSubstr("field 2: a quote inside an unquoted field"));
  EXPECT_THAT(records[1].error, HasSubstr("field 2: text after the closing quote"));
  EXPECT_THAT(records[2].error, IsEmpty());
  EXPECT_THAT(records[2].fields, ElementsAre("g", "h"));
}

TEST(CsvReader, ARecordOverTheLimitIsMarkedAndTheNextOneReadWell) {
  CsvLimits limits;
  limits.max_record_bytes = 16;
  const std::string long_comment(100, 'x');
  const std::vector<CsvRecord> records =
      ReadAll("a,\"" + long_comment + "\n" + long_comment + "\"\nok,1\n", limits);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].error, HasSubstr("longer than 16 bytes"));
  EXPECT_THAT(records[0].fields, IsEmpty());
  EXPECT_EQ(records[0].raw.size(), 16u);
  EXPECT_EQ(records[0].size, 206u);
  EXPECT_THAT(records[1].fields, ElementsAre("ok", "1"));
}

TEST(CsvReader, ABareRecordOverTheLimitIsNotTakenForABlankLine) {
  CsvLimits limits;
  limits.max_record_bytes = 16;
  const std::vector<CsvRecord> records = ReadAll(std::string(100, 'x') + "\nok\n", limits);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].error, HasSubstr("longer than 16 bytes"));
  EXPECT_THAT(records[1].fields, ElementsAre("ok"));
}

TEST(CsvReader, AFieldOverTheLimitOrTooManyFieldsIsMarked) {
  CsvLimits limits;
  limits.max_field_bytes = 4;
  limits.max_fields = 3;
  const std::vector<CsvRecord> records = ReadAll("abcdefg,b\n1,2,3,4\n1,2,3\n", limits);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[0].error, HasSubstr("field 1 is longer than 4 bytes"));
  EXPECT_THAT(records[1].error, HasSubstr("more than 3 fields"));
  EXPECT_THAT(records[2].error, IsEmpty());
}

TEST(CsvReader, AnOpenQuoteOverTheLimitEndsAtFinish) {
  CsvLimits limits;
  limits.max_record_bytes = 8;
  CsvReader reader(limits);
  reader.Append("a,\"never closed and long");
  CsvRecord record;
  EXPECT_FALSE(reader.Next(record));
  ASSERT_TRUE(reader.Finish(record));
  EXPECT_THAT(record.error, HasSubstr("longer than 8 bytes"));
}

TEST(CsvReader, ResetStartsAgainAtAnOffsetWithoutLookingForABom) {
  CsvReader reader;
  reader.Append("half,\"open");
  reader.Reset(100);
  reader.Append("\xEF\xBB\xBFx,y\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.offset, 100u);
  EXPECT_THAT(record.fields, ElementsAre("\xEF\xBB\xBFx", "y"));
}

}  // namespace
}  // namespace cxhub::survey
