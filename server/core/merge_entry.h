// One entry of the merge ledger: a merge of two customers (automatic, while recording, or
// requested), or the unmerge that undid one. Plain values shared by core/, storage/ and api/.
#ifndef CXHUB_SERVER_CORE_MERGE_ENTRY_H_
#define CXHUB_SERVER_CORE_MERGE_ENTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/core/model.h"

namespace cxhub {

using MergeId = int64_t;

enum class MergeKind { kMerge = 1, kUnmerge = 2 };

// Why two customers were joined (or parted), and by whom. Empty fields are unknown or do not
// apply: an automatic merge names the identity and the record, a requested one the method.
struct MergeCause {
  std::optional<Identity> identity;  // The identity that joined them.
  std::string source;                // The record that carried it: (source, external_id).
  std::string external_id;
  std::string method;  // The API method that asked for it ("MergeCustomers").
  std::string actor;   // The caller's token name, or the connector's name.
};

struct MergeEntry {
  MergeId id = 0;
  MergeKind kind = MergeKind::kMerge;
  CustomerId survivor_id = 0;
  CustomerId merged_id = 0;
  MergeCause cause;
  absl::Time time;
  MergeId undone_by = 0;  // kMerge: the unmerge that undid it, 0 while it stands.
  MergeId undoes = 0;     // kUnmerge: the merge it undid.

  // What the merge changed, to undo it exactly (kMerge only). The store snapshots the rest
  // (the merged side's interactions, and the customers merged into it before) at insert.
  std::string merged_display_name;
  Attributes merged_attributes;
  std::string survivor_display_name;  // Before the merge.
  Attributes survivor_attributes;     // Before the merge.
  // Filled by the store from its snapshot when it reads an entry back.
  std::vector<Identity> merged_identities;  // Sorted.
  int64_t merged_interaction_count = 0;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MERGE_ENTRY_H_
