// A website visit (web_visit.h) into the records the web connector emits: one VISIT interaction,
// and one PURCHASE per order placed during the visit, all in the visitor's history.
//
//   the visit       kind VISIT, channel "web", direction INBOUND, external_id = visit id,
//                   occur_time = first action, duration = visit duration, subject = the entry
//                   page's title, thread_id = visit id. Attributes (empty ones left out):
//                   visit_intent (transactional | informational | none, visit_intent.h),
//                   referrer_type, referrer_name, referrer_keyword, referrer_url, entry_page
//                   (the first page view's URL), duration_seconds, page_count, site_search (the
//                   keywords, one per line), device, pages (one page view per line,
//                   "<seconds spent>s <url>", at most kMaxPagesListed lines and
//                   kMaxPagesListedBytes; pages_omitted counts the rest), order_ids (space
//                   separated).
//   each order      kind PURCHASE, channel "web", direction INBOUND, external_id =
//                   "order:<order id>" (apart from the visit ids of the same connector),
//                   occur_time = the order's time (else the first action), thread_id = visit id,
//                   purchase = {amount in minor units, currency, order id}; attributes visit_id
//                   and revenue (as the analytics wrote it).
//   identities      on every record: the signed-in user id as the configured kind (email,
//                   phone, or external "<user_id_system>:<user id>"), and the anonymous visitor
//                   as external "matomo:<site id>:<visitor id>"; both VERIFIED (the site vouches
//                   for its signed-in user, and the visitor id is the analytics' own). A visit
//                   that carries both links them.
#ifndef CXHUB_PLUGINS_WEB_VISIT_RECORDS_H_
#define CXHUB_PLUGINS_WEB_VISIT_RECORDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/web/visit_intent.h"
#include "plugins/web/web_visit.h"

namespace cxhub::web {

inline constexpr size_t kMaxPagesListed = 100;
inline constexpr size_t kMaxPagesListedBytes = 32 * 1024;

// What the site's user id is.
enum class UserIdKind { kEmail, kPhone, kExternal };

struct VisitRecordsConfig {
  UserIdKind user_id_kind = UserIdKind::kEmail;
  std::string user_id_system;  // kExternal: qualifies the id, "shop" gives "shop:<user id>"
  // The analytics' name in visitor identities ("matomo").
  std::string visitor_id_system = "matomo";
  std::string site_id;   // when set, replaces the visit's own site id in visitor identities
  std::string currency;  // when set, replaces the visit's currency for its orders
  std::vector<IntentRule> intent_rules;
};

// The records of `visit`. INVALID_ARGUMENT "visit <id>: ..." for a visitor id without a site id,
// an order without a currency (neither the option nor the visit's own) or with a revenue that is
// not an amount.
absl::StatusOr<std::vector<connector::v1::Record>> VisitRecords(const WebVisit& visit,
                                                                const VisitRecordsConfig& config);

}  // namespace cxhub::web

#endif  // CXHUB_PLUGINS_WEB_VISIT_RECORDS_H_
