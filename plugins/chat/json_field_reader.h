// Typed, path-naming reads of the fields of a simdjson DOM document, for the Chatwoot mapper.
//
// Unknown fields are ignored; the fields a caller asks for are checked strictly. The first
// problem is kept as a message naming the JSON path ("conversation: expected object, got string",
// "conversation.meta.sender.id: required field is missing"); once there is an error every further
// read returns an empty result, so a caller reads everything it needs and checks ok() once.
//
// Internal to the chat plugin (it exposes simdjson types). Not thread-safe; one per document.
#ifndef CXHUB_PLUGINS_CHAT_JSON_FIELD_READER_H_
#define CXHUB_PLUGINS_CHAT_JSON_FIELD_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "simdjson.h"

namespace cxhub::chat {

// "object", "array", "string", "integer", "number", "boolean" or "null".
absl::string_view JsonTypeName(simdjson::dom::element value);

// A JSON object together with where it is in the document ("" for the root).
struct JsonObject {
  simdjson::dom::object value;
  std::string path;
};

class JsonFieldReader {
 public:
  bool ok() const { return error_.empty(); }
  // The first problem found, naming its path; empty while ok().
  const std::string& error() const { return error_; }
  // Records a problem found by the caller (kept only if it is the first).
  void Fail(std::string message);

  // The document itself, which must be an object.
  std::optional<JsonObject> Root(simdjson::dom::element document);

  // An object field: missing or null is an error for Required*, nullopt for Optional*.
  std::optional<JsonObject> RequiredObject(const JsonObject& parent, absl::string_view key);
  std::optional<JsonObject> OptionalObject(const JsonObject& parent, absl::string_view key);
  // The objects of an array field (absent or null: none). Every element must be an object.
  std::vector<JsonObject> OptionalObjectArray(const JsonObject& parent, absl::string_view key);
  // Integers (JSON numbers without fraction or exponent that fit in int64).
  std::optional<int64_t> RequiredInt(const JsonObject& parent, absl::string_view key);
  std::optional<int64_t> OptionalInt(const JsonObject& parent, absl::string_view key);
  // Strings; Optional* gives nullopt for absent or null.
  std::optional<std::string> RequiredString(const JsonObject& parent, absl::string_view key);
  std::optional<std::string> OptionalString(const JsonObject& parent, absl::string_view key);
  // A boolean; absent or null gives `absent`.
  bool OptionalBool(const JsonObject& parent, absl::string_view key, bool absent);
  // Any value that is present and not null (the caller checks its type with TypeError).
  std::optional<simdjson::dom::element> RequiredValue(const JsonObject& parent,
                                                      absl::string_view key);

  // Records "<path>: expected <expected>, got <type of value>".
  void TypeError(absl::string_view path, absl::string_view expected, simdjson::dom::element value);

  static std::string PathOf(const JsonObject& parent, absl::string_view key);

 private:
  // The field, or nullopt when absent or null (`required` makes that an error).
  std::optional<simdjson::dom::element> Field(const JsonObject& parent, absl::string_view key,
                                              bool required);

  std::string error_;
};

}  // namespace cxhub::chat

#endif  // CXHUB_PLUGINS_CHAT_JSON_FIELD_READER_H_
