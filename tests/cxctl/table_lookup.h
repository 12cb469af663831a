// Test helper: a command of the table linked into the test (GeneratedCommandTable()).
#ifndef CXHUB_TESTS_CXCTL_TABLE_LOOKUP_H_
#define CXHUB_TESTS_CXCTL_TABLE_LOOKUP_H_

#include <string>

#include "clients/cxctl/command_table.h"

namespace cxhub::cxctl {

// The command `cxctl GROUP VERB`, or nullptr.
inline const MethodSpec* FindMethod(const std::string& group, const std::string& verb) {
  const CommandTable& table = GeneratedCommandTable();
  for (size_t s = 0; s < table.service_count; ++s) {
    if (group != table.services[s].group) continue;
    for (size_t m = 0; m < table.services[s].method_count; ++m) {
      if (verb == table.services[s].methods[m].verb) return &table.services[s].methods[m];
    }
  }
  return nullptr;
}

}  // namespace cxhub::cxctl

#endif  // CXHUB_TESTS_CXCTL_TABLE_LOOKUP_H_
