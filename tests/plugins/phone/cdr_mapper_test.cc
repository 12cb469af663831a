#include "plugins/phone/cdr_mapper.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "phone_test_files.h"

namespace cxhub::phone {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::testing::HasSubstr;

CdrMapper SampleMapper() {
  CdrMapperConfig config;
  config.default_region = "PT";
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Lisbon", &config.server_zone));
  absl::StatusOr<ExtensionPatterns> extensions = ExtensionPatterns::Parse("1XX");
  EXPECT_TRUE(extensions.ok());
  config.extensions = *extensions;
  return CdrMapper(config);
}

std::string Utc(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

struct ExpectedCall {
  int row;
  std::string external_id;
  cxhub::v1::Direction direction;
  std::string customer;
  std::string disposition;
  int64_t duration;
  std::string billsec;
  std::string start_utc;
  std::string answer_utc;  // "" when unanswered
  std::string end_utc;
  std::string display_name;
};

// The samples README, "phone/Master.csv" and "What a correct ingestion yields".
const std::vector<ExpectedCall>& SampleCalls() {
  static const std::vector<ExpectedCall> calls = {
      {1, "1788771731.47", cxhub::v1::INBOUND, "+351912345678", "ANSWERED", 455, "437",
       "2026-09-07T09:02:11Z", "2026-09-07T09:02:29Z", "2026-09-07T09:09:46Z", ""},
      {2, "1788795603.54", cxhub::v1::OUTBOUND, "+351912345678", "NO ANSWER", 45, "0",
       "2026-09-07T15:40:03Z", "", "2026-09-07T15:40:48Z", ""},
      {4, "1788940337.68", cxhub::v1::INBOUND, "+49301234567", "NO ANSWER", 30, "0",
       "2026-09-09T07:52:17Z", "", "2026-09-09T07:52:47Z", ""},
      {5, "1788945242.75", cxhub::v1::INBOUND, "+49301234567", "ANSWERED", 589, "576",
       "2026-09-09T09:14:02Z", "2026-09-09T09:14:15Z", "2026-09-09T09:23:51Z", "Tom Becker"},
      {6, "1788945690.82", cxhub::v1::INBOUND, "+351912345678", "BUSY", 1, "0",
       "2026-09-09T09:21:30Z", "", "2026-09-09T09:21:31Z", ""},
      {7, "1788946004.89", cxhub::v1::OUTBOUND, "+351912345678", "ANSWERED", 156, "147",
       "2026-09-09T09:26:44Z", "2026-09-09T09:26:53Z", "2026-09-09T09:29:20Z", ""},
      {9, "1789057328.103", cxhub::v1::INBOUND, "+14155550199", "ANSWERED", 234, "222",
       "2026-09-10T16:22:08Z", "2026-09-10T16:22:20Z", "2026-09-10T16:26:02Z", ""},
      {10, "1789057635.110", cxhub::v1::OUTBOUND, "+14155550199", "FAILED", 2, "0",
       "2026-09-10T16:27:15Z", "", "2026-09-10T16:27:17Z", ""},
      {11, "1789138992.117", cxhub::v1::INBOUND, "+14155550199", "ANSWERED", 328, "315",
       "2026-09-11T15:03:12Z", "2026-09-11T15:03:25Z", "2026-09-11T15:08:40Z", ""},
  };
  return calls;
}

TEST(CdrMapper, SampleRowsBecomeTheCallsTheReadmeLists) {
  const CdrMapper mapper = SampleMapper();
  const std::vector<std::string> rows = test::SampleRows();
  ASSERT_EQ(rows.size(), 11u);
  for (const ExpectedCall& want : SampleCalls()) {
    SCOPED_TRACE(absl::StrCat("row ", want.row));
    const CdrMapping mapping = mapper.Map(rows[want.row - 1]);
    ASSERT_EQ(mapping.kind, CdrMapping::Kind::kInteraction) << mapping.reason;
    const InteractionRecord& call = mapping.record.interaction();
    EXPECT_EQ(call.external_id(), want.external_id);
    EXPECT_EQ(call.thread_id(), want.external_id);
    EXPECT_EQ(call.channel(), "phone");
    EXPECT_EQ(call.kind(), cxhub::v1::CALL);
    EXPECT_EQ(call.direction(), want.direction);
    ASSERT_EQ(call.customer_identities_size(), 1);
    EXPECT_EQ(call.customer_identities(0).kind(), cxhub::v1::PHONE);
    EXPECT_EQ(call.customer_identities(0).value(), want.customer);
    EXPECT_EQ(call.customer_display_name(), want.display_name);
    EXPECT_EQ(Utc(call.occur_time()), want.start_utc);
    // The uniqueid starts with the UTC epoch of the start: the zone conversion agrees with it.
    EXPECT_EQ(absl::StrCat(call.occur_time().seconds()),
              want.external_id.substr(0, want.external_id.find('.')));
    EXPECT_EQ(call.duration().seconds(), want.duration);
    const auto& attributes = call.attributes();
    EXPECT_EQ(attributes.at("disposition"), want.disposition);
    EXPECT_EQ(attributes.at("billsec"), want.billsec);
    EXPECT_EQ(attributes.at("end_time"), want.end_utc);
    if (want.answer_utc.empty()) {
      EXPECT_EQ(attributes.count("answer_time"), 0u);
    } else {
      EXPECT_EQ(attributes.at("answer_time"), want.answer_utc);
    }
    EXPECT_EQ(attributes.at("uniqueid"), want.external_id);
    EXPECT_EQ(attributes.at("lastapp"), "Dial");
    EXPECT_FALSE(attributes.at("channel").empty());
    EXPECT_FALSE(attributes.at("dstchannel").empty());
  }
}

TEST(CdrMapper, KeepsTheRawCallerIdAndTheDialData) {
  const CdrMapping mapping = SampleMapper().Map(test::SampleRows()[1]);  // row 2
  ASSERT_EQ(mapping.kind, CdrMapping::Kind::kInteraction);
  const auto& attributes = mapping.record.interaction().attributes();
  EXPECT_EQ(attributes.at("clid"), "\"Rui Santos\" <101>");
  EXPECT_EQ(attributes.at("lastdata"), "PJSIP/trunk/00351912345678,45,tT");
  EXPECT_EQ(attributes.at("extension"), "101");
  EXPECT_EQ(attributes.at("dst"), "00351912345678");
  EXPECT_EQ(attributes.at("channel"), "PJSIP/101-0000004a");
  EXPECT_EQ(attributes.at("dstchannel"), "PJSIP/trunk-0000004b");
}

TEST(CdrMapper, TheDialledNumberOrTheCallingExtensionIsTheBusinessIdentity) {
  const CdrMapper mapper = SampleMapper();
  const std::vector<std::string> rows = test::SampleRows();
  // Row 1 rings group 100, row 6 extension 101; row 2 is 101 calling out.
  for (const auto& [row, business] :
       std::vector<std::pair<int, std::string>>{{1, "100"}, {6, "101"}, {2, "101"}, {10, "102"}}) {
    SCOPED_TRACE(absl::StrCat("row ", row));
    const CdrMapping mapping = mapper.Map(rows[row - 1]);
    ASSERT_EQ(mapping.kind, CdrMapping::Kind::kInteraction) << mapping.reason;
    const InteractionRecord& call = mapping.record.interaction();
    ASSERT_EQ(call.business_identities_size(), 1);
    EXPECT_EQ(call.business_identities(0).kind(), cxhub::v1::PHONE);
    EXPECT_EQ(call.business_identities(0).value(), business);
  }
}

TEST(CdrMapper, ExtensionToExtensionIsAnInternalCall) {
  const CdrMapping mapping = SampleMapper().Map(test::SampleRows()[2]);  // row 3
  EXPECT_EQ(mapping.kind, CdrMapping::Kind::kInternalCall);
  EXPECT_EQ(mapping.reason, "103 -> 101");
}

TEST(CdrMapper, AnonymousCallerIsADeadLetter) {
  const std::string row8 = test::SampleRows()[7];
  ASSERT_THAT(row8, HasSubstr("1789037240.96"));
  const CdrMapping mapping = SampleMapper().Map(row8);
  ASSERT_EQ(mapping.kind, CdrMapping::Kind::kDeadLetter);
  EXPECT_THAT(mapping.reason, HasSubstr("customer number (src)"));
  EXPECT_THAT(mapping.reason, HasSubstr("'anonymous' is a withheld caller id"));
}

TEST(CdrMapper, BadLinesAreDeadLettersWithTheReason) {
  const CdrMapper mapper = SampleMapper();
  EXPECT_THAT(mapper.Map(R"("","912345678","100")").reason, HasSubstr("found 3"));
  EXPECT_THAT(mapper.Map(R"("","912345678)").reason, HasSubstr("not closed"));
  std::string bad_start = test::SampleRows()[0];
  bad_start.replace(bad_start.find("2026-09-07 10:02:11"), 19, "07/09/2026 10:02:11");
  EXPECT_THAT(mapper.Map(bad_start).reason, HasSubstr("start '07/09/2026 10:02:11'"));
  std::string bad_dst = test::SampleRows()[1];
  bad_dst.replace(bad_dst.find("\"00351912345678\""), 16, "\"s\"");
  const CdrMapping mapping = mapper.Map(bad_dst);
  ASSERT_EQ(mapping.kind, CdrMapping::Kind::kDeadLetter);
  EXPECT_THAT(mapping.reason, HasSubstr("customer number (dst): 's' is not a phone number"));
}

TEST(CdrMapper, LineWithoutUniqueidGetsAStableHashAsExternalId) {
  const std::string line =
      R"("","912345678","100","from-trunk","912345678","PJSIP/trunk-1","PJSIP/101-2","Dial","PJSIP/101","2026-09-07 10:02:11","","2026-09-07 10:02:41",30,0,"NO ANSWER","DOCUMENTATION")";
  const CdrMapping mapping = SampleMapper().Map(line);
  ASSERT_EQ(mapping.kind, CdrMapping::Kind::kInteraction) << mapping.reason;
  const InteractionRecord& call = mapping.record.interaction();
  EXPECT_EQ(call.external_id(), LineExternalId(line));
  EXPECT_THAT(call.external_id(), ::testing::MatchesRegex("cdr-line:[0-9a-f]{16}"));
  EXPECT_EQ(call.thread_id(), call.external_id());
  EXPECT_NE(LineExternalId(line), LineExternalId(line + " "));
  EXPECT_EQ(call.attributes().count("uniqueid"), 0u);
}

TEST(CdrMapper, RepeatedAutumnHourFollowsTheUniqueidEpoch) {
  // 2026-10-25 01:30 happens twice in Lisbon: 00:30Z (summer time) and 01:30Z (winter time).
  const std::string first =
      R"("","912345678","100","from-trunk","912345678","c","d","Dial","x","2026-10-25 01:30:00","","2026-10-25 01:30:10",10,0,"NO ANSWER","DOCUMENTATION","1792888200.1","")";
  const std::string second =
      R"("","912345678","100","from-trunk","912345678","c","d","Dial","x","2026-10-25 01:30:00","","2026-10-25 01:30:10",10,0,"NO ANSWER","DOCUMENTATION","1792891800.2","")";
  const CdrMapper mapper = SampleMapper();
  EXPECT_EQ(Utc(mapper.Map(first).record.interaction().occur_time()), "2026-10-25T00:30:00Z");
  EXPECT_EQ(Utc(mapper.Map(second).record.interaction().occur_time()), "2026-10-25T01:30:00Z");
}

TEST(CdrMapper, PlaceholderCallerNamesAreNotDisplayNames) {
  std::string row = test::SampleRows()[4];  // Tom
  const std::string tom = "\"\"Tom Becker\"\"";
  row.replace(row.find(tom), tom.size(), "\"\"UNKNOWN CALLER\"\"");
  const CdrMapping mapping = SampleMapper().Map(row);
  ASSERT_EQ(mapping.kind, CdrMapping::Kind::kInteraction) << mapping.reason;
  EXPECT_EQ(mapping.record.interaction().customer_display_name(), "");
}

}  // namespace
}  // namespace cxhub::phone
