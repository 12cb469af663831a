// Touchpoint use cases.
#ifndef CXHUB_SERVER_CORE_TOUCHPOINT_CATALOG_H_
#define CXHUB_SERVER_CORE_TOUCHPOINT_CATALOG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

struct TouchpointPage {
  std::vector<Touchpoint> touchpoints;
  bool has_more = false;  // The next page starts after touchpoints.back().id.
};

struct TouchpointUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> description;
  std::optional<JourneyStage> stage;
  std::optional<bool> controlled;
  std::optional<std::vector<std::string>> channels;
};

// Thread-safe. Borrows the store and clock.
class TouchpointCatalog {
 public:
  TouchpointCatalog(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  absl::StatusOr<Touchpoint> Create(Touchpoint touchpoint);
  absl::StatusOr<Touchpoint> Get(TouchpointId id);
  absl::StatusOr<TouchpointPage> List(TouchpointId after_id, int limit);
  absl::StatusOr<Touchpoint> Update(TouchpointId id, const TouchpointUpdate& update);
  absl::Status Delete(TouchpointId id);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_TOUCHPOINT_CATALOG_H_
