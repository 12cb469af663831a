// Which command-line flags a request message has. One function decides it for both the
// protoc plugin (completion scripts) and the CLI (parsing and help), so the two never differ.
//
// Rules: a field `display_name` is the flag `--display-name`; a singular message field is
// flattened with dots (`--customer.display-name`), except the well-known types, which are one
// flag each (Timestamp as RFC 3339, Duration as "90s", FieldMask as "a,b"); a map is one flag
// taking KEY=VALUE; a repeated field is one flag given once per element; a repeated message
// takes each element as JSON or as "field=value,field=value". Fields whose comment says
// "Output only." are left out, except the request's own `name` and, in update requests (those
// with an update_mask), the `name` of the resource being updated.
#ifndef CXHUB_CLIENTS_CXCTL_FLAG_SCHEMA_H_
#define CXHUB_CLIENTS_CXCTL_FLAG_SCHEMA_H_

#include <functional>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"

namespace cxhub::cxctl {

enum class FlagKind {
  kString,     // string, bytes (taken as is)
  kNumber,     // integer and floating point types
  kBool,       // --flag, --flag=true, --flag=false
  kEnum,       // value name, case-insensitive
  kTimestamp,  // google.protobuf.Timestamp, RFC 3339 or "now"
  kDuration,   // google.protobuf.Duration, "90s", "1.5s", "2m30s"
  kFieldMask,  // google.protobuf.FieldMask, "display_name,attributes"
  kWrapper,    // google.protobuf.*Value wrappers: the wrapped scalar
  kJson,       // other well-known types (Struct, Value, Any, ...): proto3 JSON
  kMap,        // KEY=VALUE
  kMessage,    // element of a repeated message: JSON object or "field=value,field=value"
};

struct FlagSpec {
  std::string name;  // Without the leading "--", e.g. "customer.display-name".
  // Fields from the request message down to the flag's field.
  std::vector<const google::protobuf::FieldDescriptor*> path;
  FlagKind kind = FlagKind::kString;
  bool repeated = false;  // May be given more than once (repeated and map fields).

  const google::protobuf::FieldDescriptor* field() const { return path.back(); }
};

// Returns the leading comment of a descriptor by its full name, "" when there is none.
using CommentLookup = std::function<std::string(const std::string& full_name)>;

// The flags of `request`, in field order, depth first.
std::vector<FlagSpec> RequestFlags(const google::protobuf::Descriptor* request,
                                   const CommentLookup& comments);

// The kind of flag a field (or a map value) is parsed as, ignoring whether it is repeated.
FlagKind LeafKind(const google::protobuf::FieldDescriptor* field);

// The field the positional NAME argument sets: the request's `name` string field, else its
// `parent` string field, else null (the command takes no positional argument).
const google::protobuf::FieldDescriptor* PositionalField(
    const google::protobuf::Descriptor* request);

// A short description of what a flag takes, for usage lines: "string", "int32",
// "EMAIL|PHONE|...", "RFC3339", "DURATION", "PATHS", "KEY=VALUE", "JSON|FIELD=VALUE,...".
std::string ValueHint(const FlagSpec& flag);

// "display_name" -> "display-name".
std::string FlagWord(const std::string& field_name);

// True when a comment marks its field as required ("... Required.").
bool CommentSaysRequired(const std::string& comment);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_FLAG_SCHEMA_H_
