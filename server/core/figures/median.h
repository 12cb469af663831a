// The median of a sample, shared by every figure that reports one.
#ifndef CXHUB_SERVER_CORE_FIGURES_MEDIAN_H_
#define CXHUB_SERVER_CORE_FIGURES_MEDIAN_H_

#include <cstdint>
#include <vector>

namespace cxhub {

// The median of `sorted` (ascending, not empty): the middle value, or the mean of the two
// middle values for an even count.
double MedianOfSorted(const std::vector<int64_t>& sorted);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_FIGURES_MEDIAN_H_
