// The backends the store conformance suite runs against. Only store_backends.cc knows which
// databases exist; the suite itself speaks Store and the driver seam.
#ifndef CXHUB_TESTS_STORAGE_STORE_BACKENDS_H_
#define CXHUB_TESTS_STORAGE_STORE_BACKENDS_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/store.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"

namespace cxhub::testing {

// One database for one test. Open() may be called again after the previous store is
// destroyed, and opens the same database (to test reopening).
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  absl::StatusOr<std::unique_ptr<Store>> Open() {
    return OpenWithActivityWindow(absl::Hours(24 * kDefaultActivityWindowDays));
  }
  // The store keeping spells of activity for `activity_window` (sql_activity_spells.h).
  virtual absl::StatusOr<std::unique_ptr<Store>> OpenWithActivityWindow(
      absl::Duration activity_window) = 0;
  // A raw driver connection to the same database, to look under the store.
  virtual absl::StatusOr<std::unique_ptr<Connection>> Connect() = 0;
  virtual const SqlDialect& dialect() const = 0;
};

struct BackendFactory {
  std::string name;  // A test-name suffix.
  // Makes a fresh, empty database whose files (if any) live under `directory`.
  std::function<std::unique_ptr<StoreBackend>(const std::string& directory)> make;
  // Not empty when the backend cannot run here (no server configured): tests GTEST_SKIP
  // with this text, which says how to enable them.
  std::string skip_reason;
};

// Names the backend in gtest's failure messages.
inline void PrintTo(const BackendFactory& factory, std::ostream* out) { *out << factory.name; }

std::vector<BackendFactory> AllBackends();

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_STORAGE_STORE_BACKENDS_H_
