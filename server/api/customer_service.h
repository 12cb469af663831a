// cxhub.v1.CustomerService over CustomerDirectory: validates each request, calls the
// directory, packs the reply and maps the status. GetCustomer and LookupCustomer, point reads,
// run on the callback API (point_read_handler.h); the other methods are synchronous.
#ifndef CXHUB_SERVER_API_CUSTOMER_SERVICE_H_
#define CXHUB_SERVER_API_CUSTOMER_SERVICE_H_

#include <string>
#include <vector>

#include "cxhub/v1/customer.grpc.pb.h"
#include "server/api/access_checked_service.h"
#include "server/api/point_read_handler.h"
#include "server/api/request_limits.h"
#include "server/core/customer_directory.h"

namespace cxhub {

// Thread-safe. Borrows the directory, which must outlive it; copies the limits. The point reads
// run on `read_pool` when given (a store whose reads wait on the network), which must outlive
// every call, and on the thread that delivered the call otherwise (point_read_handler.h).
class CustomerServiceImpl final : public v1::CustomerService::Service,
                                  public CallbackMethodsDeclaration {
 public:
  CustomerServiceImpl(CustomerDirectory& directory, const RequestLimits& limits,
                      ThreadPool* read_pool = nullptr);

  grpc::Status CreateCustomer(grpc::ServerContext* context,
                              const v1::CreateCustomerRequest* request,
                              v1::Customer* response) override;
  grpc::Status ListCustomers(grpc::ServerContext* context, const v1::ListCustomersRequest* request,
                             v1::ListCustomersResponse* response) override;
  grpc::Status UpdateCustomer(grpc::ServerContext* context,
                              const v1::UpdateCustomerRequest* request,
                              v1::Customer* response) override;
  grpc::Status DeleteCustomer(grpc::ServerContext* context,
                              const v1::DeleteCustomerRequest* request,
                              google::protobuf::Empty* response) override;
  grpc::Status AddIdentity(grpc::ServerContext* context, const v1::AddIdentityRequest* request,
                           v1::Customer* response) override;
  grpc::Status RemoveIdentity(grpc::ServerContext* context,
                              const v1::RemoveIdentityRequest* request,
                              v1::Customer* response) override;
  grpc::Status MergeCustomers(grpc::ServerContext* context,
                              const v1::MergeCustomersRequest* request,
                              v1::Customer* response) override;

  std::vector<std::string> CallbackMethodNames() const override { return callback_methods_; }

 private:
  // The two point reads, for their handlers (point_read_handler.h).
  grpc::Status Get(const v1::GetCustomerRequest& request, v1::Customer* response);
  grpc::Status Lookup(const v1::LookupCustomerRequest& request, v1::Customer* response);

  CustomerDirectory& directory_;
  const RequestLimits limits_;
  std::vector<std::string> callback_methods_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CUSTOMER_SERVICE_H_
