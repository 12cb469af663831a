// A value bound to one `?` of a statement, and how model times are stored (Unix microseconds).
#ifndef CXHUB_SERVER_STORAGE_SQL_PARAM_H_
#define CXHUB_SERVER_STORAGE_SQL_PARAM_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/storage/sql_driver.h"

namespace cxhub {

// Holds views: the data must live until the statement it is bound to is destroyed (bound in
// place, Statement::BindTextInPlace). TransactionContext prepares, runs and destroys each
// statement within one call that borrows its Params.
class Param {
 public:
  Param(int64_t value) : kind_(Kind::kInt), int_(value) {}  // NOLINT: implicit by design.
  Param(absl::string_view value) : kind_(Kind::kText), bytes_(value) {}   // NOLINT
  Param(const std::string& value) : kind_(Kind::kText), bytes_(value) {}  // NOLINT
  Param(const char* value) : kind_(Kind::kText), bytes_(value) {}         // NOLINT
  static Param Null() { return Param(Kind::kNull); }
  static Param Blob(absl::string_view bytes) {
    Param param(Kind::kBlob);
    param.bytes_ = bytes;
    return param;
  }

  // Binds in place: `statement` must be destroyed before the data this Param views.
  void BindTo(Statement& statement, int position) const;

 private:
  enum class Kind { kInt, kText, kBlob, kNull };
  explicit Param(Kind kind) : kind_(kind) {}

  Kind kind_;
  int64_t int_ = 0;
  absl::string_view bytes_;
};

inline int64_t Micros(absl::Time time) { return absl::ToUnixMicros(time); }
inline absl::Time FromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQL_PARAM_H_
