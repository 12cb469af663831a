#include "benchmarks/cxload/customer_seeder.h"

#include <algorithm>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmarks/cxload/call_setup.h"
#include "benchmarks/harness/sample_interaction.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"

namespace cxhub::cxload {
namespace {

// Interactions per BatchRecordInteractions call (the API takes up to 1000).
constexpr int kSeedBatchItems = 500;
constexpr char kSeedSource[] = "cxload-seed";

absl::Status SeedingError(const grpc::Status& status, absl::string_view call) {
  const absl::Status converted = ToAbslStatus(status);
  return absl::Status(converted.code(), absl::StrCat("seeding, ", call, ": ", converted.message()));
}

absl::StatusOr<std::vector<std::string>> CreateCustomers(v1::CustomerService::Stub& stub,
                                                         const SeedPlan& plan) {
  std::vector<std::string> names;
  names.reserve(plan.customers);
  for (int k = 0; k < plan.customers; ++k) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(absl::StrCat("Load customer ", k));
    v1::Identity* email = request.mutable_customer()->add_identities();
    email->set_kind(v1::EMAIL);
    email->set_value(absl::StrCat(plan.run_id, "-", k, "@example.com"));
    grpc::ClientContext context;
    SetUpContext(context, plan.token);
    v1::Customer customer;
    if (grpc::Status status = stub.CreateCustomer(&context, request, &customer); !status.ok()) {
      return SeedingError(status, "CreateCustomer");
    }
    names.push_back(customer.name());
  }
  return names;
}

// Item i of the history is customer i % customers's (i / customers)th email, so every batch
// spreads over many customers, as a connector's would.
absl::Status RecordHistory(v1::InteractionService::Stub& stub,
                           const std::vector<std::string>& customers, const SeedPlan& plan) {
  const int64_t count = static_cast<int64_t>(customers.size());
  const int64_t total = count * plan.interactions_per_customer;
  const absl::Time now = absl::Now();
  for (int64_t first = 0; first < total; first += kSeedBatchItems) {
    v1::BatchRecordInteractionsRequest request;
    for (int64_t i = first; i < std::min<int64_t>(total, first + kSeedBatchItems); ++i) {
      const int64_t minutes_ago = plan.interactions_per_customer - i / count;
      bench::FillSampleInteraction(
          customers[i % count], kSeedSource, absl::StrCat(plan.run_id, "-", i),
          now - absl::Minutes(minutes_ago), *request.add_requests()->mutable_interaction());
    }
    grpc::ClientContext context;
    SetUpContext(context, plan.token);
    v1::BatchRecordInteractionsResponse response;
    if (grpc::Status status = stub.BatchRecordInteractions(&context, request, &response);
        !status.ok()) {
      return SeedingError(status, "BatchRecordInteractions");
    }
    for (const v1::BatchItemResult& result : response.results()) {
      if (result.code() != 0) {
        return SeedingError(
            grpc::Status(static_cast<grpc::StatusCode>(result.code()), result.message()),
            "BatchRecordInteractions item");
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> SeedCustomers(
    const std::shared_ptr<grpc::Channel>& channel, const SeedPlan& plan) {
  const std::unique_ptr<v1::CustomerService::Stub> customer_stub =
      v1::CustomerService::NewStub(channel);
  absl::StatusOr<std::vector<std::string>> customers = CreateCustomers(*customer_stub, plan);
  if (!customers.ok()) return customers.status();
  const std::unique_ptr<v1::InteractionService::Stub> interaction_stub =
      v1::InteractionService::NewStub(channel);
  if (absl::Status status = RecordHistory(*interaction_stub, *customers, plan); !status.ok()) {
    return status;
  }
  return customers;
}

}  // namespace cxhub::cxload
