// The flags every cxctl command takes besides its request's fields: connection, output and
// request input. The CLI parses them; protoc-gen-cxctl lists them in the completion scripts.
#ifndef CXHUB_CLIENTS_CXCTL_COMMON_FLAGS_H_
#define CXHUB_CLIENTS_CXCTL_COMMON_FLAGS_H_

#include <cstddef>
#include <map>
#include <string>

namespace cxhub::cxctl {

struct CommonFlag {
  const char* name;  // Without "--".
  const char* hint;  // What the value is; nullptr for a flag that takes none.
  const char* help;
  const char* const* values;  // Possible values for completion, nullptr-terminated, or nullptr.
};

// The common flags given on a command line: value by flag name (without "--"), the last
// occurrence winning; "true" for a flag that takes no value and was given without one.
using CommonFlagValues = std::map<std::string, std::string>;

// All common flags, in the order help shows them.
const CommonFlag* CommonFlags(size_t* count);

// The common flag called `name`, or nullptr.
const CommonFlag* FindCommonFlag(const char* name);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMMON_FLAGS_H_
