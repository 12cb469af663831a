// Store conformance for the texts complaint themes read (ListComplaintTexts): which interactions
// each source selects and which of their text, the period's bounds, the touchpoint and channel
// filters, and customers as they are now (merged into their survivor, deleted gone). Every
// backend must pass it unchanged.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// (interaction, customer, subject, text), sorted by interaction, for readable failures.
using Row = std::tuple<InteractionId, CustomerId, std::string, std::string>;

class ComplaintTextsStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (IsSkipped()) return;
    ana_ = NewCustomerId("ana");
    bea_ = NewCustomerId("bea");
  }

  InteractionId Add(Interaction interaction) {
    interaction.external_id = absl::StrCat("i", next_++);
    absl::StatusOr<InteractionId> id = InsertInteraction(interaction);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  Interaction Message(CustomerId customer, absl::Time time, const std::string& body) {
    Interaction interaction = NewInteraction(customer, "", time);
    interaction.subject = "Subject";
    interaction.body = body;
    return interaction;
  }

  Interaction Answer(CustomerId customer, SurveyMetric metric, int score,
                     const std::string& comment) {
    Interaction interaction = Message(customer, T(10), "survey body");
    interaction.kind = InteractionKind::kSurveyResponse;
    Survey survey;
    survey.metric = metric;
    survey.score = score;
    survey.comment = comment;
    interaction.survey = survey;
    return interaction;
  }

  Interaction Mentioned(CustomerId customer, SurveyMetric metric, int score, int scale) {
    Interaction interaction = Message(customer, T(10), absl::StrCat("mentioned ", score));
    interaction.mentioned_score = MentionedScore{metric, score, scale, "quote"};
    return interaction;
  }

  absl::StatusOr<std::vector<Row>> List(const ComplaintTextFilter& filter) {
    absl::StatusOr<std::vector<ComplaintText>> texts = Read<std::vector<ComplaintText>>(
        [&](StoreReader& r) { return r.ListComplaintTexts(filter); });
    if (!texts.ok()) return texts.status();
    std::vector<Row> rows;
    for (const ComplaintText& text : *texts) {
      rows.emplace_back(text.interaction_id, text.customer_id, text.subject, text.text);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  static ComplaintTextFilter Filter(std::vector<ComplaintSource> sources) {
    ComplaintTextFilter filter;
    filter.start_time = T(0);
    filter.end_time = T(100);
    filter.sources = std::move(sources);
    return filter;
  }

  CustomerId ana_ = 0;
  CustomerId bea_ = 0;
  int next_ = 0;
};

TEST_P(ComplaintTextsStoreTest, InboundMessagesAndPostsOnly) {
  const InteractionId message = Add(Message(ana_, T(10), "inbound message"));
  Interaction post = Message(bea_, T(11), "inbound post");
  post.kind = InteractionKind::kPost;
  const InteractionId post_id = Add(post);
  Interaction outbound = Message(ana_, T(12), "outbound");
  outbound.direction = Direction::kOutbound;
  Add(outbound);
  Interaction call = Message(ana_, T(13), "call");
  call.kind = InteractionKind::kCall;
  Add(call);
  EXPECT_THAT(*List(Filter({ComplaintSource::kInboundMessage})),
              ElementsAre(Row{message, ana_, "Subject", "inbound message"},
                          Row{post_id, bea_, "Subject", "inbound post"}));
}

TEST_P(ComplaintTextsStoreTest, TicketsInEitherDirection) {
  Interaction ticket = Message(ana_, T(10), "ticket");
  ticket.kind = InteractionKind::kTicket;
  ticket.direction = Direction::kOutbound;
  const InteractionId id = Add(ticket);
  Add(Message(ana_, T(11), "message"));
  EXPECT_THAT(*List(Filter({ComplaintSource::kTicket})),
              ElementsAre(Row{id, ana_, "Subject", "ticket"}));
}

TEST_P(ComplaintTextsStoreTest, DetractorCommentsAreTheCommentOfNpsZeroToSix) {
  const InteractionId six = Add(Answer(ana_, SurveyMetric::kNps, 6, "slow"));
  const InteractionId zero = Add(Answer(bea_, SurveyMetric::kNps, 0, "broken"));
  Add(Answer(ana_, SurveyMetric::kNps, 7, "passive"));
  Add(Answer(ana_, SurveyMetric::kNps, 3, ""));
  Add(Answer(ana_, SurveyMetric::kCsat, 1, "csat"));
  EXPECT_THAT(*List(Filter({ComplaintSource::kDetractorComment})),
              ElementsAre(Row{six, ana_, "", "slow"}, Row{zero, bea_, "", "broken"}));
}

TEST_P(ComplaintTextsStoreTest, MentionedDetractorsAreNpsScoresZeroToSix) {
  const InteractionId four = Add(Mentioned(ana_, SurveyMetric::kNps, 4, 10));
  Add(Mentioned(ana_, SurveyMetric::kNps, 8, 10));
  Add(Mentioned(ana_, SurveyMetric::kCsat, 1, 5));
  EXPECT_THAT(*List(Filter({ComplaintSource::kMentionedDetractor})),
              ElementsAre(Row{four, ana_, "Subject", "mentioned 4"}));
}

TEST_P(ComplaintTextsStoreTest, AnInteractionOfSeveralSourcesComesOnce) {
  const InteractionId id = Add(Mentioned(ana_, SurveyMetric::kNps, 2, 10));
  EXPECT_THAT(
      *List(Filter({ComplaintSource::kInboundMessage, ComplaintSource::kMentionedDetractor})),
      ElementsAre(Row{id, ana_, "Subject", "mentioned 2"}));
}

TEST_P(ComplaintTextsStoreTest, ThePeriodIncludesItsStartAndNotItsEnd) {
  const InteractionId at_start = Add(Message(ana_, T(0), "start"));
  Add(Message(ana_, T(100), "end"));
  Add(Message(ana_, T(-1), "before"));
  ComplaintTextFilter filter = Filter({ComplaintSource::kInboundMessage});
  EXPECT_THAT(*List(filter), ElementsAre(Row{at_start, ana_, "Subject", "start"}));
  const absl::StatusOr<ComplaintText> read =
      Read<ComplaintText>([&](StoreReader& r) -> absl::StatusOr<ComplaintText> {
        absl::StatusOr<std::vector<ComplaintText>> texts = r.ListComplaintTexts(filter);
        if (!texts.ok()) return texts.status();
        return texts->at(0);
      });
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->occur_time, T(0));
}

TEST_P(ComplaintTextsStoreTest, ByTouchpointAndChannel) {
  const TouchpointId checkout = NewTouchpoint("checkout");
  Interaction at_checkout = Message(ana_, T(10), "checkout chat");
  at_checkout.touchpoint_id = checkout;
  at_checkout.channel = "chat";
  const InteractionId checkout_chat = Add(at_checkout);
  at_checkout.channel = "email";
  const InteractionId checkout_email = Add(at_checkout);
  const InteractionId nowhere = Add(Message(ana_, T(10), "nowhere"));
  ComplaintTextFilter filter = Filter({ComplaintSource::kInboundMessage});
  filter.touchpoint_id = checkout;
  EXPECT_EQ(List(filter)->size(), 2u);
  filter.channel = "chat";
  EXPECT_THAT(*List(filter), ElementsAre(Row{checkout_chat, ana_, "Subject", "checkout chat"}));
  filter.touchpoint_id = 0;
  filter.channel = "";
  EXPECT_THAT(*List(filter), ElementsAre(Row{nowhere, ana_, "Subject", "nowhere"}));
  EXPECT_NE(checkout_email, 0);
}

TEST_P(ComplaintTextsStoreTest, CustomersAsTheyAreNow) {
  const InteractionId bea_says = Add(Message(bea_, T(10), "bea"));
  const CustomerId gone = NewCustomerId("gone");
  Add(Message(gone, T(10), "gone"));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.MergeCustomerInto(bea_, ana_); }));
  ASSERT_OK(Write([&](StoreWriter& w) { return w.DeleteCustomer(gone); }));
  EXPECT_THAT(*List(Filter({ComplaintSource::kInboundMessage})),
              ElementsAre(Row{bea_says, ana_, "Subject", "bea"}));
}

TEST_P(ComplaintTextsStoreTest, RefusesAnEmptyPeriodOrNoSource) {
  EXPECT_THAT(*List(Filter({ComplaintSource::kTicket})), IsEmpty());
  EXPECT_EQ(List(Filter({})).status().code(), absl::StatusCode::kInvalidArgument);
  ComplaintTextFilter filter = Filter({ComplaintSource::kTicket});
  filter.end_time = filter.start_time;
  EXPECT_EQ(List(filter).status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintTextsStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
