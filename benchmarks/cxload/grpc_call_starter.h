// Starts cxload's calls on a cxhub server with gRPC's callback API: no thread waits on a
// call; gRPC runs each call's end on a thread of its own, which starts the next.
#ifndef CXHUB_BENCHMARKS_CXLOAD_GRPC_CALL_STARTER_H_
#define CXHUB_BENCHMARKS_CXLOAD_GRPC_CALL_STARTER_H_

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "benchmarks/cxload/closed_loop.h"
#include "benchmarks/cxload/rpc_mix.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace cxhub::cxload {

struct CallStarterOptions {
  std::string target;                  // host:port
  int channels = 1;                    // each its own TCP connection
  int slots = 1;                       // slot s calls over channel s % channels
  std::string token;                   // bearer token; empty without auth
  std::vector<std::string> customers;  // customers/{id} the calls pick from at random
  std::string run_id;                  // makes recorded external ids unique to the run
  // Whether every customer has a history, so that an empty ListInteractions page is an error.
  bool customers_have_history = false;
};

// A call fails (the listener hears a non-OK status) when gRPC fails it, and also when its
// answer is not what the server owes: a health check that is not SERVING, another customer
// than asked for, an empty page of a customer with history, a record found already recorded.
class GrpcCallStarter final : public CallStarter {
 public:
  // Opens the channels and waits until each has connected.
  static absl::StatusOr<std::unique_ptr<GrpcCallStarter>> Connect(CallStarterOptions options);

  void StartCall(int slot, LoadRpc rpc, CallListener& listener) override;

 private:
  struct ChannelStubs {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<grpc::GenericStub> generic;
    std::unique_ptr<v1::CustomerService::Stub> customers;
    std::unique_ptr<v1::InteractionService::Stub> interactions;
  };

  // What a slot's call needs while in flight, reused by the slot's next call.
  struct SlotCall {
    std::optional<grpc::ClientContext> context;
    CallListener* listener = nullptr;
    std::minstd_rand random;
    int64_t records = 0;  // RecordInteraction calls started, for their external ids.
    grpc::ByteBuffer health_request;
    grpc::ByteBuffer health_response;
    v1::GetCustomerRequest get_request;
    v1::Customer get_response;
    v1::ListInteractionsRequest list_request;
    v1::ListInteractionsResponse list_response;
    v1::RecordInteractionRequest record_request;
    v1::RecordInteractionResponse record_response;
  };

  explicit GrpcCallStarter(CallStarterOptions options);

  const std::string& PickCustomer(SlotCall& call);
  void StartHealthCheck(int slot, ChannelStubs& stubs, SlotCall& call);
  void StartGetCustomer(int slot, ChannelStubs& stubs, SlotCall& call);
  void StartListInteractions(int slot, ChannelStubs& stubs, SlotCall& call);
  void StartRecordInteraction(int slot, ChannelStubs& stubs, SlotCall& call);
  // The call's status, or an error when OK but `answer_error` (what is wrong with the answer)
  // is not empty.
  static absl::Status Outcome(const grpc::Status& status, const char* answer_error);

  const CallStarterOptions options_;
  const std::string health_method_;
  std::vector<ChannelStubs> channels_;
  std::vector<std::unique_ptr<SlotCall>> slots_;
};

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_GRPC_CALL_STARTER_H_
