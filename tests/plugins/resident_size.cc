#include "tests/plugins/resident_size.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace cxhub::test {

long ProcessStatusField(const std::string& process, const char* name) {
  std::ifstream status("/proc/" + process + "/status");
  std::string line;
  const size_t length = std::strlen(name);
  while (std::getline(status, line)) {
    long kib = 0;
    if (line.compare(0, length, name) == 0 &&
        std::sscanf(line.c_str() + length, ": %ld", &kib) == 1) {
      return kib;
    }
  }
  return -1;
}

long PeakResidentKib() { return ProcessStatusField("self", "VmHWM"); }
long ResidentKib() { return ProcessStatusField("self", "VmRSS"); }

bool ResetPeakResident() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return clear_refs.good();
}

}  // namespace cxhub::test
