#include "server/api/merge_ledger_conversion.h"

#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"

namespace cxhub {

void MergeToProto(const MergeEntry& entry, v1::Merge* out) {
  out->set_name(MergeName(entry.id));
  out->set_kind(entry.kind == MergeKind::kMerge ? v1::Merge::KIND_MERGE : v1::Merge::KIND_UNMERGE);
  out->set_survivor(CustomerName(entry.survivor_id));
  out->set_merged(CustomerName(entry.merged_id));
  if (entry.cause.identity.has_value()) {
    IdentityToProto(*entry.cause.identity, out->mutable_identity());
  }
  out->set_source(entry.cause.source);
  out->set_external_id(entry.cause.external_id);
  out->set_method(entry.cause.method);
  out->set_actor(entry.cause.actor);
  TimeToProto(entry.time, out->mutable_time());
  if (entry.undone_by != 0) out->set_undone_by(MergeName(entry.undone_by));
  if (entry.undoes != 0) out->set_undoes(MergeName(entry.undoes));
  out->set_merged_display_name(entry.merged_display_name);
  for (const Identity& identity : entry.merged_identities) {
    IdentityToProto(identity, out->add_merged_identities());
  }
  out->set_merged_interaction_count(entry.merged_interaction_count);
}

void ExplanationToProto(const CustomerExplanation& explanation, v1::CustomerExplanation* out) {
  CustomerToProto(explanation.customer, out->mutable_customer());
  for (const MergeEntry& entry : explanation.merges) MergeToProto(entry, out->add_merges());
  out->set_unmerged(explanation.unmerged);
}

}  // namespace cxhub
