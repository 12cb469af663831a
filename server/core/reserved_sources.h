// The sources an API caller may not record under: each connector records under its instance
// name, and its de-duplication is (source, external_id), so a caller writing under that name
// could take a record's place before the connector reads it, or replace it after.
#ifndef CXHUB_SERVER_CORE_RESERVED_SOURCES_H_
#define CXHUB_SERVER_CORE_RESERVED_SOURCES_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cxhub {

// Thread-safe (immutable).
class ReservedSources {
 public:
  ReservedSources() = default;
  explicit ReservedSources(const std::vector<std::string>& names)
      : names_(names.begin(), names.end()) {}

  // INVALID_ARGUMENT naming `field` when `source` is reserved.
  absl::Status Check(absl::string_view source, absl::string_view field) const;

 private:
  absl::flat_hash_set<std::string> names_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_RESERVED_SOURCES_H_
