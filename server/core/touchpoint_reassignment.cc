#include "server/core/touchpoint_reassignment.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"
#include "server/core/touchpoint_rule_set.h"

namespace cxhub {
namespace {

// The cursor is the last interaction id examined, in decimal; empty before the first batch.
absl::StatusOr<InteractionId> LastExamined(const std::string& cursor) {
  InteractionId id = 0;
  if (cursor.empty()) return id;
  if (!absl::SimpleAtoi(cursor, &id) || id < 0) {
    return absl::InternalError(absl::StrCat("corrupt reassignment cursor \"", cursor, "\""));
  }
  return id;
}

}  // namespace

absl::StatusOr<int64_t> TouchpointReassignment::Total(StoreReader& reader) {
  return reader.LatestInteractionId();
}

absl::StatusOr<bool> TouchpointReassignment::RunBatch(StoreWriter& writer,
                                                      OperationProgress& progress) {
  const InteractionId end = progress.total;
  CXHUB_ASSIGN_OR_RETURN(const InteractionId after, LastExamined(progress.cursor));
  if (after >= end) return true;
  // Locked until the batch commits: an edit of one of these interactions committed between
  // this read and the update below would otherwise lose its touchpoint to one computed from
  // the content it replaced. The edit waits instead, and assigns its own afterwards.
  CXHUB_ASSIGN_OR_RETURN(std::vector<Interaction> batch,
                         writer.ListInteractionsSinceForUpdate(after, batch_size_));
  CXHUB_ASSIGN_OR_RETURN(std::shared_ptr<const TouchpointRuleSet> rules, assigner_.Rules(writer));
  InteractionId last = after;
  for (const Interaction& interaction : batch) {
    if (interaction.id > end) break;
    last = interaction.id;
    if (HasExplicitTouchpoint(interaction)) continue;
    const TouchpointRule* rule = rules->Match(interaction);
    const TouchpointId touchpoint = rule != nullptr ? rule->touchpoint_id : 0;
    const TouchpointRuleId rule_id = rule != nullptr ? rule->id : 0;
    if (touchpoint == interaction.touchpoint_id && rule_id == interaction.touchpoint_rule_id) {
      continue;
    }
    CXHUB_RETURN_IF_ERROR(writer.SetInteractionTouchpoint(interaction.id, touchpoint, rule_id));
    ++progress.changed;
  }
  // A batch shorter than asked, or one that reached past the end, leaves nothing in the range.
  const bool finished = static_cast<int>(batch.size()) < batch_size_ || last >= end ||
                        (!batch.empty() && batch.back().id > end);
  if (finished) last = end;
  progress.cursor = absl::StrCat(last);
  progress.processed = last;
  return finished;
}

}  // namespace cxhub
