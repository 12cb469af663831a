// The web connector's options, as written in the server configuration's `options` string.
//
// `key=value` settings separated by newlines or `;` (plugins/common/key_value_options.h). Besides
// file, files and checkpoint_every (plugins/common/tailed_file_options.h; a file holds Matomo
// visits, one JSON object per line, and at least one is required):
//
//   user_id=<kind>           what the site's signed-in user id (Matomo's userId) is: email,
//                            phone or external. Required.
//   user_id_system=<name>    with user_id=external, the system that issues the ids ("shop" gives
//                            the identity "shop:<userId>"). Required then, refused otherwise.
//   site_id=<id>             the site's id in visitor identities "matomo:<site>:<visitorId>";
//                            default: each visit's idSite.
//   currency=<ISO 4217>      the currency of order revenues; default: each visit's siteCurrency.
//   intent_rule=<rule>       a visitor-intent rule (visit_intent.h), e.g.
//                            "transactional: url /cart, /checkout". Repeatable; tried in the
//                            order given, the first that matches decides. None: every visit's
//                            intent is none.
//
// Example: "file=/var/lib/cxhub/matomo-visits.jsonl; user_id=email; currency=EUR;
//           intent_rule=transactional: order; intent_rule=informational: search"
#ifndef CXHUB_PLUGINS_WEB_WEB_OPTIONS_H_
#define CXHUB_PLUGINS_WEB_WEB_OPTIONS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/common/tailed_file_options.h"
#include "plugins/web/visit_records.h"

namespace cxhub::web {

// files and checkpoint_every come from TailedFileOptions.
struct WebOptions : plugin_common::TailedFileOptions {
  VisitRecordsConfig records;
};

// Parses and validates the options. INVALID_ARGUMENT "web connector options: ..." naming the
// setting, for an unknown key, a repeated single-valued key, a missing required key, a bad
// user_id kind, a malformed site id, currency or intent rule.
absl::StatusOr<WebOptions> ParseWebOptions(absl::string_view text);

}  // namespace cxhub::web

#endif  // CXHUB_PLUGINS_WEB_WEB_OPTIONS_H_
