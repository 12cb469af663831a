// What the samples' complaints have in common, over gRPC, read by cxhubd with the shipped config
// (its complaint intents included): the top terms, phrases and intents of the samples' week,
// worked out by hand from the texts in ../shared/samples (see each expectation's comment).
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"

namespace cxhub::e2e {
namespace {

using ::testing::ElementsAre;

void SetTime(int month, int day, google::protobuf::Timestamp* out) {
  out->set_seconds(
      absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(2026, month, day), absl::UTCTimeZone())));
}

class ComplaintThemesE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(StartOnSamples());
  }

  v1::ComplaintThemes Get(const v1::GetComplaintThemesRequest& request) {
    v1::ComplaintThemes themes;
    const grpc::Status status =
        client().analytics().GetComplaintThemes(CxhubClient::Context().get(), request, &themes);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return themes;
  }

  // The samples' week, 7 to 14 September 2026.
  static v1::GetComplaintThemesRequest Week() {
    v1::GetComplaintThemesRequest request;
    SetTime(9, 7, request.mutable_start_time());
    SetTime(9, 14, request.mutable_end_time());
    request.set_max_phrases(200);
    return request;
  }
};

// (text, interactions, customers) of each theme, in the order listed.
struct Counted {
  std::string text;
  int64_t interactions;
  int64_t customers;
  friend bool operator==(const Counted& a, const Counted& b) {
    return a.text == b.text && a.interactions == b.interactions && a.customers == b.customers;
  }
  friend std::ostream& operator<<(std::ostream& os, const Counted& c) {
    return os << c.text << " " << c.interactions << "/" << c.customers;
  }
};

std::vector<Counted> CountsOf(const google::protobuf::RepeatedPtrField<v1::ComplaintTheme>& themes,
                              int first) {
  std::vector<Counted> counts;
  for (int i = 0; i < themes.size() && i < first; ++i) {
    counts.push_back({themes[i].text(), themes[i].interactions(), themes[i].customers()});
  }
  return counts;
}

// Counted: the inbound posts (Priya's three, Inês's one), mails (Marta's two, Priya's, Tom's
// two, Søren's two) and chat messages (Marta's two, Priya's, the Azores visitor's two), and the
// comments of the NPS answers of 6, 4, 3 and 2: 20 interactions of 10 customers (Priya's
// Mastodon account is not linked to her mail). No mentioned score is 6 or less; there are no
// tickets.
TEST_F(ComplaintThemesE2eTest, TheSamplesTopTermsAndPhrases) {
  const v1::ComplaintThemes themes = Get(Week());
  EXPECT_EQ(themes.interactions(), 20);
  EXPECT_EQ(themes.customers(), 10);
  // "order": Priya's first and second posts, her mail's subject and her chat, Tom's two subjects
  // and Søren's two subjects (customers Priya on Mastodon, Priya, Tom, Søren). "jacket": Priya's
  // first and last posts, her mail, Søren's two mails. "label": the two "label created" of
  // Priya's post and mail and her chat, Søren's return label. "size": Aiko's comment, Priya's
  // mail, Søren's two mails.
  EXPECT_THAT(CountsOf(themes.terms(), 4),
              ElementsAre(Counted{"order", 8, 4}, Counted{"jacket", 5, 3}, Counted{"label", 4, 3},
                          Counted{"size", 4, 3}));
  EXPECT_THAT(CountsOf(themes.two_word_phrases(), 1), ElementsAre(Counted{"label created", 3, 2}));
  // "still says 'label created'" in Priya's mail and chat ("still" is a stop word).
  EXPECT_THAT(CountsOf(themes.three_word_phrases(), 1),
              ElementsAre(Counted{"says label created", 2, 1}));
}

// where-is-my-order: Priya's first post ("stuck", "label created"), her mail ("still not
// shipped") and chat ("label created"), Tom's two mails ("Where is my order"), Carmen's comment
// ("stuck"). return-or-exchange: Marta's first mail ("Devolução", "devolver"), Søren's two mails
// ("Exchange"), the visitor's chat ("return"). no-answer: Priya's post ("no reply"), her comment
// ("nobody told me"), Emma's comment ("before anyone answered"). damaged-item: Marta's mail and
// chat ("danificada"); refund: her two mails ("reembolso"); late-delivery: Priya's comment
// ("Late"); nobody cancels.
TEST_F(ComplaintThemesE2eTest, TheSamplesIntentsFromTheShippedConfig) {
  const v1::ComplaintThemes themes = Get(Week());
  EXPECT_THAT(CountsOf(themes.intents(), 10),
              ElementsAre(Counted{"where-is-my-order", 6, 4}, Counted{"return-or-exchange", 4, 3},
                          Counted{"no-answer", 3, 3}, Counted{"damaged-item", 2, 1},
                          Counted{"refund", 2, 1}, Counted{"late-delivery", 1, 1},
                          Counted{"cancel", 0, 0}));
}

// Only the NPS detractors' comments: Aiko (6), Carmen (4), Priya (3), Emma (2).
TEST_F(ComplaintThemesE2eTest, TheSamplesDetractorComments) {
  v1::GetComplaintThemesRequest request = Week();
  request.add_sources(v1::COMPLAINT_SOURCE_DETRACTOR_COMMENT);
  const v1::ComplaintThemes themes = Get(request);
  EXPECT_EQ(themes.interactions(), 4);
  EXPECT_EQ(themes.customers(), 4);
  // "size" twice in Aiko's comment counts once.
  EXPECT_THAT(CountsOf(themes.terms(), 1), ElementsAre(Counted{"answered", 1, 1}));
  EXPECT_THAT(CountsOf(themes.intents(), 2),
              ElementsAre(Counted{"no-answer", 2, 2}, Counted{"late-delivery", 1, 1}));
}

}  // namespace
}  // namespace cxhub::e2e
