// A thread of its own that runs the tasks given to it one at a time, in the order given, so
// that whoever hands a task over goes on at once.
#ifndef CXHUB_SERVER_CORE_SERIAL_EXECUTOR_H_
#define CXHUB_SERVER_CORE_SERIAL_EXECUTOR_H_

#include <deque>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace cxhub {

// Thread-safe.
class SerialExecutor {
 public:
  using Task = absl::AnyInvocable<void() &&>;

  // Starts the thread, named `thread_name` (thread_name.h).
  explicit SerialExecutor(std::string thread_name);
  // Runs every task given so far, then joins the thread.
  ~SerialExecutor();
  SerialExecutor(const SerialExecutor&) = delete;
  SerialExecutor& operator=(const SerialExecutor&) = delete;

  // Queues `task` behind the others.
  void Run(Task task);

 private:
  void Loop();

  absl::Mutex mu_;
  std::deque<Task> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // Last: starts once everything it reads exists.
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_SERIAL_EXECUTOR_H_
