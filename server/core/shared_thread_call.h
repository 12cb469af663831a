// Whether the current thread serves a call on one of gRPC's callback threads: few (about one
// per two cores), and shared by every callback call, Watch streams and health checks included
// (server/api/point_read_handler.h runs the embedded store's point reads there). Such a call
// must not queue for a store connection behind slow reads on other threads, or every callback
// call would wait with it: the store keeps a few connections for it (ConnectionPool's reserve).
//
// The API layer marks the thread for the length of the call; threads that serve no call, the
// synchronous pool's and the server's read pool's, are unmarked.
#ifndef CXHUB_SERVER_CORE_SHARED_THREAD_CALL_H_
#define CXHUB_SERVER_CORE_SHARED_THREAD_CALL_H_

namespace cxhub {

bool CurrentCallOnSharedThread();

// Marks the current thread until destroyed (then restores what it was).
class ScopedSharedThreadCall {
 public:
  ScopedSharedThreadCall();
  ~ScopedSharedThreadCall();
  ScopedSharedThreadCall(const ScopedSharedThreadCall&) = delete;
  ScopedSharedThreadCall& operator=(const ScopedSharedThreadCall&) = delete;

 private:
  const bool previous_;
};

// How many connections a store keeps for such calls: one per callback thread gRPC runs on this
// machine (half the cores, at least 2 and at most 16, as gRPC sizes them).
int SharedThreadReserve();

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SHARED_THREAD_CALL_H_
