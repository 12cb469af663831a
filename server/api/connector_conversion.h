// Connectors and dead letters <-> cxhub.v1 (connector.proto): resource names, page tokens and
// message conversions. Names: connectors/{connector}, connectors/{connector}/deadLetters/{id}.
#ifndef CXHUB_SERVER_API_CONNECTOR_CONVERSION_H_
#define CXHUB_SERVER_API_CONNECTOR_CONVERSION_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cxhub/v1/connector.pb.h"
#include "server/connectors/connector_host.h"
#include "server/core/store.h"

namespace cxhub {

// The "all connectors" parent of ListDeadLetters.
inline constexpr absl::string_view kAnyConnector = "-";

std::string ConnectorName(absl::string_view connector);
std::string DeadLetterName(absl::string_view connector, DeadLetterId id);

// The connector of connectors/{connector}; `allow_any` accepts connectors/- (returns "-").
// INVALID_ARGUMENT naming `field` when empty or malformed.
absl::StatusOr<std::string> ParseConnectorName(absl::string_view name, absl::string_view field,
                                               bool allow_any = false);

struct DeadLetterKey {
  std::string connector;
  DeadLetterId id = 0;
};
absl::StatusOr<DeadLetterKey> ParseDeadLetterName(absl::string_view name, absl::string_view field);

// ListConnectors pages: the last connector name returned ("" decodes to "", the start).
std::string EncodeConnectorPageToken(absl::string_view last_name);
absl::StatusOr<std::string> DecodeConnectorPageToken(absl::string_view token);
// ListDeadLetters pages: the last id returned, bound to the parent it was listed under.
std::string EncodeDeadLetterPageToken(absl::string_view parent, DeadLetterId last_id);
absl::StatusOr<DeadLetterId> DecodeDeadLetterPageToken(absl::string_view token,
                                                       absl::string_view parent);

void ConnectorToProto(const ConnectorView& view, absl::Time now, v1::Connector* out);
void DeadLetterToProto(const DeadLetter& dead_letter, v1::DeadLetter* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CONNECTOR_CONVERSION_H_
