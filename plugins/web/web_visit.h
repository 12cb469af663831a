// One website visit as web analytics record it, apart from any analytics tool's format: what the
// visit mappers (matomo_visit_mapper.h) read and what visit_records.h turns into interactions.
// A second analytics format adds a mapper into this struct beside Matomo's.
#ifndef CXHUB_PLUGINS_WEB_WEB_VISIT_H_
#define CXHUB_PLUGINS_WEB_WEB_VISIT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace cxhub::web {

// A page view, in the order the visitor saw it.
struct WebPageView {
  std::string url;
  std::string title;
  int64_t time_spent_seconds = 0;
};

// An order placed during the visit.
struct WebOrder {
  std::string order_id;
  // The revenue as a decimal number in the site's currency ("119.90"), unchecked.
  std::string revenue;
  absl::Time time = absl::InfinitePast();  // InfinitePast: the analytics gave none
};

struct WebVisit {
  std::string visit_id;    // unique per analytics site: makes re-reads idempotent
  std::string site_id;     // may be empty
  std::string visitor_id;  // the analytics' anonymous visitor id, lower-case; may be empty
  std::string user_id;     // the site's id of a signed-in user, as the site set it; may be empty
  absl::Time first_action;
  int64_t duration_seconds = 0;
  std::string referrer_type;  // direct, search, social, website, campaign (lower-case)
  std::string referrer_name;
  std::string referrer_keyword;
  std::string referrer_url;
  std::string device;    // "Smartphone", "Desktop", ...
  std::string currency;  // the site's currency as the analytics state it; may be empty
  std::vector<WebPageView> pages;
  std::vector<std::string> site_searches;  // keywords, in order
  std::vector<WebOrder> orders;
};

}  // namespace cxhub::web

#endif  // CXHUB_PLUGINS_WEB_WEB_VISIT_H_
