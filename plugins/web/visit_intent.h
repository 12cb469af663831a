// Visitor intent: why a visit came to the site, by configured rules tried in the order given;
// the first rule that matches decides, and a visit no rule matches has intent none.
//
// A rule is written `<intent>: <condition>` (the web connector's `intent_rule` option):
//
//   transactional: order                  the visit placed an order
//   transactional: url /cart, /checkout   the visit viewed a page under one of these paths
//   informational: search                 the visit used the site search
//
// An intent is `transactional` or `informational`. A path starts with "/" and is matched against
// the path of each page's URL (scheme, host, query and fragment left out), segment by segment:
// "/cart" matches "/cart" and "/cart/items" but not "/cartoons"; a path ending in "/" ("/help/")
// matches only pages below it. Matching is case-sensitive, as URL paths are.
#ifndef CXHUB_PLUGINS_WEB_VISIT_INTENT_H_
#define CXHUB_PLUGINS_WEB_VISIT_INTENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/visit_intent_names.h"
#include "plugins/web/web_visit.h"

namespace cxhub::web {

enum class VisitIntent { kNone, kTransactional, kInformational };

// "none", "transactional", "informational": the visit_intent attribute's values.
absl::string_view VisitIntentName(VisitIntent intent);

struct IntentRule {
  enum class Condition { kOrder, kSearch, kUrl };
  VisitIntent intent = VisitIntent::kNone;
  Condition condition = Condition::kOrder;
  std::vector<std::string> paths;  // kUrl
};

// Parses one rule as written above. INVALID_ARGUMENT saying what is wrong (an unknown intent or
// condition, a url rule without paths, a path not starting with "/").
absl::StatusOr<IntentRule> ParseIntentRule(absl::string_view text);

// The path of `url`: "https://host/a/b?q#f" and "/a/b?q" give "/a/b"; a URL without a path
// gives "/".
absl::string_view UrlPath(absl::string_view url);

// The intent of the first rule of `rules` that `visit` matches, or kNone.
VisitIntent ClassifyVisit(const WebVisit& visit, const std::vector<IntentRule>& rules);

}  // namespace cxhub::web

#endif  // CXHUB_PLUGINS_WEB_VISIT_INTENT_H_
