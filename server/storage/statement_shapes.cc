#include "server/storage/statement_shapes.h"

#include <algorithm>
#include <cstddef>

namespace cxhub {

size_t RowsOfNextStatement(size_t remaining, size_t max) {
  const size_t limit = std::min(remaining, max);
  size_t rows = 1;
  while (rows * 2 <= limit) rows *= 2;
  return rows;
}

size_t PaddedListLength(size_t count) {
  size_t length = 1;
  while (length < count) length *= 2;
  return length;
}

}  // namespace cxhub
