// What a segment must be to be saved (definitions in protos/cxhub/v1/segment.proto). Each check
// returns OK or INVALID_ARGUMENT naming the field under `field` ("segment").
#ifndef CXHUB_SERVER_CORE_SEGMENT_VALIDATION_H_
#define CXHUB_SERVER_CORE_SEGMENT_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/core/model.h"

namespace cxhub {

inline constexpr int kMaxSegmentConditions = 20;
// The longest window a condition may name: a century.
inline constexpr int kMaxSegmentWindowDays = 36500;

// The ends of each metric's scale: NPS 0-10, CSAT 1-5, CES 1-7.
int LowestScore(SurveyMetric metric);
int HighestScore(SurveyMetric metric);

// A display name, at most kMaxSegmentConditions conditions, each well formed for its kind.
absl::Status ValidateSegment(const Segment& segment, absl::string_view field);

// One condition, under `field` ("segment.conditions[2]").
absl::Status ValidateSegmentCondition(const SegmentCondition& condition, absl::string_view field);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SEGMENT_VALIDATION_H_
