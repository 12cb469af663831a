// How complaint themes read a text: folded words per sentence (folded_text.h), split at
// apostrophes so that elisions and contractions give their words ("l'adresse": "l", "adresse";
// "don't": "don", "t"), and the phrases counted from them.
//
// Codes, numbers, mentions, addresses and links (a run of non-space characters with a digit, "@"
// or "://": "NW-10482", "10/09", "@northwind") are read as numbers.
//
// A phrase is a run of 1, 2 or 3 consecutive kept words within one sentence: it never spans a
// sentence end, a line break, a stop word of the text's language (stop_words.h) or a number, since
// the words on either side of those were not said together. So "A entrega está atrasada." gives
// "entrega", "atrasada" and not "entrega atrasada", while "Entrega atrasada de novo" gives "entrega
// atrasada", "entrega", "atrasada", "novo".
#ifndef CXHUB_SERVER_CORE_COMPLAINT_WORDS_H_
#define CXHUB_SERVER_CORE_COMPLAINT_WORDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cxhub {

// The longest phrase counted, in words.
inline constexpr int kMaxPhraseWords = 3;

// Every folded word of `text` per sentence, stop words and numbers included.
std::vector<std::vector<std::string>> ComplaintSentences(absl::string_view text);

// The sentences of an interaction: its subject without reply and forward prefixes ("Re:",
// "Fwd:", "AW:", "RES:", ...) as a sentence of its own, then its body.
std::vector<std::vector<std::string>> InteractionSentences(absl::string_view subject,
                                                           absl::string_view body);

// The distinct phrases of `sentences`, words joined by one space, in no particular order.
std::vector<std::string> ComplaintPhrases(const std::vector<std::vector<std::string>>& sentences);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_COMPLAINT_WORDS_H_
