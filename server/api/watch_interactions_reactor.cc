#include "server/api/watch_interactions_reactor.h"

#include <utility>

#include "server/api/interaction_conversion.h"
#include "server/api/interaction_validation.h"
#include "server/api/resource_names.h"
#include "server/api/status_mapping.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// An interaction's wire message, shared read-only by the streams that send it (serializing a
// const message from several threads at once is safe).
class InteractionMessage final : public EncodedInteraction {
 public:
  explicit InteractionMessage(const Interaction& interaction) {
    InteractionToProto(interaction, &message_);
    message_.ByteSizeLong();  // Caches the size before the message is shared.
  }
  const v1::Interaction& message() const { return message_; }

 private:
  v1::Interaction message_;
};

}  // namespace

std::shared_ptr<const EncodedInteraction> WatchInteractionsReactor::Encode(
    const Interaction& interaction) {
  return std::make_shared<InteractionMessage>(interaction);
}

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
  if (!request.start_after().empty()) {
    CXHUB_ASSIGN_OR_RETURN(start, ParseInteractionName(request.start_after(), "start_after"));
  }
  {
    absl::MutexLock lock(&mu_);
    last_ = start;
  }
  // Tells the client the watch is in place: everything committed from now on is delivered.
  StartSendInitialMetadata();
  open_stream_.emplace(log_.feed());
  return absl::OkStatus();
}

void WatchInteractionsReactor::OnInteractions(std::vector<SharedInteraction> interactions) {
  absl::MutexLock lock(&mu_);
  if (finished_) return;
  // Handed over only while this reactor waits in InteractionWatchers, which it does only once
  // everything before was sent (OnWriteDone): nothing is pending, and nothing is being written.
  pending_ = std::move(interactions);
  next_ = 0;
  WriteFront();
}

void WatchInteractionsReactor::OnEnd(const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  FinishWhenIdle(ToGrpcStatus(status));
}

void WatchInteractionsReactor::WriteFront() {
  const WatchedInteraction& front = *pending_[next_];
  writing_ = true;
  // Shared by every stream when InteractionWatchers encodes with Encode (the server's do).
  if (const auto* shared = dynamic_cast<const InteractionMessage*>(front.encoded.get())) {
    StartWrite(&shared->message());
    return;
  }
  if (message_ == nullptr) message_ = std::make_unique<v1::Interaction>();
  InteractionToProto(front.interaction, message_.get());
  StartWrite(message_.get());
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
    last_ = pending_[next_]->interaction.id;
    if (++next_ == pending_.size()) {
      pending_ = {};  // Frees the memory and the interactions while the stream waits.
      next_ = 0;
      message_.reset();
    }
    if (finish_after_write_.has_value()) {
      FinishWhenIdle(*finish_after_write_);
      return;
    }
    if (next_ < pending_.size()) {
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
