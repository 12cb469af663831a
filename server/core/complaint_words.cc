#include "server/core/complaint_words.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/folded_text.h"
#include "server/core/stop_words.h"

namespace cxhub {
namespace {

// What mail programs put before a subject they reply to or forward, in the samples' languages.
constexpr absl::string_view kReplyPrefixes[] = {
    "re:", "fw:", "fwd:", "aw:", "wg:", "res:", "enc:", "rv:", "tr:"};

absl::string_view WithoutReplyPrefixes(absl::string_view subject) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    subject = absl::StripLeadingAsciiWhitespace(subject);
    for (absl::string_view prefix : kReplyPrefixes) {
      if (absl::StartsWithIgnoreCase(subject, prefix)) {
        subject.remove_prefix(prefix.size());
        stripped = true;
      }
    }
  }
  return subject;
}

// A run of non-space characters holding a digit, an "@" or "://" is a code, number, date, amount,
// mention, address or link ("NW-10482", "10/09", "89,90", "@northwind", "https://..."): its ASCII
// letters and digits become "0", so that it reads as numbers, which are no words of a phrase,
// while the punctuation around it still ends sentences.
std::string MaskCodes(absl::string_view text) {
  std::string masked(text);
  size_t start = 0;
  while (start < masked.size()) {
    while (start < masked.size() && absl::ascii_isspace(masked[start])) ++start;
    size_t end = start;
    bool code = false;
    while (end < masked.size() && !absl::ascii_isspace(masked[end])) {
      code = code || absl::ascii_isdigit(masked[end]) || masked[end] == '@' ||
             masked.compare(end, 3, "://") == 0;
      ++end;
    }
    for (size_t i = start; code && i < end; ++i) {
      if (absl::ascii_isalnum(masked[i])) masked[i] = '0';
    }
    start = end;
  }
  return masked;
}

// ASCII and typographic apostrophes, which the word-break rules keep inside a word.
std::vector<std::string> SplitAtApostrophes(const std::vector<std::string>& words) {
  std::vector<std::string> split;
  split.reserve(words.size());
  for (const std::string& word : words) {
    if (word.find('\'') == std::string::npos && word.find("\u2019") == std::string::npos) {
      split.push_back(word);
      continue;
    }
    const std::string plain = absl::StrReplaceAll(word, {{"\u2019", "'"}});
    for (absl::string_view part : absl::StrSplit(plain, '\'', absl::SkipEmpty())) {
      split.emplace_back(part);
    }
  }
  return split;
}

bool HasLetter(absl::string_view word) {
  for (char c : word) {
    // Bytes of non-ASCII characters: treated as letters (digits of other scripts are rare).
    if (static_cast<unsigned char>(c) >= 0x80 || absl::ascii_isalpha(c)) return true;
  }
  return false;
}

// Adds the phrases of one run of kept words.
void AddRunPhrases(absl::Span<const std::string> run, absl::flat_hash_set<std::string>& phrases) {
  for (size_t start = 0; start < run.size(); ++start) {
    for (size_t words = 1; words <= kMaxPhraseWords && start + words <= run.size(); ++words) {
      phrases.insert(absl::StrJoin(run.subspan(start, words), " "));
    }
  }
}

}  // namespace

std::vector<std::vector<std::string>> ComplaintSentences(absl::string_view text) {
  std::vector<std::vector<std::string>> sentences = FoldSentenceWords(MaskCodes(text));
  for (std::vector<std::string>& sentence : sentences) sentence = SplitAtApostrophes(sentence);
  return sentences;
}

std::vector<std::vector<std::string>> InteractionSentences(absl::string_view subject,
                                                           absl::string_view body) {
  std::vector<std::vector<std::string>> sentences =
      ComplaintSentences(WithoutReplyPrefixes(subject));
  for (std::vector<std::string>& sentence : ComplaintSentences(body)) {
    sentences.push_back(std::move(sentence));
  }
  return sentences;
}

std::vector<std::string> ComplaintPhrases(const std::vector<std::vector<std::string>>& sentences) {
  std::vector<std::string> all_words;
  for (const std::vector<std::string>& sentence : sentences) {
    all_words.insert(all_words.end(), sentence.begin(), sentence.end());
  }
  const StopWordLanguages languages = GuessLanguages(all_words);
  absl::flat_hash_set<std::string> phrases;
  for (const std::vector<std::string>& sentence : sentences) {
    size_t run_start = 0;
    for (size_t i = 0; i <= sentence.size(); ++i) {
      const bool kept = i < sentence.size() && HasLetter(sentence[i]) &&
                        (StopWordLanguagesOf(sentence[i]) & languages) == 0;
      if (kept) continue;
      AddRunPhrases(absl::MakeConstSpan(sentence).subspan(run_start, i - run_start), phrases);
      run_start = i + 1;
    }
  }
  return std::vector<std::string>(phrases.begin(), phrases.end());
}

}  // namespace cxhub
