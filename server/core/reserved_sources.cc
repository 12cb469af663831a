#include "server/core/reserved_sources.h"

#include "absl/strings/str_cat.h"
#include "server/core/field_violation.h"

namespace cxhub {

absl::Status ReservedSources::Check(absl::string_view source, absl::string_view field) const {
  if (!names_.contains(source)) return absl::OkStatus();
  return InvalidFieldError(field, absl::StrCat(QuoteValue(source),
                                               " is reserved for the connector of that name; "
                                               "record under a source of your own"));
}

}  // namespace cxhub
