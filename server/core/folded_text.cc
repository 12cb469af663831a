#include "server/core/folded_text.h"

#include <algorithm>
#include <memory>

#include "unicode/brkiter.h"
#include "unicode/locid.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

namespace cxhub {
namespace {

icu::UnicodeString FromUtf8(absl::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// The word-break iterator is costly to create and not thread-safe: one clone per thread.
icu::BreakIterator* ThreadWordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> created(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(created) : nullptr;
  }();
  return breaker.get();
}

// Case folding, then the text without its nonspacing marks, recomposed.
std::string FoldWord(icu::UnicodeString word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return ToUtf8(word.foldCase());
  icu::UnicodeString decomposed = nfd->normalize(word.foldCase(), status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  icu::UnicodeString composed = nfc->normalize(bare, status);
  return ToUtf8(U_SUCCESS(status) ? composed : bare);
}

}  // namespace

std::vector<std::string> FoldWords(absl::string_view text) {
  std::vector<std::string> words;
  const icu::UnicodeString unicode = FromUtf8(text);
  icu::BreakIterator* breaker = ThreadWordBreaker();
  if (breaker == nullptr) return words;
  breaker->setText(unicode);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    // Segments of spaces, punctuation and symbols have the status UBRK_WORD_NONE.
    if (breaker->getRuleStatus() == UBRK_WORD_NONE) continue;
    std::string word = FoldWord(icu::UnicodeString(unicode, start, end - start));
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

std::string FoldCase(absl::string_view text) { return ToUtf8(FromUtf8(text).foldCase()); }

bool ContainsPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty()) return false;
  return std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end();
}

}  // namespace cxhub
