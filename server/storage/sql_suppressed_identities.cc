#include "server/storage/sql_suppressed_identities.h"

#include "server/core/status_macros.h"
#include "server/storage/sql_param.h"

namespace cxhub {

absl::StatusOr<bool> SqlSuppressedIdentities::Contains(const std::string& fingerprint) {
  return db_.Exists("SELECT create_time FROM suppressed_identities WHERE fingerprint = ?",
                    {Param::Blob(fingerprint)});
}

absl::Status SqlSuppressedIdentities::Add(const std::string& fingerprint, absl::Time time) {
  // No upsert in the common SQL subset: a fingerprint listed already stays as it was.
  CXHUB_ASSIGN_OR_RETURN(bool listed, Contains(fingerprint));
  if (listed) return absl::OkStatus();
  return db_
      .Execute("INSERT INTO suppressed_identities (fingerprint, create_time) VALUES (?, ?)",
               {Param::Blob(fingerprint), Micros(time)})
      .status();
}

}  // namespace cxhub
