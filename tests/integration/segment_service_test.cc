// SegmentService over a real server on every store: segments saved and read back with their
// conditions, members listed a page at a time, counts per segment, a persona, the segment filter
// on AnalyticsService, and requests refused naming the field.
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "cxhub/v1/segment.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

class SegmentServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    interactions_ = v1::InteractionService::NewStub(channel());
    segments_ = v1::SegmentService::NewStub(channel());
    analytics_ = v1::AnalyticsService::NewStub(channel());
    // ana chats twice and answers NPS 10; bo writes once and answers NPS 3; cy only writes.
    const int64_t yesterday = absl::ToUnixSeconds(absl::Now() - absl::Hours(24));
    ana_ = Record("ana@example.org", "chat", yesterday);
    Record("ana@example.org", "chat", yesterday + 60);
    Answer("ana@example.org", yesterday + 120, 10);
    bo_ = Record("bo@example.org", "email", yesterday);
    Answer("bo@example.org", yesterday + 120, 3);
    cy_ = Record("cy@example.org", "email", yesterday);
  }

  // Records an interaction of the customer known by `email`; returns the customer's name.
  std::string Record(const std::string& email, const std::string& channel, int64_t seconds,
                     int nps = -1) {
    v1::RecordInteractionRequest request;
    v1::Identity* identity = request.add_customer_identities();
    identity->set_kind(v1::EMAIL);
    identity->set_value(email);
    v1::Interaction* interaction = request.mutable_interaction();
    interaction->set_channel(channel);
    interaction->set_kind(nps < 0 ? v1::MESSAGE : v1::SURVEY_RESPONSE);
    interaction->set_direction(v1::INBOUND);
    interaction->mutable_occur_time()->set_seconds(seconds);
    interaction->set_source("integration-test");
    interaction->set_external_id(std::to_string(next_key_++));
    if (nps < 0) interaction->set_body("My parcel has not arrived yet.");
    if (nps >= 0) {
      interaction->mutable_survey()->set_metric(v1::NPS);
      interaction->mutable_survey()->set_score(nps);
    }
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
    return response.interaction().customer();
  }

  void Answer(const std::string& email, int64_t seconds, int score) {
    Record(email, "survey", seconds, score);
  }

  v1::Segment Create(const v1::Segment& segment) {
    v1::CreateSegmentRequest request;
    *request.mutable_segment() = segment;
    v1::Segment created;
    EXPECT_TRUE(IsOk(segments_->CreateSegment(Context().get(), request, &created)));
    return created;
  }

  // Chatted at least twice in the last 7 days.
  static v1::Segment Chatters() {
    v1::Segment segment;
    segment.set_display_name("Chatters");
    segment.set_description("Chat often");
    v1::InteractionCountCondition* count = segment.add_conditions()->mutable_interaction_count();
    count->set_channel("chat");
    count->set_comparison(v1::COUNT_COMPARISON_AT_LEAST);
    count->set_count(2);
    count->set_within_days(7);
    return segment;
  }

  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<v1::SegmentService::Stub> segments_;
  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
  std::string ana_, bo_, cy_;
  int next_key_ = 0;
};

TEST_P(SegmentServiceTest, CreatesReadsAndListsMembersAPageAtATime) {
  const v1::Segment chatters = Create(Chatters());
  EXPECT_EQ(chatters.name(), "segments/1");
  ASSERT_EQ(chatters.conditions_size(), 1);
  EXPECT_EQ(chatters.conditions(0).interaction_count().count(), 2);
  v1::Segment everybody;
  everybody.set_display_name("Everybody");
  everybody = Create(everybody);

  v1::ListSegmentMembersRequest request;
  request.set_parent(chatters.name());
  v1::ListSegmentMembersResponse members;
  ASSERT_TRUE(IsOk(segments_->ListSegmentMembers(Context().get(), request, &members)));
  ASSERT_EQ(members.members_size(), 1);
  EXPECT_EQ(members.members(0), ana_);

  request.set_parent(everybody.name());
  request.set_page_size(2);
  std::vector<std::string> listed;
  std::string token;
  do {
    request.set_page_token(token);
    v1::ListSegmentMembersResponse page;
    ASSERT_TRUE(IsOk(segments_->ListSegmentMembers(Context().get(), request, &page)));
    for (const std::string& member : page.members()) listed.push_back(member);
    token = page.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(listed, (std::vector<std::string>{ana_, bo_, cy_}));

  v1::CountSegmentMembersRequest count;
  count.set_name("segments/-");
  v1::CountSegmentMembersResponse counts;
  ASSERT_TRUE(IsOk(segments_->CountSegmentMembers(Context().get(), count, &counts)));
  ASSERT_EQ(counts.counts_size(), 2);
  EXPECT_EQ(counts.counts(0).members(), 1);
  EXPECT_EQ(counts.counts(1).display_name(), "Everybody");
  EXPECT_EQ(counts.counts(1).members(), 3);
}

TEST_P(SegmentServiceTest, FiguresAndPersonaOfASegment) {
  const v1::Segment chatters = Create(Chatters());
  v1::GetSatisfactionRequest satisfaction;
  satisfaction.set_metric(v1::NPS);
  satisfaction.set_segment(chatters.name());
  v1::SatisfactionReport report;
  ASSERT_TRUE(IsOk(analytics_->GetSatisfaction(Context().get(), satisfaction, &report)));
  EXPECT_EQ(report.surveyed().nps().answers(), 1);
  EXPECT_DOUBLE_EQ(report.surveyed().nps().score(), 100);

  v1::GetPersonaRequest request;
  request.set_name(chatters.name());
  v1::Persona persona;
  ASSERT_TRUE(IsOk(segments_->GetPersona(Context().get(), request, &persona)));
  EXPECT_EQ(persona.description(), "Chat often");
  EXPECT_EQ(persona.members(), 1);
  ASSERT_EQ(persona.channel_mix_size(), 2);
  EXPECT_EQ(persona.channel_mix(0).channel(), "chat");
  EXPECT_EQ(persona.channel_mix(0).interactions(), 2);
  EXPECT_NEAR(persona.channel_mix(0).interaction_percent(), 200.0 / 3, 1e-9);
  EXPECT_EQ(persona.nps().nps().promoters(), 1);
  EXPECT_EQ(persona.lifetime_value().currencies_size(), 0);
}

// The journey map and the complaint themes take the segment filter too: only ana's history.
TEST_P(SegmentServiceTest, JourneyMapAndComplaintThemesOfASegment) {
  const v1::Segment chatters = Create(Chatters());
  const int64_t now = absl::ToUnixSeconds(absl::Now());
  v1::GetJourneyMapRequest journey;
  journey.mutable_start_time()->set_seconds(now - 3 * 86400);
  journey.mutable_end_time()->set_seconds(now + 86400);
  v1::JourneyMap everyone;
  ASSERT_TRUE(IsOk(analytics_->GetJourneyMap(Context().get(), journey, &everyone)));
  EXPECT_EQ(everyone.customers(), 3);
  journey.set_segment(chatters.name());
  v1::JourneyMap members;
  ASSERT_TRUE(IsOk(analytics_->GetJourneyMap(Context().get(), journey, &members)));
  EXPECT_EQ(members.customers(), 1);
  EXPECT_EQ(members.interactions_without_touchpoint(), 3);  // Two chats and an answer.

  v1::GetComplaintThemesRequest themes;
  themes.mutable_start_time()->set_seconds(now - 3 * 86400);
  themes.mutable_end_time()->set_seconds(now + 86400);
  themes.set_segment("segments/999");
  v1::ComplaintThemes report;
  EXPECT_TRUE(HasCode(analytics_->GetComplaintThemes(Context().get(), themes, &report),
                      grpc::StatusCode::NOT_FOUND));
  themes.set_segment(chatters.name());
  ASSERT_TRUE(IsOk(analytics_->GetComplaintThemes(Context().get(), themes, &report)));
  EXPECT_EQ(report.interactions(), 2);  // ana's two inbound chats; not bo's or cy's mail.
  EXPECT_EQ(report.customers(), 1);
}

TEST_P(SegmentServiceTest, RefusesBadRequestsNamingTheField) {
  v1::Segment segment = Chatters();
  v1::ScoreCondition* score = segment.add_conditions()->mutable_score();
  score->set_metric(v1::CSAT);
  score->set_nps_group(v1::NPS_GROUP_DETRACTOR);
  v1::CreateSegmentRequest create;
  *create.mutable_segment() = segment;
  v1::Segment created;
  EXPECT_TRUE(IsInvalidField(segments_->CreateSegment(Context().get(), create, &created),
                             "segment.conditions[1].score.nps_group"));
  create.mutable_segment()->mutable_conditions(1)->mutable_score()->clear_nps_group();
  create.mutable_segment()->mutable_conditions(1)->mutable_score()->set_max_score(9);
  EXPECT_TRUE(IsInvalidField(segments_->CreateSegment(Context().get(), create, &created),
                             "segment.conditions[1].score.max_score"));
  create.mutable_segment()->add_conditions();
  create.mutable_segment()->mutable_conditions()->DeleteSubrange(1, 1);
  EXPECT_TRUE(IsInvalidField(segments_->CreateSegment(Context().get(), create, &created),
                             "segment.conditions[1]"));

  v1::GetSegmentRequest get;
  get.set_name("segment/1");
  EXPECT_TRUE(IsInvalidField(segments_->GetSegment(Context().get(), get, &created), "name"));
  get.set_name("segments/9");
  EXPECT_TRUE(
      HasCode(segments_->GetSegment(Context().get(), get, &created), grpc::StatusCode::NOT_FOUND));

  v1::GetRetentionRequest retention;
  retention.mutable_start_time()->set_seconds(1767225600);
  retention.mutable_end_time()->set_seconds(1767225600 + 86400);
  retention.set_segment("segments/9");
  v1::RetentionReport report;
  EXPECT_TRUE(HasCode(analytics_->GetRetention(Context().get(), retention, &report),
                      grpc::StatusCode::NOT_FOUND));
  retention.set_segment("9");
  EXPECT_TRUE(
      IsInvalidField(analytics_->GetRetention(Context().get(), retention, &report), "segment"));

  const v1::Segment first = Create(Chatters());
  const v1::Segment second = Create(Chatters());
  v1::ListSegmentMembersRequest members;
  members.set_parent(second.name());
  v1::ListSegmentMembersResponse page;
  // A token of another segment's listing.
  v1::Segment everybody;
  everybody.set_display_name("Everybody");
  const v1::Segment all = Create(everybody);
  members.set_parent(all.name());
  members.set_page_size(1);
  ASSERT_TRUE(IsOk(segments_->ListSegmentMembers(Context().get(), members, &page)));
  ASSERT_FALSE(page.next_page_token().empty());
  members.set_parent(first.name());
  members.set_page_token(page.next_page_token());
  EXPECT_TRUE(
      IsInvalidField(segments_->ListSegmentMembers(Context().get(), members, &page), "page_token"));
}

TEST_P(SegmentServiceTest, UpdatesTheFieldsOfTheMaskAndDeletes) {
  const v1::Segment chatters = Create(Chatters());
  v1::UpdateSegmentRequest update;
  update.mutable_segment()->set_name(chatters.name());
  update.mutable_segment()->set_display_name("Renamed");
  update.mutable_segment()->add_conditions()->mutable_activity()->set_within_days(30);
  update.mutable_update_mask()->add_paths("display_name");
  v1::Segment updated;
  ASSERT_TRUE(IsOk(segments_->UpdateSegment(Context().get(), update, &updated)));
  EXPECT_EQ(updated.display_name(), "Renamed");
  EXPECT_TRUE(updated.conditions(0).has_interaction_count());
  update.mutable_update_mask()->add_paths("conditions");
  ASSERT_TRUE(IsOk(segments_->UpdateSegment(Context().get(), update, &updated)));
  ASSERT_EQ(updated.conditions_size(), 1);
  EXPECT_EQ(updated.conditions(0).activity().within_days(), 30u);

  v1::DeleteSegmentRequest request;
  request.set_name(chatters.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(segments_->DeleteSegment(Context().get(), request, &empty)));
  EXPECT_TRUE(HasCode(segments_->DeleteSegment(Context().get(), request, &empty),
                      grpc::StatusCode::NOT_FOUND));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(SegmentServiceTest);

}  // namespace
}  // namespace cxhub
