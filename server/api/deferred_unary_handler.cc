#include "server/api/deferred_unary_handler.h"

#include <cstdio>
#include <cstdlib>

#include "google/protobuf/descriptor.h"

namespace cxhub {

int MethodIndex(const std::string& service_full_name, absl::string_view method) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_full_name);
  const google::protobuf::MethodDescriptor* found =
      service == nullptr ? nullptr : service->FindMethodByName(std::string(method));
  if (found == nullptr) {
    std::fprintf(stderr, "cxhubd: no method %s in service %s\n", std::string(method).c_str(),
                 service_full_name.c_str());
    std::abort();
  }
  return found->index();
}

}  // namespace cxhub
