#include "server/core/stop_words.h"

#include <array>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/stop_word_lists.h"

namespace cxhub {
namespace {

constexpr int kLanguageCount = 5;

using StopWordTable = absl::flat_hash_map<absl::string_view, StopWordLanguages>;

const StopWordTable& Table() {
  static const StopWordTable* const table = [] {
    auto* built = new StopWordTable();
    const std::array<absl::Span<const absl::string_view>, kLanguageCount> lists = {
        EnglishStopWords(), PortugueseStopWords(), SpanishStopWords(), GermanStopWords(),
        FrenchStopWords()};
    for (int language = 0; language < kLanguageCount; ++language) {
      for (absl::string_view word : lists[language]) (*built)[word] |= 1u << language;
    }
    return built;
  }();
  return *table;
}

}  // namespace

StopWordLanguages StopWordLanguagesOf(absl::string_view word) {
  const StopWordTable& table = Table();
  const auto found = table.find(word);
  return found == table.end() ? 0 : found->second;
}

StopWordLanguages GuessLanguages(absl::Span<const std::string> words) {
  std::array<int, kLanguageCount> hits = {};
  for (const std::string& word : words) {
    const StopWordLanguages languages = StopWordLanguagesOf(word);
    for (int language = 0; language < kLanguageCount; ++language) {
      if ((languages >> language) & 1u) ++hits[language];
    }
  }
  int most = 0;
  for (int count : hits) most = count > most ? count : most;
  StopWordLanguages guessed = 0;
  if (most == 0) return guessed;
  for (int language = 0; language < kLanguageCount; ++language) {
    if (hits[language] == most) guessed |= 1u << language;
  }
  return guessed;
}

}  // namespace cxhub
