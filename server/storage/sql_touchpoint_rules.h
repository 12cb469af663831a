// The touchpoint rules aggregate in SQL: rules, their criteria and the revision counter
// (tables touchpoint_rules, touchpoint_rule_criteria and touchpoint_rules_revision), inside
// one transaction.
#ifndef CXHUB_SERVER_STORAGE_SQL_TOUCHPOINT_RULES_H_
#define CXHUB_SERVER_STORAGE_SQL_TOUCHPOINT_RULES_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/storage/sql_param.h"
#include "server/storage/sql_touchpoints.h"
#include "server/storage/transaction_context.h"

namespace cxhub {

// Implements the touchpoint rule methods of StoreReader / StoreWriter (see
// server/core/store.h for their contracts). Every change bumps the revision.
class SqlTouchpointRules {
 public:
  // Both must outlive this object; touchpoints checks the touchpoint a new rule points at.
  SqlTouchpointRules(TransactionContext& db, SqlTouchpoints& touchpoints)
      : db_(db), touchpoints_(touchpoints) {}

  absl::StatusOr<TouchpointRule> Get(TouchpointRuleId id);
  absl::StatusOr<std::vector<TouchpointRule>> List();
  absl::StatusOr<int64_t> Revision();

  absl::StatusOr<TouchpointRuleId> Insert(const TouchpointRule& rule);
  absl::Status Update(const TouchpointRule& rule);
  absl::Status Delete(TouchpointRuleId id);

 private:
  // NOT_FOUND unless rule `id` exists; locks its row where writers run concurrently.
  absl::Status CheckExists(TouchpointRuleId id);
  absl::Status InsertCriteria(const TouchpointRule& rule);
  // Rules matching `where` (over touchpoint_rules), with their criteria, in the order they
  // are tried.
  absl::StatusOr<std::vector<TouchpointRule>> Load(absl::string_view where,
                                                   absl::Span<const Param> params);

  TransactionContext& db_;
  SqlTouchpoints& touchpoints_;
};

// Deletes the rules of touchpoint `id` and bumps the revision; part of deleting the
// touchpoint (SqlTouchpoints::Delete).
absl::Status DeleteRulesOfTouchpoint(TransactionContext& db, TouchpointId id);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_TOUCHPOINT_RULES_H_
