// How many rows a multi-row statement takes (any count up to kMaxExactRows, powers of two above),
// and how long an IN list is (a power of two), so that statements built for batches of any size
// come in a handful of SQL texts, which a connection's statement cache (idle_statement_cache.h)
// keeps prepared.
#ifndef CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_
#define CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "server/storage/sql_param.h"

namespace cxhub {

// Statements of up to this many rows are built for their exact count. A group commit of single
// records or a small batch then writes each table in one statement: split into powers of two, a
// group of 7 took three per table (4 + 2 + 1), and a record on MySQL some 15 round trips in all.
inline constexpr size_t kMaxExactRows = 16;

// The rows of the next statement when `remaining` (>= 1) are left and one takes at most `max`
// (a power of two, at least kMaxExactRows): all of them when there are kMaxExactRows or fewer,
// else the largest power of two no greater than either.
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
