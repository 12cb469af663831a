#include "server/core/folded_text.h"

#include <algorithm>
#include <iterator>
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

// A word of ASCII letters and digits folds to its lower case: the common case, without ICU's
// normalizers.
bool FoldAsciiWord(const icu::UnicodeString& word, std::string& folded) {
  folded.clear();
  folded.reserve(static_cast<size_t>(word.length()));
  for (int32_t i = 0; i < word.length(); ++i) {
    const char16_t c = word.charAt(i);
    if (c >= 0x80) return false;
    folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                          : static_cast<char>(c));
  }
  return true;
}

// Case folding, then the text without its nonspacing marks, recomposed.
std::string FoldWord(icu::UnicodeString word) {
  if (std::string ascii; FoldAsciiWord(word, ascii)) return ascii;
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

// Whether the characters between two words end a sentence.
bool EndsSentence(const icu::UnicodeString& text, int32_t start, int32_t end) {
  for (int32_t i = start; i < end;) {
    const UChar32 c = text.char32At(i);
    if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 ||
        u_hasBinaryProperty(c, UCHAR_S_TERM)) {
      return true;
    }
    i += U16_LENGTH(c);
  }
  return false;
}

}  // namespace

std::vector<std::vector<std::string>> FoldSentenceWords(absl::string_view text) {
  std::vector<std::vector<std::string>> sentences(1);
  const icu::UnicodeString unicode = FromUtf8(text);
  icu::BreakIterator* breaker = ThreadWordBreaker();
  if (breaker == nullptr) return {};
  breaker->setText(unicode);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() == UBRK_WORD_NONE) {
      if (!sentences.back().empty() && EndsSentence(unicode, start, end)) sentences.emplace_back();
      continue;
    }
    std::string word = FoldWord(icu::UnicodeString(unicode, start, end - start));
    if (!word.empty()) sentences.back().push_back(std::move(word));
  }
  if (sentences.back().empty()) sentences.pop_back();
  return sentences;
}

std::vector<std::string> FoldWords(absl::string_view text) {
  std::vector<std::string> words;
  for (std::vector<std::string>& sentence : FoldSentenceWords(text)) {
    words.insert(words.end(), std::make_move_iterator(sentence.begin()),
                 std::make_move_iterator(sentence.end()));
  }
  return words;
}

std::string FoldCase(absl::string_view text) { return ToUtf8(FromUtf8(text).foldCase()); }

bool ContainsPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty()) return false;
  return std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end();
}

}  // namespace cxhub
