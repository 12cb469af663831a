// cxhub.v1.CustomerService over CustomerDirectory: validates each request, calls the
// directory, packs the reply and maps the status.
#ifndef CXHUB_SERVER_API_CUSTOMER_SERVICE_H_
#define CXHUB_SERVER_API_CUSTOMER_SERVICE_H_

#include "cxhub/v1/customer.grpc.pb.h"
#include "server/api/request_limits.h"
#include "server/core/customer_directory.h"

namespace cxhub {

// Thread-safe. Borrows the directory, which must outlive it; copies the limits.
class CustomerServiceImpl final : public v1::CustomerService::Service {
 public:
  CustomerServiceImpl(CustomerDirectory& directory, const RequestLimits& limits)
      : directory_(directory), limits_(limits) {}

  grpc::Status CreateCustomer(grpc::ServerContext* context,
                              const v1::CreateCustomerRequest* request,
                              v1::Customer* response) override;
  grpc::Status GetCustomer(grpc::ServerContext* context, const v1::GetCustomerRequest* request,
                           v1::Customer* response) override;
  grpc::Status ListCustomers(grpc::ServerContext* context, const v1::ListCustomersRequest* request,
                             v1::ListCustomersResponse* response) override;
  grpc::Status UpdateCustomer(grpc::ServerContext* context,
                              const v1::UpdateCustomerRequest* request,
                              v1::Customer* response) override;
  grpc::Status DeleteCustomer(grpc::ServerContext* context,
                              const v1::DeleteCustomerRequest* request,
                              google::protobuf::Empty* response) override;
  grpc::Status LookupCustomer(grpc::ServerContext* context,
                              const v1::LookupCustomerRequest* request,
                              v1::Customer* response) override;
  grpc::Status AddIdentity(grpc::ServerContext* context, const v1::AddIdentityRequest* request,
                           v1::Customer* response) override;
  grpc::Status RemoveIdentity(grpc::ServerContext* context,
                              const v1::RemoveIdentityRequest* request,
                              v1::Customer* response) override;
  grpc::Status MergeCustomers(grpc::ServerContext* context,
                              const v1::MergeCustomersRequest* request,
                              v1::Customer* response) override;

 private:
  CustomerDirectory& directory_;
  const RequestLimits limits_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_CUSTOMER_SERVICE_H_
