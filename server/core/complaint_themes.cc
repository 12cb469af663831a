#include "server/core/complaint_themes.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/complaint_theme_counts.h"
#include "server/core/complaint_words.h"
#include "server/core/field_violation.h"
#include "server/core/figure_touchpoint.h"
#include "server/core/folded_text.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

using Sentences = std::vector<std::vector<std::string>>;
using IntentPhrases = std::vector<std::vector<std::vector<std::string>>>;

constexpr ComplaintSource kEverySource[] = {
    ComplaintSource::kInboundMessage, ComplaintSource::kTicket, ComplaintSource::kDetractorComment,
    ComplaintSource::kMentionedDetractor};

bool IsFinite(absl::Time time) {
  return time != absl::InfinitePast() && time != absl::InfiniteFuture();
}

absl::Status CheckPeriod(const ComplaintThemesQuery& query) {
  if (!IsFinite(query.start_time)) return InvalidFieldError("start_time", "is required");
  if (!IsFinite(query.end_time)) return InvalidFieldError("end_time", "is required");
  if (query.end_time <= query.start_time) {
    return InvalidFieldError("end_time", "must be after start_time");
  }
  return absl::OkStatus();
}

bool SaysPhrase(const Sentences& sentences, const std::vector<std::string>& phrase) {
  for (const std::vector<std::string>& sentence : sentences) {
    if (ContainsPhrase(sentence, phrase)) return true;
  }
  return false;
}

// Reading texts is most of a query's time, and each is read alone: up to this many threads
// share them.
constexpr unsigned kMaxReaderThreads = 4;

// What one text says, before its phrases have ids: the intents it expresses and its phrases.
struct SaidThemes {
  std::vector<ComplaintThemeId> intents;
  std::vector<std::string> phrases;
};

SaidThemes ReadText(const ComplaintText& text, const IntentPhrases& intents) {
  SaidThemes said;
  const Sentences sentences = InteractionSentences(text.subject, text.text);
  for (ComplaintThemeId intent = 0; intent < intents.size(); ++intent) {
    const auto& phrases = intents[intent];
    if (std::any_of(phrases.begin(), phrases.end(), [&](const std::vector<std::string>& phrase) {
          return SaysPhrase(sentences, phrase);
        })) {
      said.intents.push_back(intent);
    }
  }
  said.phrases = ComplaintPhrases(sentences);
  return said;
}

std::vector<SaidThemes> ReadTexts(const std::vector<ComplaintText>& texts,
                                  const IntentPhrases& intents) {
  std::vector<SaidThemes> said(texts.size());
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxReaderThreads);
  std::vector<std::thread> readers;
  for (unsigned reader = 0; reader < threads; ++reader) {
    readers.emplace_back([&, reader] {
      for (size_t i = reader; i < texts.size(); i += threads) said[i] = ReadText(texts[i], intents);
    });
  }
  for (std::thread& reader : readers) reader.join();
  return said;
}

// The themes of one text as ids: its intents, then its phrases, added to `counts` when
// `add_phrases`, else only those already there (the previous period is compared on the
// period's phrases).
ThemedInteraction ThemesOf(const ComplaintText& text, const SaidThemes& said, bool add_phrases,
                           ComplaintThemeCounts& counts) {
  ThemedInteraction themed{text.interaction_id, text.customer_id, text.occur_time, said.intents};
  for (const std::string& phrase : said.phrases) {
    const int words = static_cast<int>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
    if (add_phrases) {
      themed.themes.push_back(counts.AddPhrase(phrase, words));
    } else if (std::optional<ComplaintThemeId> id = counts.FindPhrase(phrase); id.has_value()) {
      themed.themes.push_back(*id);
    }
  }
  return themed;
}

int64_t DistinctCustomers(const std::vector<ThemedInteraction>& interactions) {
  absl::flat_hash_set<CustomerId> customers;
  for (const ThemedInteraction& interaction : interactions) {
    customers.insert(interaction.customer_id);
  }
  return static_cast<int64_t>(customers.size());
}

ComplaintTextFilter TextFilter(const ComplaintThemesQuery& query, absl::Time previous_start) {
  ComplaintTextFilter filter;
  filter.start_time = previous_start;
  filter.end_time = query.end_time;
  filter.sources = query.sources;
  if (filter.sources.empty()) {
    filter.sources.assign(std::begin(kEverySource), std::end(kEverySource));
  }
  filter.touchpoint_id = query.touchpoint_id;
  filter.channel = query.channel;
  return filter;
}

}  // namespace

ComplaintThemes::ComplaintThemes(Store& store, std::vector<ComplaintIntent> intents, Clock& clock)
    : store_(store), clock_(clock) {
  for (ComplaintIntent& intent : intents) {
    intent_names_.push_back(std::move(intent.name));
    std::vector<std::vector<std::string>>& folded = intent_phrases_.emplace_back();
    for (const std::string& phrase : intent.phrases) {
      // A phrase is one run of words: its sentences, if it has several, joined.
      std::vector<std::string> words;
      for (std::vector<std::string>& sentence : ComplaintSentences(phrase)) {
        words.insert(words.end(), sentence.begin(), sentence.end());
      }
      if (!words.empty()) folded.push_back(std::move(words));
    }
  }
}

absl::StatusOr<ComplaintThemesReport> ComplaintThemes::Get(
    const ComplaintThemesQuery& query) const {
  CXHUB_RETURN_IF_ERROR(CheckPeriod(query));
  ComplaintThemesReport report;
  report.start_time = query.start_time;
  report.end_time = query.end_time;
  report.previous_end_time = query.start_time;
  report.previous_start_time = query.start_time - (query.end_time - query.start_time);
  const ComplaintTextFilter filter = TextFilter(query, report.previous_start_time);
  std::vector<ComplaintText> texts;
  FigureSegment segment;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(CheckFigureTouchpoint(reader, query.touchpoint_id));
    CXHUB_RETURN_IF_ERROR(segment.Load(reader, query.segment, clock_.Now()));
    CXHUB_ASSIGN_OR_RETURN(texts, reader.ListComplaintTexts(filter));
    return absl::OkStatus();
  }));
  for (const absl::flat_hash_set<CustomerId>* only :
       {query.only_customers, segment.only_customers()}) {
    if (only == nullptr) continue;
    texts.erase(std::remove_if(
                    texts.begin(), texts.end(),
                    [&](const ComplaintText& text) { return !only->contains(text.customer_id); }),
                texts.end());
  }
  // The period first, so that the previous one is counted on the period's phrases only.
  std::stable_partition(texts.begin(), texts.end(), [&](const ComplaintText& text) {
    return text.occur_time >= query.start_time;
  });
  const std::vector<SaidThemes> said = ReadTexts(texts, intent_phrases_);
  ComplaintThemeCounts counts(intent_names_);
  std::vector<ThemedInteraction> period;
  std::vector<ThemedInteraction> previous;
  for (size_t i = 0; i < texts.size(); ++i) {
    const bool in_period = texts[i].occur_time >= query.start_time;
    (in_period ? period : previous).push_back(ThemesOf(texts[i], said[i], in_period, counts));
  }
  report.interactions = static_cast<int64_t>(period.size());
  report.customers = DistinctCustomers(period);
  counts.Count(period, /*previous=*/false);
  counts.Count(previous, /*previous=*/true);
  report.terms = counts.Top(1, query.max_phrases, period, query.max_examples);
  report.two_word_phrases = counts.Top(2, query.max_phrases, period, query.max_examples);
  report.three_word_phrases = counts.Top(3, query.max_phrases, period, query.max_examples);
  report.intents = counts.Top(0, 0, period, query.max_examples);
  return report;
}

}  // namespace cxhub
