// How many rows a multi-row statement takes, or how long an IN list is: a power of two, so that
// statements built for batches of any size come in a handful of SQL texts, which a connection's
// statement cache (idle_statement_cache.h) keeps prepared.
#ifndef CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_
#define CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_

#include <cstddef>

namespace cxhub {

// The rows of the next statement when `remaining` (>= 1) are left and one takes at most `max`
// (a power of two): the largest power of two no greater than either.
size_t RowsOfNextStatement(size_t remaining, size_t max);

// The length to pad a list of `count` values to (repeating one, which changes no IN list): the
// smallest power of two no smaller than `count`.
size_t PaddedListLength(size_t count);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_STATEMENT_SHAPES_H_
