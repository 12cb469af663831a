#include "server/api/watch_interactions_reactor.h"

#include <utility>

#include "server/api/interaction_conversion.h"
#include "server/api/interaction_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/core/status_macros.h"

namespace cxhub {

WatchInteractionsReactor::WatchInteractionsReactor(const v1::WatchInteractionsRequest& request,
                                                   InteractionLog& log,
                                                   InteractionWatchers& watchers,
                                                   ConcurrencyLimit& streams,
                                                   const RequestLimits& limits)
    : log_(log), watchers_(watchers) {
  if (absl::Status begun = Begin(request, streams, limits); !begun.ok()) {
    absl::MutexLock lock(&mu_);
    FinishWhenIdle(ToGrpcStatus(begun));
    return;
  }
  InteractionId start = 0;
  {
    absl::MutexLock lock(&mu_);
    start = last_;
  }
  // Without the lock: Wait may end the watch at once (OnEnd).
  watchers_.Wait(*this, start, customer_);
}

absl::Status WatchInteractionsReactor::Begin(const v1::WatchInteractionsRequest& request,
                                             ConcurrencyLimit& streams,
                                             const RequestLimits& limits) {
  CXHUB_RETURN_IF_ERROR(ValidateRequest(request, limits));
  CustomerId customer = 0;
  if (!request.customer().empty()) {
    CXHUB_ASSIGN_OR_RETURN(customer, ParseCustomerName(request.customer(), "customer"));
  }
  CXHUB_ASSIGN_OR_RETURN(ConcurrencyLimit::Slot slot, streams.Acquire());
  slot_.emplace(std::move(slot));
  CXHUB_ASSIGN_OR_RETURN(InteractionId start, log_.WatchStart(customer, &customer_));
  {
    absl::MutexLock lock(&mu_);
    last_ = start;
  }
  // Tells the client the watch is in place: everything committed from now on is delivered.
  StartSendInitialMetadata();
  open_stream_.emplace(log_.feed());
  return absl::OkStatus();
}

void WatchInteractionsReactor::OnInteractions(std::vector<Interaction> interactions) {
  absl::MutexLock lock(&mu_);
  if (finished_) return;
  for (Interaction& interaction : interactions) pending_.push_back(std::move(interaction));
  if (!writing_) WriteFront();
}

void WatchInteractionsReactor::OnEnd(const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  FinishWhenIdle(ToGrpcStatus(status));
}

void WatchInteractionsReactor::WriteFront() {
  InteractionToProto(pending_.front(), &message_);
  writing_ = true;
  StartWrite(&message_);
}

void WatchInteractionsReactor::OnWriteDone(bool ok) {
  InteractionId last = 0;
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {  // The client went away.
      FinishWhenIdle(grpc::Status::OK);
      return;
    }
    log_.feed().CountDelivered(1);
    last_ = pending_.front().id;
    pending_.pop_front();
    if (finish_after_write_.has_value()) {
      FinishWhenIdle(*finish_after_write_);
      return;
    }
    if (!pending_.empty()) {
      WriteFront();
      return;
    }
    last = last_;
  }
  // Without the lock: Wait may end the watch at once (OnEnd).
  watchers_.Wait(*this, last, customer_);
}

void WatchInteractionsReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  FinishWhenIdle(grpc::Status::OK);
}

void WatchInteractionsReactor::FinishWhenIdle(const grpc::Status& status) {
  if (finished_) return;
  if (writing_) {
    if (!finish_after_write_.has_value()) finish_after_write_ = status;
    return;
  }
  finished_ = true;
  Finish(status);
}

void WatchInteractionsReactor::OnDone() {
  // After Remove, InteractionWatchers never calls this watcher again.
  watchers_.Remove(*this);
  delete this;
}

}  // namespace cxhub
