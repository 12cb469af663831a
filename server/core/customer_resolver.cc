#include "server/core/customer_resolver.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/customer_merger.h"
#include "server/core/field_violation.h"
#include "server/core/status_macros.h"

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

absl::StatusOr<CustomerResolver::Owned> CustomerResolver::FindOwners(
    StoreReader& reader, const std::vector<Identity>& raw, const IdentityProvenance& assertion,
    const IdentityOwners* known) const {
  if (raw.empty()) {
    return InvalidFieldError("identities", "a customer id or at least one identity is required");
  }
  Owned owned;
  CXHUB_ASSIGN_OR_RETURN(owned.identities, NormalizeAll(raw));
  owned.now = clock_.Now();
  for (Identity& identity : owned.identities) StampProvenance(assertion, owned.now, identity);
  auto owner_of = [&](const Identity& identity) -> absl::StatusOr<std::optional<OwnedIdentity>> {
    if (known != nullptr) {
      auto read_ahead = known->find(std::pair(identity.kind, identity.value));
      if (read_ahead != known->end()) return read_ahead->second;
    }
    return reader.FindIdentity(identity);
  };
  for (const Identity& identity : owned.identities) {
    CXHUB_ASSIGN_OR_RETURN(std::optional<OwnedIdentity> owner, owner_of(identity));
    if (owner.has_value() && std::find(owned.distinct.begin(), owned.distinct.end(),
                                       owner->customer_id) == owned.distinct.end()) {
      owned.distinct.push_back(owner->customer_id);
    }
    owned.owners.push_back(owner);
  }
  return owned;
}

absl::StatusOr<Resolution> CustomerResolver::Resolve(StoreWriter& writer,
                                                     const std::vector<Identity>& raw,
                                                     const std::string& display_name,
                                                     const IdentityProvenance& assertion,
                                                     const MergeCause& cause) const {
  CXHUB_ASSIGN_OR_RETURN(const Owned owned, FindOwners(writer, raw, assertion));
  const std::vector<Identity>& identities = owned.identities;
  if (owned.distinct.empty()) {
    PlannedCustomer planned = NewCustomer(owned, display_name);
    CXHUB_ASSIGN_OR_RETURN(planned.resolution.customer_id, writer.InsertCustomer(planned.customer));
    return std::move(planned.resolution);
  }
  Resolution result;
  result.identities = identities;
  MergePlan plan;
  if (owned.distinct.size() == 1) {
    plan.customer_id = owned.distinct.front();
  } else {
    plan = policy_.Plan(identities, owned.owners);
  }
  CXHUB_RETURN_IF_ERROR(ApplyPlan(writer, identities, owned.owners, plan, cause, result));
  CXHUB_RETURN_IF_ERROR(
      AttachIdentities(writer, identities, owned.owners, display_name, owned.now, result));
  return result;
}

absl::StatusOr<std::optional<Resolution>> CustomerResolver::ResolveWithoutWrites(
    StoreReader& reader, const std::vector<Identity>& raw, const std::string& display_name,
    const IdentityProvenance& assertion, const IdentityOwners* known,
    absl::flat_hash_set<CustomerId>* named, std::optional<PlannedCustomer>* planned) const {
  CXHUB_ASSIGN_OR_RETURN(Owned owned, FindOwners(reader, raw, assertion, known));
  if (owned.distinct.empty() && planned != nullptr) {
    *planned = NewCustomer(owned, display_name);
    return std::nullopt;
  }
  // The conditions under which Resolve's ApplyPlan and AttachIdentities change nothing.
  if (owned.distinct.size() != 1) return std::nullopt;
  for (size_t i = 0; i < owned.identities.size(); ++i) {
    if (!owned.owners[i].has_value() || owned.identities[i].trust > owned.owners[i]->trust) {
      return std::nullopt;
    }
  }
  Resolution result;
  result.customer_id = owned.distinct.front();
  if (!display_name.empty() && (named == nullptr || !named->contains(result.customer_id))) {
    CXHUB_ASSIGN_OR_RETURN(const absl::flat_hash_set<CustomerId> found,
                           reader.NamedCustomers({result.customer_id}));
    if (found.empty()) return std::nullopt;
    if (named != nullptr) named->insert(result.customer_id);
  }
  result.identities = std::move(owned.identities);
  return result;
}

PlannedCustomer CustomerResolver::NewCustomer(const Owned& owned, const std::string& display_name) {
  PlannedCustomer planned;
  Customer& customer = planned.customer;
  customer.display_name = display_name;
  customer.identities = owned.identities;
  std::sort(customer.identities.begin(), customer.identities.end());
  customer.create_time = owned.now;
  customer.update_time = owned.now;
  planned.resolution.identities = owned.identities;
  planned.resolution.created = true;
  return planned;
}

absl::Status CustomerResolver::ApplyPlan(StoreWriter& writer,
                                         const std::vector<Identity>& identities,
                                         const std::vector<std::optional<OwnedIdentity>>& owners,
                                         const MergePlan& plan, const MergeCause& cause,
                                         Resolution& result) const {
  result.customer_id = plan.customer_id;
  result.merged = plan.merged;
  for (CustomerId other : plan.merged) {
    MergeCause why = cause;
    for (size_t i = 0; i < owners.size(); ++i) {
      if (owners[i].has_value() && owners[i]->customer_id == other) {
        why.identity = identities[i];
        break;
      }
    }
    CXHUB_RETURN_IF_ERROR(MergeInto(writer, result.customer_id, other, clock_, why));
  }
  if (!plan.merged.empty()) {
    for (size_t i : plan.joining_identities) {
      CXHUB_RETURN_IF_ERROR(
          writer.CountIdentityJoins(identities[i], static_cast<int64_t>(plan.merged.size())));
    }
  }
  for (const MergeRefusal& refusal : plan.refused) {
    result.conflicting.push_back(refusal.customer_id);
    if (policy_.conflict() != ConflictPolicy::kMerge) continue;
    const Identity& identity = identities[refusal.identity_index];
    CXHUB_ASSIGN_OR_RETURN(bool suggested, writer.HasMergeSuggestion(
                                               result.customer_id, refusal.customer_id, identity));
    if (suggested) continue;  // The same claim again: the open (or rejected) one stands.
    MergeSuggestion suggestion;
    suggestion.reason = refusal.reason;
    suggestion.customer_id = result.customer_id;
    suggestion.other_customer_id = refusal.customer_id;
    suggestion.identity = identity;
    suggestion.create_time = identity.provenance.assert_time;
    CXHUB_ASSIGN_OR_RETURN(MergeSuggestionId id, writer.InsertMergeSuggestion(suggestion));
    result.suggestions.push_back(id);
    CXHUB_RETURN_IF_ERROR(writer.CountIdentityJoins(identity, 1));
  }
  std::sort(result.conflicting.begin(), result.conflicting.end());
  return absl::OkStatus();
}

absl::Status CustomerResolver::AttachIdentities(
    StoreWriter& writer, const std::vector<Identity>& identities,
    const std::vector<std::optional<OwnedIdentity>>& owners, const std::string& display_name,
    absl::Time now, Resolution& result) const {
  bool attached = false;
  for (size_t i = 0; i < identities.size(); ++i) {
    if (!owners[i].has_value()) {
      CXHUB_RETURN_IF_ERROR(writer.AddIdentity(result.customer_id, identities[i]));
      attached = true;
      continue;
    }
    // Owned by the customer now (directly or through a merge): it may now be proved.
    const CustomerId owner = owners[i]->customer_id;
    const bool ours =
        owner == result.customer_id ||
        std::find(result.merged.begin(), result.merged.end(), owner) != result.merged.end();
    if (ours && identities[i].trust > owners[i]->trust) {
      CXHUB_RETURN_IF_ERROR(writer.RaiseIdentityTrust(identities[i]));
    }
  }
  // Attaching identities touches the customer; a record may also name a nameless customer.
  if (!attached && display_name.empty()) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(Customer customer, writer.GetCustomer(result.customer_id));
  bool changed = attached;
  if (customer.display_name.empty() && !display_name.empty()) {
    customer.display_name = display_name;
    changed = true;
  }
  if (!changed) return absl::OkStatus();
  customer.update_time = now;
  return writer.UpdateCustomer(customer);
}

}  // namespace cxhub
