// Threads of its own that run the tasks given to them, so that whoever hands a task over goes on
// at once. With one thread (the default), tasks run one at a time, in the order given.
#ifndef CXHUB_SERVER_CORE_THREAD_POOL_H_
#define CXHUB_SERVER_CORE_THREAD_POOL_H_

#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace cxhub {

// Thread-safe.
class ThreadPool {
 public:
  using Task = absl::AnyInvocable<void() &&>;

  // Starts `threads` threads (at least one), named `thread_name` (thread_name.h); with more than
  // one, each name ends in its index ("cx-reads-0").
  explicit ThreadPool(const std::string& thread_name, int threads = 1);
  // Runs every task given so far, then joins the threads.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task` behind the others; the first thread free takes it.
  void Run(Task task);

 private:
  void Loop();

  absl::Mutex mu_;
  std::deque<Task> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;  // Started by the constructor, once the rest exists.
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_THREAD_POOL_H_
