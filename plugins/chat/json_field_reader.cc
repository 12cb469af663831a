#include "plugins/chat/json_field_reader.h"

#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"

namespace cxhub::chat {

using simdjson::dom::element;
using simdjson::dom::element_type;

absl::string_view JsonTypeName(element value) {
  switch (value.type()) {
    case element_type::OBJECT:
      return "object";
    case element_type::ARRAY:
      return "array";
    case element_type::STRING:
      return "string";
    case element_type::INT64:
    case element_type::UINT64:
      return "integer";
    case element_type::DOUBLE:
      return "number";
    case element_type::BOOL:
      return "boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "unknown";
}

void JsonFieldReader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

std::string JsonFieldReader::PathOf(const JsonObject& parent, absl::string_view key) {
  return parent.path.empty() ? std::string(key) : absl::StrCat(parent.path, ".", key);
}

void JsonFieldReader::TypeError(absl::string_view path, absl::string_view expected, element value) {
  Fail(absl::StrCat(path.empty() ? "the event" : path, ": expected ", expected, ", got ",
                    JsonTypeName(value)));
}

std::optional<JsonObject> JsonFieldReader::Root(element document) {
  if (!ok()) return std::nullopt;
  simdjson::dom::object object;
  if (document.get(object) != simdjson::SUCCESS) {
    TypeError("", "a JSON object", document);
    return std::nullopt;
  }
  return JsonObject{object, ""};
}

std::optional<element> JsonFieldReader::Field(const JsonObject& parent, absl::string_view key,
                                              bool required) {
  if (!ok()) return std::nullopt;
  element value;
  if (parent.value.at_key(std::string_view(key.data(), key.size())).get(value) !=
          simdjson::SUCCESS ||
      value.is_null()) {
    if (required) Fail(absl::StrCat(PathOf(parent, key), ": required field is missing or null"));
    return std::nullopt;
  }
  return value;
}

std::optional<element> JsonFieldReader::RequiredValue(const JsonObject& parent,
                                                      absl::string_view key) {
  return Field(parent, key, true);
}

namespace {

std::optional<JsonObject> AsObject(JsonFieldReader& reader, std::optional<element> value,
                                   std::string path) {
  if (!value) return std::nullopt;
  simdjson::dom::object object;
  if (value->get(object) != simdjson::SUCCESS) {
    reader.TypeError(path, "object", *value);
    return std::nullopt;
  }
  return JsonObject{object, std::move(path)};
}

std::optional<int64_t> AsInt(JsonFieldReader& reader, std::optional<element> value,
                             const std::string& path) {
  if (!value) return std::nullopt;
  if (value->type() == element_type::UINT64) {
    reader.Fail(absl::StrCat(path, ": integer out of range"));
    return std::nullopt;
  }
  int64_t number = 0;
  if (value->get(number) != simdjson::SUCCESS) {
    reader.TypeError(path, "integer", *value);
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> AsString(JsonFieldReader& reader, std::optional<element> value,
                                    const std::string& path) {
  if (!value) return std::nullopt;
  std::string_view text;
  if (value->get(text) != simdjson::SUCCESS) {
    reader.TypeError(path, "string", *value);
    return std::nullopt;
  }
  return std::string(text);
}

}  // namespace

std::optional<JsonObject> JsonFieldReader::RequiredObject(const JsonObject& parent,
                                                          absl::string_view key) {
  return AsObject(*this, Field(parent, key, true), PathOf(parent, key));
}

std::optional<JsonObject> JsonFieldReader::OptionalObject(const JsonObject& parent,
                                                          absl::string_view key) {
  return AsObject(*this, Field(parent, key, false), PathOf(parent, key));
}

std::vector<JsonObject> JsonFieldReader::OptionalObjectArray(const JsonObject& parent,
                                                             absl::string_view key) {
  std::vector<JsonObject> objects;
  const std::optional<element> value = Field(parent, key, false);
  if (!value) return objects;
  const std::string path = PathOf(parent, key);
  simdjson::dom::array array;
  if (value->get(array) != simdjson::SUCCESS) {
    TypeError(path, "array", *value);
    return objects;
  }
  size_t index = 0;
  for (element item : array) {
    std::optional<JsonObject> object = AsObject(*this, item, absl::StrCat(path, "[", index, "]"));
    if (!object) return {};
    objects.push_back(*std::move(object));
    ++index;
  }
  return objects;
}

std::optional<int64_t> JsonFieldReader::RequiredInt(const JsonObject& parent,
                                                    absl::string_view key) {
  return AsInt(*this, Field(parent, key, true), PathOf(parent, key));
}

std::optional<int64_t> JsonFieldReader::OptionalInt(const JsonObject& parent,
                                                    absl::string_view key) {
  return AsInt(*this, Field(parent, key, false), PathOf(parent, key));
}

std::optional<std::string> JsonFieldReader::RequiredString(const JsonObject& parent,
                                                           absl::string_view key) {
  return AsString(*this, Field(parent, key, true), PathOf(parent, key));
}

std::optional<std::string> JsonFieldReader::OptionalString(const JsonObject& parent,
                                                           absl::string_view key) {
  return AsString(*this, Field(parent, key, false), PathOf(parent, key));
}

bool JsonFieldReader::OptionalBool(const JsonObject& parent, absl::string_view key, bool absent) {
  const std::optional<element> value = Field(parent, key, false);
  if (!value) return absent;
  bool flag = absent;
  if (value->get(flag) != simdjson::SUCCESS) {
    TypeError(PathOf(parent, key), "boolean", *value);
    return absent;
  }
  return flag;
}

}  // namespace cxhub::chat
