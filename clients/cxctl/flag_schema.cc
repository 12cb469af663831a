#include "clients/cxctl/flag_schema.h"

#include <algorithm>

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Deep enough for every cxhub request; stops recursive message types.
constexpr int kMaxDepth = 4;

bool IsWellKnown(const Descriptor* message) {
  return message->file()->package() == "google.protobuf";
}

bool IsOutputOnly(const std::string& comment) {
  return comment.find("Output only.") != std::string::npos;
}

// Whether a field is left out: output-only fields are, except the `name` of the request itself
// and the resource `name` of an update request (one with an update_mask).
bool Hidden(const FieldDescriptor* field, const std::vector<const FieldDescriptor*>& path,
            bool is_update, const CommentLookup& comments) {
  if (!IsOutputOnly(comments(field->full_name()))) return false;
  return field->name() != "name" || (!path.empty() && !is_update);
}

void Collect(const Descriptor* message, const std::string& prefix,
             std::vector<const FieldDescriptor*>& path, bool is_update,
             const CommentLookup& comments, std::vector<FlagSpec>& flags) {
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (Hidden(field, path, is_update, comments)) continue;
    path.push_back(field);
    const std::string name = prefix + FlagWord(field->name());
    const bool nested = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                        !field->is_repeated() && !IsWellKnown(field->message_type());
    if (nested) {
      // A message that contains itself, directly or not, is flattened only to kMaxDepth.
      if (static_cast<int>(path.size()) < kMaxDepth) {
        Collect(field->message_type(), name + ".", path, is_update, comments, flags);
      }
    } else {
      FlagSpec flag;
      flag.name = name;
      flag.path = path;
      flag.repeated = field->is_repeated();
      flag.kind =
          field->is_map() ? FlagKind::kMap
          : (field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
             !IsWellKnown(field->message_type()))
              ? FlagKind::kMessage
              : LeafKind(field);
      flags.push_back(std::move(flag));
    }
    path.pop_back();
  }
}

}  // namespace

std::vector<FlagSpec> RequestFlags(const Descriptor* request, const CommentLookup& comments) {
  std::vector<FlagSpec> flags;
  std::vector<const FieldDescriptor*> path;
  const bool is_update = request->FindFieldByName("update_mask") != nullptr;
  Collect(request, "", path, is_update, comments, flags);
  return flags;
}

FlagKind LeafKind(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return FlagKind::kString;
    case FieldDescriptor::CPPTYPE_BOOL:
      return FlagKind::kBool;
    case FieldDescriptor::CPPTYPE_ENUM:
      return FlagKind::kEnum;
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const std::string& type = field->message_type()->full_name();
      if (type == "google.protobuf.Timestamp") return FlagKind::kTimestamp;
      if (type == "google.protobuf.Duration") return FlagKind::kDuration;
      if (type == "google.protobuf.FieldMask") return FlagKind::kFieldMask;
      if (IsWellKnown(field->message_type())) {
        const Descriptor* message = field->message_type();
        const bool wrapper = message->field_count() == 1 && message->field(0)->name() == "value" &&
                             message->field(0)->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE &&
                             !message->field(0)->is_repeated();
        return wrapper ? FlagKind::kWrapper : FlagKind::kJson;
      }
      return FlagKind::kMessage;
    }
    default:
      return FlagKind::kNumber;
  }
}

const FieldDescriptor* PositionalField(const Descriptor* request) {
  for (const char* candidate : {"name", "parent"}) {
    const FieldDescriptor* field = request->FindFieldByName(candidate);
    if (field != nullptr && !field->is_repeated() &&
        field->type() == FieldDescriptor::TYPE_STRING) {
      return field;
    }
  }
  return nullptr;
}

std::string ValueHint(const FlagSpec& flag) {
  const FieldDescriptor* field = flag.field();
  switch (flag.kind) {
    case FlagKind::kString:
      return "string";
    case FlagKind::kNumber:
      return field->type_name();
    case FlagKind::kBool:
      return "bool";
    case FlagKind::kEnum: {
      std::string names;
      for (int i = 0; i < field->enum_type()->value_count(); ++i) {
        if (field->enum_type()->value(i)->number() == 0) continue;  // *_UNSPECIFIED
        if (!names.empty()) names += "|";
        names += field->enum_type()->value(i)->name();
      }
      return names.empty() ? "ENUM" : names;
    }
    case FlagKind::kTimestamp:
      return "RFC3339";
    case FlagKind::kDuration:
      return "DURATION";
    case FlagKind::kFieldMask:
      return "PATH,...";
    case FlagKind::kWrapper:
      return field->message_type()->field(0)->type_name();
    case FlagKind::kJson:
      return "JSON";
    case FlagKind::kMap:
      return "KEY=VALUE";
    case FlagKind::kMessage:
      return "FIELD=VALUE,...|JSON";
  }
  return "value";
}

std::string FlagWord(const std::string& field_name) {
  std::string word = field_name;
  std::replace(word.begin(), word.end(), '_', '-');
  return word;
}

bool CommentSaysRequired(const std::string& comment) {
  for (size_t at = comment.find("Required."); at != std::string::npos;
       at = comment.find("Required.", at + 1)) {
    // A sentence of its own: at the start, or after a space or a line break.
    if (at == 0 || comment[at - 1] == ' ' || comment[at - 1] == '\n') return true;
  }
  return false;
}

}  // namespace cxhub::cxctl
