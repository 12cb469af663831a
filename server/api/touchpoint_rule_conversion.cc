#include "server/api/touchpoint_rule_conversion.h"

#include <string>

#include "server/api/interaction_conversion.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"

namespace cxhub {

TouchpointRule TouchpointRuleFromProto(const v1::TouchpointRule& rule) {
  TouchpointRule result;
  result.priority = rule.priority();
  result.description = rule.description();
  result.channels.assign(rule.channels().begin(), rule.channels().end());
  result.sources.assign(rule.sources().begin(), rule.sources().end());
  result.contacted = IdentitiesFromProto(rule.contacted());
  result.words.assign(rule.words().begin(), rule.words().end());
  result.attributes = AttributesFromProto(rule.attributes());
  result.survey_touchpoint_tags.assign(rule.survey_touchpoint_tags().begin(),
                                       rule.survey_touchpoint_tags().end());
  for (int kind : rule.kinds()) {
    result.kinds.push_back(InteractionKindFromProto(kind).value_or(InteractionKind::kMessage));
  }
  return result;
}

void TouchpointRuleToProto(const TouchpointRule& rule, v1::TouchpointRule* out) {
  out->Clear();
  out->set_name(TouchpointRuleName(rule.touchpoint_id, rule.id));
  out->set_priority(rule.priority);
  out->set_description(rule.description);
  for (const std::string& channel : rule.channels) out->add_channels(channel);
  for (const std::string& source : rule.sources) out->add_sources(source);
  for (const Identity& identity : rule.contacted) IdentityToProto(identity, out->add_contacted());
  for (const std::string& word : rule.words) out->add_words(word);
  AttributesToProto(rule.attributes, out->mutable_attributes());
  for (const std::string& tag : rule.survey_touchpoint_tags) out->add_survey_touchpoint_tags(tag);
  for (InteractionKind kind : rule.kinds) out->add_kinds(InteractionKindToProto(kind));
  TimeToProto(rule.create_time, out->mutable_create_time());
  TimeToProto(rule.update_time, out->mutable_update_time());
}

}  // namespace cxhub
