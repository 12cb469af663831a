#include "plugins/common/json_field_reader.h"

#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"

namespace cxhub::plugin_common {

using simdjson::dom::element;
using simdjson::dom::element_type;

absl::string_view JsonTypeName(element value, JsonTypeNames names) {
  const bool article = names == JsonTypeNames::kWithArticle;
  switch (value.type()) {
    case element_type::OBJECT:
      return article ? "an object" : "object";
    case element_type::ARRAY:
      return article ? "an array" : "array";
    case element_type::STRING:
      return article ? "a string" : "string";
    case element_type::INT64:
    case element_type::UINT64:
      return article ? "a number" : "integer";
    case element_type::DOUBLE:
      return article ? "a number" : "number";
    case element_type::BOOL:
      return article ? "a boolean" : "boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return article ? "an unknown value" : "unknown";
}

void JsonFieldReader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

std::string JsonFieldReader::PathOf(const JsonObject& parent, absl::string_view key) {
  return parent.path.empty() ? std::string(key) : absl::StrCat(parent.path, ".", key);
}

void JsonFieldReader::TypeError(absl::string_view path, absl::string_view expected, element value) {
  Fail(absl::StrCat(path.empty() ? wording_.document_name : path, ": expected ", expected, ", ",
                    wording_.found, " ", JsonTypeName(value, wording_.type_names)));
}

void JsonFieldReader::TypeError(absl::string_view path, Expected expected, element value) {
  // By Expected, bare and with an article.
  static constexpr absl::string_view kNames[][2] = {{"object", "an object"},
                                                    {"array", "an array"},
                                                    {"string", "a string"},
                                                    {"integer", "an integer"},
                                                    {"boolean", "a boolean"}};
  const bool article = wording_.type_names == JsonTypeNames::kWithArticle;
  TypeError(path, kNames[static_cast<int>(expected)][article ? 1 : 0], value);
}

std::optional<JsonObject> JsonFieldReader::Root(element document) {
  if (!ok()) return std::nullopt;
  simdjson::dom::object object;
  if (document.get(object) != simdjson::SUCCESS) {
    TypeError(wording_.root_path, wording_.document_expected, document);
    return std::nullopt;
  }
  return JsonObject{object, std::string(wording_.root_path)};
}

std::optional<element> JsonFieldReader::Field(const JsonObject& parent, absl::string_view key,
                                              bool required) {
  if (!ok()) return std::nullopt;
  element value;
  if (parent.value.at_key(std::string_view(key.data(), key.size())).get(value) !=
          simdjson::SUCCESS ||
      value.is_null()) {
    if (required) Fail(absl::StrCat(PathOf(parent, key), ": ", wording_.missing));
    return std::nullopt;
  }
  return value;
}

std::optional<element> JsonFieldReader::RequiredValue(const JsonObject& parent,
                                                      absl::string_view key) {
  return Field(parent, key, true);
}

std::optional<element> JsonFieldReader::OptionalValue(const JsonObject& parent,
                                                      absl::string_view key) {
  return Field(parent, key, false);
}

std::optional<JsonObject> JsonFieldReader::AsObject(std::optional<element> value,
                                                    std::string path) {
  if (!value) return std::nullopt;
  simdjson::dom::object object;
  if (value->get(object) != simdjson::SUCCESS) {
    TypeError(path, Expected::kObject, *value);
    return std::nullopt;
  }
  return JsonObject{object, std::move(path)};
}

std::optional<int64_t> JsonFieldReader::AsInt(std::optional<element> value,
                                              const JsonObject& parent, absl::string_view key) {
  if (!value) return std::nullopt;
  if (value->type() == element_type::UINT64) {
    Fail(absl::StrCat(PathOf(parent, key), ": integer out of range"));
    return std::nullopt;
  }
  int64_t number = 0;
  if (value->get(number) != simdjson::SUCCESS) {
    TypeError(PathOf(parent, key), Expected::kInteger, *value);
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> JsonFieldReader::AsString(std::optional<element> value,
                                                     const JsonObject& parent,
                                                     absl::string_view key) {
  if (!value) return std::nullopt;
  std::string_view text;
  if (value->get(text) != simdjson::SUCCESS) {
    TypeError(PathOf(parent, key), Expected::kString, *value);
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<JsonObject> JsonFieldReader::RequiredObject(const JsonObject& parent,
                                                          absl::string_view key) {
  std::optional<element> value = Field(parent, key, true);
  if (!value) return std::nullopt;
  return AsObject(value, PathOf(parent, key));
}

std::optional<JsonObject> JsonFieldReader::OptionalObject(const JsonObject& parent,
                                                          absl::string_view key) {
  std::optional<element> value = Field(parent, key, false);
  if (!value) return std::nullopt;
  return AsObject(value, PathOf(parent, key));
}

std::optional<simdjson::dom::array> JsonFieldReader::OptionalArray(const JsonObject& parent,
                                                                   absl::string_view key) {
  const std::optional<element> value = Field(parent, key, false);
  if (!value) return std::nullopt;
  simdjson::dom::array array;
  if (value->get(array) != simdjson::SUCCESS) {
    TypeError(PathOf(parent, key), Expected::kArray, *value);
    return std::nullopt;
  }
  return array;
}

void JsonFieldReader::ForEachObject(const JsonObject& parent, absl::string_view key,
                                    absl::FunctionRef<void(const JsonObject& item)> visit) {
  // A default-constructed simdjson array must not be iterated: absent is not an empty array.
  const std::optional<simdjson::dom::array> array = OptionalArray(parent, key);
  if (!array) return;
  const std::string path = PathOf(parent, key);
  size_t index = 0;
  for (element item : *array) {
    const std::optional<JsonObject> object = AsObject(item, absl::StrCat(path, "[", index, "]"));
    if (!object) return;
    visit(*object);
    if (!ok()) return;
    ++index;
  }
}

std::vector<JsonObject> JsonFieldReader::OptionalObjectArray(const JsonObject& parent,
                                                             absl::string_view key) {
  std::vector<JsonObject> objects;
  ForEachObject(parent, key, [&objects](const JsonObject& item) { objects.push_back(item); });
  if (!ok()) objects.clear();
  return objects;
}

std::optional<int64_t> JsonFieldReader::RequiredInt(const JsonObject& parent,
                                                    absl::string_view key) {
  return AsInt(Field(parent, key, true), parent, key);
}

std::optional<int64_t> JsonFieldReader::OptionalInt(const JsonObject& parent,
                                                    absl::string_view key) {
  return AsInt(Field(parent, key, false), parent, key);
}

std::optional<std::string> JsonFieldReader::RequiredString(const JsonObject& parent,
                                                           absl::string_view key) {
  return AsString(Field(parent, key, true), parent, key);
}

std::optional<std::string> JsonFieldReader::OptionalString(const JsonObject& parent,
                                                           absl::string_view key) {
  return AsString(Field(parent, key, false), parent, key);
}

bool JsonFieldReader::OptionalBool(const JsonObject& parent, absl::string_view key, bool absent) {
  const std::optional<element> value = Field(parent, key, false);
  if (!value) return absent;
  bool flag = absent;
  if (value->get(flag) != simdjson::SUCCESS) {
    TypeError(PathOf(parent, key), Expected::kBoolean, *value);
    return absent;
  }
  return flag;
}

}  // namespace cxhub::plugin_common
