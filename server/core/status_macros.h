// Early returns on error, so that a sequence of fallible steps reads as the steps.
//
//   CXHUB_RETURN_IF_ERROR(writer.AddIdentity(id, identity));
//   CXHUB_ASSIGN_OR_RETURN(Customer customer, reader.GetCustomer(id));
//
// CXHUB_RETURN_IF_ERROR works in any function returning absl::Status or absl::StatusOr<T>;
// CXHUB_ASSIGN_OR_RETURN declares or assigns `lhs` from an absl::StatusOr<T> expression and
// returns its status when it is not OK. Both evaluate `expr` exactly once. The macros take no
// part in control flow beyond that single `return`, so they are safe inside lambdas.
#ifndef CXHUB_SERVER_CORE_STATUS_MACROS_H_
#define CXHUB_SERVER_CORE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CXHUB_RETURN_IF_ERROR(expr) \
  CXHUB_RETURN_IF_ERROR_IMPL_(CXHUB_STATUS_MACROS_CONCAT_(cxhub_status_, __COUNTER__), expr)

#define CXHUB_ASSIGN_OR_RETURN(lhs, expr) \
  CXHUB_ASSIGN_OR_RETURN_IMPL_(CXHUB_STATUS_MACROS_CONCAT_(cxhub_statusor_, __COUNTER__), lhs, expr)

// Implementation details.
#define CXHUB_STATUS_MACROS_CONCAT_INNER_(a, b) a##b
#define CXHUB_STATUS_MACROS_CONCAT_(a, b) CXHUB_STATUS_MACROS_CONCAT_INNER_(a, b)
#define CXHUB_RETURN_IF_ERROR_IMPL_(tmp, expr)  \
  do {                                          \
    if (absl::Status tmp = (expr); !tmp.ok()) { \
      return tmp;                               \
    }                                           \
  } while (false)
#define CXHUB_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).status();     \
  lhs = *std::move(tmp)

#endif  // CXHUB_SERVER_CORE_STATUS_MACROS_H_
