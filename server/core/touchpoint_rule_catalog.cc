#include "server/core/touchpoint_rule_catalog.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/all_touchpoints.h"
#include "server/core/status_macros.h"
#include "server/core/touchpoint_rule_validation.h"

namespace cxhub {
namespace {

absl::Status TouchpointNotFound(const absl::Status& status, TouchpointId id) {
  if (!absl::IsNotFound(status)) return status;
  return absl::NotFoundError(absl::StrCat("touchpoint ", id, " does not exist"));
}

// Rule `id`, if it belongs to `touchpoint`.
absl::StatusOr<TouchpointRule> GetRuleAt(StoreReader& reader, TouchpointId touchpoint,
                                         TouchpointRuleId id) {
  absl::StatusOr<TouchpointRule> rule = reader.GetTouchpointRule(id);
  if ((rule.ok() && rule->touchpoint_id != touchpoint) || absl::IsNotFound(rule.status())) {
    return absl::NotFoundError(
        absl::StrCat("rule ", id, " of touchpoint ", touchpoint, " does not exist"));
  }
  return rule;
}

bool After(const TouchpointRule& rule, const TouchpointRuleCursor& cursor) {
  return rule.priority != cursor.priority ? rule.priority > cursor.priority : rule.id > cursor.id;
}

void ApplyUpdate(const TouchpointRuleUpdate& update, TouchpointRule& rule) {
  if (update.priority) rule.priority = *update.priority;
  if (update.description) rule.description = *update.description;
  if (update.channels) rule.channels = *update.channels;
  if (update.sources) rule.sources = *update.sources;
  if (update.contacted) rule.contacted = *update.contacted;
  if (update.words) rule.words = *update.words;
  if (update.attributes) rule.attributes = *update.attributes;
  if (update.survey_touchpoint_tags) rule.survey_touchpoint_tags = *update.survey_touchpoint_tags;
  if (update.kinds) rule.kinds = *update.kinds;
}

// The display names of every touchpoint.
absl::StatusOr<std::set<std::string>> TouchpointNames(StoreReader& reader) {
  CXHUB_ASSIGN_OR_RETURN(const std::vector<Touchpoint> touchpoints, ListAllTouchpoints(reader));
  std::set<std::string> names;
  for (const Touchpoint& touchpoint : touchpoints) names.insert(touchpoint.display_name);
  return names;
}

}  // namespace

absl::StatusOr<TouchpointRule> TouchpointRuleCatalog::Insert(StoreWriter& writer,
                                                             TouchpointRule rule,
                                                             absl::string_view field) {
  CXHUB_RETURN_IF_ERROR(ValidateTouchpointRule(rule, field, limits_));
  rule.id = 0;
  rule.create_time = rule.update_time = clock_.Now();
  CXHUB_ASSIGN_OR_RETURN(const TouchpointRuleId id, writer.InsertTouchpointRule(rule));
  return writer.GetTouchpointRule(id);
}

absl::StatusOr<TouchpointRule> TouchpointRuleCatalog::Create(TouchpointRule rule) {
  TouchpointRule created;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    absl::Status touchpoint = writer.GetTouchpoint(rule.touchpoint_id).status();
    if (!touchpoint.ok()) return TouchpointNotFound(touchpoint, rule.touchpoint_id);
    CXHUB_ASSIGN_OR_RETURN(created, Insert(writer, rule, "rule"));
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<TouchpointRule> TouchpointRuleCatalog::Get(TouchpointId touchpoint,
                                                          TouchpointRuleId id) {
  TouchpointRule rule;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(rule, GetRuleAt(reader, touchpoint, id));
    return absl::OkStatus();
  }));
  return rule;
}

absl::StatusOr<TouchpointRulePage> TouchpointRuleCatalog::List(
    TouchpointId touchpoint, const std::optional<TouchpointRuleCursor>& after, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  TouchpointRulePage page;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    if (touchpoint != 0) {
      absl::Status exists = reader.GetTouchpoint(touchpoint).status();
      if (!exists.ok()) return TouchpointNotFound(exists, touchpoint);
    }
    // Rules are few (people write them), so the store returns them all in order.
    CXHUB_ASSIGN_OR_RETURN(std::vector<TouchpointRule> rules, reader.ListTouchpointRules());
    for (TouchpointRule& rule : rules) {
      if (touchpoint != 0 && rule.touchpoint_id != touchpoint) continue;
      if (after.has_value() && !After(rule, *after)) continue;
      if (static_cast<int>(page.rules.size()) == limit) {
        page.has_more = true;
        break;
      }
      page.rules.push_back(std::move(rule));
    }
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<TouchpointRule> TouchpointRuleCatalog::Update(TouchpointId touchpoint,
                                                             TouchpointRuleId id,
                                                             const TouchpointRuleUpdate& update) {
  TouchpointRule updated;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(TouchpointRule rule, GetRuleAt(writer, touchpoint, id));
    ApplyUpdate(update, rule);
    CXHUB_RETURN_IF_ERROR(ValidateTouchpointRule(rule, "rule", limits_));
    rule.update_time = clock_.Now();
    CXHUB_RETURN_IF_ERROR(writer.UpdateTouchpointRule(rule));
    CXHUB_ASSIGN_OR_RETURN(updated, writer.GetTouchpointRule(id));
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status TouchpointRuleCatalog::Delete(TouchpointId touchpoint, TouchpointRuleId id) {
  return store_.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(GetRuleAt(writer, touchpoint, id).status());
    return writer.DeleteTouchpointRule(id);
  });
}

absl::StatusOr<std::vector<std::string>> TouchpointRuleCatalog::Declare(
    const std::vector<TouchpointDeclaration>& declarations) {
  std::vector<std::string> created;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    created.clear();  // The transaction may run again after a conflict.
    CXHUB_ASSIGN_OR_RETURN(std::set<std::string> existing, TouchpointNames(writer));
    for (size_t i = 0; i < declarations.size(); ++i) {
      const TouchpointDeclaration& declaration = declarations[i];
      if (!existing.insert(declaration.touchpoint.display_name).second) continue;
      Touchpoint touchpoint = declaration.touchpoint;
      touchpoint.id = 0;
      touchpoint.create_time = touchpoint.update_time = clock_.Now();
      CXHUB_ASSIGN_OR_RETURN(const TouchpointId id, writer.InsertTouchpoint(touchpoint));
      for (size_t j = 0; j < declaration.rules.size(); ++j) {
        TouchpointRule rule = declaration.rules[j];
        rule.touchpoint_id = id;
        CXHUB_RETURN_IF_ERROR(
            Insert(writer, std::move(rule), absl::StrCat("touchpoints[", i, "].rules[", j, "]"))
                .status());
      }
      created.push_back(touchpoint.display_name);
    }
    return absl::OkStatus();
  }));
  return created;
}

}  // namespace cxhub
