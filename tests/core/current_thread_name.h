// The calling thread's name as Linux keeps it (/proc/thread-self/comm), for tests of
// server/core/thread_name.h and of the threads named with it.
#ifndef CXHUB_TESTS_CORE_CURRENT_THREAD_NAME_H_
#define CXHUB_TESTS_CORE_CURRENT_THREAD_NAME_H_

#include <fstream>
#include <string>

namespace cxhub {

inline std::string CurrentThreadName() {
  std::ifstream comm("/proc/thread-self/comm");
  std::string name;
  std::getline(comm, name);
  return name;
}

}  // namespace cxhub

#endif  // CXHUB_TESTS_CORE_CURRENT_THREAD_NAME_H_
