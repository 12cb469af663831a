#include "server/core/merge_ledger.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

std::string MergeName(MergeId id) { return absl::StrCat("merges/", id); }

// The merge that took `customer` (no longer live) into another customer and still stands.
absl::StatusOr<MergeEntry> StandingMergeOf(StoreReader& reader, CustomerId customer) {
  MergeId before = 0;
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(std::vector<MergeEntry> page,
                           reader.ListMerges(customer, before, kExplainedMerges));
    for (MergeEntry& entry : page) {
      if (entry.kind == MergeKind::kMerge && entry.merged_id == customer && entry.undone_by == 0) {
        return std::move(entry);
      }
    }
    if (page.size() < static_cast<size_t>(kExplainedMerges)) break;
    before = page.back().id;
  }
  return absl::FailedPreconditionError(
      absl::StrCat("customer ", customer, " is not live and no merge in the ledger explains why"));
}

// OK when `merge` can be undone now: a merge that stands, whose survivor is live and whose
// merged customer still points at it.
absl::Status CheckUndoable(StoreReader& reader, const MergeEntry& merge) {
  if (merge.kind != MergeKind::kMerge) {
    return absl::FailedPreconditionError(
        absl::StrCat(MergeName(merge.id), " is an unmerge, not a merge"));
  }
  if (merge.undone_by != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(MergeName(merge.id), " was undone already by ", MergeName(merge.undone_by)));
  }
  CXHUB_ASSIGN_OR_RETURN(CustomerId survivor, reader.ResolveCustomerId(merge.survivor_id));
  if (survivor != merge.survivor_id) {
    CXHUB_ASSIGN_OR_RETURN(MergeEntry later, StandingMergeOf(reader, merge.survivor_id));
    return absl::FailedPreconditionError(absl::StrCat(
        "customer ", merge.survivor_id, " was merged into customer ", later.survivor_id, " by ",
        MergeName(later.id), " since ", MergeName(merge.id), ": unmerge that first"));
  }
  CXHUB_ASSIGN_OR_RETURN(CustomerId merged, reader.ResolveCustomerId(merge.merged_id));
  if (merged != merge.survivor_id) {
    return absl::FailedPreconditionError(absl::StrCat(
        "customer ", merge.merged_id, " no longer belongs to customer ", merge.survivor_id));
  }
  return absl::OkStatus();
}

// The survivor without what the merge gave it: the attributes only the merged side had (when
// they still hold the merged side's value) and a display name taken from it.
void RemoveWhatTheMergeAdded(const MergeEntry& merge, Customer& survivor) {
  for (const auto& [key, value] : merge.merged_attributes) {
    if (merge.survivor_attributes.count(key) != 0) continue;
    auto now = survivor.attributes.find(key);
    if (now != survivor.attributes.end() && now->second == value) survivor.attributes.erase(now);
  }
  if (merge.survivor_display_name.empty() && survivor.display_name == merge.merged_display_name) {
    survivor.display_name.clear();
  }
}

// Undoes `merge` (checked undoable) in `writer`'s transaction; returns the unmerge's entry.
absl::StatusOr<MergeEntry> UndoMerge(StoreWriter& writer, const MergeEntry& merge,
                                     const MergeCause& cause, absl::Time now) {
  CXHUB_ASSIGN_OR_RETURN(Customer survivor, writer.GetCustomer(merge.survivor_id));
  CXHUB_RETURN_IF_ERROR(writer.RestoreMergedCustomer(merge).status());
  RemoveWhatTheMergeAdded(merge, survivor);
  survivor.update_time = now;
  CXHUB_RETURN_IF_ERROR(writer.UpdateCustomer(survivor));
  CXHUB_ASSIGN_OR_RETURN(Customer restored, writer.GetCustomer(merge.merged_id));
  restored.display_name = merge.merged_display_name;
  restored.attributes = merge.merged_attributes;
  restored.update_time = now;
  CXHUB_RETURN_IF_ERROR(writer.UpdateCustomer(restored));

  MergeEntry unmerge;
  unmerge.kind = MergeKind::kUnmerge;
  unmerge.survivor_id = merge.survivor_id;
  unmerge.merged_id = merge.merged_id;
  unmerge.cause = cause;
  unmerge.time = now;
  unmerge.undoes = merge.id;
  CXHUB_ASSIGN_OR_RETURN(unmerge.id, writer.InsertMerge(unmerge));
  return unmerge;
}

}  // namespace

absl::StatusOr<MergeEntry> MergeLedger::Get(MergeId id) {
  MergeEntry entry;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(entry, reader.GetMerge(id));
    return absl::OkStatus();
  }));
  return entry;
}

absl::StatusOr<std::vector<MergeEntry>> MergeLedger::List(CustomerId customer, MergeId before_id,
                                                          int limit) {
  std::vector<MergeEntry> entries;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(reader.ResolveCustomerId(customer).status());
    CXHUB_ASSIGN_OR_RETURN(entries, reader.ListMerges(customer, before_id, limit));
    return absl::OkStatus();
  }));
  return entries;
}

absl::StatusOr<MergeEntry> MergeLedger::Unmerge(MergeId id, const MergeCause& cause) {
  MergeEntry unmerge;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(MergeEntry merge, writer.GetMerge(id));
    CXHUB_RETURN_IF_ERROR(CheckUndoable(writer, merge));
    CXHUB_ASSIGN_OR_RETURN(unmerge, UndoMerge(writer, merge, cause, clock_.Now()));
    return absl::OkStatus();
  }));
  return unmerge;
}

absl::StatusOr<CustomerExplanation> MergeLedger::Explain(CustomerId id) {
  CustomerExplanation explanation;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(CustomerId live, reader.ResolveCustomerId(id));
    CXHUB_ASSIGN_OR_RETURN(explanation.customer, reader.GetCustomer(live));
    CXHUB_ASSIGN_OR_RETURN(explanation.merges, reader.ListMerges(live, 0, kExplainedMerges));
    return absl::OkStatus();
  }));
  for (const MergeEntry& entry : explanation.merges) {
    if (entry.kind == MergeKind::kUnmerge) explanation.unmerged = true;
  }
  return explanation;
}

}  // namespace cxhub
