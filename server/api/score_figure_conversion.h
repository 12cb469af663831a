// Core's satisfaction figures (server/core/figures/score_figures.h) -> the shared figure
// messages of cxhub/v1/analytics_figures.proto, for every report that carries one.
#ifndef CXHUB_SERVER_API_SCORE_FIGURE_CONVERSION_H_
#define CXHUB_SERVER_API_SCORE_FIGURE_CONVERSION_H_

#include "cxhub/v1/analytics_figures.pb.h"
#include "server/core/figures/score_figures.h"

namespace cxhub {

void IntervalToProto(const Interval& interval, v1::ConfidenceInterval* out);
void ScoreFigureToProto(const NpsFigure& figure, v1::NpsFigure* out);
void ScoreFigureToProto(const CsatFigure& figure, v1::CsatFigure* out);
void ScoreFigureToProto(const CesFigure& figure, v1::CesFigure* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_SCORE_FIGURE_CONVERSION_H_
