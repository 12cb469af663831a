#include "plugins/web/visit_intent.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace cxhub::web {
namespace {

absl::Status BadRule(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("intent_rule '", text, "': ", why));
}

// Whether the page path `path` is `pattern` or below it (see visit_intent.h).
bool PathReaches(absl::string_view path, absl::string_view pattern) {
  if (!absl::StartsWith(path, pattern)) return false;
  return path.size() == pattern.size() || pattern.back() == '/' || path[pattern.size()] == '/';
}

bool Matches(const IntentRule& rule, const WebVisit& visit) {
  switch (rule.condition) {
    case IntentRule::Condition::kOrder:
      return !visit.orders.empty();
    case IntentRule::Condition::kSearch:
      return !visit.site_searches.empty();
    case IntentRule::Condition::kUrl:
      for (const WebPageView& page : visit.pages) {
        const absl::string_view path = UrlPath(page.url);
        for (const std::string& pattern : rule.paths) {
          if (PathReaches(path, pattern)) return true;
        }
      }
      return false;
  }
  return false;
}

}  // namespace

absl::string_view VisitIntentName(VisitIntent intent) {
  return kCxhubVisitIntentNames[static_cast<int>(intent)];
}

absl::StatusOr<IntentRule> ParseIntentRule(absl::string_view text) {
  const std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(text, absl::MaxSplits(':', 1));
  IntentRule rule;
  const absl::string_view intent = absl::StripAsciiWhitespace(parts.first);
  if (intent == "transactional") {
    rule.intent = VisitIntent::kTransactional;
  } else if (intent == "informational") {
    rule.intent = VisitIntent::kInformational;
  } else {
    return BadRule(text,
                   "expected <intent>: <condition> with intent transactional or "
                   "informational");
  }
  const absl::string_view condition = absl::StripAsciiWhitespace(parts.second);
  if (condition == "order") {
    rule.condition = IntentRule::Condition::kOrder;
  } else if (condition == "search") {
    rule.condition = IntentRule::Condition::kSearch;
  } else if (absl::StartsWith(condition, "url ") || condition == "url") {
    rule.condition = IntentRule::Condition::kUrl;
    for (absl::string_view path : absl::StrSplit(condition.substr(3), ',')) {
      path = absl::StripAsciiWhitespace(path);
      if (!absl::StartsWith(path, "/")) {
        return BadRule(text, absl::StrCat("url path '", path, "' does not start with '/'"));
      }
      rule.paths.emplace_back(path);
    }
  } else {
    return BadRule(text, "the condition must be order, search or url <path>[, <path>...]");
  }
  return rule;
}

absl::string_view UrlPath(absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != absl::string_view::npos) {
    const size_t path_start = url.find_first_of("/?#", scheme + 3);
    if (path_start == absl::string_view::npos || url[path_start] != '/') return "/";
    url = url.substr(path_start);
  }
  return url.substr(0, url.find_first_of("?#"));
}

VisitIntent ClassifyVisit(const WebVisit& visit, const std::vector<IntentRule>& rules) {
  for (const IntentRule& rule : rules) {
    if (Matches(rule, visit)) return rule.intent;
  }
  return VisitIntent::kNone;
}

}  // namespace cxhub::web
