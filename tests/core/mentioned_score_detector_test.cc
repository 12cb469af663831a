#include "server/core/mentioned_score_detector.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

struct Rating {
  std::string text;
  int score;
  int scale;
  std::string quote;  // Part of the quote.
};

void ExpectRating(const Rating& want) {
  SCOPED_TRACE(want.text);
  const std::optional<MentionedScore> found = FindMentionedScore(want.text);
  ASSERT_TRUE(found.has_value()) << "no rating found";
  EXPECT_EQ(found->score, want.score);
  EXPECT_EQ(found->scale, want.scale);
  EXPECT_EQ(found->metric, want.scale == 10 ? SurveyMetric::kNps : SurveyMetric::kCsat);
  EXPECT_THAT(found->quote, HasSubstr(want.quote));
  EXPECT_THAT(want.text, HasSubstr(found->quote)) << "the quote is the words as written";
}

// The four rows of the samples README, "Feedback mentioned in text", as the files write them.
TEST(MentionedScoreDetector, FindsTheFourScoresOfTheSamples) {
  for (const Rating& rating : std::vector<Rating>{
           {"If you want feedback: I'd give you 8 out of 10. Your support was quick,\n"
            "the courier less so.",
            8, 10, "give you 8 out of 10"},
           {"Se me perguntarem, dou-vos 9 em 10 - só perdem um ponto pela embalagem.", 9, 10,
            "dou-vos 9 em 10"},
           {"@northwind the jacket arrived yesterday and fits perfectly, just in time for the "
            "trip 🎒 Thanks for sorting it out. I'd give your support 9 out of 10!",
            9, 10, "give your support 9 out of 10"},
           {"Perfect, that's all I needed. 10/10 for the fast answer!", 10, 10, "10/10"},
       }) {
    ExpectRating(rating);
  }
}

TEST(MentionedScoreDetector, FindsRatingsInFiveLanguages) {
  for (const Rating& rating : std::vector<Rating>{
           {"9/10", 9, 10, "9/10"},
           {"Great service, 10/10!", 10, 10, "10/10"},
           {"0/10, never again.", 0, 10, "0/10"},
           {"I'd rate you 7 out of 10 overall", 7, 10, "rate you 7 out of 10"},
           {"Ten out of ten!", 10, 10, "Ten out of ten"},
           {"I'd give it 4 out of 5.", 4, 5, "give it 4 out of 5"},
           {"Rated 4/5 stars", 4, 5, "Rated 4/5"},
           {"nota 9 de 10", 9, 10, "nota 9 de 10"},
           {"Dou nota 10/10 ao atendimento", 10, 10, "10/10"},
           {"le doy un 9 sobre 10", 9, 10, "doy un 9 sobre 10"},
           {"Le daría un 8 de 10 al servicio", 8, 10, "daría un 8 de 10"},
           {"9 von 10 Punkten", 9, 10, "9 von 10 Punkten"},
           {"Ich gebe euch 8 von 10.", 8, 10, "gebe euch 8 von 10"},
           {"je vous donne 9 sur 10", 9, 10, "donne 9 sur 10"},
           {"Je donnerais 7/10 au service client", 7, 10, "donnerais 7/10"},
           {"5 stars", 5, 5, "5 stars"},
           {"Five stars from me!", 5, 5, "Five stars"},
           {"5 estrelas para vocês", 5, 5, "5 estrelas"},
           {"4 étoiles", 4, 5, "4 étoiles"},
           {"4\xC2\xA0"
            "étoiles, bravo",
            4, 5, "étoiles"},
           {"5 Sterne", 5, 5, "5 Sterne"},
           {"Cinco estrellas.", 5, 5, "Cinco estrellas"},
           {"fünf Sterne!", 5, 5, "fünf Sterne"},
           {"I left a 5 star review", 5, 5, "5 star"},
           {"Order NW-10482 came late, but still 9/10 for the help", 9, 10, "9/10"},
       }) {
    ExpectRating(rating);
  }
}

// Numbers that are not ratings: order numbers, dates, times, counts, pages, fractions, prices,
// rankings, a hotel's stars, decimals, quoted lines of earlier mails.
TEST(MentionedScoreDetector, NeverReadsOtherNumbersAsRatings) {
  const std::vector<std::string> not_ratings = {
      // Order numbers and codes.
      "Order NW-10482 was shipped yesterday",
      "Ticket #10/10 was closed",
      "Reference NW-10/10",
      "Your order NW-10510 is 1 of 2 parcels",
      // Dates and times.
      "Delivery on 10/09/2026",
      "Delivered 9/10/2026 at noon",
      "Entregue a 10/10/26",
      "See you on 9/10 at 10:00",
      "Meeting 9/10 at 15:30",
      "Lieferung am 9/10",
      "livraison prévue le 9/10",
      "llega el 9/10 por la mañana",
      "entrega prevista para 9/10",
      "chegou em 9/10 de manhã",
      "The parcel arrived 9/10 de setembro",
      "Call me at 9:10 or 10.10",
      "Back on 05/10",
      "Your refund is due 4/5",
      // Counts.
      "2 out of 3 items arrived damaged",
      "Only 1 of 2 parcels arrived",
      "9 out of 10 customers recommend it",
      "9/10 dentists recommend",
      "10 out of 10 boxes were wet",
      "Recebi 9 de 10 peças",
      "Chegaram 9 de 10.",
      "Llegaron 9 de 10 paquetes",
      "Paket 1 von 2 ist da",
      "9 von 10 Kunden",
      "colis 1 sur 2 livré",
      "1 of 10 photos is blurry",
      // Pages, steps and what is numbered.
      "page 3/10",
      "Seite 3 von 10",
      "page 9 sur 10",
      "Step 2 of 5: confirm your address",
      "room 10/10",
      "o pedido 9/10 está atrasado",
      "question 5 of 10",
      // Fractions, decimals, prices, rankings.
      "Add 1/2 cup of water",
      "1/10 of the price",
      "8.5 out of 10",
      "Nota 8,5/10",
      "Price: €10/10 per month",
      "It costs 9/10€",
      "R$ 9/10",
      "top 10 backpacks",
      "11/10 would buy again",
      "it took 5/10 minutes",
      "10/10 days late",
      // Stars that are not a rating of the business.
      "We stayed in a 5-star hotel",
      "a 5 star hotel",
      "ein 5 Sterne Hotel",
      "hotel 5 estrelas em Lisboa",
      "un hôtel 4 étoiles",
      "the hotel has 5 stars",
      "zero stars",
      "7 stars",
      // A quoted line of an earlier mail.
      "> I'd give you 8 out of 10\nThanks",
      // Glued to letters.
      "size 10/10L",
      "9/10h",
  };
  ASSERT_GE(not_ratings.size(), 30u);
  for (const std::string& text : not_ratings) {
    const std::optional<MentionedScore> found = FindMentionedScore(text);
    EXPECT_FALSE(found.has_value()) << "\"" << text << "\" read as " << found->score << "/"
                                    << found->scale << " from \"" << found->quote << "\"";
  }
}

TEST(MentionedScoreDetector, FindsTheFirstRatingAfterNumbersThatAreNot) {
  const std::optional<MentionedScore> found =
      FindMentionedScore("Got 1 of 10/10 parcels... anyway: 10/10! And 5 stars.");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->score, 10);
  EXPECT_EQ(found->quote, "10/10");
}

TEST(MentionedScoreDetector, EmptyAndInvalidUtf8TextsHaveNoRating) {
  EXPECT_FALSE(FindMentionedScore("").has_value());
  EXPECT_FALSE(FindMentionedScore("\xFF\xFE 9").has_value());
  const std::optional<MentionedScore> found = FindMentionedScore("\xFF 9/10 \xC3");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->quote, "9/10");
}

TEST(MentionedScoreDetector, ReadsOnlyTheFirstPartOfALongText) {
  std::string text(kMentionedScoreMaxScannedBytes - 3, 'a');
  text += " 9/10!";  // The limit falls inside "9/10".
  EXPECT_FALSE(FindMentionedScore(text).has_value());
  text = "9/10! " + text;
  EXPECT_TRUE(FindMentionedScore(text).has_value());
}

// Texts made of nothing but near-misses, up to the scanned cap and beyond it, hold no rating.
// Their cost is bounded by the cap (ReadsOnlyTheFirstPartOfALongText); how long they take is a
// figure for a benchmark, not an assertion here: a loaded sanitizer build took 2.5 s.
TEST(MentionedScoreDetector, NearMissesUpToTheCapAreNotRatings) {
  std::string text;
  while (text.size() < kMentionedScoreMaxScannedBytes) text += "page 9/10 9 de 10 1 of 2 ";
  text += std::string(1 << 20, '9');
  EXPECT_FALSE(FindMentionedScore(text).has_value());

  // One long line: blanks, then many candidates that are not ratings.
  text = std::string(kMentionedScoreMaxScannedBytes / 2, ' ');
  while (text.size() < kMentionedScoreMaxScannedBytes) text += "9/10 days ";
  EXPECT_FALSE(FindMentionedScore(text).has_value());
}

}  // namespace
}  // namespace cxhub
