// The command table of cxctl: what protoc-gen-cxctl generates from the cxhub.v1 service protos
// and what the CLI (cli.h) runs. A table describes every service as a command group and every
// RPC as a command, with the proto comments that make up the help text.
//
// All pointers point to static storage owned by the generated code; a table never changes.
#ifndef CXHUB_CLIENTS_CXCTL_COMMAND_TABLE_H_
#define CXHUB_CLIENTS_CXCTL_COMMAND_TABLE_H_

#include <cstddef>

#include "google/protobuf/descriptor.h"

namespace cxhub::cxctl {

// One RPC, run as `cxctl GROUP VERB`.
struct MethodSpec {
  const char* verb;           // "get", "list", "add-identity", "batch-record"
  const char* method;         // "GetCustomer"
  const char* full_method;    // "/cxhub.v1.CustomerService/GetCustomer"
  const char* request_type;   // "cxhub.v1.GetCustomerRequest"
  const char* response_type;  // "cxhub.v1.Customer"
  bool client_streaming;
  bool server_streaming;
  const char* comment;  // Leading comment of the rpc, "" when none.
  // Descriptors of the linked generated code; calling them also guarantees that the types are
  // registered in DescriptorPool::generated_pool().
  const google::protobuf::Descriptor* (*request_descriptor)();
  const google::protobuf::Descriptor* (*response_descriptor)();
};

// One service, run as a command group.
struct ServiceSpec {
  const char* group;      // "customers"
  const char* full_name;  // "cxhub.v1.CustomerService"
  const char* comment;    // Leading comment of the service.
  const MethodSpec* methods;
  size_t method_count;
};

// The leading comment of a message, field, enum or enum value, by its full name
// ("cxhub.v1.Customer.display_name"). Generated descriptors carry no comments, hence this list.
struct CommentSpec {
  const char* full_name;
  const char* comment;
};

struct CommandTable {
  const ServiceSpec* services;
  size_t service_count;
  const CommentSpec* comments;  // Sorted by full_name.
  size_t comment_count;
  const char* bash_completion;  // The script protoc-gen-cxctl also writes as cxctl.bash.
  const char* zsh_completion;   // The script protoc-gen-cxctl also writes as _cxctl.
};

// The table generated from the protos cxctl is built with (defined in the generated
// cxctl_table.cc).
const CommandTable& GeneratedCommandTable();

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMMAND_TABLE_H_
