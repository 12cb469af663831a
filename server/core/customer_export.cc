#include "server/core/customer_export.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "server/core/status_macros.h"

namespace cxhub {

absl::Status CustomerExport::Export(
    CustomerId id, absl::FunctionRef<absl::Status(const Customer&)> on_customer,
    absl::FunctionRef<absl::Status(const Interaction&)> on_interaction,
    absl::FunctionRef<absl::Status(const MergeEntry&)> on_merge) const {
  Customer customer;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(CustomerId live, reader.ResolveCustomerId(id));
    CXHUB_ASSIGN_OR_RETURN(customer, reader.GetCustomer(live));
    return absl::OkStatus();
  }));
  CXHUB_RETURN_IF_ERROR(on_customer(customer));
  InteractionFilter filter;
  filter.customer_id = customer.id;
  std::optional<InteractionCursor> after;
  while (true) {
    std::vector<Interaction> page;
    CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(page, reader.ListInteractions(filter, after, kExportPageSize));
      return absl::OkStatus();
    }));
    for (const Interaction& interaction : page) {
      CXHUB_RETURN_IF_ERROR(on_interaction(interaction));
    }
    if (static_cast<int>(page.size()) < kExportPageSize) break;
    after = InteractionCursor{page.back().occur_time, page.back().id};
  }
  CXHUB_ASSIGN_OR_RETURN(std::vector<MergeEntry> merges, MergesOf(customer));
  for (const MergeEntry& merge : merges) CXHUB_RETURN_IF_ERROR(on_merge(merge));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<MergeEntry>> CustomerExport::MergesOf(const Customer& customer) const {
  std::vector<CustomerId> named = {customer.id};
  named.insert(named.end(), customer.merged_ids.begin(), customer.merged_ids.end());
  std::vector<MergeEntry> merges;
  absl::flat_hash_set<MergeId> seen;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    for (CustomerId id : named) {
      MergeId before = 0;
      while (true) {
        CXHUB_ASSIGN_OR_RETURN(std::vector<MergeEntry> page,
                               reader.ListMerges(id, before, kExportPageSize));
        for (MergeEntry& entry : page) {
          if (seen.insert(entry.id).second) merges.push_back(std::move(entry));
        }
        if (static_cast<int>(page.size()) < kExportPageSize) break;
        before = page.back().id;
      }
    }
    return absl::OkStatus();
  }));
  std::sort(merges.begin(), merges.end(),
            [](const MergeEntry& a, const MergeEntry& b) { return a.id > b.id; });
  return merges;
}

}  // namespace cxhub
