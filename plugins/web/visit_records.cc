#include "plugins/web/visit_records.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cxhub/visit_intent_names.h"
#include "plugins/common/proto_timestamp.h"
#include "plugins/web/currency_amount.h"

namespace cxhub::web {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::cxhub::connector::v1::Record;

absl::Status VisitError(const WebVisit& visit, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("visit ", visit.visit_id, ": ", why));
}

void AddIdentity(v1::IdentityKind kind, std::string value, InteractionRecord& record) {
  v1::Identity& identity = *record.add_customer_identities();
  identity.set_kind(kind);
  identity.set_value(std::move(value));
  identity.set_trust(v1::VERIFIED);
}

// The visitor's identities (visit_records.h), set on `record`.
absl::Status SetIdentities(const WebVisit& visit, const VisitRecordsConfig& config,
                           InteractionRecord& record) {
  if (!visit.user_id.empty()) {
    switch (config.user_id_kind) {
      case UserIdKind::kEmail:
        AddIdentity(v1::EMAIL, visit.user_id, record);
        break;
      case UserIdKind::kPhone:
        AddIdentity(v1::PHONE, visit.user_id, record);
        break;
      case UserIdKind::kExternal:
        AddIdentity(v1::EXTERNAL, absl::StrCat(config.user_id_system, ":", visit.user_id), record);
        break;
    }
  }
  if (!visit.visitor_id.empty()) {
    const std::string& site = config.site_id.empty() ? visit.site_id : config.site_id;
    if (site.empty()) {
      return VisitError(visit, "a visitor id needs a site id (the visit's, or the site_id option)");
    }
    AddIdentity(v1::EXTERNAL,
                absl::StrCat(config.visitor_id_system, ":", site, ":", visit.visitor_id), record);
  }
  return absl::OkStatus();
}

// "<seconds>s <url>" per page, bounded (visit_records.h); returns how many pages were left out.
size_t ListPages(const std::vector<WebPageView>& pages, std::string& listed) {
  size_t count = 0;
  for (const WebPageView& page : pages) {
    std::string line =
        absl::StrCat(count == 0 ? "" : "\n", page.time_spent_seconds, "s ", page.url);
    if (count == kMaxPagesListed || listed.size() + line.size() > kMaxPagesListedBytes) break;
    listed += line;
    ++count;
  }
  return pages.size() - count;
}

void SetVisitAttributes(const WebVisit& visit, VisitIntent intent, InteractionRecord& record) {
  auto& attributes = *record.mutable_attributes();
  auto set_if_any = [&](const char* key, const std::string& value) {
    if (!value.empty()) attributes[key] = value;
  };
  attributes[CXHUB_VISIT_INTENT_ATTRIBUTE] = std::string(VisitIntentName(intent));
  set_if_any("referrer_type", visit.referrer_type);
  set_if_any("referrer_name", visit.referrer_name);
  set_if_any("referrer_keyword", visit.referrer_keyword);
  set_if_any("referrer_url", visit.referrer_url);
  if (!visit.pages.empty()) set_if_any("entry_page", visit.pages.front().url);
  attributes["duration_seconds"] = absl::StrCat(visit.duration_seconds);
  attributes["page_count"] = absl::StrCat(visit.pages.size());
  set_if_any("site_search", absl::StrJoin(visit.site_searches, "\n"));
  set_if_any("device", visit.device);
  std::string pages;
  const size_t omitted = ListPages(visit.pages, pages);
  set_if_any("pages", pages);
  if (omitted > 0) attributes["pages_omitted"] = absl::StrCat(omitted);
  std::vector<absl::string_view> order_ids;
  for (const WebOrder& order : visit.orders) order_ids.push_back(order.order_id);
  set_if_any("order_ids", absl::StrJoin(order_ids, " "));
}

// What the visit and its purchases share: channel, direction, thread and identities.
absl::Status FillCommon(const WebVisit& visit, const VisitRecordsConfig& config,
                        InteractionRecord& record) {
  record.set_channel("web");
  record.set_direction(v1::INBOUND);
  record.set_thread_id(visit.visit_id);
  return SetIdentities(visit, config, record);
}

absl::StatusOr<Record> PurchaseRecord(const WebVisit& visit, const WebOrder& order,
                                      const VisitRecordsConfig& config,
                                      const InteractionRecord& common) {
  const std::string& currency = config.currency.empty() ? visit.currency : config.currency;
  if (!IsCurrencyCodeForm(currency)) {
    return VisitError(visit, absl::StrCat("order ", order.order_id, ": the currency '", currency,
                                          "' is not an ISO 4217 code (set the currency option)"));
  }
  absl::StatusOr<int64_t> amount = DecimalToMinorUnits(order.revenue, MinorUnitDigits(currency));
  if (!amount.ok()) {
    return VisitError(
        visit, absl::StrCat("order ", order.order_id, ": revenue ", amount.status().message()));
  }
  Record record;
  InteractionRecord& purchase = *record.mutable_interaction();
  purchase = common;
  purchase.set_external_id(absl::StrCat("order:", order.order_id));
  purchase.set_kind(v1::PURCHASE);
  plugin_common::SetTimestamp(order.time == absl::InfinitePast() ? visit.first_action : order.time,
                              *purchase.mutable_occur_time());
  purchase.mutable_purchase()->set_amount_minor_units(*amount);
  purchase.mutable_purchase()->set_currency(currency);
  purchase.mutable_purchase()->set_order_id(order.order_id);
  (*purchase.mutable_attributes())["visit_id"] = visit.visit_id;
  (*purchase.mutable_attributes())["revenue"] = order.revenue;
  return record;
}

}  // namespace

absl::StatusOr<std::vector<Record>> VisitRecords(const WebVisit& visit,
                                                 const VisitRecordsConfig& config) {
  InteractionRecord common;
  if (absl::Status status = FillCommon(visit, config, common); !status.ok()) return status;
  std::vector<Record> records;
  records.reserve(1 + visit.orders.size());
  InteractionRecord& visit_record = *records.emplace_back().mutable_interaction();
  visit_record = common;
  visit_record.set_external_id(visit.visit_id);
  visit_record.set_kind(v1::VISIT);
  plugin_common::SetTimestamp(visit.first_action, *visit_record.mutable_occur_time());
  visit_record.mutable_duration()->set_seconds(visit.duration_seconds);
  if (!visit.pages.empty()) visit_record.set_subject(visit.pages.front().title);
  SetVisitAttributes(visit, ClassifyVisit(visit, config.intent_rules), visit_record);
  for (const WebOrder& order : visit.orders) {
    absl::StatusOr<Record> purchase = PurchaseRecord(visit, order, config, common);
    if (!purchase.ok()) return purchase.status();
    records.push_back(*std::move(purchase));
  }
  return records;
}

}  // namespace cxhub::web
