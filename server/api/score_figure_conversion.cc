#include "server/api/score_figure_conversion.h"

#include "cxhub/v1/analytics_figures.pb.h"
#include "server/core/figures/score_figures.h"

namespace cxhub {

void IntervalToProto(const Interval& interval, v1::ConfidenceInterval* out) {
  out->set_low(interval.low);
  out->set_high(interval.high);
}

void ScoreFigureToProto(const NpsFigure& figure, v1::NpsFigure* out) {
  out->set_answers(figure.answers);
  out->set_promoters(figure.promoters);
  out->set_passives(figure.passives);
  out->set_detractors(figure.detractors);
  out->set_score(figure.score);
  IntervalToProto(figure.interval, out->mutable_interval());
}

void ScoreFigureToProto(const CsatFigure& figure, v1::CsatFigure* out) {
  out->set_answers(figure.answers);
  out->set_satisfied(figure.satisfied);
  out->set_satisfied_percent(figure.satisfied_percent);
  IntervalToProto(figure.satisfied_interval, out->mutable_satisfied_interval());
  out->set_mean(figure.mean);
  IntervalToProto(figure.mean_interval, out->mutable_mean_interval());
}

void ScoreFigureToProto(const CesFigure& figure, v1::CesFigure* out) {
  out->set_answers(figure.answers);
  out->set_mean(figure.mean);
  IntervalToProto(figure.mean_interval, out->mutable_mean_interval());
  out->set_easy(figure.easy);
  out->set_easy_percent(figure.easy_percent);
  IntervalToProto(figure.easy_interval, out->mutable_easy_interval());
}

}  // namespace cxhub
