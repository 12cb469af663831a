#include "clients/cxctl/request_flags.h"

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status Invalid(absl::string_view flag, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", what));
}

absl::Status NotA(absl::string_view flag, absl::string_view value, absl::string_view type) {
  return Invalid(flag, absl::StrCat("\"", value, "\" is not a valid ", type));
}

absl::Status ParseBool(absl::string_view flag, absl::string_view value, bool* out) {
  const std::string lower = absl::AsciiStrToLower(value);
  if (lower == "true" || lower == "1" || lower == "yes") {
    *out = true;
  } else if (lower == "false" || lower == "0" || lower == "no") {
    *out = false;
  } else {
    return NotA(flag, value, "bool (true or false)");
  }
  return absl::OkStatus();
}

absl::StatusOr<const EnumValueDescriptor*> ParseEnum(absl::string_view flag,
                                                     const FieldDescriptor* field,
                                                     absl::string_view value) {
  const auto* type = field->enum_type();
  const std::string wanted = absl::AsciiStrToUpper(absl::StrReplaceAll(value, {{"-", "_"}}));
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->name() == wanted) return type->value(i);
  }
  int number = 0;
  if (absl::SimpleAtoi(value, &number) && type->FindValueByNumber(number) != nullptr) {
    return type->FindValueByNumber(number);
  }
  std::string names;
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() == 0) continue;
    absl::StrAppend(&names, names.empty() ? "" : ", ", type->value(i)->name());
  }
  return Invalid(flag, absl::StrCat("\"", value, "\" is not one of ", names));
}

absl::Status SetTimestamp(absl::string_view flag, absl::string_view value, Message* message) {
  absl::Time time;
  std::string error;
  if (absl::AsciiStrToLower(value) == "now") {
    time = absl::Now();
  } else if (!absl::ParseTime(absl::RFC3339_full, value, &time, &error)) {
    return Invalid(
        flag, absl::StrCat("\"", value, "\" is not an RFC 3339 time like 2024-05-01T10:00:00Z"));
  }
  const int64_t seconds = absl::ToUnixSeconds(time);  // Rounds down.
  const int64_t nanos = (time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1);
  const Reflection* reflection = message->GetReflection();
  reflection->SetInt64(message, message->GetDescriptor()->FindFieldByName("seconds"), seconds);
  reflection->SetInt32(message, message->GetDescriptor()->FindFieldByName("nanos"),
                       static_cast<int32_t>(nanos));
  return absl::OkStatus();
}

absl::Status SetDuration(absl::string_view flag, absl::string_view value, Message* message) {
  absl::Duration duration;
  if (!absl::ParseDuration(value, &duration)) {
    return Invalid(flag, absl::StrCat("\"", value, "\" is not a duration like 90s, 1.5s or 2m"));
  }
  absl::Duration rest;
  const int64_t seconds = absl::IDivDuration(duration, absl::Seconds(1), &rest);
  const Reflection* reflection = message->GetReflection();
  reflection->SetInt64(message, message->GetDescriptor()->FindFieldByName("seconds"), seconds);
  reflection->SetInt32(message, message->GetDescriptor()->FindFieldByName("nanos"),
                       static_cast<int32_t>(rest / absl::Nanoseconds(1)));
  return absl::OkStatus();
}

absl::Status SetFieldMask(absl::string_view value, Message* message) {
  const FieldDescriptor* paths = message->GetDescriptor()->FindFieldByName("paths");
  for (absl::string_view path : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
    message->GetReflection()->AddString(
        message, paths, absl::StrReplaceAll(absl::StripAsciiWhitespace(path), {{"-", "_"}}));
  }
  return absl::OkStatus();
}

absl::Status SetLeaf(absl::string_view flag, const FieldDescriptor* field, absl::string_view value,
                     Message* message);
absl::Status SetMessageLeaf(absl::string_view flag, const FieldDescriptor* field,
                            absl::string_view value, Message* message);

// Fills a message from "field=value,field=value" or from a JSON object.
absl::Status SetMessageFromText(absl::string_view flag, absl::string_view value, Message* message) {
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(value), "{")) {
    return MergeJson(value, absl::StrCat("--", flag), message);
  }
  for (absl::string_view pair : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
    const size_t equals = pair.find('=');
    if (equals == absl::string_view::npos) {
      return Invalid(flag,
                     absl::StrCat("\"", pair, "\" is not FIELD=VALUE (or give a JSON object)"));
    }
    const std::string name =
        absl::StrReplaceAll(absl::StripAsciiWhitespace(pair.substr(0, equals)), {{"-", "_"}});
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(name);
    if (field == nullptr) {
      return Invalid(
          flag, absl::StrCat(message->GetDescriptor()->name(), " has no field \"", name, "\""));
    }
    const FlagKind kind = LeafKind(field);
    if (field->is_map() || (kind == FlagKind::kMessage && !field->is_repeated())) {
      return Invalid(flag, absl::StrCat("field \"", name, "\" needs the JSON form"));
    }
    absl::Status status = SetLeaf(absl::StrCat(flag, ".", FlagWord(name)), field,
                                  absl::StripAsciiWhitespace(pair.substr(equals + 1)), message);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// Sets (or, for repeated fields, adds) `field` of `message` from text.
absl::Status SetLeaf(absl::string_view flag, const FieldDescriptor* field, absl::string_view value,
                     Message* message) {
  const Reflection* r = message->GetReflection();
  const bool rep = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string text(value);
      rep ? r->AddString(message, field, text) : r->SetString(message, field, text);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = 0;
      if (!absl::SimpleAtoi(value, &v)) return NotA(flag, value, "int32");
      rep ? r->AddInt32(message, field, v) : r->SetInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v = 0;
      if (!absl::SimpleAtoi(value, &v)) return NotA(flag, value, "int64");
      rep ? r->AddInt64(message, field, v) : r->SetInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v = 0;
      if (!absl::SimpleAtoi(value, &v)) return NotA(flag, value, "uint32");
      rep ? r->AddUInt32(message, field, v) : r->SetUInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v = 0;
      if (!absl::SimpleAtoi(value, &v)) return NotA(flag, value, "uint64");
      rep ? r->AddUInt64(message, field, v) : r->SetUInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float v = 0;
      if (!absl::SimpleAtof(value, &v)) return NotA(flag, value, "float");
      rep ? r->AddFloat(message, field, v) : r->SetFloat(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double v = 0;
      if (!absl::SimpleAtod(value, &v)) return NotA(flag, value, "double");
      rep ? r->AddDouble(message, field, v) : r->SetDouble(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v = false;
      absl::Status status = ParseBool(flag, value, &v);
      if (!status.ok()) return status;
      rep ? r->AddBool(message, field, v) : r->SetBool(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<const EnumValueDescriptor*> v = ParseEnum(flag, field, value);
      if (!v.ok()) return v.status();
      rep ? r->AddEnum(message, field, *v) : r->SetEnum(message, field, *v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return SetMessageLeaf(flag, field, value, message);
  }
  return absl::OkStatus();
}

// Sets (or adds) a message field from text, by the kind of flag it is.
absl::Status SetMessageLeaf(absl::string_view flag, const FieldDescriptor* field,
                            absl::string_view value, Message* message) {
  const Reflection* r = message->GetReflection();
  Message* sub =
      field->is_repeated() ? r->AddMessage(message, field) : r->MutableMessage(message, field);
  switch (LeafKind(field)) {
    case FlagKind::kTimestamp:
      return SetTimestamp(flag, value, sub);
    case FlagKind::kDuration:
      return SetDuration(flag, value, sub);
    case FlagKind::kFieldMask:
      return SetFieldMask(value, sub);
    case FlagKind::kWrapper:
      return SetLeaf(flag, sub->GetDescriptor()->field(0), value, sub);
    case FlagKind::kJson:
      return MergeJson(value, absl::StrCat("--", flag), sub);
    default:
      return SetMessageFromText(flag, value, sub);
  }
}

}  // namespace

absl::Status ApplyFlag(const FlagSpec& flag, absl::string_view value, Message* request) {
  // Walk (creating) the singular messages down to the flag's field.
  Message* message = request;
  for (size_t i = 0; i + 1 < flag.path.size(); ++i) {
    message = message->GetReflection()->MutableMessage(message, flag.path[i]);
  }
  const FieldDescriptor* field = flag.field();
  if (flag.kind != FlagKind::kMap) return SetLeaf(flag.name, field, value, message);

  const size_t equals = value.find('=');
  if (equals == absl::string_view::npos) {
    return Invalid(flag.name, absl::StrCat("\"", value, "\" is not KEY=VALUE"));
  }
  Message* entry = message->GetReflection()->AddMessage(message, field);
  const FieldDescriptor* key = entry->GetDescriptor()->FindFieldByNumber(1);
  const FieldDescriptor* val = entry->GetDescriptor()->FindFieldByNumber(2);
  absl::Status status = SetLeaf(flag.name, key, value.substr(0, equals), entry);
  if (!status.ok()) return status;
  return SetLeaf(flag.name, val, value.substr(equals + 1), entry);
}

absl::Status MergeJson(absl::string_view json, absl::string_view source, Message* request) {
  // JsonStringToMessage replaces; parse into a fresh message and merge to keep what is set.
  std::unique_ptr<Message> parsed(request->New());
  google::protobuf::util::JsonParseOptions options;
  options.case_insensitive_enum_parsing = true;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), parsed.get(), options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not a valid ", request->GetDescriptor()->full_name(),
                     " in proto3 JSON: ", std::string(status.message())));
  }
  request->MergeFrom(*parsed);
  return absl::OkStatus();
}

}  // namespace cxhub::cxctl
