// Spanish stop words, folded (stop_word_lists.h).
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/stop_word_lists.h"

namespace cxhub {
namespace {

constexpr absl::string_view kWords[] = {
    "a",       "al",      "algo", "algunas", "algunos",   "ante",    "antes", "como",
    "con",     "contra",  "cual", "cuando",  "de",        "del",     "desde", "donde",
    "durante", "e",       "el",   "ella",    "ellas",     "ellos",   "en",    "entre",
    "era",     "eres",    "es",   "esa",     "esas",      "ese",     "eso",   "esos",
    "esta",    "estas",   "este", "esto",    "estos",     "estoy",   "estan", "estaba",
    "fue",     "fueron",  "ha",   "han",     "hasta",     "hay",     "he",    "la",
    "las",     "le",      "les",  "lo",      "los",       "me",      "mi",    "mis",
    "mucho",   "muy",     "mas",  "nos",     "nosotros",  "o",       "os",    "otra",
    "otro",    "para",    "pero", "por",     "porque",    "que",     "quien", "se",
    "sea",     "ser",     "si",   "sin",     "sobre",     "son",     "soy",   "su",
    "sus",     "tambien", "te",   "tengo",   "tiene",     "tienen",  "toda",  "todo",
    "todos",   "tu",      "tus",  "un",      "una",       "unos",    "unas",  "usted",
    "ustedes", "y",       "ya",   "yo",      "hola",      "gracias", "favor", "saludos",
    "buenos",  "buenas",  "dias", "tardes",  "estimados", "aun",
};

}  // namespace

absl::Span<const absl::string_view> SpanishStopWords() { return kWords; }

}  // namespace cxhub
