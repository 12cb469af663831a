#include "clients/cxctl/operation_progress.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* Field(const Message& message, const char* name) {
  return message.GetDescriptor()->FindFieldByName(name);
}

// The message packed in a google.protobuf.Any, or nullptr when its type is unknown here.
std::unique_ptr<Message> Unpack(const Message& any) {
  const Reflection& reflection = *any.GetReflection();
  const std::string type_url = reflection.GetString(any, Field(any, "type_url"));
  const absl::string_view type_name =
      absl::string_view(type_url).substr(type_url.find_last_of('/') + 1);
  const Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          std::string(type_name));
  if (type == nullptr) return nullptr;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype == nullptr) return nullptr;
  std::unique_ptr<Message> message(prototype->New());
  if (!message->ParseFromString(reflection.GetString(any, Field(any, "value")))) return nullptr;
  return message;
}

std::optional<int64_t> Int64Field(const Message& message, const char* name) {
  const FieldDescriptor* field = Field(message, name);
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_INT64) {
    return std::nullopt;
  }
  return message.GetReflection()->GetInt64(message, field);
}

}  // namespace

bool IsOperationType(const Descriptor* type) {
  return type != nullptr && type->full_name() == kOperationType;
}

OperationProgress ReadOperationProgress(const Message& operation) {
  const Reflection& reflection = *operation.GetReflection();
  OperationProgress progress;
  progress.name = reflection.GetString(operation, Field(operation, "name"));
  progress.done = reflection.GetBool(operation, Field(operation, "done"));
  if (const FieldDescriptor* metadata = Field(operation, "metadata");
      reflection.HasField(operation, metadata)) {
    if (std::unique_ptr<Message> unpacked = Unpack(reflection.GetMessage(operation, metadata))) {
      progress.processed = Int64Field(*unpacked, "processed");
      progress.total = Int64Field(*unpacked, "total");
    }
  }
  if (const FieldDescriptor* error = Field(operation, "error");
      reflection.HasField(operation, error)) {
    const Message& status = reflection.GetMessage(operation, error);
    progress.error_code = status.GetReflection()->GetInt32(status, Field(status, "code"));
    progress.error_message = status.GetReflection()->GetString(status, Field(status, "message"));
  }
  return progress;
}

}  // namespace cxhub::cxctl
