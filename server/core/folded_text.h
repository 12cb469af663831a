// Text as touchpoint rules compare it: case- and accent-insensitive, in whole words, in any
// language. "Devolução!" and "DEVOLUCAO" both fold to the one word "devolucao"; "Straße" folds
// to "strasse"; "İstanbul" to "istanbul".
//
// Folding is Unicode full case folding, then canonical decomposition (NFD) with the nonspacing
// marks dropped (accents, diacritics), then recomposition (NFC). Words are what the Unicode
// word-break rules (UAX #29, with ICU's dictionaries for Chinese, Japanese, Thai, ...) call
// words, letters or numbers; punctuation, spaces and symbols between them are not words.
// Invalid UTF-8 is read with U+FFFD in place of each bad sequence. Thread-safe.
#ifndef CXHUB_SERVER_CORE_FOLDED_TEXT_H_
#define CXHUB_SERVER_CORE_FOLDED_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cxhub {

// The folded words of `text`, in order (UTF-8).
std::vector<std::string> FoldWords(absl::string_view text);

// The folded words of `text` per sentence, in order. A sentence ends at a Unicode
// Sentence_Terminal character (". ! ?" and their equivalents in other scripts) or a line break;
// sentences without words are left out.
std::vector<std::vector<std::string>> FoldSentenceWords(absl::string_view text);

// `text` case-folded as a whole (no accent removal, no word split): for comparing names
// case-insensitively ("Checkout" and "CHECKOUT").
std::string FoldCase(absl::string_view text);

// True when `phrase` occurs in `words` as consecutive words. An empty phrase never occurs.
bool ContainsPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FOLDED_TEXT_H_
