// Typed, path-naming reads of the fields of a simdjson DOM document, for the connectors that read
// one JSON object per line (chat's Chatwoot events, social's Mastodon entities).
//
// Unknown fields are ignored; the fields a caller asks for are checked strictly. The first
// problem is kept as a message naming the JSON path ("conversation: expected object, got string",
// "$.account.acct: required field is missing (or null)"); once there is an error every further
// read returns an empty result, so a caller reads everything it needs and checks ok() once. An
// absent field and a null one are the same to every accessor.
//
// Each connector words its messages as its dead letters always have (JsonWording). Exposes
// simdjson types: for plugins only. Not thread-safe; one per document.
#ifndef CXHUB_PLUGINS_COMMON_JSON_FIELD_READER_H_
#define CXHUB_PLUGINS_COMMON_JSON_FIELD_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "simdjson.h"

namespace cxhub::plugin_common {

// How JSON types are named in messages.
enum class JsonTypeNames {
  kBare,         // "object", "string", "integer" apart from "number", "null"
  kWithArticle,  // "an object", "a string", every number "a number", "null"
};

// The name of `value`'s type.
absl::string_view JsonTypeName(simdjson::dom::element value,
                               JsonTypeNames names = JsonTypeNames::kBare);

// The words of a reader's messages.
struct JsonWording {
  // The path of the document itself, the start of every other path: "" or "$".
  absl::string_view root_path;
  // What a message about the document itself calls it when root_path is empty ("the event").
  absl::string_view document_name;
  // What the document must be, in its type error ("a JSON object").
  absl::string_view document_expected;
  JsonTypeNames type_names = JsonTypeNames::kBare;
  // Between the expected and the actual type: "expected string, got integer" ("got", "found").
  absl::string_view found;
  // After "<path>: " when a required field is absent or null.
  absl::string_view missing;
};

// A JSON object together with where it is in the document.
struct JsonObject {
  simdjson::dom::object value;
  std::string path;
};

class JsonFieldReader {
 public:
  // `wording` must outlive the reader.
  explicit JsonFieldReader(const JsonWording& wording) : wording_(wording) {}

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
  // The objects of an array field (absent or null: none), every element checked to be an object
  // before any is returned.
  std::vector<JsonObject> OptionalObjectArray(const JsonObject& parent, absl::string_view key);
  // Calls `visit` on each object of an array field (absent or null: none) in order, checking
  // each element just before its visit, and stops at the first problem.
  void ForEachObject(const JsonObject& parent, absl::string_view key,
                     absl::FunctionRef<void(const JsonObject& item)> visit);
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
  std::optional<simdjson::dom::element> OptionalValue(const JsonObject& parent,
                                                      absl::string_view key);

  // Records "<path>: expected <expected>, <found> <type of value>".
  void TypeError(absl::string_view path, absl::string_view expected, simdjson::dom::element value);

  static std::string PathOf(const JsonObject& parent, absl::string_view key);

 private:
  enum class Expected { kObject, kArray, kString, kInteger, kBoolean };  // in kNames' order

  // The field, or nullopt when absent or null (`required` makes that an error).
  std::optional<simdjson::dom::element> Field(const JsonObject& parent, absl::string_view key,
                                              bool required);
  std::optional<simdjson::dom::array> OptionalArray(const JsonObject& parent,
                                                    absl::string_view key);
  std::optional<JsonObject> AsObject(std::optional<simdjson::dom::element> value, std::string path);
  // The path is made only for an error message: most reads need none.
  std::optional<int64_t> AsInt(std::optional<simdjson::dom::element> value,
                               const JsonObject& parent, absl::string_view key);
  std::optional<std::string> AsString(std::optional<simdjson::dom::element> value,
                                      const JsonObject& parent, absl::string_view key);
  void TypeError(absl::string_view path, Expected expected, simdjson::dom::element value);

  const JsonWording& wording_;
  std::string error_;
};

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_JSON_FIELD_READER_H_
