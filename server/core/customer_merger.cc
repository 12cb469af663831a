#include "server/core/customer_merger.h"

#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace cxhub {

absl::Status MergeInto(StoreWriter& writer, CustomerId survivor, CustomerId merged, Clock& clock) {
  if (survivor == merged) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot merge customer ", merged, " into itself"));
  }
  absl::StatusOr<Customer> kept = writer.GetCustomer(survivor);
  if (!kept.ok()) return kept.status();
  absl::StatusOr<Customer> gone = writer.GetCustomer(merged);
  if (!gone.ok()) return gone.status();

  for (auto& [key, value] : gone->attributes) kept->attributes.emplace(key, value);
  if (kept->display_name.empty()) kept->display_name = gone->display_name;
  kept->update_time = clock.Now();

  if (absl::Status s = writer.MergeCustomerInto(merged, survivor); !s.ok()) return s;
  return writer.UpdateCustomer(*kept);
}

}  // namespace cxhub
