// Names threads, as `top -H`, `ps -L`, gdb and perf show them (/proc/.../comm), so that the
// server's threads can be told apart from gRPC's and from each other.
#ifndef CXHUB_SERVER_CORE_THREAD_NAME_H_
#define CXHUB_SERVER_CORE_THREAD_NAME_H_

#include <string>
#include <thread>

#include "absl/functional/any_invocable.h"
#include "absl/strings/string_view.h"

namespace cxhub {

// Linux keeps 15 bytes of a thread's name; a longer `name` is cut there. Threads a thread starts
// begin with its name. Does nothing where names cannot be set.
void NameCurrentThread(absl::string_view name);

// The current thread's name, as Linux keeps it; empty where names cannot be read.
std::string CurrentThreadName();

// A new thread that names itself `name` (as NameCurrentThread), then runs `body`.
std::thread StartNamedThread(std::string name, absl::AnyInvocable<void() &&> body);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_THREAD_NAME_H_
