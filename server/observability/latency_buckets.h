// The one set of latency bucket bounds of every cxhub histogram, so latencies compare across
// metrics (calls, store transactions, pool waits).
#ifndef CXHUB_SERVER_OBSERVABILITY_LATENCY_BUCKETS_H_
#define CXHUB_SERVER_OBSERVABILITY_LATENCY_BUCKETS_H_

#include "prometheus/histogram.h"
#include "server/core/duration_histogram.h"

namespace cxhub {

inline prometheus::Histogram::BucketBoundaries LatencyBuckets() {
  return prometheus::Histogram::BucketBoundaries(DurationHistogram::kUpperBoundsSeconds.begin(),
                                                 DurationHistogram::kUpperBoundsSeconds.end());
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_LATENCY_BUCKETS_H_
