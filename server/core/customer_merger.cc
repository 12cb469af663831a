#include "server/core/customer_merger.h"

#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace cxhub {
namespace {

// The ledger entry of merging `gone` into `kept`, both as they are before the merge.
MergeEntry LedgerEntry(const Customer& kept, const Customer& gone, const MergeCause& cause,
                       Clock& clock) {
  MergeEntry entry;
  entry.kind = MergeKind::kMerge;
  entry.survivor_id = kept.id;
  entry.merged_id = gone.id;
  entry.cause = cause;
  entry.time = clock.Now();
  entry.merged_display_name = gone.display_name;
  entry.merged_attributes = gone.attributes;
  entry.survivor_display_name = kept.display_name;
  entry.survivor_attributes = kept.attributes;
  return entry;
}

}  // namespace

absl::Status MergeInto(StoreWriter& writer, CustomerId survivor, CustomerId merged, Clock& clock,
                       const MergeCause& cause) {
  if (survivor == merged) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot merge customer ", merged, " into itself"));
  }
  absl::StatusOr<Customer> kept = writer.GetCustomer(survivor);
  if (!kept.ok()) return kept.status();
  absl::StatusOr<Customer> gone = writer.GetCustomer(merged);
  if (!gone.ok()) return gone.status();
  if (absl::Status s = writer.InsertMerge(LedgerEntry(*kept, *gone, cause, clock)).status();
      !s.ok()) {
    return s;
  }

  for (auto& [key, value] : gone->attributes) kept->attributes.emplace(key, value);
  if (kept->display_name.empty()) kept->display_name = gone->display_name;
  kept->update_time = clock.Now();

  if (absl::Status s = writer.MergeCustomerInto(merged, survivor); !s.ok()) return s;
  return writer.UpdateCustomer(*kept);
}

}  // namespace cxhub
