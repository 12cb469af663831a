// English stop words, folded (stop_word_lists.h).
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/stop_word_lists.h"

namespace cxhub {
namespace {

constexpr absl::string_view kWords[] = {
    "a",        "about",      "above",   "after",  "again",   "against", "all",     "also",
    "am",       "an",         "and",     "any",    "are",     "as",      "at",      "be",
    "because",  "been",       "before",  "being",  "below",   "between", "both",    "but",
    "by",       "can",        "could",   "did",    "do",      "does",    "doing",   "down",
    "during",   "each",       "even",    "few",    "for",     "from",    "further", "had",
    "has",      "have",       "having",  "he",     "her",     "here",    "hers",    "herself",
    "hi",       "him",        "himself", "his",    "hello",   "how",     "i",       "if",
    "in",       "into",       "is",      "it",     "its",     "itself",  "just",    "let",
    "me",       "might",      "more",    "most",   "must",    "my",      "myself",  "now",
    "of",       "off",        "on",      "once",   "only",    "or",      "other",   "our",
    "ours",     "ourselves",  "out",     "over",   "own",     "please",  "re",      "same",
    "shall",    "she",        "should",  "so",     "some",    "still",   "such",    "than",
    "thank",    "thanks",     "that",    "the",    "their",   "theirs",  "them",    "themselves",
    "then",     "there",      "these",   "they",   "this",    "those",   "through", "to",
    "too",      "under",      "until",   "up",     "us",      "very",    "was",     "we",
    "were",     "what",       "when",    "where",  "which",   "while",   "who",     "whom",
    "why",      "will",       "with",    "would",  "yet",     "you",     "your",    "yours",
    "yourself", "yourselves", "get",     "got",    "one",     "dear",    "regards", "ok",
    "fwd",      "fw",         "s",       "t",      "d",       "ll",      "m",       "ve",
    "don",      "didn",       "doesn",   "isn",    "wasn",    "won",     "haven",   "hasn",
    "couldn",   "aren",       "weren",   "wouldn", "shouldn",
};

}  // namespace

absl::Span<const absl::string_view> EnglishStopWords() { return kWords; }

}  // namespace cxhub
