// The one set of latency bucket bounds of every cxhub histogram, so latencies compare across
// metrics (calls, store transactions, pool waits).
#ifndef CXHUB_SERVER_OBSERVABILITY_LATENCY_BUCKETS_H_
#define CXHUB_SERVER_OBSERVABILITY_LATENCY_BUCKETS_H_

#include "prometheus/histogram.h"
#include "server/core/duration_histogram.h"

namespace cxhub {

// Built once: histograms are looked up with these on every call.
inline const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries(
      DurationHistogram::kUpperBoundsSeconds.begin(), DurationHistogram::kUpperBoundsSeconds.end());
  return *kBuckets;
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_OBSERVABILITY_LATENCY_BUCKETS_H_
