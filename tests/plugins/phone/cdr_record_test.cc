#include "plugins/phone/cdr_record.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "phone_test_files.h"

namespace cxhub::phone {
namespace {

using ::testing::HasSubstr;

TEST(CdrRecord, ReadsAllEighteenColumnsOfASampleRow) {
  const std::vector<std::string> rows = test::SampleRows();
  ASSERT_EQ(rows.size(), 11u);
  absl::StatusOr<CdrRecord> cdr = ParseCdrLine(rows[4]);  // row 5, Tom
  ASSERT_TRUE(cdr.ok()) << cdr.status();
  EXPECT_EQ(cdr->accountcode, "");
  EXPECT_EQ(cdr->src, "+49301234567");
  EXPECT_EQ(cdr->dst, "100");
  EXPECT_EQ(cdr->dcontext, "from-trunk");
  EXPECT_EQ(cdr->clid, "\"Tom Becker\" <+49301234567>");
  EXPECT_EQ(cdr->channel, "PJSIP/trunk-0000006f");
  EXPECT_EQ(cdr->dstchannel, "PJSIP/101-00000070");
  EXPECT_EQ(cdr->lastapp, "Dial");
  EXPECT_EQ(cdr->lastdata, "PJSIP/101&PJSIP/102,30,tT");
  EXPECT_EQ(cdr->start, "2026-09-09 10:14:02");
  EXPECT_EQ(cdr->answer, "2026-09-09 10:14:15");
  EXPECT_EQ(cdr->end, "2026-09-09 10:23:51");
  EXPECT_EQ(cdr->duration, 589);
  EXPECT_EQ(cdr->billsec, 576);
  EXPECT_EQ(cdr->disposition, "ANSWERED");
  EXPECT_EQ(cdr->amaflags, "DOCUMENTATION");
  EXPECT_TRUE(cdr->has_uniqueid);
  EXPECT_EQ(cdr->uniqueid, "1788945242.75");
  EXPECT_EQ(cdr->userfield, "");
}

TEST(CdrRecord, ReadsSixteenColumnsWithoutUniqueid) {
  absl::StatusOr<CdrRecord> cdr = ParseCdrLine(
      R"("acc1","912345678","100","from-trunk","912345678","PJSIP/trunk-1","PJSIP/101-2","Dial","PJSIP/101","2026-09-07 10:02:11","","2026-09-07 10:02:41",30,0,"NO ANSWER","DOCUMENTATION")");
  ASSERT_TRUE(cdr.ok()) << cdr.status();
  EXPECT_EQ(cdr->accountcode, "acc1");
  EXPECT_FALSE(cdr->has_uniqueid);
  EXPECT_EQ(cdr->answer, "");
  EXPECT_EQ(cdr->duration, 30);
  EXPECT_EQ(cdr->disposition, "NO ANSWER");
}

TEST(CdrRecord, RefusesSeventeenColumns) {
  std::vector<std::string> fields(17, "");
  fields[12] = "1";
  fields[13] = "0";
  absl::StatusOr<CdrRecord> cdr = CdrRecordFromFields(fields);
  ASSERT_FALSE(cdr.ok());
  EXPECT_THAT(cdr.status().message(), HasSubstr("found 17"));
}

TEST(CdrRecord, RefusesANegativeOrTextDuration) {
  std::vector<std::string> fields(16, "");
  fields[12] = "-5";
  fields[13] = "0";
  EXPECT_THAT(CdrRecordFromFields(fields).status().message(), HasSubstr("duration '-5'"));
  fields[12] = "5";
  fields[13] = "ten";
  EXPECT_THAT(CdrRecordFromFields(fields).status().message(), HasSubstr("billsec 'ten'"));
}

TEST(CdrRecord, SplitsCallerIdIntoNameAndNumber) {
  CallerId tom = SplitCallerId("\"Tom Becker\" <+49301234567>");
  EXPECT_EQ(tom.name, "Tom Becker");
  EXPECT_EQ(tom.number, "+49301234567");
  CallerId bare = SplitCallerId("912345678");
  EXPECT_EQ(bare.name, "");
  EXPECT_EQ(bare.number, "912345678");
  CallerId comma = SplitCallerId("\"Becker, Tom\" <0049301234567>");
  EXPECT_EQ(comma.name, "Becker, Tom");
  EXPECT_EQ(comma.number, "0049301234567");
  CallerId name_only = SplitCallerId("\"Reception\"");
  EXPECT_EQ(name_only.name, "Reception");
  EXPECT_EQ(name_only.number, "");
}

}  // namespace
}  // namespace cxhub::phone
