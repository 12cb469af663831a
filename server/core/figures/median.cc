#include "server/core/figures/median.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cxhub {

double MedianOfSorted(const std::vector<int64_t>& sorted) {
  const size_t n = sorted.size();
  if (n % 2 == 1) return static_cast<double>(sorted[n / 2]);
  return (static_cast<double>(sorted[n / 2 - 1]) + static_cast<double>(sorted[n / 2])) / 2;
}

}  // namespace cxhub
