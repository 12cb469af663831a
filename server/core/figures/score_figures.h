// The satisfaction figures (NPS, CSAT, CES) from counts of answers per score, each with its
// sample size and a 95% confidence interval, so a figure from three answers looks like one.
// Definitions (also in the AnalyticsService proto comments):
//   NPS (0-10): % promoters (9-10) minus % detractors (0-6), from -100 to +100.
//   CSAT (1-5): % of answers that are 4 or 5, and the mean.
//   CES (1-7, "it was easy"): the mean, and % of answers 5-7.
// No answers: no figure (nullopt), never a 0 that looks measured.
#ifndef CXHUB_SERVER_CORE_FIGURES_SCORE_FIGURES_H_
#define CXHUB_SERVER_CORE_FIGURES_SCORE_FIGURES_H_

#include <array>
#include <cstdint>
#include <optional>

namespace cxhub {

// How many answers gave each score of one metric: answers[s] for score s (0 to 10).
struct ScoreCounts {
  std::array<int64_t, 11> answers{};

  int64_t Total() const;
  // Answers with a score in [low, high].
  int64_t Between(int low, int high) const;
  ScoreCounts& operator+=(const ScoreCounts& other);
};

// A two-sided 95% confidence interval, in the unit of its figure.
struct Interval {
  double low = 0;
  double high = 0;
};

struct NpsFigure {
  int64_t answers = 0;
  int64_t promoters = 0;
  int64_t passives = 0;
  int64_t detractors = 0;
  double score = 0;  // -100 to +100.
  Interval interval;
};

struct CsatFigure {
  int64_t answers = 0;
  int64_t satisfied = 0;         // Answers of 4 or 5.
  double satisfied_percent = 0;  // 0 to 100.
  Interval satisfied_interval;   // Wilson, in percent.
  double mean = 0;               // 1 to 5.
  Interval mean_interval;
};

struct CesFigure {
  int64_t answers = 0;
  double mean = 0;  // 1 to 7.
  Interval mean_interval;
  int64_t easy = 0;         // Answers of 5 to 7.
  double easy_percent = 0;  // 0 to 100.
  Interval easy_interval;   // Wilson, in percent.
};

std::optional<NpsFigure> ComputeNps(const ScoreCounts& counts);
std::optional<CsatFigure> ComputeCsat(const ScoreCounts& counts);
std::optional<CesFigure> ComputeCes(const ScoreCounts& counts);

// Wilson's score interval for a proportion of `successes` in `trials` (> 0), in [0, 1].
Interval WilsonInterval(int64_t successes, int64_t trials);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIGURES_SCORE_FIGURES_H_
