// The stop words of each language complaint themes know: words too common to say what a
// complaint is about (articles, pronouns, auxiliaries, prepositions, conjunctions, politeness).
// Each list is data, in its own file, written already folded (folded_text.h: lower case, no
// accents, "ß" as "ss"), so that it compares directly with folded words.
#ifndef CXHUB_SERVER_CORE_STOP_WORD_LISTS_H_
#define CXHUB_SERVER_CORE_STOP_WORD_LISTS_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cxhub {

absl::Span<const absl::string_view> EnglishStopWords();
absl::Span<const absl::string_view> PortugueseStopWords();
absl::Span<const absl::string_view> SpanishStopWords();
absl::Span<const absl::string_view> GermanStopWords();
absl::Span<const absl::string_view> FrenchStopWords();

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_STOP_WORD_LISTS_H_
