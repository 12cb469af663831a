#include "server/api/audit_interceptor.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "server/core/logger.h"

namespace cxhub {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using grpc::experimental::InterceptionHookPoints;

std::string StringField(const Message& message, absl::string_view name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(std::string(name));
  if (field == nullptr || field->is_repeated() || field->type() != FieldDescriptor::TYPE_STRING) {
    return "";
  }
  return message.GetReflection()->GetString(message, field);
}

// The resources a request names: its name or parent and the customers it names besides
// (MergeCustomersRequest.merged_customer), else the name of the resource it carries
// (UpdateCustomerRequest.customer).
std::string ResourcesOf(const Message& request) {
  std::vector<std::string> names;
  const google::protobuf::Descriptor& descriptor = *request.GetDescriptor();
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const FieldDescriptor& field = *descriptor.field(i);
    if (field.name() == "name" || field.name() == "parent" ||
        absl::EndsWith(field.name(), "_customer")) {
      std::string value = StringField(request, field.name());
      if (!value.empty()) names.push_back(std::move(value));
    }
  }
  for (int i = 0; i < descriptor.field_count() && names.empty(); ++i) {
    const FieldDescriptor& field = *descriptor.field(i);
    if (field.type() != FieldDescriptor::TYPE_MESSAGE || field.is_repeated()) continue;
    std::string value = StringField(request.GetReflection()->GetMessage(request, &field), "name");
    if (!value.empty()) names.push_back(std::move(value));
  }
  return absl::StrJoin(names, " ");
}

// One per audited call: the resource from the request (or the created resource's name in the
// response), the entry when the status goes out.
class AuditInterceptor final : public grpc::experimental::Interceptor {
 public:
  AuditInterceptor(grpc::experimental::ServerRpcInfo& info, const AccessControl& access,
                   AuditLog& audit_log)
      : info_(info), access_(access), audit_log_(audit_log) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() != nullptr) {
      resource_ = ResourcesOf(*static_cast<const Message*>(methods->GetRecvMessage()));
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE) &&
        resource_.empty() && methods->GetSendMessage() != nullptr) {
      resource_ = StringField(*static_cast<const Message*>(methods->GetSendMessage()), "name");
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Record(grpc::StatusCode code) {
    AuditEntry entry;
    absl::StatusOr<Caller> caller = access_.Authenticate(*info_.server_context());
    if (caller.ok()) entry.token_name = caller->token_name;
    entry.method = info_.method();
    entry.resource = resource_;
    entry.status_code = static_cast<int32_t>(code);
    if (absl::Status status = audit_log_.Record(std::move(entry)); !status.ok()) {
      DefaultLogger().Log(LogLevel::kError, "audit_write_failed",
                          {{"method", info_.method()}, {"message", status.message()}});
    }
  }

  grpc::experimental::ServerRpcInfo& info_;
  const AccessControl& access_;
  AuditLog& audit_log_;
  std::string resource_;
};

class AuditInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  AuditInterceptorFactory(const AccessControl& access, AuditLog& audit_log)
      : access_(access), audit_log_(audit_log) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    if (info->method() == nullptr) return nullptr;
    const MethodAccess* method = access_.table().Find(info->method());
    if (method == nullptr || !method->audited) return nullptr;
    return new AuditInterceptor(*info, access_, audit_log_);
  }

 private:
  const AccessControl& access_;
  AuditLog& audit_log_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeAuditInterceptorFactory(
    const AccessControl& access, AuditLog& audit_log) {
  return std::make_unique<AuditInterceptorFactory>(access, audit_log);
}

}  // namespace cxhub
