// Matomo's visit log into WebVisit: one line of the JSON that Matomo's reporting API returns for
// `Live.getLastVisitsDetails` (format=JSON), one visit object per line. The whole Matomo mapping
// is here; README.md lists the fields read.
//
//   idVisit (string or integer)            visit_id. Required.
//   idSite (string or integer)             site_id
//   visitorId (string)                     visitor_id, lower-cased
//   userId (string or integer)             user_id; "" is none. A visit needs it or visitorId.
//   firstActionTimestamp (Unix seconds)    first_action. Required.
//   visitDuration (seconds)                duration_seconds
//   referrerType, referrerName,            referrer_*; the type lower-cased
//   referrerKeyword, referrerUrl
//   deviceType                             device
//   siteCurrency                           currency
//   actionDetails[]                        by `type`:
//     action: url, pageTitle, timeSpent      a page view
//     search: siteSearchKeyword              a site search
//     ecommerceOrder: orderId, revenue,      an order (orderId and revenue required)
//       timestamp
//     anything else (outlink, download,      ignored
//       event, goal, ecommerceAbandonedCart, ...)
//
// Matomo writes most numbers as JSON strings ("visitDuration": "388") and some as numbers
// (firstActionTimestamp): every number is read from either. Unknown fields are ignored.
// Errors (INVALID_ARGUMENT) start with the JSON path: "$: invalid JSON (truncated?): ...",
// "$.idVisit: required field is missing (or null)", "$.actionDetails[4].revenue: expected a
// number or a string, found an object".
#ifndef CXHUB_PLUGINS_WEB_MATOMO_VISIT_MAPPER_H_
#define CXHUB_PLUGINS_WEB_MATOMO_VISIT_MAPPER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/json_line_parser.h"
#include "plugins/web/web_visit.h"

namespace cxhub::web {

// The longest id (idVisit, idSite, visitorId, orderId) accepted, in bytes.
inline constexpr size_t kMaxMatomoIdBytes = 256;

// Reuses its parser from line to line: keep one per thread. Not thread-safe.
class MatomoVisitMapper {
 public:
  // Parses one line (without its newline) into a visit.
  absl::StatusOr<WebVisit> Map(absl::string_view line);

 private:
  plugin_common::JsonLineParser parser_;
};

}  // namespace cxhub::web

#endif  // CXHUB_PLUGINS_WEB_MATOMO_VISIT_MAPPER_H_
