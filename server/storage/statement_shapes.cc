#include "server/storage/statement_shapes.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/storage/sql_param.h"

namespace cxhub {

size_t RowsOfNextStatement(size_t remaining, size_t max) {
  const size_t limit = std::min(remaining, max);
  if (limit <= kMaxExactRows) return limit;
  size_t rows = 1;
  while (rows * 2 <= limit) rows *= 2;
  return rows;
}

size_t PaddedListLength(size_t count) {
  size_t length = 1;
  while (length < count) length *= 2;
  return length;
}

std::string IdList(absl::Span<const int64_t> ids, std::vector<Param>& params) {
  const std::vector<Param> values(ids.begin(), ids.end());
  return ValueList(values, params);
}

std::string ValueList(absl::Span<const Param> values, std::vector<Param>& params) {
  const size_t length = PaddedListLength(values.size());
  params.insert(params.end(), values.begin(), values.end());
  params.resize(params.size() + (length - values.size()), values.back());
  return absl::StrCat("(", absl::StrJoin(std::vector<absl::string_view>(length, "?"), ", "), ")");
}

}  // namespace cxhub
