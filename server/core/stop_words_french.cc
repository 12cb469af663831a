// French stop words, folded (stop_word_lists.h).
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/stop_word_lists.h"

namespace cxhub {
namespace {

constexpr absl::string_view kWords[] = {
    "a",       "ai",     "au",    "aux",   "avec",         "avez",   "avons",
    "bonjour", "c",      "ce",    "ceci",  "cela",         "ces",    "cet",
    "cette",   "d",      "dans",  "de",    "des",          "du",     "elle",
    "elles",   "en",     "est",   "et",    "etait",        "ete",    "etre",
    "eu",      "il",     "ils",   "j",     "je",           "l",      "la",
    "le",      "les",    "leur",  "leurs", "lui",          "m",      "ma",
    "mais",    "me",     "merci", "mes",   "moi",          "mon",    "n",
    "nos",     "notre",  "nous",  "on",    "ou",           "par",    "pour",
    "qu",      "que",    "qui",   "s",     "sa",           "sans",   "se",
    "ses",     "si",     "son",   "sont",  "sur",          "t",      "ta",
    "te",      "tes",    "toi",   "ton",   "tu",           "un",     "une",
    "vos",     "votre",  "vous",  "y",     "cordialement", "madame", "monsieur",
    "suis",    "sommes", "etes",  "ont",   "avait",        "deja",   "encore",
    "tres",    "bien",   "fait",
};

}  // namespace

absl::Span<const absl::string_view> FrenchStopWords() { return kWords; }

}  // namespace cxhub
