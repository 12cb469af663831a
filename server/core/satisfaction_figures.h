// The satisfaction figures (NPS, CSAT, CES; definitions in figures/score_figures.h) over the
// answers matching a filter, as one figure and optionally as a series of days, weeks or months
// in a time zone: the counts come from the store (StoreReader::SumScoreAnswers, one query per
// figure however long the series), the arithmetic from figures/.
#ifndef CXHUB_SERVER_CORE_SATISFACTION_FIGURES_H_
#define CXHUB_SERVER_CORE_SATISFACTION_FIGURES_H_

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/figure_periods.h"
#include "server/core/figures/score_figures.h"
#include "server/core/figures/time_buckets.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// The longest series a caller may ask for.
inline constexpr int kMaxSatisfactionSeriesPoints = 400;

using SatisfactionSeriesSpec = FigureSeriesSpec;

struct SatisfactionQuery {
  SurveyMetric metric = SurveyMetric::kNps;
  std::optional<TouchpointId> touchpoint_id;  // nullopt: any touchpoint or none.
  std::string channel;                        // Empty: any.
  // [start_time, end_time), each on a quarter hour unless infinite; finite with a series.
  absl::Time start_time = absl::InfinitePast();
  absl::Time end_time = absl::InfiniteFuture();
  bool include_mentioned = false;
  std::optional<SatisfactionSeriesSpec> series;
  // Only the members of this segment at the time of the request; nullopt: every customer.
  std::optional<SegmentId> segment;
};

// One metric's figure with the counts behind it; the variant holds the query's metric's.
struct SatisfactionFigure {
  ScoreCounts counts;
  std::variant<NpsFigure, CsatFigure, CesFigure> figure;
};

struct SatisfactionPoint {
  TimeBucket bucket;  // Clipped to the query's range.
  std::optional<SatisfactionFigure> surveyed;
  std::optional<SatisfactionFigure> mentioned;
};

// Figures are nullopt when there is no answer: no figure, not a 0.
struct SatisfactionReport {
  std::optional<SatisfactionFigure> surveyed;
  std::optional<SatisfactionFigure> mentioned;  // Only when the query includes them.
  std::vector<SatisfactionPoint> series;        // Only when the query asks for one.
};

// The figure of `metric` over `counts`; nullopt when they hold no answer of its scale.
std::optional<SatisfactionFigure> FigureOf(SurveyMetric metric, const ScoreCounts& counts);

// Thread-safe; borrows the store, which must outlive it.
class SatisfactionFigures {
 public:
  // `clock` says when "now" is for a segment's members.
  explicit SatisfactionFigures(Store& store, Clock& clock = SystemClock())
      : store_(store), clock_(clock) {}

  // INVALID_ARGUMENT naming the field ("start_time", "end_time", "series") for a range off the
  // quarter hour, an end before the start, a series without both ends or longer than
  // kMaxSatisfactionSeriesPoints; NOT_FOUND for a touchpoint or segment that does not exist.
  absl::StatusOr<SatisfactionReport> Get(const SatisfactionQuery& query);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SATISFACTION_FIGURES_H_
