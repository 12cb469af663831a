#include "server/core/duration_histogram.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

TEST(DurationHistogram, CountsEachDurationInTheFirstBucketItFitsCumulatively) {
  DurationHistogram histogram;
  histogram.Record(absl::Microseconds(50));   // <= 0.0001
  histogram.Record(absl::Microseconds(100));  // <= 0.0001: a bound is inclusive
  histogram.Record(absl::Milliseconds(3));    // <= 0.005
  histogram.Record(absl::Seconds(30));        // +Inf only
  const DurationHistogramSnapshot snapshot = histogram.Snapshot();
  EXPECT_EQ(snapshot.upper_bounds_seconds.size(), DurationHistogram::kUpperBoundsSeconds.size());
  EXPECT_THAT(snapshot.cumulative_counts, ElementsAre(2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4));
  EXPECT_EQ(snapshot.count, 4u);
  EXPECT_NEAR(snapshot.sum_seconds, 30.00315, 1e-9);
}

}  // namespace
}  // namespace cxhub
