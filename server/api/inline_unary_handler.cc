#include "server/api/inline_unary_handler.h"

#include "google/protobuf/descriptor.h"

namespace cxhub {

int MethodIndex(const std::string& service_full_name, absl::string_view method) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_full_name);
  if (service == nullptr) return -1;
  const google::protobuf::MethodDescriptor* found = service->FindMethodByName(std::string(method));
  return found == nullptr ? -1 : found->index();
}

}  // namespace cxhub
