// A multi-row INSERT of interactions straight into their table, outside the Store: the baseline
// the storage and analytics benchmarks compare the Store's write path with.
#ifndef CXHUB_BENCHMARKS_HARNESS_RAW_INTERACTION_INSERT_H_
#define CXHUB_BENCHMARKS_HARNESS_RAW_INTERACTION_INSERT_H_

#include <cstdint>
#include <string>

#include "server/core/model.h"
#include "server/storage/sql_driver.h"

namespace cxhub::bench {

// "INSERT INTO interactions (...) VALUES (...), ..." with placeholders for `rows` rows.
std::string RawInteractionInsertSql(int64_t rows);

// Binds `row` to the placeholders of one row of RawInteractionInsertSql, from `index` on, and
// leaves `index` at the first placeholder after them.
void BindRawInteraction(const Interaction& row, Statement& statement, int& index);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_RAW_INTERACTION_INSERT_H_
