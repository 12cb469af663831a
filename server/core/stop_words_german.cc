// German stop words, folded (stop_word_lists.h).
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/stop_word_lists.h"

namespace cxhub {
namespace {

constexpr absl::string_view kWords[] = {
    "aber",     "alle",  "allem",  "allen", "aller",  "alles",        "als",    "also",   "am",
    "an",       "auch",  "auf",    "aus",   "bei",    "beim",         "bin",    "bis",    "bitte",
    "bist",     "da",    "damit",  "dann",  "das",    "dass",         "dem",    "den",    "denn",
    "der",      "des",   "dich",   "die",   "dies",   "diese",        "diesem", "diesen", "dieser",
    "dieses",   "dir",   "doch",   "du",    "durch",  "ein",          "eine",   "einem",  "einen",
    "einer",    "eines", "er",     "es",    "etwas",  "euch",         "euer",   "fur",    "gegen",
    "gewesen",  "hab",   "habe",   "haben", "hallo",  "hat",          "hatte",  "hatten", "hier",
    "ich",      "ihm",   "ihn",    "ihnen", "ihr",    "ihre",         "im",     "in",     "ist",
    "ja",       "jetzt", "man",    "mich",  "mir",    "mit",          "muss",   "nach",   "noch",
    "nun",      "nur",   "ob",     "oder",  "ohne",   "schon",        "sehr",   "sein",   "seine",
    "sich",     "sie",   "sind",   "so",    "uber",   "um",           "und",    "uns",    "unser",
    "unsere",   "vom",   "von",    "vor",   "war",    "waren",        "was",    "weil",   "wenn",
    "wer",      "wie",   "wieder", "wir",   "wird",   "wo",           "wurde",  "zu",     "zum",
    "zur",      "danke", "vielen", "dank",  "grusse", "freundlichen", "liebe",  "lieber", "geehrte",
    "geehrter",
};

}  // namespace

absl::Span<const absl::string_view> GermanStopWords() { return kWords; }

}  // namespace cxhub
