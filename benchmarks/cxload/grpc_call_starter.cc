#include "benchmarks/cxload/grpc_call_starter.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "benchmarks/cxload/call_setup.h"
#include "benchmarks/harness/sample_interaction.h"

namespace cxhub::cxload {
namespace {

// Debian ships no generated code for grpc.health.v1, so the check goes through GenericStub
// with an empty HealthCheckRequest (service "": the whole server).
constexpr char kHealthCheckMethod[] = "/grpc.health.v1.Health/Check";
// HealthCheckResponse{status: SERVING}: field 1, varint 1.
constexpr size_t kServingResponseBytes = 2;
constexpr int kListPageSize = 50;
constexpr char kLoadSource[] = "cxload";

}  // namespace

absl::StatusOr<std::unique_ptr<GrpcCallStarter>> GrpcCallStarter::Connect(
    CallStarterOptions options) {
  if (options.customers.empty()) {
    return absl::InvalidArgumentError("the load needs at least one customer");
  }
  std::unique_ptr<GrpcCallStarter> starter(new GrpcCallStarter(std::move(options)));
  for (ChannelStubs& stubs : starter->channels_) {
    if (absl::Status status = WaitForConnection(*stubs.channel, starter->options_.target);
        !status.ok()) {
      return status;
    }
  }
  return starter;
}

GrpcCallStarter::GrpcCallStarter(CallStarterOptions options)
    : options_(std::move(options)), health_method_(kHealthCheckMethod) {
  for (int i = 0; i < options_.channels; ++i) {
    ChannelStubs stubs;
    stubs.channel = NewOwnChannel(options_.target, i);
    stubs.generic = std::make_unique<grpc::GenericStub>(stubs.channel);
    stubs.customers = v1::CustomerService::NewStub(stubs.channel);
    stubs.interactions = v1::InteractionService::NewStub(stubs.channel);
    channels_.push_back(std::move(stubs));
  }
  for (int slot = 0; slot < options_.slots; ++slot) {
    auto call = std::make_unique<SlotCall>();
    call->random.seed(slot + 1);
    grpc::Slice nothing("");
    call->health_request = grpc::ByteBuffer(&nothing, 1);
    call->list_request.set_page_size(kListPageSize);
    slots_.push_back(std::move(call));
  }
}

void GrpcCallStarter::StartCall(int slot, LoadRpc rpc, CallListener& listener) {
  SlotCall& call = *slots_[slot];
  ChannelStubs& stubs = channels_[slot % channels_.size()];
  call.listener = &listener;
  // The previous call of the slot has ended: a context serves one call only.
  call.context.emplace();
  SetUpContext(*call.context, options_.token);
  switch (rpc) {
    case LoadRpc::kHealthCheck:
      return StartHealthCheck(slot, stubs, call);
    case LoadRpc::kGetCustomer:
      return StartGetCustomer(slot, stubs, call);
    case LoadRpc::kListInteractions:
      return StartListInteractions(slot, stubs, call);
    case LoadRpc::kRecordInteraction:
      return StartRecordInteraction(slot, stubs, call);
  }
}

const std::string& GrpcCallStarter::PickCustomer(SlotCall& call) {
  std::uniform_int_distribution<size_t> index(0, options_.customers.size() - 1);
  return options_.customers[index(call.random)];
}

absl::Status GrpcCallStarter::Outcome(const grpc::Status& status, const char* answer_error) {
  if (!status.ok()) return ToAbslStatus(status);
  if (answer_error != nullptr) return absl::InternalError(answer_error);
  return absl::OkStatus();
}

void GrpcCallStarter::StartHealthCheck(int slot, ChannelStubs& stubs, SlotCall& call) {
  stubs.generic->UnaryCall(
      &*call.context, health_method_, grpc::StubOptions(), &call.health_request,
      &call.health_response, [&call, slot](const grpc::Status& status) {
        const bool serving = call.health_response.Length() == kServingResponseBytes;
        call.listener->OnCallDone(slot, Outcome(status, serving ? nullptr : "not SERVING"));
      });
}

void GrpcCallStarter::StartGetCustomer(int slot, ChannelStubs& stubs, SlotCall& call) {
  call.get_request.set_name(PickCustomer(call));
  stubs.customers->async()->GetCustomer(
      &*call.context, &call.get_request, &call.get_response,
      [&call, slot](const grpc::Status& status) {
        const bool same = call.get_response.name() == call.get_request.name();
        call.listener->OnCallDone(slot, Outcome(status, same ? nullptr : "another customer"));
      });
}

void GrpcCallStarter::StartListInteractions(int slot, ChannelStubs& stubs, SlotCall& call) {
  call.list_request.set_parent(PickCustomer(call));
  const bool rows_expected = options_.customers_have_history;
  stubs.interactions->async()->ListInteractions(
      &*call.context, &call.list_request, &call.list_response,
      [&call, slot, rows_expected](const grpc::Status& status) {
        const bool empty = rows_expected && call.list_response.interactions_size() == 0;
        call.listener->OnCallDone(slot, Outcome(status, empty ? "empty page" : nullptr));
      });
}

void GrpcCallStarter::StartRecordInteraction(int slot, ChannelStubs& stubs, SlotCall& call) {
  bench::FillSampleInteraction(PickCustomer(call), kLoadSource,
                               absl::StrCat(options_.run_id, "-", slot, "-", call.records++),
                               absl::Now(), *call.record_request.mutable_interaction());
  stubs.interactions->async()->RecordInteraction(
      &*call.context, &call.record_request, &call.record_response,
      [&call, slot](const grpc::Status& status) {
        const bool fresh = !call.record_response.already_recorded();
        call.listener->OnCallDone(slot, Outcome(status, fresh ? nullptr : "already recorded"));
      });
}

}  // namespace cxhub::cxload
