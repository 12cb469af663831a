#include "server/core/customer_export.h"

#include <optional>
#include <utility>
#include <vector>

#include "server/core/status_macros.h"

namespace cxhub {

absl::Status CustomerExport::Export(
    CustomerId id, absl::FunctionRef<absl::Status(const Customer&)> on_customer,
    absl::FunctionRef<absl::Status(const Interaction&)> on_interaction) const {
  Customer customer;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(CustomerId live, reader.ResolveCustomerId(id));
    CXHUB_ASSIGN_OR_RETURN(customer, reader.GetCustomer(live));
    return absl::OkStatus();
  }));
  CXHUB_RETURN_IF_ERROR(on_customer(customer));
  // MERGE LEDGER: the customer's merges (from the ledger's store read) are handed over here.
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
    if (static_cast<int>(page.size()) < kExportPageSize) return absl::OkStatus();
    after = InteractionCursor{page.back().occur_time, page.back().id};
  }
}

}  // namespace cxhub
