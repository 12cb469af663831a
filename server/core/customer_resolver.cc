#include "server/core/customer_resolver.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/customer_merger.h"
#include "server/core/field_violation.h"

namespace cxhub {

absl::StatusOr<std::vector<Identity>> CustomerResolver::NormalizeAll(
    const std::vector<Identity>& raw) const {
  std::vector<Identity> out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    absl::StatusOr<Identity> identity = normalizer_.Normalize(raw[i]);
    if (!identity.ok()) {
      return InvalidFieldError(absl::StrCat("identities[", i, "]"), identity.status().message());
    }
    if (std::find(out.begin(), out.end(), *identity) == out.end()) {
      out.push_back(*std::move(identity));
    }
  }
  return out;
}

absl::StatusOr<Resolution> CustomerResolver::Resolve(StoreWriter& writer,
                                                     const std::vector<Identity>& raw,
                                                     const std::string& display_name,
                                                     const MergeCause& cause) const {
  if (raw.empty()) {
    return InvalidFieldError("identities", "a customer id or at least one identity is required");
  }
  absl::StatusOr<std::vector<Identity>> identities = NormalizeAll(raw);
  if (!identities.ok()) return identities.status();

  // owners[i] is the live owner of (*identities)[i], if any.
  std::vector<std::optional<CustomerId>> owners;
  std::vector<CustomerId> distinct;
  for (const Identity& identity : *identities) {
    absl::StatusOr<std::optional<CustomerId>> owner = writer.FindCustomerByIdentity(identity);
    if (!owner.ok()) return owner.status();
    owners.push_back(*owner);
    if (owner->has_value() &&
        std::find(distinct.begin(), distinct.end(), **owner) == distinct.end()) {
      distinct.push_back(**owner);
    }
  }

  Resolution result;
  result.identities = *identities;
  const absl::Time now = clock_.Now();
  if (distinct.empty()) {
    Customer customer;
    customer.display_name = display_name;
    customer.identities = *identities;
    std::sort(customer.identities.begin(), customer.identities.end());
    customer.create_time = now;
    customer.update_time = now;
    absl::StatusOr<CustomerId> id = writer.InsertCustomer(customer);
    if (!id.ok()) return id.status();
    result.customer_id = *id;
    result.created = true;
    return result;
  }

  if (distinct.size() == 1 || policy_ == ConflictPolicy::kMerge) {
    result.customer_id = *std::min_element(distinct.begin(), distinct.end());
    for (CustomerId other : distinct) {
      if (other != result.customer_id) result.merged.push_back(other);
    }
    std::sort(result.merged.begin(), result.merged.end());
    for (CustomerId other : result.merged) {
      MergeCause why = cause;
      why.identity = (*identities)[std::find(owners.begin(), owners.end(), other) - owners.begin()];
      if (absl::Status s = MergeInto(writer, result.customer_id, other, clock_, why); !s.ok()) {
        return s;
      }
    }
  } else {
    result.customer_id = distinct.front();  // Owner of the first owned identity.
    result.conflicting.assign(distinct.begin() + 1, distinct.end());
    std::sort(result.conflicting.begin(), result.conflicting.end());
  }

  bool attached = false;
  for (size_t i = 0; i < identities->size(); ++i) {
    if (owners[i].has_value()) continue;  // Owned: by the customer now, or left alone (kFlag).
    if (absl::Status s = writer.AddIdentity(result.customer_id, (*identities)[i]); !s.ok()) {
      return s;
    }
    attached = true;
  }
  // Attaching identities touches the customer; a record may also name a nameless customer.
  if (attached || !display_name.empty()) {
    absl::StatusOr<Customer> customer = writer.GetCustomer(result.customer_id);
    if (!customer.ok()) return customer.status();
    bool changed = attached;
    if (customer->display_name.empty() && !display_name.empty()) {
      customer->display_name = display_name;
      changed = true;
    }
    if (changed) {
      customer->update_time = now;
      if (absl::Status s = writer.UpdateCustomer(*customer); !s.ok()) return s;
    }
  }
  return result;
}

}  // namespace cxhub
