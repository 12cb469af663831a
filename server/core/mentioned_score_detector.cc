#include "server/core/mentioned_score_detector.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "re2/re2.h"

namespace cxhub {
namespace {

// White space between the words of a rating: ASCII white space and the no-break space that
// French typography puts before punctuation.
constexpr absl::string_view kSpace = R"([\s\x{00A0}])";

// Number words 0-10 in English, Portuguese, Spanish, German and French. The articles that are
// also "one" (um, uma, un, une, uno, una, ein, eine) are left out: "una estrella" is a star.
struct NumberWords {
  int value;
  const char* words;
};
constexpr NumberWords kNumberWords[] = {
    {0, "z[eé]ro|cero"},
    {1, "one"},
    {2, "two|dois|duas|dos|zwei|deux"},
    {3, "three|tr[eê]s|drei|trois"},
    {4, "four|quatro|cuatro|vier|quatre"},
    {5, "five|cinco|f[uü]nf|cinq"},
    {6, "six|seis|sechs"},
    {7, "seven|sete|siete|sieben|sept"},
    {8, "eight|oito|ocho|acht|huit"},
    {9, "nine|nove|nueve|neun|neuf"},
    {10, "ten|dez|diez|zehn|dix"},
};

// Words that say a rating follows: "give", "dou", "nota", "doy", "gebe", "donne".
constexpr absl::string_view kCueWords =
    "give|gives|giving|gave|given|rate|rates|rated|rating|score|scored|grade|"
    "dou|dava|daria|dar|dei|nota|avalio|avalia|avaliação|avaliacao|classifico|pontuação|"
    "doy|daría|di|puntuación|puntuacion|califico|calificación|valoro|valoración|puntúo|"
    "gebe|gäbe|gaebe|geben|gab|note|noten|bewertung|bewerte|bewerten|"
    "donne|donnerais|donnerai|donné|noterais|mets|mettrais|évaluation";

// Words right before a number that make it something other than a rating: what is counted or
// numbered (a page, a step, a parcel), a date's preposition or verb ("on", "am", "le",
// "delivered"), a hotel's stars, or what owns the stars ("has").
constexpr absl::string_view kBlockedBeforeWords =
    "page|pages|p|pg|pp|página|pagina|páginas|seite|seiten|step|passo|paso|schritt|étape|etape|"
    "part|parte|teil|partie|item|items|artigo|artículo|articulo|artikel|article|parcel|parcels|"
    "package|pacote|paquete|paket|colis|box|caixa|caja|karton|order|pedido|encomenda|bestellung|"
    "commande|size|tamanho|talla|größe|groesse|taille|chapter|capítulo|capitulo|kapitel|"
    "chapitre|episode|episódio|episodio|folge|épisode|question|pergunta|pregunta|frage|line|"
    "linha|línea|linea|zeile|ligne|row|room|quarto|habitación|habitacion|zimmer|chambre|no|nr|"
    "nº|number|número|numero|nummer|numéro|ticket|version|versão|versión|level|nível|nivel|"
    "stufe|niveau|rank|table|slide|photo|foto|image|bild|volume|vol|track|faixa|"
    "hotel|hôtel|restaurant|restaurante|resort|pousada|hostel|motel|"
    "has|have|had|with|tem|têm|com|tiene|tienen|con|hat|haben|mit|avec|"
    "on|at|by|until|till|since|from|before|after|due|dated|date|data|fecha|datum|day|days|dia|"
    "dias|día|días|tag|jour|em|na|desde|até|ate|el|del|al|hasta|antes|después|despues|am|vom|"
    "bis|seit|ab|zum|le|du|au|jusqu|avant|après|apres|depuis|for|para|pour|für|fuer|"
    "delivered|delivery|entregue|entrega|entregado|geliefert|lieferung|livré|livre|livraison|"
    "shipped|enviado|versandt|expédié|arrive|arrives|arrived|arriving|chegou|chega|llegó|llega|"
    "kommt|kam|arrivé|scheduled|agendado|programado|geplant|prévu|prevu|prevista|previsto|"
    "week|semana|woche|semaine|year|ano|año|jahr|année|month|mês|mes|monat|mois";

// Articles skipped when looking for the word before the number ("le doy un 9 sobre 10").
constexpr absl::string_view kArticleWords = "a|an|um|uma|un|une|uno|una|ein|eine|einen";

// Words that may follow a rating's scale; any other word makes it a count ("9/10 customers").
constexpr absl::string_view kPointWords =
    "points?|pts|pontos?|puntos?|punkte?n?|stars?|estrelas?|estrellas?|[ée]toiles?|sterne?n?";
constexpr absl::string_view kOtherAllowedAfterWords =
    "for|para|pra|pelo|pela|pelos|pelas|por|pour|f[uü]r|from|and|but|e|mas|y|pero|und|aber|et|"
    "mais|because|porque|weil|car|only|s[oó]|solo|s[oó]lo|nur|seulement|review|rating|"
    "avalia[cç][aã]o|rese[nñ]a|bewertung|avis";
// Words that may follow a rating only after a rating word: "dou nota 10/10 ao atendimento",
// "je donnerais 7/10 au service", but not "el 9/10 al mediodía".
constexpr absl::string_view kAfterCueWords = "ao|aos|al|au|aux|to|zum|overall|geral|general";

enum class Form {
  kSlash,   // 9/10
  kOutOf,   // 8 out of 10
  kOfWord,  // 9 de 10, 9 em 10, 9 von 10, 9 sur 10, 9 sobre 10, 9 of 10: needs a cue or points
  kStars,   // 5 stars, cinco estrellas
};

// A word of the text, by position.
struct Word {
  size_t begin;
  size_t end;
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string WholeWords(absl::string_view alternatives) {
  return absl::StrCat("(?i)(?:", alternatives, ")");
}

std::string FollowedByNoLetter(absl::string_view alternatives) {
  return absl::StrCat("(?i)(?:", alternatives, R"()(?:[^\pL\pN]|$))");
}

class Patterns {
 public:
  Patterns()
      : candidate_(CandidatePattern()),
        word_(R"(([\pL\pN]+))"),
        cue_(WholeWords(kCueWords)),
        blocked_before_(WholeWords(kBlockedBeforeWords)),
        article_(WholeWords(kArticleWords)),
        point_after_(absl::StrCat("(?i)((?:", kPointWords, R"())(?:[^\pL\pN]|$))")),
        allowed_after_(FollowedByNoLetter(kOtherAllowedAfterWords)),
        after_cue_(FollowedByNoLetter(kAfterCueWords)),
        letter_or_digit_(R"([\pL\pN])"),
        ten_(WholeWords("10|ten|dez|diez|zehn|dix")) {
    for (const NumberWords& number : kNumberWords) {
      number_words_.emplace_back(number.value, std::make_unique<RE2>(WholeWords(number.words)));
    }
  }

  static std::string CandidatePattern() {
    std::vector<std::string> words;
    for (const NumberWords& number : kNumberWords) words.push_back(number.words);
    const std::string number = absl::StrCat(R"((\d{1,2}|)", absl::StrJoin(words, "|"), ")");
    const std::string scale = "(10|5|ten|five|dez|cinco|diez|zehn|f[uü]nf|dix|cinq)";
    const std::string sp = std::string(kSpace);
    // Group 1: the score. Then group 2: a scale after "/"; or groups 3-4: a connector word and
    // the scale; or group 5: a star word. The prefix keeps a score from starting mid-word.
    return absl::StrCat(R"((?i)(?:^|[^\pL\pN_]))", number, "(?:", sp, "{0,2}/", sp, "{0,2}", scale,
                        "|", sp, "{1,3}(out", sp, "{1,3}of|of|em|de|sobre|sur|von)", sp, "{1,3}",
                        scale, "|", sp, "{0,2}-?", sp,
                        "{0,2}(stars?|estrelas?|estrellas?|[ée]toiles?|sterne?n?|★))");
  }

  const RE2& candidate() const { return candidate_; }
  const RE2& word() const { return word_; }
  bool IsCue(absl::string_view word) const { return FullMatch(word, cue_); }
  bool IsBlockedBefore(absl::string_view word) const { return FullMatch(word, blocked_before_); }
  bool IsArticle(absl::string_view word) const { return FullMatch(word, article_); }
  bool IsTen(absl::string_view word) const { return FullMatch(word, ten_); }
  bool StartsWithAllowedWord(absl::string_view text) const { return Prefix(text, allowed_after_); }
  bool StartsWithWordAfterCue(absl::string_view text) const { return Prefix(text, after_cue_); }
  // The length of the points or stars word `text` starts with, or 0.
  size_t PointWordLength(absl::string_view text) const {
    re2::StringPiece piece(text.data(), text.size());
    re2::StringPiece word[2];
    if (!point_after_.Match(piece, 0, piece.size(), RE2::ANCHOR_START, word, 2)) return 0;
    return word[1].size();
  }
  bool StartsWithLetterOrDigit(absl::string_view text) const {
    return Prefix(text, letter_or_digit_);
  }

  // The value of a score written in digits or as a number word; -1 if it is neither.
  int NumberValue(absl::string_view text) const {
    if (!text.empty() && IsAsciiDigit(text[0])) {
      if (text.size() == 2 && text[0] == '0') return -1;  // "09/10" is a date.
      int value = 0;
      for (char digit : text) value = value * 10 + (digit - '0');
      return value;
    }
    for (const auto& [value, pattern] : number_words_) {
      if (FullMatch(text, *pattern)) return value;
    }
    return -1;
  }

 private:
  static bool FullMatch(absl::string_view text, const RE2& pattern) {
    return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), pattern);
  }
  static bool Prefix(absl::string_view text, const RE2& pattern) {
    re2::StringPiece piece(text.data(), text.size());
    return pattern.Match(piece, 0, piece.size(), RE2::ANCHOR_START, nullptr, 0);
  }

  RE2 candidate_;
  RE2 word_;
  RE2 cue_;
  RE2 blocked_before_;
  RE2 article_;
  RE2 point_after_;
  RE2 allowed_after_;
  RE2 after_cue_;
  RE2 letter_or_digit_;
  RE2 ten_;
  std::vector<std::pair<int, std::unique_ptr<RE2>>> number_words_;
};

const Patterns& ThePatterns() {
  static const Patterns* const patterns = new Patterns();
  return *patterns;
}

bool IsBlank(absl::string_view text) {
  while (!text.empty()) {
    if (absl::StartsWith(text, "\xC2\xA0")) {
      text.remove_prefix(2);
    } else if (text[0] == ' ' || text[0] == '\t') {
      text.remove_prefix(1);
    } else {
      return false;
    }
  }
  return true;
}

absl::string_view SkipBlanks(absl::string_view text) {
  while (!text.empty()) {
    if (absl::StartsWith(text, "\xC2\xA0")) {
      text.remove_prefix(2);
    } else if (text[0] == ' ' || text[0] == '\t') {
      text.remove_prefix(1);
    } else {
      break;
    }
  }
  return text;
}

bool StartsWithMoney(absl::string_view text) {
  for (absl::string_view sign : {"$", "€", "£", "¥", "%"}) {
    if (absl::StartsWith(text, sign)) return true;
  }
  return false;
}

bool EndsWithMoney(absl::string_view text) {
  for (absl::string_view sign : {"$", "€", "£", "¥"}) {
    if (absl::EndsWith(text, sign)) return true;
  }
  return false;
}

// One candidate: where its score starts and its match ends, and what it says.
struct Candidate {
  size_t score_begin = 0;
  size_t end = 0;
  Form form = Form::kSlash;
  int score = -1;
  int scale = 10;
};

// Walks the candidates of one text in order, keeping track of the line each one is on.
class Scan {
 public:
  Scan(absl::string_view text, const Patterns& patterns) : text_(text), patterns_(patterns) {}

  std::optional<MentionedScore> Run() {
    re2::StringPiece whole(text_.data(), text_.size());
    re2::StringPiece groups[6];
    size_t position = 0;
    while (position < text_.size() &&
           patterns_.candidate().Match(whole, position, whole.size(), RE2::UNANCHORED, groups, 6)) {
      std::optional<Candidate> candidate = Read(groups);
      if (!candidate) break;
      // The next search starts after this score, so "1 of 10/10" still finds "10/10".
      position = candidate->score_begin + 1;
      std::optional<MentionedScore> score = Judge(*candidate);
      if (score) return score;
    }
    return std::nullopt;
  }

 private:
  size_t Offset(const re2::StringPiece& piece) const {
    return static_cast<size_t>(piece.data() - text_.data());
  }

  std::optional<Candidate> Read(const re2::StringPiece (&groups)[6]) const {
    if (groups[1].data() == nullptr) return std::nullopt;
    Candidate candidate;
    candidate.score_begin = Offset(groups[1]);
    candidate.end = Offset(groups[0]) + groups[0].size();
    candidate.score = patterns_.NumberValue(absl::string_view(groups[1].data(), groups[1].size()));
    re2::StringPiece scale;
    if (groups[2].data() != nullptr) {
      candidate.form = Form::kSlash;
      scale = groups[2];
    } else if (groups[4].data() != nullptr) {
      candidate.form =
          absl::StartsWithIgnoreCase(absl::string_view(groups[3].data(), groups[3].size()), "out")
              ? Form::kOutOf
              : Form::kOfWord;
      scale = groups[4];
    } else {
      candidate.form = Form::kStars;
      candidate.scale = 5;
      return candidate;
    }
    candidate.scale = patterns_.IsTen(absl::string_view(scale.data(), scale.size())) ? 10 : 5;
    return candidate;
  }

  // The rating a candidate is, if its form and its neighbours say it is one.
  std::optional<MentionedScore> Judge(const Candidate& candidate) {
    const int lowest = candidate.scale == 10 ? 0 : 1;
    if (candidate.score < lowest || candidate.score > candidate.scale) return std::nullopt;
    MoveLineStartTo(candidate.score_begin);
    if (IsQuotedLine() || !CleanBefore(candidate.score_begin)) return std::nullopt;
    const std::optional<size_t> cue = Cue(candidate.score_begin);
    if (!cue) return std::nullopt;  // A word before it says it is no rating.
    const bool has_cue = *cue != candidate.score_begin;
    const Following following = After(candidate.end);
    if (!following.clean || (following.needs_cue && !has_cue)) return std::nullopt;
    const bool points_after = following.points_end != 0;
    if (candidate.form == Form::kOfWord && !has_cue && !points_after) return std::nullopt;
    if (candidate.form == Form::kSlash && candidate.scale == 5 && !has_cue && !points_after) {
      return std::nullopt;  // "4/5" alone is as likely the 4th of May.
    }
    const size_t end = points_after ? following.points_end : candidate.end;
    MentionedScore score;
    score.metric = candidate.scale == 10 ? SurveyMetric::kNps : SurveyMetric::kCsat;
    score.score = candidate.score;
    score.scale = candidate.scale;
    score.quote = std::string(text_.substr(*cue, end - *cue));
    return score;
  }

  // Line starts only move forward, so the whole scan stays linear in the text.
  void MoveLineStartTo(size_t position) {
    for (; line_scanned_ < position; ++line_scanned_) {
      if (text_[line_scanned_] == '\n') line_start_ = line_scanned_ + 1;
    }
  }

  // A line quoted from an earlier mail ("> ...") is not the customer's own words.
  bool IsQuotedLine() const {
    const absl::string_view line = SkipBlanks(text_.substr(line_start_));
    return absl::StartsWith(line, ">");
  }

  // The characters right before the score: not part of a code (NW-10, #10, a/10, _10), a
  // decimal (8.5, 8,5), a time (10:10) or a price (€10, $ 9).
  bool CleanBefore(size_t begin) const {
    if (begin == 0) return true;
    const char previous = text_[begin - 1];
    if (previous == '/' || previous == '#' || previous == '-' || previous == '_') return false;
    if ((previous == '.' || previous == ',' || previous == ':') && begin >= 2 &&
        IsAsciiDigit(text_[begin - 2])) {
      return false;
    }
    absl::string_view before = text_.substr(line_start_, begin - line_start_);
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) {
      before.remove_suffix(1);
    }
    return !EndsWithMoney(before);
  }

  // The words of this line before `begin`, at most the last few (the window is bounded).
  std::vector<Word> WordsBefore(size_t begin) const {
    constexpr size_t kWindowBytes = 80;
    size_t from = begin > line_start_ + kWindowBytes ? begin - kWindowBytes : line_start_;
    while (from < begin && (static_cast<unsigned char>(text_[from]) & 0xC0) == 0x80) ++from;
    re2::StringPiece window(text_.data() + from, begin - from);
    re2::StringPiece word;
    std::vector<Word> words;
    while (RE2::FindAndConsume(&window, patterns_.word(), &word)) {
      words.push_back({Offset(word), Offset(word) + word.size()});
    }
    return words;
  }

  // Where the quote starts: the nearest rating word among the five before the score, or the
  // score itself. nullopt when the word right before the score (articles skipped) says it is
  // something else: a page, a date, a hotel.
  std::optional<size_t> Cue(size_t begin) const {
    const std::vector<Word> words = WordsBefore(begin);
    size_t limit = begin;
    for (auto word = words.rbegin(); word != words.rend(); ++word) {
      if (!IsBlank(text_.substr(word->end, limit - word->end))) break;
      const absl::string_view text = text_.substr(word->begin, word->end - word->begin);
      if (patterns_.IsArticle(text)) {
        limit = word->begin;
        continue;
      }
      if (patterns_.IsBlockedBefore(text)) return std::nullopt;
      break;
    }
    constexpr size_t kWordsLookedAt = 5;
    size_t looked = 0;
    for (auto word = words.rbegin(); word != words.rend() && looked < kWordsLookedAt;
         ++word, ++looked) {
      if (patterns_.IsCue(text_.substr(word->begin, word->end - word->begin))) {
        return word->begin;
      }
    }
    return begin;
  }

  // What follows a candidate's scale.
  struct Following {
    bool clean = false;      // It may be a rating.
    bool needs_cue = false;  // Only after a rating word ("ao", "au", "al").
    size_t points_end = 0;   // Where the points or stars word that follows ends; 0 if none.
  };

  // Nothing that continues a number (a date's year, "/2026", "10.5", "10h", "%", "€"), and no
  // word other than points, stars or a few joining words ("10/10 for the fast answer", not
  // "10/10 days").
  Following After(size_t end) const {
    Following following;
    const absl::string_view rest = text_.substr(end);
    if (!rest.empty() && (IsAsciiDigit(rest[0]) || rest[0] == '/')) return following;
    if (rest.size() > 1 && (rest[0] == '.' || rest[0] == ',' || rest[0] == ':') &&
        IsAsciiDigit(rest[1])) {
      return following;
    }
    if (patterns_.StartsWithLetterOrDigit(rest)) return following;
    const absl::string_view next = SkipBlanks(rest);
    if (StartsWithMoney(next)) return following;
    if (!patterns_.StartsWithLetterOrDigit(next)) {
      following.clean = true;
      return following;
    }
    if (const size_t length = patterns_.PointWordLength(next); length != 0) {
      following.clean = true;
      following.points_end = static_cast<size_t>(next.data() - text_.data()) + length;
    } else if (patterns_.StartsWithAllowedWord(next)) {
      following.clean = true;
    } else if (patterns_.StartsWithWordAfterCue(next)) {
      following.clean = true;
      following.needs_cue = true;
    }
    return following;
  }

  const absl::string_view text_;
  const Patterns& patterns_;
  size_t line_start_ = 0;
  size_t line_scanned_ = 0;
};

// `text` cut to at most kMentionedScoreMaxScannedBytes, not inside a UTF-8 sequence.
absl::string_view ScannedPart(absl::string_view text) {
  if (text.size() <= kMentionedScoreMaxScannedBytes) return text;
  size_t size = kMentionedScoreMaxScannedBytes;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return text.substr(0, size);
}

}  // namespace

std::optional<MentionedScore> FindMentionedScore(absl::string_view text) {
  return Scan(ScannedPart(text), ThePatterns()).Run();
}

std::optional<MentionedScore> FindMentionedScore(const Interaction& interaction) {
  if (interaction.direction != Direction::kInbound ||
      (interaction.kind != InteractionKind::kMessage &&
       interaction.kind != InteractionKind::kPost)) {
    return std::nullopt;
  }
  std::optional<MentionedScore> score = FindMentionedScore(interaction.subject);
  if (!score) score = FindMentionedScore(interaction.body);
  return score;
}

}  // namespace cxhub
