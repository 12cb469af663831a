#include "server/api/touchpoint_service.h"

#include <optional>
#include <string>
#include <utility>

#include "server/api/list_page_bytes.h"
#include "server/api/operation_conversion.h"
#include "server/api/page_token.h"
#include "server/api/request_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/api/touchpoint_conversion.h"
#include "server/api/touchpoint_rule_conversion.h"
#include "server/api/touchpoint_validation.h"

namespace cxhub {
namespace {

// The id of a name that passed validation (0, which no touchpoint has, if it somehow did not).
TouchpointId IdOf(const std::string& name) {
  absl::StatusOr<TouchpointId> id = ParseTouchpointName(name, "name");
  return id.ok() ? *id : 0;
}

grpc::Status Reply(const absl::StatusOr<Touchpoint>& touchpoint, v1::Touchpoint* response) {
  if (!touchpoint.ok()) return ToGrpcStatus(touchpoint.status());
  TouchpointToProto(*touchpoint, response);
  return grpc::Status::OK;
}

grpc::Status Reply(const absl::StatusOr<TouchpointRule>& rule, v1::TouchpointRule* response) {
  if (!rule.ok()) return ToGrpcStatus(rule.status());
  TouchpointRuleToProto(*rule, response);
  return grpc::Status::OK;
}

// The key of a rule name that passed validation (zeros, which no rule has, if it did not).
TouchpointRuleKey RuleKeyOf(const std::string& name) {
  absl::StatusOr<TouchpointRuleKey> key = ParseTouchpointRuleName(name, "name");
  return key.ok() ? *key : TouchpointRuleKey();
}

// The fields of `given` that `mask` names.
TouchpointRuleUpdate RuleUpdateOf(const TouchpointRule& given,
                                  const google::protobuf::FieldMask& mask) {
  TouchpointRuleUpdate update;
  for (const std::string& path : mask.paths()) {
    if (path == "priority") update.priority = given.priority;
    if (path == "description") update.description = given.description;
    if (path == "channels") update.channels = given.channels;
    if (path == "sources") update.sources = given.sources;
    if (path == "contacted") update.contacted = given.contacted;
    if (path == "words") update.words = given.words;
    if (path == "attributes") update.attributes = given.attributes;
    if (path == "survey_touchpoint_tags")
      update.survey_touchpoint_tags = given.survey_touchpoint_tags;
    if (path == "kinds") update.kinds = given.kinds;
  }
  return update;
}

}  // namespace

grpc::Status TouchpointServiceImpl::CreateTouchpoint(grpc::ServerContext* context,
                                                     const v1::CreateTouchpointRequest* request,
                                                     v1::Touchpoint* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(catalog_.Create(TouchpointFromProto(request->touchpoint())), response);
}

grpc::Status TouchpointServiceImpl::GetTouchpoint(grpc::ServerContext* context,
                                                  const v1::GetTouchpointRequest* request,
                                                  v1::Touchpoint* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return Reply(catalog_.Get(IdOf(request->name())), response);
}

grpc::Status TouchpointServiceImpl::ListTouchpoints(grpc::ServerContext* context,
                                                    const v1::ListTouchpointsRequest* request,
                                                    v1::ListTouchpointsResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<TouchpointId> after = DecodeTouchpointPageToken(request->page_token());
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<TouchpointPage> page =
      catalog_.List(*after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(
      FillListPage(page->touchpoints, page->has_more, limits_.max_list_page_bytes,
                   response->mutable_touchpoints(), TouchpointToProto,
                   [](const Touchpoint& last) { return EncodeTouchpointPageToken(last.id); }));
  return grpc::Status::OK;
}

grpc::Status TouchpointServiceImpl::UpdateTouchpoint(grpc::ServerContext* context,
                                                     const v1::UpdateTouchpointRequest* request,
                                                     v1::Touchpoint* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const Touchpoint given = TouchpointFromProto(request->touchpoint());
  TouchpointUpdate update;
  for (const std::string& path : request->update_mask().paths()) {
    if (path == "display_name") update.display_name = given.display_name;
    if (path == "description") update.description = given.description;
    if (path == "stage") update.stage = given.stage;
    if (path == "controlled") update.controlled = given.controlled;
    if (path == "channels") update.channels = given.channels;
  }
  return Reply(catalog_.Update(IdOf(request->touchpoint().name()), update), response);
}

grpc::Status TouchpointServiceImpl::DeleteTouchpoint(grpc::ServerContext* context,
                                                     const v1::DeleteTouchpointRequest* request,
                                                     google::protobuf::Empty* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  return ToGrpcStatus(catalog_.Delete(IdOf(request->name())));
}

grpc::Status TouchpointServiceImpl::CreateTouchpointRule(
    grpc::ServerContext* context, const v1::CreateTouchpointRuleRequest* request,
    v1::TouchpointRule* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  TouchpointRule rule = TouchpointRuleFromProto(request->rule());
  rule.touchpoint_id = IdOf(request->parent());
  return Reply(rules_.Create(std::move(rule)), response);
}

grpc::Status TouchpointServiceImpl::GetTouchpointRule(grpc::ServerContext* context,
                                                      const v1::GetTouchpointRuleRequest* request,
                                                      v1::TouchpointRule* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const TouchpointRuleKey key = RuleKeyOf(request->name());
  return Reply(rules_.Get(key.touchpoint_id, key.rule_id), response);
}

grpc::Status TouchpointServiceImpl::ListTouchpointRules(
    grpc::ServerContext* context, const v1::ListTouchpointRulesRequest* request,
    v1::ListTouchpointRulesResponse* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  absl::StatusOr<TouchpointId> parent = ParseTouchpointRuleParent(request->parent(), "parent");
  if (!parent.ok()) return ToGrpcStatus(parent.status());
  absl::StatusOr<std::optional<TouchpointRuleCursor>> after =
      DecodeTouchpointRulePageToken(request->page_token(), *parent);
  if (!after.ok()) return ToGrpcStatus(after.status());
  absl::StatusOr<TouchpointRulePage> page =
      rules_.List(*parent, *after, PageSizeOrDefault(request->page_size(), limits_));
  if (!page.ok()) return ToGrpcStatus(page.status());
  response->set_next_page_token(FillListPage(
      page->rules, page->has_more, limits_.max_list_page_bytes, response->mutable_rules(),
      TouchpointRuleToProto, [&](const TouchpointRule& last) {
        return EncodeTouchpointRulePageToken({last.priority, last.id}, *parent);
      }));
  return grpc::Status::OK;
}

grpc::Status TouchpointServiceImpl::UpdateTouchpointRule(
    grpc::ServerContext* context, const v1::UpdateTouchpointRuleRequest* request,
    v1::TouchpointRule* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const TouchpointRuleKey key = RuleKeyOf(request->rule().name());
  const TouchpointRuleUpdate update =
      RuleUpdateOf(TouchpointRuleFromProto(request->rule()), request->update_mask());
  return Reply(rules_.Update(key.touchpoint_id, key.rule_id, update), response);
}

grpc::Status TouchpointServiceImpl::DeleteTouchpointRule(
    grpc::ServerContext* context, const v1::DeleteTouchpointRuleRequest* request,
    google::protobuf::Empty* response) {
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    return ToGrpcStatus(status);
  }
  const TouchpointRuleKey key = RuleKeyOf(request->name());
  return ToGrpcStatus(rules_.Delete(key.touchpoint_id, key.rule_id));
}

grpc::Status TouchpointServiceImpl::ReassignTouchpoints(
    grpc::ServerContext* context, const v1::ReassignTouchpointsRequest* request,
    google::longrunning::Operation* response) {
  // The request has no fields: nothing to validate.
  absl::StatusOr<Operation> started = operations_.Start(kReassignTouchpointsKind);
  if (!started.ok()) return ToGrpcStatus(started.status());
  OperationToProto(*started, response);
  return grpc::Status::OK;
}

}  // namespace cxhub
