// How many rows a multi-row statement takes, or how long an IN list is: a power of two, so that
// statements built for batches of any size come in a handful of SQL texts, which a connection's
// statement cache (idle_statement_cache.h) keeps prepared.
#ifndef CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_
#define CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "server/storage/sql_param.h"

namespace cxhub {

// The rows of the next statement when `remaining` (>= 1) are left and one takes at most `max`
// (a power of two): the largest power of two no greater than either.
size_t RowsOfNextStatement(size_t remaining, size_t max);

// The length to pad a list of `count` values to (repeating one, which changes no IN list): the
// smallest power of two no smaller than `count`.
size_t PaddedListLength(size_t count);

// "(?, ?, ...)" for `ids` (not empty), padded to PaddedListLength with the last id, whose values
// are appended to `params` in the same order.
std::string IdList(absl::Span<const int64_t> ids, std::vector<Param>& params);
// The same for any values (not empty).
std::string ValueList(absl::Span<const Param> values, std::vector<Param>& params);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_
