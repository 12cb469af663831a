// The request and response of a unary call on the callback API, on a protobuf Arena of the call.
//
// Why: a page of 50 interactions is some 500 strings and messages, each its own allocation on the
// heap, made on the thread that ran the call and freed after the answer went out. operator new
// was 11% of ListInteractions' CPU (perf, cxload --mix=list:1), nearly all of it stalled on the
// first word of the free block (memory another core touched last), and destroying the response
// another 7%. On an arena they are cut from a few blocks, which go at once when the call ends.
#ifndef CXHUB_SERVER_API_ARENA_MESSAGE_ALLOCATOR_H_
#define CXHUB_SERVER_API_ARENA_MESSAGE_ALLOCATOR_H_

#include <cstddef>

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace cxhub {

// The messages of a call that gRPC hands to the method's handler, which releases them when the
// call is done. A call refused before its handler runs (access_checked_service.cc) must release
// them itself.
class UnusedCallMessages {
 public:
  virtual void ReleaseUnused() = 0;

 protected:
  ~UnusedCallMessages() = default;
};

// Releases the messages gRPC's callback unary handler made for a call (its `internal_data`, null
// for other handlers) when an ArenaMessageAllocator made them. gRPC's default holder is left
// alone: it lives in the call's own arena and goes with the call.
void ReleaseUnusedArenaMessages(void* internal_data);

template <typename Request, typename Response>
class ArenaMessageAllocator : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

 private:
  class Holder : public grpc::MessageHolder<Request, Response>, public UnusedCallMessages {
   public:
    Holder() : arena_(Options(first_block_, sizeof(first_block_))) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }
    void ReleaseUnused() override { Release(); }

   private:
    static google::protobuf::ArenaOptions Options(char* first_block, size_t size) {
      google::protobuf::ArenaOptions options;
      // Most calls fit in the first block, which comes with the holder: one allocation per call.
      options.initial_block = first_block;
      options.initial_block_size = size;
      // A page of history (up to max_list_page_bytes, 3 MiB) takes a few blocks, not hundreds.
      options.max_block_size = 256 * 1024;
      return options;
    }

    alignas(std::max_align_t) char first_block_[4096];
    google::protobuf::Arena arena_;  // After first_block_, which it uses until it is destroyed.
  };
};

// The allocator of one method's messages, for the life of the process (gRPC uses it as long as
// the server runs). Thread-safe.
template <typename Request, typename Response>
ArenaMessageAllocator<Request, Response>* SharedArenaMessageAllocator() {
  static auto* const allocator = new ArenaMessageAllocator<Request, Response>();
  return allocator;
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_ARENA_MESSAGE_ALLOCATOR_H_
