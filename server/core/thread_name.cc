#include "server/core/thread_name.h"

#include <pthread.h>

#include <string>
#include <thread>
#include <utility>

#include "absl/strings/string_view.h"

namespace cxhub {

void NameCurrentThread(absl::string_view name) {
  // pthread_setname_np refuses more than 15 bytes (ERANGE) rather than cutting.
  constexpr size_t kMaxNameBytes = 15;
  const std::string kept(name.substr(0, kMaxNameBytes));
  pthread_setname_np(pthread_self(), kept.c_str());
}

std::string CurrentThreadName() {
  char name[16] = {};  // Linux's 15 bytes and the terminator.
  if (pthread_getname_np(pthread_self(), name, sizeof(name)) != 0) return "";
  return name;
}

std::thread StartNamedThread(std::string name, absl::AnyInvocable<void() &&> body) {
  return std::thread([name = std::move(name), body = std::move(body)]() mutable {
    NameCurrentThread(name);
    std::move(body)();
  });
}

}  // namespace cxhub
