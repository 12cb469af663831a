// Portuguese stop words, folded (stop_word_lists.h).
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/stop_word_lists.h"

namespace cxhub {
namespace {

constexpr absl::string_view kWords[] = {
    "a",        "ao",       "aos",    "as",    "ate",          "com",    "como",  "da",
    "das",      "de",       "dela",   "dele",  "deles",        "do",     "dos",   "e",
    "ela",      "elas",     "ele",    "eles",  "em",           "entre",  "era",   "eram",
    "essa",     "essas",    "esse",   "esses", "esta",         "estas",  "este",  "estes",
    "estou",    "estao",    "estava", "eu",    "foi",          "for",    "foram", "ha",
    "isso",     "isto",     "ja",     "lhe",   "lhes",         "mais",   "mas",   "me",
    "mesmo",    "meu",      "meus",   "minha", "minhas",       "muito",  "na",    "nas",
    "nem",      "no",       "nos",    "nossa", "nosso",        "num",    "numa",  "o",
    "obrigada", "obrigado", "os",     "ou",    "para",         "pela",   "pelas", "pelo",
    "pelos",    "por",      "porque", "qual",  "quando",       "que",    "quem",  "se",
    "seja",     "sem",      "ser",    "seu",   "seus",         "sua",    "suas",  "tambem",
    "te",       "tem",      "tenho",  "ter",   "teu",          "tua",    "um",    "uma",
    "uns",      "umas",     "voce",   "voces", "vos",          "ola",    "oi",    "bom",
    "dia",      "boa",      "tarde",  "favor", "cumprimentos", "abraco", "ainda", "so",
    "sao",      "sobre",    "sou",    "tinha", "fui",          "vai",    "vou",   "estamos",
    "temos",
};

}  // namespace

absl::Span<const absl::string_view> PortugueseStopWords() { return kWords; }

}  // namespace cxhub
