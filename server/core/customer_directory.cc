#include "server/core/customer_directory.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/core/customer_merger.h"
#include "server/core/field_violation.h"
#include "server/core/merge_policy.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// `id` itself when it is live; NOT_FOUND naming the survivor when it was merged away.
absl::Status RequireLive(StoreReader& reader, CustomerId id) {
  absl::StatusOr<CustomerId> resolved = reader.ResolveCustomerId(id);
  if (!resolved.ok()) return resolved.status();
  if (*resolved != id) {
    return absl::NotFoundError(
        absl::StrCat("customer ", id, " was merged into customer ", *resolved));
  }
  return absl::OkStatus();
}

absl::Status Touch(StoreWriter& writer, CustomerId id, absl::Time now) {
  absl::StatusOr<Customer> customer = writer.GetCustomer(id);
  if (!customer.ok()) return customer.status();
  customer->update_time = now;
  return writer.UpdateCustomer(*customer);
}

}  // namespace

absl::StatusOr<Customer> CustomerDirectory::Create(Customer customer) {
  const std::vector<Identity> requested = customer.identities;  // Indexes as the caller gave.
  std::vector<Identity> identities;
  for (size_t i = 0; i < customer.identities.size(); ++i) {
    absl::StatusOr<Identity> identity = normalizer_.Normalize(customer.identities[i]);
    if (!identity.ok()) {
      return InvalidFieldError(absl::StrCat("identities[", i, "]"), identity.status().message());
    }
    identities.push_back(*std::move(identity));
  }
  std::sort(identities.begin(), identities.end());
  identities.erase(std::unique(identities.begin(), identities.end()), identities.end());
  customer.identities = std::move(identities);
  customer.id = 0;
  customer.merged_ids.clear();

  Customer created;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    if (suppression_ != nullptr) {
      if (absl::Status s = suppression_->Check(writer, requested, "identities"); !s.ok()) {
        return s;
      }
    }
    const absl::Time now = clock_.Now();
    Customer row = customer;
    for (Identity& identity : row.identities) {
      StampProvenance({"api", "CreateCustomer"}, now, identity);
    }
    row.create_time = now;
    row.update_time = now;
    absl::StatusOr<CustomerId> id = writer.InsertCustomer(row);
    if (!id.ok()) return id.status();
    absl::StatusOr<Customer> stored = writer.GetCustomer(*id);
    if (!stored.ok()) return stored.status();
    created = *std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return created;
}

absl::StatusOr<Customer> CustomerDirectory::Get(CustomerId id) {
  // Most ids asked for are live and take one read, read as it comes.
  absl::StatusOr<Customer> customer;
  absl::Status status = store_.ReadLatest([&](StoreReader& reader) -> absl::Status {
    customer = reader.GetCustomer(id);
    return customer.status();
  });
  if (status.ok()) return customer;
  if (!absl::IsNotFound(status)) return status;
  // A merged-away id is read again as the customer it went into, in one snapshot so that a merge
  // meanwhile cannot be half seen; one that never existed gets Resolve's NOT_FOUND.
  status = store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const CustomerId resolved, reader.ResolveCustomerId(id));
    customer = reader.GetCustomer(resolved);
    return customer.status();
  });
  if (!status.ok()) return status;
  return customer;
}

absl::StatusOr<CustomerPage> CustomerDirectory::List(CustomerId after_id, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  CustomerPage page;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::vector<Customer>> rows = reader.ListCustomers(after_id, limit + 1);
    if (!rows.ok()) return rows.status();
    page.has_more = static_cast<int>(rows->size()) > limit;
    if (page.has_more) rows->resize(limit);
    page.customers = *std::move(rows);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<Customer> CustomerDirectory::Update(CustomerId id, const CustomerUpdate& update) {
  Customer updated;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<CustomerId> resolved = writer.ResolveCustomerId(id);
    if (!resolved.ok()) return resolved.status();
    absl::StatusOr<Customer> customer = writer.GetCustomer(*resolved);
    if (!customer.ok()) return customer.status();
    if (update.display_name) customer->display_name = *update.display_name;
    if (update.attributes) customer->attributes = *update.attributes;
    customer->update_time = clock_.Now();
    if (absl::Status s = writer.UpdateCustomer(*customer); !s.ok()) return s;
    absl::StatusOr<Customer> stored = writer.GetCustomer(*resolved);
    if (!stored.ok()) return stored.status();
    updated = *std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return updated;
}

absl::Status CustomerDirectory::Delete(CustomerId id) {
  return store_.Write([&](StoreWriter& writer) -> absl::Status {
    if (absl::Status s = RequireLive(writer, id); !s.ok()) return s;
    return writer.DeleteCustomer(id);
  });
}

absl::StatusOr<Customer> CustomerDirectory::Lookup(const Identity& identity) {
  absl::StatusOr<Identity> normalized = normalizer_.Normalize(identity);
  if (!normalized.ok()) return normalized.status();
  Customer customer;
  bool owner_gone = false;  // Between the two reads: merged away, or deleted.
  const auto lookup = [&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const std::optional<CustomerId> owner,
                           reader.FindCustomerByIdentity(*normalized));
    if (!owner.has_value()) {
      return absl::NotFoundError(
          absl::StrCat("no customer has the identity \"", normalized->value, "\""));
    }
    absl::StatusOr<Customer> found = reader.GetCustomer(*owner);
    owner_gone = absl::IsNotFound(found.status());
    if (!found.ok()) return found.status();
    customer = *std::move(found);
    return absl::OkStatus();
  };
  // Two statements read as they come; in the rare case that the owner changed between them,
  // both again in one snapshot.
  absl::Status status = store_.ReadLatest(lookup);
  if (owner_gone) status = store_.Read(lookup);
  if (!status.ok()) return status;
  return customer;
}

absl::StatusOr<Customer> CustomerDirectory::AddIdentity(CustomerId id, const Identity& identity) {
  return ChangeIdentity(
      id, identity, [&](StoreWriter& writer, CustomerId customer, const Identity& normalized) {
        if (suppression_ != nullptr) {
          if (absl::Status s = suppression_->CheckOne(writer, normalized, "identity"); !s.ok()) {
            return s;
          }
        }
        Identity asserted = normalized;
        StampProvenance({"api", "AddIdentity"}, clock_.Now(), asserted);
        return writer.AddIdentity(customer, asserted);
      });
}

absl::StatusOr<Customer> CustomerDirectory::RemoveIdentity(CustomerId id,
                                                           const Identity& identity) {
  return ChangeIdentity(id, identity,
                        [](StoreWriter& writer, CustomerId customer, const Identity& normalized) {
                          return writer.RemoveIdentity(customer, normalized);
                        });
}

absl::StatusOr<Customer> CustomerDirectory::ChangeIdentity(
    CustomerId id, const Identity& identity,
    absl::FunctionRef<absl::Status(StoreWriter&, CustomerId, const Identity&)> change) {
  absl::StatusOr<Identity> normalized = normalizer_.Normalize(identity);
  if (!normalized.ok()) return normalized.status();
  Customer customer;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<CustomerId> resolved = writer.ResolveCustomerId(id);
    if (!resolved.ok()) return resolved.status();
    if (absl::Status s = change(writer, *resolved, *normalized); !s.ok()) return s;
    if (absl::Status s = Touch(writer, *resolved, clock_.Now()); !s.ok()) return s;
    absl::StatusOr<Customer> found = writer.GetCustomer(*resolved);
    if (!found.ok()) return found.status();
    customer = *std::move(found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return customer;
}

absl::StatusOr<Customer> CustomerDirectory::Merge(CustomerId survivor, CustomerId merged,
                                                  const MergeCause& cause) {
  Customer customer;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<CustomerId> kept = writer.ResolveCustomerId(survivor);
    if (!kept.ok()) return kept.status();
    absl::StatusOr<CustomerId> gone = writer.ResolveCustomerId(merged);
    if (!gone.ok()) return gone.status();
    if (*kept == *gone) {
      return absl::InvalidArgumentError(absl::StrCat("customers ", survivor, " and ", merged,
                                                     " are already the same customer ", *kept));
    }
    if (absl::Status s = MergeInto(writer, *kept, *gone, clock_, cause); !s.ok()) return s;
    absl::StatusOr<Customer> found = writer.GetCustomer(*kept);
    if (!found.ok()) return found.status();
    customer = *std::move(found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return customer;
}

}  // namespace cxhub
