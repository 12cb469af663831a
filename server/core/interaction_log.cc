#include "server/core/interaction_log.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "server/core/status_macros.h"
#include "server/core/stored_interaction.h"

namespace cxhub {
namespace {

// WatchNext hands out at most this many interactions per call.
constexpr int kWatchBatch = 100;

// Replaces each of `rows` (written in this transaction) by the row as the store keeps it.
// Rows written together have ids close together: those are read in one range read rather
// than one read each.
absl::Status ReadBack(StoreReader& reader, const std::vector<Interaction*>& rows) {
  if (rows.empty()) return absl::OkStatus();
  InteractionId low = rows.front()->id;
  InteractionId high = low;
  for (const Interaction* row : rows) {
    low = std::min(low, row->id);
    high = std::max(high, row->id);
  }
  absl::flat_hash_map<InteractionId, Interaction> read;
  const int64_t range = high - low + 1;
  if (rows.size() > 1 && range <= 2 * static_cast<int64_t>(rows.size())) {
    CXHUB_ASSIGN_OR_RETURN(std::vector<Interaction> in_range,
                           reader.ListInteractionsSince(low - 1, 0, static_cast<int>(range)));
    for (Interaction& row : in_range) read.emplace(row.id, std::move(row));
  }
  for (Interaction* row : rows) {
    auto found = read.find(row->id);
    if (found != read.end()) {
      *row = found->second;
    } else {
      CXHUB_ASSIGN_OR_RETURN(*row, reader.GetInteraction(row->id));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> InteractionLog::RecordAllInTransaction(
    StoreWriter& writer, absl::Span<const RecordRequest* const> requests) {
  std::vector<absl::StatusOr<RecordResult>> results(requests.size(),
                                                    absl::UnknownError("not recorded"));
  std::vector<const RecordRequest*> allowed;
  std::vector<size_t> allowed_items;  // The request of each of `allowed`.
  for (size_t i = 0; i < requests.size(); ++i) {
    if (reserved_sources_ != nullptr) {
      absl::Status free =
          reserved_sources_->Check(requests[i]->interaction.source, "interaction.source");
      if (!free.ok()) {
        results[i] = free;
        continue;
      }
    }
    allowed.push_back(requests[i]);
    allowed_items.push_back(i);
  }
  CXHUB_ASSIGN_OR_RETURN(std::vector<absl::StatusOr<RecordResult>> recorded,
                         recorder_.RecordAll(writer, allowed));
  if (recorded.size() != allowed.size()) return absl::InternalError("not one result per record");
  std::vector<Interaction*> inserted;
  std::vector<Interaction*> changed;  // Rows whose answer must be read back.
  bool merged = false;
  for (size_t k = 0; k < allowed.size(); ++k) {
    absl::StatusOr<RecordResult>& result = results[allowed_items[k]];
    result = std::move(recorded[k]);
    if (!result.ok() || result->already_recorded) continue;
    merged = merged || !result->merged.empty();
    // A replacement's answer holds the row as it was before.
    (result->replaced ? changed : inserted).push_back(&result->interaction);
  }
  // A merge moves the rows of the customers it merges, inserted ones included; short of one, a
  // row inserted here is still as written, and reading it back cost a statement (a round trip
  // on MySQL) and a tenth of a batch's time on SQLite.
  if (merged) {
    changed.insert(changed.end(), inserted.begin(), inserted.end());
  } else {
    for (Interaction* row : inserted) *row = AsStored(std::move(*row));
  }
  CXHUB_RETURN_IF_ERROR(ReadBack(writer, changed));
  return results;
}

absl::StatusOr<RecordResult> InteractionLog::Record(const RecordRequest& request) {
  absl::StatusOr<RecordResult> result = group_committer_.Record(request);
  PublishRecorded(result);
  return result;
}

void InteractionLog::RecordAsync(const RecordRequest& request, absl::Time deadline,
                                 RecordGroupCommitter::Done done) {
  group_committer_.RecordAsync(
      request, deadline,
      [this, done = std::move(done)](absl::StatusOr<RecordResult> result) mutable {
        PublishRecorded(result);
        std::move(done)(std::move(result));
      });
}

void InteractionLog::PublishRecorded(const absl::StatusOr<RecordResult>& result) {
  if (result.ok() && !result->already_recorded) feed_.Publish(result->interaction.id);
}

absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> InteractionLog::RecordBatch(
    const std::vector<RecordRequest>& requests) {
  std::vector<const RecordRequest*> pointers;
  pointers.reserve(requests.size());
  for (const RecordRequest& request : requests) pointers.push_back(&request);
  std::vector<absl::StatusOr<RecordResult>> results;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(results, RecordAllInTransaction(writer, pointers));
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
  absl::Status status = store_.ReadLatest([&](StoreReader& reader) -> absl::Status {  // One read.
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
  const auto read_page = [&](StoreReader& reader) {
    return reader.ListInteractions(filter, after, limit + 1);
  };
  // Interactions belong to live customers only (a merge moves them to its survivor), so a page
  // with rows needs no look-up of the customer: one statement for most pages, read as it comes.
  absl::StatusOr<std::vector<Interaction>> rows;
  absl::Status status = store_.ReadLatest([&](StoreReader& reader) -> absl::Status {
    rows = read_page(reader);
    return rows.status();
  });
  if (status.ok() && rows->empty()) {
    // A customer with no interactions, merged away or unknown: the page again, and the
    // customer, in one snapshot, so that a merge meanwhile cannot be half seen.
    status = store_.Read([&](StoreReader& reader) -> absl::Status {
      rows = read_page(reader);
      if (!rows.ok() || !rows->empty()) return rows.status();
      CXHUB_ASSIGN_OR_RETURN(const CustomerId resolved,
                             reader.ResolveCustomerId(filter.customer_id));
      if (resolved == filter.customer_id) return absl::OkStatus();
      filter.customer_id = resolved;
      rows = read_page(reader);
      return rows.status();
    });
  }
  if (!status.ok()) return status;
  InteractionPage page;
  page.has_more = static_cast<int>(rows->size()) > limit;
  if (page.has_more) rows->resize(limit);
  page.interactions = *std::move(rows);
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
