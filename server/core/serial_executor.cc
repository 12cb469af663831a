#include "server/core/serial_executor.h"

#include <string>
#include <utility>

#include "server/core/thread_name.h"

namespace cxhub {

SerialExecutor::SerialExecutor(std::string thread_name)
    : thread_(StartNamedThread(std::move(thread_name), [this] { Loop(); })) {}

SerialExecutor::~SerialExecutor() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void SerialExecutor::Run(Task task) {
  absl::MutexLock lock(&mu_);
  tasks_.push_back(std::move(task));
}

void SerialExecutor::Loop() {
  auto queued_or_stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !tasks_.empty() || stopping_;
  };
  while (true) {
    std::deque<Task> tasks;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(&queued_or_stopping));
      if (tasks_.empty()) return;  // Stopping, and every task run.
      tasks.swap(tasks_);
    }
    for (Task& task : tasks) std::move(task)();
  }
}

}  // namespace cxhub
