// Complaint themes on the real SQLite store against hand-computed counts: phrases and intents
// with their interactions and customers (a merged customer counted once), the change against the
// previous period, examples newest first, each source kind chosen alone, a customer filter, and
// an empty period.
#include "server/core/complaint_themes.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/field_violation.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

absl::Time Sep(int day) {
  return absl::FromCivil(absl::CivilHour(2026, 9, day, 12), absl::UTCTimeZone());
}
absl::Time Utc(int year, int month, int day) {
  return absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone());
}

std::vector<ComplaintIntent> Intents() {
  return {{"refund", {"reembolso", "refund"}},
          {"where-is-my-order", {"Where is my order", "não chegou"}},
          {"cancel", {"cancelar", "cancel"}}};
}

// The theme's text and its counts, for compact expectations.
struct Counts {
  std::string text;
  int64_t interactions;
  int64_t customers;
  int64_t previous_interactions;
  friend bool operator==(const Counts& a, const Counts& b) {
    return a.text == b.text && a.interactions == b.interactions && a.customers == b.customers &&
           a.previous_interactions == b.previous_interactions;
  }
  friend std::ostream& operator<<(std::ostream& os, const Counts& c) {
    return os << c.text << " " << c.interactions << "/" << c.customers << " prev "
              << c.previous_interactions;
  }
};

std::vector<Counts> CountsOf(const std::vector<ComplaintTheme>& themes) {
  std::vector<Counts> counts;
  for (const ComplaintTheme& theme : themes) {
    counts.push_back(
        {theme.text, theme.interactions, theme.customers, theme.previous_interactions});
  }
  return counts;
}

class ComplaintThemesTest : public ::testing::Test {
 protected:
  // September 2026 against 2 August to 1 September (30 days). Dora is merged into Carla after
  // her message, so her message counts as Carla's.
  void SetUp() override {
    for (const char* name : {"ana", "bruno", "carla", "dora"})
      customers_[name] = temp_.InsertCustomerNamed(name);
    ids_["1"] = Record(Inbound("ana", Sep(3), "A encomenda não chegou."));
    ids_["2"] = Record(Inbound("bruno", Sep(5), "Encomenda não chegou, quero reembolso"));
    Interaction ticket = Inbound("carla", Sep(10), "Pedi o reembolso.");
    ticket.kind = InteractionKind::kTicket;
    ticket.subject = "Reembolso";
    ids_["3"] = Record(ticket);
    ids_["4"] = Record(Inbound("dora", Sep(12), "Where is my order? Nao chegou"));
    Interaction outbound = Inbound("ana", Sep(4), "A encomenda não chegou");
    outbound.direction = Direction::kOutbound;
    Record(outbound);
    ids_["6"] = Record(Answer("ana", Sep(15), 3, "Entrega lenta"));
    Record(Answer("bruno", Sep(16), 9, "Entrega rápida"));
    Interaction mentioned = Inbound("bruno", Sep(20), "Dou 2 de 10, encomenda não chegou");
    mentioned.mentioned_score = MentionedScore{SurveyMetric::kNps, 2, 10, "2 de 10"};
    ids_["8"] = Record(mentioned);
    Record(Inbound("ana", Utc(2026, 8, 20), "Encomenda não chegou"));
    Record(Inbound("bruno", Utc(2026, 8, 25), "Quero cancelar"));
    Record(Inbound("ana", Utc(2026, 10, 2), "Encomenda não chegou"));
    ASSERT_TRUE(store()
                    .Write([&](StoreWriter& w) {
                      return w.MergeCustomerInto(customers_["dora"], customers_["carla"]);
                    })
                    .ok());
  }

  Interaction Inbound(const std::string& customer, absl::Time time, const std::string& body) {
    Interaction interaction;
    interaction.customer_id = customers_[customer];
    interaction.channel = "email";
    interaction.occur_time = time;
    interaction.body = body;
    interaction.source = "test";
    interaction.external_id = std::to_string(next_key_++);
    return interaction;
  }

  Interaction Answer(const std::string& customer, absl::Time time, int score,
                     const std::string& comment) {
    Interaction interaction = Inbound(customer, time, "");
    interaction.channel = "survey";
    interaction.kind = InteractionKind::kSurveyResponse;
    Survey survey;
    survey.score = score;
    survey.comment = comment;
    interaction.survey = survey;
    return interaction;
  }

  InteractionId Record(const Interaction& interaction) {
    return temp_.InsertInteractionAsIs(interaction);
  }

  ComplaintThemesQuery September() {
    ComplaintThemesQuery query;
    query.start_time = Utc(2026, 9, 1);
    query.end_time = Utc(2026, 10, 1);
    return query;
  }

  ComplaintThemesReport Get(const ComplaintThemesQuery& query) {
    absl::StatusOr<ComplaintThemesReport> report = themes_.Get(query);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(ComplaintThemesReport());
  }

  Store& store() { return temp_.store(); }

  TempStore temp_;
  ComplaintThemes themes_{temp_.store(), Intents()};
  std::map<std::string, CustomerId> customers_;
  std::map<std::string, InteractionId> ids_;
  int next_key_ = 0;
};

TEST_F(ComplaintThemesTest, TermsWithTheirCustomersAndThePreviousPeriod) {
  const ComplaintThemesReport report = Get(September());
  EXPECT_EQ(report.previous_start_time, Utc(2026, 8, 2));
  EXPECT_EQ(report.previous_end_time, Utc(2026, 9, 1));
  // 1 ana, 2 bruno, 3 carla, 4 dora (now carla), 6 ana, 8 bruno.
  EXPECT_EQ(report.interactions, 6);
  EXPECT_EQ(report.customers, 3);
  EXPECT_THAT(
      CountsOf(report.terms),
      ElementsAre(Counts{"chegou", 4, 3, 1}, Counts{"nao", 4, 3, 1}, Counts{"encomenda", 3, 2, 1},
                  Counts{"reembolso", 2, 2, 0}, Counts{"dou", 1, 1, 0}, Counts{"entrega", 1, 1, 0},
                  Counts{"lenta", 1, 1, 0}, Counts{"order", 1, 1, 0}, Counts{"pedi", 1, 1, 0},
                  Counts{"quero", 1, 1, 1}));
  EXPECT_THAT(report.terms[0].change_percent, Optional(300.0));
  EXPECT_THAT(report.terms[2].change_percent, Optional(200.0));
  EXPECT_EQ(report.terms[3].change_percent, std::nullopt);
  EXPECT_THAT(report.terms[0].examples, ElementsAre(ids_["8"], ids_["4"], ids_["2"]));
  EXPECT_EQ(report.terms[0].words, 1);
}

TEST_F(ComplaintThemesTest, TwoAndThreeWordPhrases) {
  const ComplaintThemesReport report = Get(September());
  EXPECT_THAT(CountsOf(report.two_word_phrases),
              ElementsAre(Counts{"nao chegou", 4, 3, 1}, Counts{"encomenda nao", 3, 2, 1},
                          Counts{"chegou quero", 1, 1, 0}, Counts{"entrega lenta", 1, 1, 0},
                          Counts{"quero reembolso", 1, 1, 0}));
  EXPECT_THAT(
      CountsOf(report.three_word_phrases),
      ElementsAre(Counts{"encomenda nao chegou", 3, 2, 1},
                  Counts{"chegou quero reembolso", 1, 1, 0}, Counts{"nao chegou quero", 1, 1, 0}));
  EXPECT_EQ(report.three_word_phrases[0].words, 3);
}

TEST_F(ComplaintThemesTest, IntentsMostCustomersFirstIncludingNone) {
  const ComplaintThemesReport report = Get(September());
  EXPECT_THAT(CountsOf(report.intents),
              ElementsAre(Counts{"where-is-my-order", 4, 3, 1}, Counts{"refund", 2, 2, 0},
                          Counts{"cancel", 0, 0, 1}));
  EXPECT_EQ(report.intents[0].words, 0);
  EXPECT_THAT(report.intents[2].change_percent, Optional(-100.0));
  EXPECT_THAT(report.intents[1].examples, ElementsAre(ids_["3"], ids_["2"]));
}

TEST_F(ComplaintThemesTest, LimitsPhrasesAndExamples) {
  ComplaintThemesQuery query = September();
  query.max_phrases = 2;
  query.max_examples = 1;
  const ComplaintThemesReport report = Get(query);
  EXPECT_THAT(CountsOf(report.terms),
              ElementsAre(Counts{"chegou", 4, 3, 1}, Counts{"nao", 4, 3, 1}));
  EXPECT_THAT(report.terms[0].examples, ElementsAre(ids_["8"]));
  EXPECT_EQ(report.intents.size(), 3u);
}

TEST_F(ComplaintThemesTest, EachSourceAlone) {
  ComplaintThemesQuery query = September();
  query.sources = {ComplaintSource::kTicket};
  EXPECT_THAT(CountsOf(Get(query).terms),
              ElementsAre(Counts{"pedi", 1, 1, 0}, Counts{"reembolso", 1, 1, 0}));
  query.sources = {ComplaintSource::kDetractorComment};
  EXPECT_THAT(CountsOf(Get(query).terms),
              ElementsAre(Counts{"entrega", 1, 1, 0}, Counts{"lenta", 1, 1, 0}));
  query.sources = {ComplaintSource::kMentionedDetractor};
  ComplaintThemesReport mentioned = Get(query);
  EXPECT_EQ(mentioned.interactions, 1);
  EXPECT_THAT(mentioned.terms[0].examples, ElementsAre(ids_["8"]));
  query.sources = {ComplaintSource::kInboundMessage};
  EXPECT_EQ(Get(query).interactions, 4);  // 1, 2, 4, 8.
  query.sources = {ComplaintSource::kTicket, ComplaintSource::kDetractorComment};
  EXPECT_EQ(Get(query).interactions, 2);  // 3, 6.
}

TEST_F(ComplaintThemesTest, OnlyTheGivenCustomers) {
  const absl::flat_hash_set<CustomerId> only = {customers_["bruno"]};
  ComplaintThemesQuery query = September();
  query.only_customers = &only;
  const ComplaintThemesReport report = Get(query);
  EXPECT_EQ(report.interactions, 2);  // 2, 8.
  EXPECT_EQ(report.customers, 1);
  EXPECT_THAT(CountsOf(report.intents),
              ElementsAre(Counts{"where-is-my-order", 2, 1, 0}, Counts{"refund", 1, 1, 0},
                          Counts{"cancel", 0, 0, 1}));
}

TEST_F(ComplaintThemesTest, AnEmptyPeriodHasNoPhrasesAndEveryIntentAtZero) {
  ComplaintThemesQuery query;
  query.start_time = Utc(2027, 1, 1);
  query.end_time = Utc(2027, 2, 1);
  const ComplaintThemesReport report = Get(query);
  EXPECT_EQ(report.interactions, 0);
  EXPECT_EQ(report.customers, 0);
  EXPECT_THAT(report.terms, IsEmpty());
  EXPECT_THAT(report.two_word_phrases, IsEmpty());
  EXPECT_THAT(report.three_word_phrases, IsEmpty());
  EXPECT_THAT(CountsOf(report.intents),
              ElementsAre(Counts{"cancel", 0, 0, 0}, Counts{"refund", 0, 0, 0},
                          Counts{"where-is-my-order", 0, 0, 0}));
  EXPECT_EQ(report.intents[0].change_percent, std::nullopt);
}

TEST_F(ComplaintThemesTest, ThePeriodIsRequiredAndEndsAfterItStarts) {
  ComplaintThemesQuery query = September();
  query.end_time = query.start_time;
  EXPECT_EQ(FieldViolationOf(themes_.Get(query).status())->field, "end_time");
  query.start_time = absl::InfinitePast();
  EXPECT_EQ(FieldViolationOf(themes_.Get(query).status())->field, "start_time");
  query = September();
  query.touchpoint_id = 999;
  EXPECT_EQ(themes_.Get(query).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cxhub
