// Stop words of the languages complaint themes know (stop_word_lists.h), and a text's language
// guessed from them: the language whose stop words a text uses most is the one it is written in
// (the way a reader recognises a language from its small words), so "die" is dropped from a
// German text and kept in an English one. Negations ("not", "nao", "nicht", "pas") are not stop
// words: in a complaint they carry the meaning ("nao chegou"). Thread-safe.
#ifndef CXHUB_SERVER_CORE_STOP_WORDS_H_
#define CXHUB_SERVER_CORE_STOP_WORDS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace cxhub {

// A set of languages, one bit per StopWordLanguage.
using StopWordLanguages = uint32_t;

enum class StopWordLanguage { kEnglish, kPortuguese, kSpanish, kGerman, kFrench };

// The languages whose stop words include the folded `word` (0: none).
StopWordLanguages StopWordLanguagesOf(absl::string_view word);

// The languages whose stop words are most frequent among the folded `words`, all of them on a
// tie; 0 when none of the words is a stop word.
StopWordLanguages GuessLanguages(absl::Span<const std::string> words);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_STOP_WORDS_H_
