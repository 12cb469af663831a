#include "server/core/interaction_log.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// WatchNext hands out at most this many interactions per call.
constexpr int kWatchBatch = 100;

}  // namespace

absl::StatusOr<RecordResult> InteractionLog::RecordInTransaction(StoreWriter& writer,
                                                                 const RecordRequest& request) {
  if (reserved_sources_ != nullptr) {
    CXHUB_RETURN_IF_ERROR(
        reserved_sources_->Check(request.interaction.source, "interaction.source"));
  }
  CXHUB_ASSIGN_OR_RETURN(RecordResult result, recorder_.Record(writer, request));
  if (result.already_recorded) return result;
  // The row as the store keeps it (times at its precision, what it derives on insert).
  CXHUB_ASSIGN_OR_RETURN(result.interaction, writer.GetInteraction(result.interaction.id));
  return result;
}

absl::StatusOr<RecordResult> InteractionLog::Record(const RecordRequest& request) {
  CXHUB_ASSIGN_OR_RETURN(RecordResult result, group_committer_.Record(request));
  if (!result.already_recorded) feed_.Publish(result.interaction.id);
  return result;
}

absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> InteractionLog::RecordBatch(
    const std::vector<RecordRequest>& requests) {
  std::vector<absl::StatusOr<RecordResult>> results;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    results.clear();
    results.reserve(requests.size());
    for (const RecordRequest& request : requests) {
      RecordResult item;
      absl::Status item_status = writer.Savepoint([&](StoreWriter& nested) -> absl::Status {
        absl::StatusOr<RecordResult> recorded = RecordInTransaction(nested, request);
        if (!recorded.ok()) return recorded.status();
        item = *std::move(recorded);
        return absl::OkStatus();
      });
      if (item_status.ok()) {
        results.emplace_back(std::move(item));
      } else {
        results.emplace_back(std::move(item_status));
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  InteractionId latest = 0;
  for (const absl::StatusOr<RecordResult>& r : results) {
    if (r.ok() && !r->already_recorded) latest = std::max(latest, r->interaction.id);
  }
  if (latest != 0) feed_.Publish(latest);
  return results;
}

absl::StatusOr<Interaction> InteractionLog::Get(InteractionId id) {
  Interaction interaction;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<Interaction> found = reader.GetInteraction(id);
    if (!found.ok()) return found.status();
    interaction = *std::move(found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return interaction;
}

absl::StatusOr<InteractionPage> InteractionLog::List(InteractionFilter filter,
                                                     const std::optional<InteractionCursor>& after,
                                                     int limit) {
  if (filter.customer_id == 0) return absl::InvalidArgumentError("a customer is required");
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  InteractionPage page;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<CustomerId> resolved = reader.ResolveCustomerId(filter.customer_id);
    if (!resolved.ok()) return resolved.status();
    filter.customer_id = *resolved;
    absl::StatusOr<std::vector<Interaction>> rows =
        reader.ListInteractions(filter, after, limit + 1);
    if (!rows.ok()) return rows.status();
    page.has_more = static_cast<int>(rows->size()) > limit;
    if (page.has_more) rows->resize(limit);
    page.interactions = *std::move(rows);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<InteractionId> InteractionLog::WatchStart(CustomerId customer,
                                                         CustomerId* resolved) {
  InteractionId latest = 0;
  CustomerId survivor = 0;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    if (customer != 0) {
      absl::StatusOr<CustomerId> live = reader.ResolveCustomerId(customer);
      if (!live.ok()) return live.status();
      survivor = *live;
    }
    absl::StatusOr<InteractionId> id = reader.LatestInteractionId();
    if (!id.ok()) return id.status();
    latest = *id;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (resolved != nullptr) *resolved = survivor;
  return latest;
}

absl::StatusOr<std::vector<Interaction>> InteractionLog::WatchNext(InteractionId after,
                                                                   CustomerId customer,
                                                                   absl::Duration max_wait) {
  // The feed waits on real time, so the deadline does too (not clock_).
  const absl::Time deadline = absl::Now() + max_wait;
  auto read = [&]() -> absl::StatusOr<std::vector<Interaction>> {
    std::vector<Interaction> rows;
    absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
      absl::StatusOr<std::vector<Interaction>> since =
          reader.ListInteractionsSince(after, customer, kWatchBatch);
      if (!since.ok()) return since.status();
      rows = *std::move(since);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return rows;
  };

  InteractionId seen = after;  // Every commit up to `seen` has been looked at.
  while (!feed_.is_shut_down()) {
    absl::StatusOr<std::vector<Interaction>> rows = read();
    if (!rows.ok() || !rows->empty()) return rows;
    const InteractionId latest = feed_.WaitBeyond(seen, deadline);
    if (latest <= seen) {
      // Timed out or shut down; a commit published just before the deadline may still be there.
      if (feed_.is_shut_down()) break;
      return read();
    }
    seen = latest;  // Commits up to `latest` are visible now; the next read covers them.
  }
  return std::vector<Interaction>();
}

}  // namespace cxhub
