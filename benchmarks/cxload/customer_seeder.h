// The customers a load run reads and writes, created through the API, so that the same code
// seeds an in-process server and one given by --target.
#ifndef CXHUB_BENCHMARKS_CXLOAD_CUSTOMER_SEEDER_H_
#define CXHUB_BENCHMARKS_CXLOAD_CUSTOMER_SEEDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace cxhub::cxload {

struct SeedPlan {
  int customers = 0;
  int interactions_per_customer = 0;
  std::string run_id;  // Makes the identities and external ids unique to the run.
  std::string token;   // Bearer token, with the writer role; empty without auth.
};

// Creates `plan.customers` customers on `channel`, each with an email of its own, and
// records `plan.interactions_per_customer` emails for each, a minute apart up to now
// (BatchRecordInteractions). Returns the customers' names (customers/{id}). The first failed
// call's status, naming it.
absl::StatusOr<std::vector<std::string>> SeedCustomers(
    const std::shared_ptr<grpc::Channel>& channel, const SeedPlan& plan);

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_CUSTOMER_SEEDER_H_
