#include "server/core/interaction_recorder.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "server/core/field_violation.h"
#include "server/core/mentioned_score_detector.h"
#include "server/core/record_validation.h"
#include "server/core/savepoint_result.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// NOT_FOUND "<what> <id> does not exist" for a row the request names; other errors unchanged.
absl::Status NamedNotFound(const absl::Status& status, absl::string_view what, int64_t id) {
  if (!absl::IsNotFound(status)) return status;
  return absl::NotFoundError(absl::StrCat(what, " ", id, " does not exist"));
}

// FAILED_PRECONDITION when one of `identities` is suppressed (an erased person's); OK without
// a suppression list.
absl::Status CheckNotSuppressed(const SuppressionList* suppression, StoreReader& reader,
                                const std::vector<Identity>& identities, absl::string_view field) {
  if (suppression == nullptr) return absl::OkStatus();
  return suppression->Check(reader, identities, field);
}

// What was recorded before under an interaction's keys.
struct Earlier {
  std::optional<Interaction> row;
  bool same_source = false;  // Under its (source, external_id); else under its global key.
};

absl::StatusOr<Earlier> FindEarlier(StoreReader& reader, const Interaction& in) {
  Earlier earlier;
  CXHUB_ASSIGN_OR_RETURN(earlier.row, reader.FindInteractionBySource(in.source, in.external_id));
  earlier.same_source = earlier.row.has_value();
  if (!earlier.row.has_value() && !in.global_key.empty()) {
    // The same message read by another source (another mailbox's connector): a replay.
    CXHUB_ASSIGN_OR_RETURN(earlier.row, reader.FindInteractionByGlobalKey(in.global_key));
  }
  return earlier;
}

// The customer `id` names, after merges; NOT_FOUND naming it.
absl::StatusOr<CustomerId> ResolveNamedCustomer(StoreReader& reader, CustomerId id) {
  absl::StatusOr<CustomerId> resolved = reader.ResolveCustomerId(id);
  if (!resolved.ok()) return NamedNotFound(resolved.status(), "customer", id);
  return resolved;
}

// `id` when that touchpoint exists; NOT_FOUND naming it.
absl::StatusOr<TouchpointId> ExistingTouchpoint(StoreReader& reader, TouchpointId id) {
  absl::Status found = reader.GetTouchpoint(id).status();
  if (!found.ok()) return NamedNotFound(found, "touchpoint", id);
  return id;
}

// Who asserts a request's identities: the request's assertion, else its interaction's source
// and external id.
IdentityProvenance AssertionOf(const RecordRequest& request, const Interaction& row) {
  IdentityProvenance assertion = request.assertion;
  if (assertion.source.empty()) {
    assertion.source = row.source;
    assertion.asserted_by = row.external_id;
  }
  return assertion;
}

RecordResult AlreadyRecorded(Interaction row) {
  RecordResult result;
  result.interaction = std::move(row);
  result.already_recorded = true;
  return result;
}

// Reads of a bulk record, each at most once per distinct id.
template <typename Id>
class OncePerId {
 public:
  template <typename Read>
  absl::StatusOr<Id> Get(Id id, Read read) {
    if (auto found = found_.find(id); found != found_.end()) return found->second;
    if (auto failed = failed_.find(id); failed != failed_.end()) return failed->second;
    absl::StatusOr<Id> result = read(id);
    if (result.ok()) {
      found_.emplace(id, *result);
    } else {
      failed_.emplace(id, result.status());
    }
    return result;
  }

  // What Get(id) will answer, read ahead for many ids at once.
  void Put(Id id, Id found) { found_.insert_or_assign(id, found); }
  // Whether Get(id) answers without reading.
  bool Has(Id id) const { return found_.contains(id) || failed_.contains(id); }

 private:
  absl::flat_hash_map<Id, Id> found_;
  absl::flat_hash_map<Id, absl::Status> failed_;
};

// Resolves the customer ids among `requests` into `customers` in one read: on MySQL, one
// statement per item was most of a batch's round trips. An id not found is left to be read
// again when its item comes: an item before it may create that customer.
absl::Status ResolveNamedCustomers(StoreReader& reader,
                                   absl::Span<const RecordRequest* const> requests,
                                   OncePerId<CustomerId>& customers) {
  std::vector<CustomerId> ids;
  for (const RecordRequest* request : requests) {
    if (request->interaction.customer_id != 0) ids.push_back(request->interaction.customer_id);
  }
  if (ids.empty()) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(const auto live, reader.ResolveCustomerIds(ids));
  for (const auto& [id, resolved] : live) customers.Put(id, resolved);
  return absl::OkStatus();
}

}  // namespace

bool InteractionRecorder::QualifiesForBulk(absl::Span<const RecordRequest* const> requests) {
  // Nothing such a record does depends on what the records before it wrote but the keys they
  // took, which the bulk insert settles in order, and the customers they resolved or merged,
  // which RecordInBulk follows. One exception: Record finds an item recorded by an earlier one
  // under the same key before resolving anything, so an item resolved from its identities must
  // not share a key with an item before it.
  absl::flat_hash_set<std::pair<std::string, std::string>> sources;
  absl::flat_hash_set<std::string> global_keys;
  for (const RecordRequest* request : requests) {
    const Interaction& in = request->interaction;
    if (request->replaces_earlier ||
        (in.survey.has_value() && in.survey->rated_interaction_id != 0)) {
      return false;
    }
    const bool keyed = !in.external_id.empty();
    const bool global = !in.global_key.empty();
    if (in.customer_id == 0 && ((keyed && sources.contains({in.source, in.external_id})) ||
                                (global && global_keys.contains(in.global_key)))) {
      return false;
    }
    if (keyed) sources.emplace(in.source, in.external_id);
    if (global) global_keys.insert(in.global_key);
  }
  return true;
}

absl::Status InteractionRecorder::Check(StoreReader& reader, const RecordRequest& request) const {
  CXHUB_RETURN_IF_ERROR(
      CheckNotSuppressed(suppression_, reader, request.identities, "customer_identities"));
  CXHUB_RETURN_IF_ERROR(ValidateRecordRequest(request, limits_));
  return CheckRatedInteraction(reader, request.interaction);
}

absl::StatusOr<RecordResult> InteractionRecorder::Record(StoreWriter& writer,
                                                         const RecordRequest& request) const {
  CXHUB_RETURN_IF_ERROR(Check(writer, request));
  CXHUB_ASSIGN_OR_RETURN(Earlier earlier, FindEarlier(writer, request.interaction));
  if (!earlier.row.has_value()) return Insert(writer, request);
  if (earlier.same_source && request.replaces_earlier) {
    return Replace(writer, request, *std::move(earlier.row));
  }
  return AlreadyRecorded(*std::move(earlier.row));
}

absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> InteractionRecorder::RecordAll(
    StoreWriter& writer, absl::Span<const RecordRequest* const> requests) const {
  if (QualifiesForBulk(requests)) return RecordInBulk(writer, requests);
  std::vector<absl::StatusOr<RecordResult>> results;
  results.reserve(requests.size());
  for (const RecordRequest* request : requests) {
    results.push_back(InSavepoint<RecordResult>(
        writer, [&](StoreWriter& nested) { return Record(nested, *request); }));
  }
  return results;
}

absl::Status InteractionRecorder::ReadAhead::Refresh(StoreReader& reader,
                                                     const CustomerResolver& resolver,
                                                     const std::vector<Identity>& raw,
                                                     size_t item) {
  absl::StatusOr<std::vector<Identity>> identities = resolver.NormalizeAll(raw);
  if (!identities.ok()) return absl::OkStatus();  // Then nothing was resolved.
  std::vector<Identity> named_later;
  for (const Identity& identity : *identities) {
    const auto last = last_named.find({identity.kind, identity.value});
    if (last != last_named.end() && last->second > item) {
      named_later.push_back(identity);
    } else {
      owners.erase({identity.kind, identity.value});
    }
  }
  if (named_later.empty()) return absl::OkStatus();
  CXHUB_ASSIGN_OR_RETURN(const std::vector<std::optional<OwnedIdentity>> found,
                         reader.FindIdentities(named_later));
  for (size_t k = 0; k < named_later.size(); ++k) {
    owners[{named_later[k].kind, named_later[k].value}] = found[k];
  }
  return absl::OkStatus();
}

void InteractionRecorder::ReadAhead::Expect(const Resolution& planned, CustomerId placeholder,
                                            bool named) {
  for (const Identity& identity : planned.identities) {
    OwnedIdentity owned;
    owned.customer_id = placeholder;
    owned.trust = identity.trust;
    owners[{identity.kind, identity.value}] = owned;
  }
  if (named) named_customers.insert(placeholder);
}

void InteractionRecorder::ReadAhead::Renumber(absl::FunctionRef<CustomerId(CustomerId)> inserted) {
  for (auto& [identity, owner] : owners) {
    if (owner.has_value()) owner->customer_id = inserted(owner->customer_id);
  }
  absl::flat_hash_set<CustomerId> renumbered;
  for (CustomerId customer : named_customers) renumbered.insert(inserted(customer));
  named_customers = std::move(renumbered);
}

absl::StatusOr<InteractionRecorder::ReadAhead> InteractionRecorder::ReadAheadForIdentities(
    StoreReader& reader, absl::Span<const RecordRequest* const> requests) const {
  ReadAhead ahead;
  ahead.may_have_earlier.assign(requests.size(), false);
  std::vector<const Interaction*> interactions;
  std::vector<size_t> items;
  std::vector<Identity> identities;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (requests[i]->interaction.customer_id != 0) continue;
    interactions.push_back(&requests[i]->interaction);
    items.push_back(i);
    // A request with a malformed identity fails before its owners are looked up.
    absl::StatusOr<std::vector<Identity>> normalized =
        resolver_.NormalizeAll(requests[i]->identities);
    if (normalized.ok()) {
      for (const Identity& identity : *normalized) {
        ahead.last_named[{identity.kind, identity.value}] = i;
      }
      identities.insert(identities.end(), normalized->begin(), normalized->end());
    }
  }
  if (items.empty()) return ahead;
  CXHUB_ASSIGN_OR_RETURN(const std::vector<bool> earlier, reader.HaveEarlierRecords(interactions));
  for (size_t k = 0; k < items.size(); ++k) ahead.may_have_earlier[items[k]] = earlier[k];
  CXHUB_ASSIGN_OR_RETURN(const std::vector<std::optional<OwnedIdentity>> owners,
                         reader.FindIdentities(identities));
  std::vector<CustomerId> owner_ids;
  for (size_t k = 0; k < identities.size(); ++k) {
    ahead.owners[{identities[k].kind, identities[k].value}] = owners[k];
    if (owners[k].has_value()) owner_ids.push_back(owners[k]->customer_id);
  }
  // A request naming the customer resolves without writing only when the customer has a name
  // already: the owners' names are read here, once, instead of a whole customer per record.
  const bool names_given = absl::c_any_of(requests, [](const RecordRequest* request) {
    return !request->customer_display_name.empty();
  });
  if (names_given && !owner_ids.empty()) {
    std::sort(owner_ids.begin(), owner_ids.end());
    owner_ids.erase(std::unique(owner_ids.begin(), owner_ids.end()), owner_ids.end());
    CXHUB_ASSIGN_OR_RETURN(ahead.named_customers, reader.NamedCustomers(owner_ids));
  }
  return ahead;
}

absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> InteractionRecorder::RecordInBulk(
    StoreWriter& writer, absl::Span<const RecordRequest* const> requests) const {
  std::vector<absl::StatusOr<RecordResult>> results(requests.size(),
                                                    absl::UnknownError("not recorded"));
  // Items that passed the checks Record makes before its lookup of earlier records: those the
  // lookup may still answer (after the insert, to see the keys items before them took).
  std::vector<bool> looked_up(requests.size(), false);
  std::vector<Interaction> rows;  // Not inserted yet.
  std::vector<size_t> row_items;  // The request of each row.
  rows.reserve(requests.size());  // Growing it moved every row again at each doubling.
  row_items.reserve(requests.size());
  absl::flat_hash_map<InteractionId, size_t> inserted_by;  // Id -> the item that inserted it.
  OncePerId<CustomerId> customers;
  OncePerId<TouchpointId> touchpoints;
  CXHUB_ASSIGN_OR_RETURN(std::shared_ptr<const TouchpointRuleSet> rules, assigner_.Rules(writer));
  auto existing_touchpoint = [&](StoreReader& reader, TouchpointId id) {
    return touchpoints.Get(id,
                           [&](TouchpointId named) { return ExistingTouchpoint(reader, named); });
  };
  CXHUB_ASSIGN_OR_RETURN(ReadAhead ahead, ReadAheadForIdentities(writer, requests));
  // The customers that items resolved from identities nobody owns create, inserted together
  // (a few statements for many, where each took eight) before anything that could read them: a
  // resolution that writes, and the rows. Until then the rows and the read ahead name the first
  // of them -1, the second -2, and so on.
  std::vector<Customer> new_customers;
  auto insert_new_customers = [&]() -> absl::Status {
    if (new_customers.empty()) return absl::OkStatus();
    CXHUB_ASSIGN_OR_RETURN(const std::vector<CustomerId> ids,
                           writer.InsertCustomers(new_customers));
    new_customers.clear();
    auto inserted = [&](CustomerId id) { return id < 0 ? ids[-id - 1] : id; };
    for (Interaction& row : rows) row.customer_id = inserted(row.customer_id);
    ahead.Renumber(inserted);
    return absl::OkStatus();
  };
  // Queues `planned` under the next placeholder, its identities owned by it in the read ahead
  // (and its name, when `named`); returns what Resolve would answer, naming the placeholder.
  auto queue_new_customer = [&](PlannedCustomer planned, bool named) {
    new_customers.push_back(std::move(planned.customer));
    planned.resolution.customer_id = -static_cast<CustomerId>(new_customers.size());
    ahead.Expect(planned.resolution, planned.resolution.customer_id, named);
    return std::move(planned.resolution);
  };
  auto insert_rows = [&]() -> absl::Status {
    CXHUB_RETURN_IF_ERROR(insert_new_customers());
    if (rows.empty()) return absl::OkStatus();
    CXHUB_ASSIGN_OR_RETURN(std::vector<absl::StatusOr<InteractionId>> ids,
                           writer.InsertInteractions(rows));
    for (size_t k = 0; k < rows.size(); ++k) {
      const size_t i = row_items[k];
      if (!ids[k].ok()) {
        results[i] = ids[k].status();
        continue;
      }
      rows[k].id = *ids[k];
      inserted_by[rows[k].id] = i;
      results[i]->interaction = std::move(rows[k]);
    }
    rows.clear();
    row_items.clear();
    return absl::OkStatus();
  };
  CXHUB_RETURN_IF_ERROR(ResolveNamedCustomers(writer, requests, customers));
  for (size_t i = 0; i < requests.size(); ++i) {
    const RecordRequest& request = *requests[i];
    if (absl::Status checked = Check(writer, request); !checked.ok()) {
      results[i] = checked;
      continue;
    }
    Interaction row = request.interaction;
    row.mentioned_score = FindMentionedScore(row);  // Before the rules see it, as in Insert.
    RecordResult result;
    if (row.customer_id != 0) {
      looked_up[i] = true;
      // The customer read may be one that an item before this one creates.
      if (!customers.Has(row.customer_id)) CXHUB_RETURN_IF_ERROR(insert_new_customers());
      absl::StatusOr<CustomerId> customer = customers.Get(
          row.customer_id, [&](CustomerId id) { return ResolveNamedCustomer(writer, id); });
      if (!customer.ok()) {
        results[i] = customer.status();
        continue;
      }
      row.customer_id = *customer;
      if (row.touchpoint_id != 0) {
        if (absl::Status found = existing_touchpoint(writer, row.touchpoint_id).status();
            !found.ok()) {
          results[i] = found;
          continue;
        }
      }
    } else {
      // As Record: an earlier record answers before anything is resolved. Only the items the
      // read ahead found keys of look for it (no item before them took their keys:
      // QualifiesForBulk).
      if (ahead.may_have_earlier[i]) {
        CXHUB_ASSIGN_OR_RETURN(Earlier earlier, FindEarlier(writer, row));
        if (earlier.row.has_value()) {
          results[i] = AlreadyRecorded(*std::move(earlier.row));
          continue;
        }
      }
      // Most records are from a known customer, or a new one inserted with the batch's others,
      // and resolve without writing: no savepoint.
      std::optional<PlannedCustomer> planned;
      absl::StatusOr<std::optional<Resolution>> known =
          ResolveKnown(writer, request, row, ahead, planned);
      absl::Status resolved = known.status();
      if (resolved.ok() && (known->has_value() || planned.has_value())) {
        if (row.touchpoint_id != 0) {
          resolved = existing_touchpoint(writer, row.touchpoint_id).status();
        }
        if (resolved.ok()) {
          TakeResolution(
              planned.has_value()
                  ? queue_new_customer(*std::move(planned), !request.customer_display_name.empty())
                  : **std::move(known),
              row, result);
        }
      } else if (resolved.ok()) {
        CXHUB_RETURN_IF_ERROR(insert_new_customers());
        // The resolution and the touchpoint's check, all or nothing. A merge moves the merged
        // customers' interactions, which must include the rows of the items before this one
        // (the merge ledger lists what it moved): it is undone, those rows go in first, and it
        // is done again.
        bool merges_pending_rows = false;
        auto resolve = [&](StoreWriter& nested) -> absl::Status {
          CXHUB_ASSIGN_OR_RETURN(Resolution resolution, ResolveIdentities(nested, request, row));
          if (!resolution.merged.empty() && !rows.empty()) {
            merges_pending_rows = true;
            return absl::AbortedError("a merge waits for the rows before it");
          }
          if (row.touchpoint_id != 0) {
            CXHUB_RETURN_IF_ERROR(existing_touchpoint(nested, row.touchpoint_id).status());
          }
          TakeResolution(std::move(resolution), row, result);
          return absl::OkStatus();
        };
        resolved = writer.Savepoint(resolve);
        if (merges_pending_rows) {
          CXHUB_RETURN_IF_ERROR(insert_rows());
          merges_pending_rows = false;
          resolved = writer.Savepoint(resolve);
        }
        // A merge changed the owners of other identities too: nothing read ahead holds. Else
        // only its own identities changed (attached, raised): read again for the items after.
        if (result.merged.empty()) {
          CXHUB_RETURN_IF_ERROR(ahead.Refresh(writer, resolver_, request.identities, i));
        } else {
          customers = OncePerId<CustomerId>();  // Ids merged away.
          ahead.owners.clear();
          ahead.named_customers.clear();
        }
      }
      if (!resolved.ok()) {
        results[i] = resolved;
        continue;
      }
    }
    looked_up[i] = true;
    if (row.touchpoint_id != 0) {
      row.touchpoint_rule_id = 0;
    } else {
      TouchpointAssigner::AssignFrom(*rules, row);
    }
    row.id = 0;
    row.create_time = clock_.Now();
    results[i] = std::move(result);
    rows.push_back(std::move(row));
    row_items.push_back(i);
  }
  CXHUB_RETURN_IF_ERROR(insert_rows());
  // An item that failed after the checks was answered by an earlier record in Record, if there
  // was one then: recorded before the batch, or by an item before it.
  for (size_t i = 0; i < requests.size(); ++i) {
    if (results[i].ok() || !looked_up[i]) continue;
    CXHUB_ASSIGN_OR_RETURN(Earlier earlier, FindEarlier(writer, requests[i]->interaction));
    if (!earlier.row.has_value()) continue;
    auto by = inserted_by.find(earlier.row->id);
    if (by != inserted_by.end() && by->second > i) continue;
    results[i] = AlreadyRecorded(*std::move(earlier.row));
  }
  return results;
}

absl::StatusOr<RecordResult> InteractionRecorder::Replace(StoreWriter& writer,
                                                          const RecordRequest& request,
                                                          Interaction existing) const {
  Interaction content = request.interaction;
  content.customer_id = existing.customer_id;
  if (content.touchpoint_id == 0 && HasExplicitTouchpoint(existing)) {
    content.touchpoint_id = existing.touchpoint_id;
  }
  content.mentioned_score = FindMentionedScore(content);
  CXHUB_RETURN_IF_ERROR(AssignTouchpoint(writer, content));
  CXHUB_RETURN_IF_ERROR(writer.ReplaceInteractionContent(content).status());
  RecordResult result;
  result.interaction = std::move(existing);
  result.replaced = true;
  return result;
}

absl::Status InteractionRecorder::AssignTouchpoint(StoreReader& reader, Interaction& row) const {
  if (row.touchpoint_id != 0) {
    row.touchpoint_rule_id = 0;
    return absl::OkStatus();
  }
  return assigner_.Assign(reader, row);
}

absl::StatusOr<RecordResult> InteractionRecorder::Insert(StoreWriter& writer,
                                                         const RecordRequest& request) const {
  RecordResult result;
  Interaction row = request.interaction;
  row.mentioned_score = FindMentionedScore(row);
  if (row.customer_id != 0) {
    CXHUB_ASSIGN_OR_RETURN(row.customer_id, ResolveNamedCustomer(writer, row.customer_id));
  } else {
    CXHUB_ASSIGN_OR_RETURN(Resolution resolution, ResolveIdentities(writer, request, row));
    TakeResolution(std::move(resolution), row, result);
  }
  if (row.touchpoint_id != 0) {
    CXHUB_RETURN_IF_ERROR(ExistingTouchpoint(writer, row.touchpoint_id).status());
  }
  CXHUB_RETURN_IF_ERROR(AssignTouchpoint(writer, row));
  row.id = 0;
  row.create_time = clock_.Now();
  CXHUB_ASSIGN_OR_RETURN(row.id, writer.InsertInteraction(row));
  result.interaction = std::move(row);
  return result;
}

absl::StatusOr<Resolution> InteractionRecorder::ResolveIdentities(StoreWriter& writer,
                                                                  const RecordRequest& request,
                                                                  const Interaction& row) const {
  MergeCause cause;
  cause.source = row.source;
  cause.external_id = row.external_id;
  cause.actor = request.actor;
  absl::StatusOr<Resolution> resolution = resolver_.Resolve(
      writer, request.identities, request.customer_display_name, AssertionOf(request, row), cause);
  // The resolver names the identities "identities"; the request calls them customer_.
  if (!resolution.ok()) return NestFieldViolation(resolution.status(), "customer_");
  return resolution;
}

absl::StatusOr<std::optional<Resolution>> InteractionRecorder::ResolveKnown(
    StoreReader& reader, const RecordRequest& request, const Interaction& row,
    ReadAhead& read_ahead, std::optional<PlannedCustomer>& planned) const {
  absl::StatusOr<std::optional<Resolution>> resolution = resolver_.ResolveWithoutWrites(
      reader, request.identities, request.customer_display_name, AssertionOf(request, row),
      &read_ahead.owners, &read_ahead.named_customers, &planned);
  if (!resolution.ok()) return NestFieldViolation(resolution.status(), "customer_");
  return resolution;
}

void InteractionRecorder::TakeResolution(Resolution resolution, Interaction& row,
                                         RecordResult& result) {
  row.customer_id = resolution.customer_id;
  row.recorded_identities = std::move(resolution.identities);
  result.customer_created = resolution.created;
  result.merged = std::move(resolution.merged);
  result.conflicting = std::move(resolution.conflicting);
  result.suggestions = std::move(resolution.suggestions);
}

absl::StatusOr<Resolution> InteractionRecorder::Link(StoreWriter& writer,
                                                     const std::vector<Identity>& identities,
                                                     const std::string& display_name,
                                                     const IdentityProvenance& assertion,
                                                     const MergeCause& cause) const {
  CXHUB_RETURN_IF_ERROR(CheckNotSuppressed(suppression_, writer, identities, "identities"));
  CXHUB_RETURN_IF_ERROR(CheckLength(display_name, "display_name", limits_.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(CheckIdentities(identities, "identities", limits_, /*required=*/true));
  return resolver_.Resolve(writer, identities, display_name, assertion, cause);
}

}  // namespace cxhub
