// How complaint themes read texts, in each language they know: stop words of the text's
// language removed, case and accents folded, phrases only within a sentence and between kept
// words, numbers and elisions handled. Every expectation is worked out by hand in its comment.
#include "server/core/complaint_words.h"

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/folded_text.h"
#include "server/core/stop_word_lists.h"
#include "server/core/stop_words.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Phrases(absl::string_view text) {
  return ComplaintPhrases(ComplaintSentences(text));
}

TEST(ComplaintPhrases, PortugueseStopWordsBreakPhrasesAndAccentsFold) {
  // a, esta, ha, uma are Portuguese stop words (4 against Spanish's 3): three runs of one word.
  EXPECT_THAT(Phrases("A entrega está atrasada há uma semana."),
              UnorderedElementsAre("entrega", "atrasada", "semana"));
  // "do" is a stop word; "não" is a negation, kept.
  EXPECT_THAT(Phrases("Devolução do pedido: NÃO chegou"),
              UnorderedElementsAre("devolucao", "pedido", "nao", "chegou", "pedido nao",
                                   "nao chegou", "pedido nao chegou"));
}

TEST(ComplaintPhrases, SpanishPhrasesOfUpToThreeWords) {
  // el, y, sin: Spanish (3 stop words against French's 1, "y").
  EXPECT_THAT(Phrases("El pedido llegó roto y sin caja"),
              UnorderedElementsAre("pedido", "llego", "roto", "pedido llego", "llego roto",
                                   "pedido llego roto", "caja"));
}

TEST(ComplaintPhrases, GermanPhrasesStayInTheirSentence) {
  EXPECT_THAT(Phrases("Das Paket ist nicht angekommen. Die Lieferung dauert zu lange!"),
              UnorderedElementsAre("paket", "nicht", "angekommen", "nicht angekommen", "lieferung",
                                   "dauert", "lieferung dauert", "lange"));
}

TEST(ComplaintPhrases, FrenchElisionsGiveTheirWords) {
  // je, n', ai, l' are French stop words; "pas" is a negation, kept.
  EXPECT_THAT(Phrases("Je n'ai pas reçu l'article"),
              UnorderedElementsAre("pas", "recu", "pas recu", "article"));
  EXPECT_THAT(Phrases("Je n\u2019ai pas reçu l\u2019article"),
              UnorderedElementsAre("pas", "recu", "pas recu", "article"));
}

TEST(ComplaintPhrases, EnglishContractionsAndQuestions) {
  // my, hasn, t, where, is, my: English. A comma does not end a sentence.
  EXPECT_THAT(Phrases("My order hasn't arrived, where is my order?"),
              UnorderedElementsAre("order", "arrived"));
}

TEST(ComplaintPhrases, AStopWordOfAnotherLanguageIsKept) {
  // i, do, to make the text English (3 against German's "die"), so "die" is a word here.
  EXPECT_THAT(Phrases("I do not want to die waiting"),
              UnorderedElementsAre("not", "want", "not want", "die", "waiting", "die waiting"));
}

TEST(ComplaintPhrases, NumbersAreDroppedAndBreakPhrases) {
  EXPECT_THAT(Phrases("Order 12345 late"), UnorderedElementsAre("order", "late"));
}

TEST(ComplaintPhrases, CodesMentionsAndLinksAreNoWords) {
  EXPECT_THAT(Phrases("Parcel NW-10482 stuck. Ask @northwind at https://northwind.example/help"),
              UnorderedElementsAre("parcel", "stuck", "ask"));
  // The sentence still ends after a code.
  EXPECT_THAT(Phrases("Encomenda NW-1. Atrasada"), UnorderedElementsAre("encomenda", "atrasada"));
}

TEST(ComplaintPhrases, EachPhraseOnce) {
  EXPECT_THAT(Phrases("Refund. Refund! REFUND?"), ElementsAre("refund"));
}

TEST(ComplaintPhrases, NothingFromPunctuationOrStopWordsAlone) {
  EXPECT_THAT(Phrases(""), IsEmpty());
  EXPECT_THAT(Phrases("... !!! ?"), IsEmpty());
  EXPECT_THAT(Phrases("and the of"), IsEmpty());
}

TEST(InteractionSentences, SubjectWithoutReplyPrefixesIsASentenceOfItsOwn) {
  EXPECT_THAT(InteractionSentences("Re: AW: Paket beschädigt", "Bitte helfen"),
              ElementsAre(ElementsAre("paket", "beschadigt"), ElementsAre("bitte", "helfen")));
  EXPECT_THAT(InteractionSentences("", "Linha um\nLinha dois"),
              ElementsAre(ElementsAre("linha", "um"), ElementsAre("linha", "dois")));
}

TEST(StopWords, GuessesTheLanguageWithTheMostStopWords) {
  const std::vector<std::string> german = {"das", "paket", "ist", "nicht", "da"};
  EXPECT_EQ(GuessLanguages(german), 1u << static_cast<int>(StopWordLanguage::kGerman));
  EXPECT_EQ(GuessLanguages(std::vector<std::string>{"paket"}), 0u);
}

TEST(StopWords, EveryListIsWrittenFoldedOneWordPerEntry) {
  for (absl::Span<const absl::string_view> list :
       {EnglishStopWords(), PortugueseStopWords(), SpanishStopWords(), GermanStopWords(),
        FrenchStopWords()}) {
    EXPECT_GT(list.size(), 50u);
    for (absl::string_view word : list) {
      EXPECT_THAT(ComplaintSentences(word), ElementsAre(ElementsAre(std::string(word)))) << word;
    }
  }
}

}  // namespace
}  // namespace cxhub
