#include "server/core/folded_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(FoldWords, DropsCaseAccentsAndPunctuationInPortuguese) {
  EXPECT_THAT(FoldWords("Devolução!"), ElementsAre("devolucao"));
  EXPECT_THAT(FoldWords("DEVOLUÇÃO da mochila, por favor."),
              ElementsAre("devolucao", "da", "mochila", "por", "favor"));
}

TEST(FoldWords, FoldsGermanSharpSAndUmlauts) {
  EXPECT_THAT(FoldWords("Straße"), ElementsAre("strasse"));
  EXPECT_THAT(FoldWords("STRASSE"), ElementsAre("strasse"));
  EXPECT_THAT(FoldWords("Rückerstattung für Bestellung"),
              ElementsAre("ruckerstattung", "fur", "bestellung"));
}

TEST(FoldWords, FoldsFrenchAndSpanishAccents) {
  EXPECT_THAT(FoldWords("Être déçu: où est ma commande ?"),
              ElementsAre("etre", "decu", "ou", "est", "ma", "commande"));
  EXPECT_THAT(FoldWords("¿Dónde está mi pedido? Año"),
              ElementsAre("donde", "esta", "mi", "pedido", "ano"));
}

TEST(FoldWords, FoldsTurkishDottedCapitalIToPlainI) {
  EXPECT_THAT(FoldWords("İSTANBUL"), ElementsAre("istanbul"));
  EXPECT_THAT(FoldWords("İstanbul"), FoldWords("istanbul"));
}

TEST(FoldWords, KeepsApostrophesAndNumbersInsideWords) {
  EXPECT_THAT(FoldWords("I'd give 8/10"), ElementsAre("i'd", "give", "8", "10"));
  EXPECT_THAT(FoldWords("order NW-10511"), ElementsAre("order", "nw", "10511"));
}

TEST(FoldWords, SegmentsChineseAndJapaneseWithoutCrashing) {
  EXPECT_THAT(FoldWords("我想退货"), Not(IsEmpty()));
  EXPECT_THAT(FoldWords("注文をキャンセルしたい"), Not(IsEmpty()));
  EXPECT_THAT(FoldWords("Ｒｅｆｕｎｄ"), ElementsAre("ｒｅｆｕｎｄ"));  // Full-width stays itself.
}

TEST(FoldWords, HasNoWordInPunctuationSpacesOrEmptyText) {
  EXPECT_THAT(FoldWords(""), IsEmpty());
  EXPECT_THAT(FoldWords("  !!! ... -- "), IsEmpty());
}

TEST(FoldWords, ReadsInvalidUtf8WithoutCrashing) {
  EXPECT_THAT(FoldWords(std::string("caf\xC3 ok\xFF", 8)), testing::Contains("ok"));
}

TEST(FoldCase, ComparesNamesCaseInsensitively) {
  EXPECT_EQ(FoldCase("Checkout"), FoldCase("CHECKOUT"));
  EXPECT_EQ(FoldCase("Straße"), "strasse");
}

TEST(ContainsPhrase, MatchesWholeWordsInSequence) {
  const std::vector<std::string> words = FoldWords("Where is my refund? Refunded twice");
  EXPECT_TRUE(ContainsPhrase(words, {"refund"}));
  EXPECT_TRUE(ContainsPhrase(words, {"my", "refund"}));
  EXPECT_FALSE(ContainsPhrase(words, {"refund", "my"}));
  EXPECT_FALSE(ContainsPhrase(words, {"refunds"}));
  EXPECT_FALSE(ContainsPhrase(words, {}));
}

}  // namespace
}  // namespace cxhub
