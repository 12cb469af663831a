#include "server/core/touchpoint_catalog.h"

#include <utility>

namespace cxhub {

absl::StatusOr<Touchpoint> TouchpointCatalog::Create(Touchpoint touchpoint) {
  Touchpoint created;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    Touchpoint row = touchpoint;
    row.id = 0;
    row.create_time = row.update_time = clock_.Now();
    absl::StatusOr<TouchpointId> id = writer.InsertTouchpoint(row);
    if (!id.ok()) return id.status();
    absl::StatusOr<Touchpoint> stored = writer.GetTouchpoint(*id);
    if (!stored.ok()) return stored.status();
    created = *std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return created;
}

absl::StatusOr<Touchpoint> TouchpointCatalog::Get(TouchpointId id) {
  Touchpoint touchpoint;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<Touchpoint> found = reader.GetTouchpoint(id);
    if (!found.ok()) return found.status();
    touchpoint = *std::move(found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return touchpoint;
}

absl::StatusOr<TouchpointPage> TouchpointCatalog::List(TouchpointId after_id, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  TouchpointPage page;
  absl::Status status = store_.Read([&](StoreReader& reader) -> absl::Status {
    absl::StatusOr<std::vector<Touchpoint>> rows = reader.ListTouchpoints(after_id, limit + 1);
    if (!rows.ok()) return rows.status();
    page.has_more = static_cast<int>(rows->size()) > limit;
    if (page.has_more) rows->resize(limit);
    page.touchpoints = *std::move(rows);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<Touchpoint> TouchpointCatalog::Update(TouchpointId id,
                                                     const TouchpointUpdate& update) {
  Touchpoint updated;
  absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<Touchpoint> touchpoint = writer.GetTouchpoint(id);
    if (!touchpoint.ok()) return touchpoint.status();
    if (update.display_name) touchpoint->display_name = *update.display_name;
    if (update.description) touchpoint->description = *update.description;
    if (update.stage) touchpoint->stage = *update.stage;
    if (update.controlled) touchpoint->controlled = *update.controlled;
    if (update.channels) touchpoint->channels = *update.channels;
    touchpoint->update_time = clock_.Now();
    if (absl::Status s = writer.UpdateTouchpoint(*touchpoint); !s.ok()) return s;
    absl::StatusOr<Touchpoint> stored = writer.GetTouchpoint(id);
    if (!stored.ok()) return stored.status();
    updated = *std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return updated;
}

absl::Status TouchpointCatalog::Delete(TouchpointId id) {
  return store_.Write([&](StoreWriter& writer) { return writer.DeleteTouchpoint(id); });
}

}  // namespace cxhub
