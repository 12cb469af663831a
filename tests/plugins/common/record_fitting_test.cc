#include "plugins/common/record_fitting.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "cxhub/connector_limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::plugin_common {
namespace {

using connector::v1::Record;
using ::testing::HasSubstr;

Record Interaction() {
  Record record;
  auto* interaction = record.mutable_interaction();
  interaction->set_external_id("id-1");
  interaction->set_channel("email");
  interaction->set_subject("hello");
  interaction->set_body("body");
  (*interaction->mutable_attributes())["from"] = "ana@example.com";
  return record;
}

TEST(RecordFitting, LeavesARecordWithinTheLimitsAsItIs) {
  Record record = Interaction();
  const std::string before = record.SerializeAsString();
  FitRecordToHostLimits(record);
  EXPECT_EQ(record.SerializeAsString(), before);
}

TEST(RecordFitting, ClipsLongFieldsAndMarksThem) {
  Record record = Interaction();
  auto* interaction = record.mutable_interaction();
  interaction->set_subject(std::string(1100, 's'));
  interaction->set_body(std::string(CXHUB_LIMIT_BODY_BYTES + 10, 'b'));
  FitRecordToHostLimits(record);
  EXPECT_EQ(interaction->subject().size(), size_t{CXHUB_LIMIT_FIELD_BYTES});
  EXPECT_EQ(interaction->body().size(), size_t{CXHUB_LIMIT_BODY_BYTES});
  EXPECT_EQ(interaction->attributes().at("clipped"), "subject,body");
}

TEST(RecordFitting, LongIdsStayDistinctAndStable) {
  Record first = Interaction();
  Record second = Interaction();
  first.mutable_interaction()->set_external_id(std::string(1100, 'm') + "a");
  second.mutable_interaction()->set_external_id(std::string(1100, 'm') + "b");
  Record again = first;
  FitRecordToHostLimits(first);
  FitRecordToHostLimits(second);
  FitRecordToHostLimits(again);
  EXPECT_LE(first.interaction().external_id().size(), size_t{CXHUB_LIMIT_FIELD_BYTES});
  EXPECT_NE(first.interaction().external_id(), second.interaction().external_id());
  EXPECT_EQ(first.interaction().external_id(), again.interaction().external_id());
  EXPECT_THAT(first.interaction().attributes().at("clipped"), HasSubstr("external_id"));
}

TEST(RecordFitting, RepairsInvalidUtf8AndMarksIt) {
  Record record = Interaction();
  record.mutable_interaction()->set_customer_display_name("Caf\xE9 \xFF");
  FitRecordToHostLimits(record);
  EXPECT_EQ(record.interaction().customer_display_name(), "Caf\xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(record.interaction().attributes().at("utf8_repaired"), "customer_display_name");
}

TEST(RecordFitting, DropsAttributesBeyondTheHostsCountAndSaysHowMany) {
  Record record = Interaction();
  for (int i = 0; i < 100; ++i) {
    (*record.mutable_interaction()->mutable_attributes())[absl::StrCat("k", 100 + i)] = "v";
  }
  FitRecordToHostLimits(record);
  EXPECT_LE(record.interaction().attributes().size(), CXHUB_LIMIT_ATTRIBUTES);
  EXPECT_EQ(record.interaction().attributes().at("attributes_dropped"), "40");
}

}  // namespace
}  // namespace cxhub::plugin_common
