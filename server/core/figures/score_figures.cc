#include "server/core/figures/score_figures.h"

#include <algorithm>
#include <cmath>

namespace cxhub {
namespace {

// The normal quantile of a two-sided 95% interval.
constexpr double kZ = 1.959963984540054;

// Wilson's score interval around an observed share of `trials`, which may be fractional.
Interval WilsonAround(double share, double trials) {
  const double z2 = kZ * kZ;
  const double centre = (share + z2 / (2 * trials)) / (1 + z2 / trials);
  const double half =
      kZ * std::sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

// A bounded score's mean, rescaled to [0, 1], has a variance of at most m(1 - m) per answer,
// so Wilson's interval on it is conservative and, unlike mean +- z s / sqrt(n), never has zero
// width when a few answers happen to agree.
struct MeanWithInterval {
  double mean = 0;
  Interval interval;
};

MeanWithInterval BoundedMean(const ScoreCounts& counts, int low, int high) {
  const int64_t n = counts.Between(low, high);
  double sum = 0;
  for (int score = low; score <= high; ++score)
    sum += static_cast<double>(score) * counts.answers[score];
  MeanWithInterval out;
  out.mean = sum / static_cast<double>(n);
  const double span = high - low;
  const Interval share = WilsonAround((out.mean - low) / span, static_cast<double>(n));
  out.interval = {low + span * share.low, low + span * share.high};
  return out;
}

Interval Percent(const Interval& share) { return {share.low * 100, share.high * 100}; }

}  // namespace

int64_t ScoreCounts::Total() const { return Between(0, 10); }

int64_t ScoreCounts::Between(int low, int high) const {
  int64_t total = 0;
  for (int score = std::max(low, 0); score <= std::min(high, 10); ++score) total += answers[score];
  return total;
}

ScoreCounts& ScoreCounts::operator+=(const ScoreCounts& other) {
  for (size_t i = 0; i < answers.size(); ++i) answers[i] += other.answers[i];
  return *this;
}

Interval WilsonInterval(int64_t successes, int64_t trials) {
  const double n = static_cast<double>(trials);
  return WilsonAround(static_cast<double>(successes) / n, n);
}

std::optional<NpsFigure> ComputeNps(const ScoreCounts& counts) {
  NpsFigure figure;
  figure.answers = counts.Between(0, 10);
  if (figure.answers == 0) return std::nullopt;
  figure.promoters = counts.Between(9, 10);
  figure.passives = counts.Between(7, 8);
  figure.detractors = counts.Between(0, 6);
  const double n = static_cast<double>(figure.answers);
  figure.score = 100.0 * static_cast<double>(figure.promoters - figure.detractors) / n;
  // The variance of the promoter/detractor difference, p + d - (p - d)^2, with one pseudo-answer
  // in each group (an adjusted Wald interval): all-promoter samples of three answers get a wide
  // interval instead of a zero-width one.
  const double adjusted_n = n + 3;
  const double p = (static_cast<double>(figure.promoters) + 1) / adjusted_n;
  const double d = (static_cast<double>(figure.detractors) + 1) / adjusted_n;
  const double half = kZ * std::sqrt((p + d - (p - d) * (p - d)) / adjusted_n);
  figure.interval = {std::max(-100.0, 100 * (p - d - half)), std::min(100.0, 100 * (p - d + half))};
  return figure;
}

std::optional<CsatFigure> ComputeCsat(const ScoreCounts& counts) {
  CsatFigure figure;
  figure.answers = counts.Between(1, 5);
  if (figure.answers == 0) return std::nullopt;
  figure.satisfied = counts.Between(4, 5);
  figure.satisfied_percent =
      100.0 * static_cast<double>(figure.satisfied) / static_cast<double>(figure.answers);
  figure.satisfied_interval = Percent(WilsonInterval(figure.satisfied, figure.answers));
  const MeanWithInterval mean = BoundedMean(counts, 1, 5);
  figure.mean = mean.mean;
  figure.mean_interval = mean.interval;
  return figure;
}

std::optional<CesFigure> ComputeCes(const ScoreCounts& counts) {
  CesFigure figure;
  figure.answers = counts.Between(1, 7);
  if (figure.answers == 0) return std::nullopt;
  const MeanWithInterval mean = BoundedMean(counts, 1, 7);
  figure.mean = mean.mean;
  figure.mean_interval = mean.interval;
  figure.easy = counts.Between(5, 7);
  figure.easy_percent =
      100.0 * static_cast<double>(figure.easy) / static_cast<double>(figure.answers);
  figure.easy_interval = Percent(WilsonInterval(figure.easy, figure.answers));
  return figure;
}

}  // namespace cxhub
