// A cxhub.connector.v1.Record as the host ingests it: checked and turned into model values.
// Whatever is wrong with a record is reported as INVALID_ARGUMENT "<field>: <problem>", which
// becomes the reason of its dead letter.
#ifndef CXHUB_SERVER_CONNECTORS_RECORD_CONVERSION_H_
#define CXHUB_SERVER_CONNECTORS_RECORD_CONVERSION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "server/core/model.h"

namespace cxhub {

// An InteractionRecord ready for the store: the interaction (customer still unknown, source
// set) and the raw customer identities to resolve it from.
struct InteractionItem {
  Interaction interaction;
  std::vector<Identity> identities;  // Raw; CustomerResolver normalizes them.
  std::string display_name;
  bool replaces_earlier = false;
};

// Limits a record must respect (those of the public API's defaults).
inline constexpr size_t kMaxRecordFieldBytes = 1024;    // ids, channel, subject, names
inline constexpr size_t kMaxRecordBodyBytes = 1 << 20;  // body, survey comment
inline constexpr int kMaxRecordIdentities = 32;
inline constexpr int kMaxRecordAttributes = 64;

// Checks `record` and converts it; `source` is the connector instance's name. The business
// identities are kept in attributes["business_identities"] as "kind:value" joined by ", ".
absl::StatusOr<InteractionItem> InteractionItemFromRecord(
    const connector::v1::InteractionRecord& record, const std::string& source);

// Checks an IdentityLink's identities (kind known, value non-empty, at least one).
absl::StatusOr<std::vector<Identity>> IdentitiesFromLink(const connector::v1::IdentityLink& link);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so that plugin-supplied text
// (a dead letter's reason) fits a proto string field.
std::string ToValidUtf8(absl::string_view text);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_RECORD_CONVERSION_H_
