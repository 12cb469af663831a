#include "plugins/common/json_field_reader.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "simdjson.h"

namespace cxhub::plugin_common {
namespace {

using ::testing::ElementsAre;

// The two wordings the connectors use: chat's (bare paths) and social's (paths from "$").
constexpr JsonWording kBare = {"",
                               "the event",
                               "a JSON object",
                               JsonTypeNames::kBare,
                               "got",
                               "required field is missing or null"};
constexpr JsonWording kDollar = {"$",         "$",
                                 "an object", JsonTypeNames::kWithArticle,
                                 "found",     "required field is missing (or null)"};

class JsonFieldReaderTest : public ::testing::Test {
 protected:
  // The root of `json`, read with `wording` into reader_.
  std::optional<JsonObject> Root(const std::string& json, const JsonWording& wording) {
    reader_.emplace(wording);
    EXPECT_EQ(parser_.parse(json).get(document_), simdjson::SUCCESS) << json;
    return reader_->Root(document_);
  }

  simdjson::dom::parser parser_;
  simdjson::dom::element document_;
  std::optional<JsonFieldReader> reader_;
};

TEST_F(JsonFieldReaderTest, ReadsTypedFieldsAndTreatsNullAsAbsent) {
  const std::optional<JsonObject> root =
      Root(R"({"id":7,"name":"Ana","ok":true,"none":null,"meta":{"x":"y"}})", kBare);
  ASSERT_TRUE(root);
  EXPECT_EQ(reader_->RequiredInt(*root, "id"), 7);
  EXPECT_EQ(reader_->OptionalString(*root, "name"), "Ana");
  EXPECT_TRUE(reader_->OptionalBool(*root, "ok", false));
  EXPECT_EQ(reader_->OptionalString(*root, "none"), std::nullopt);
  EXPECT_FALSE(reader_->OptionalValue(*root, "absent").has_value());
  const std::optional<JsonObject> meta = reader_->RequiredObject(*root, "meta");
  ASSERT_TRUE(meta);
  EXPECT_EQ(meta->path, "meta");
  EXPECT_EQ(reader_->RequiredString(*meta, "x"), "y");
  EXPECT_TRUE(reader_->ok()) << reader_->error();
}

TEST_F(JsonFieldReaderTest, KeepsTheFirstErrorInEachWording) {
  std::optional<JsonObject> root = Root(R"({"meta":{"id":"7"}})", kBare);
  const std::optional<JsonObject> meta = reader_->RequiredObject(*root, "meta");
  EXPECT_EQ(reader_->RequiredInt(*meta, "id"), std::nullopt);
  EXPECT_EQ(reader_->RequiredString(*root, "gone"), std::nullopt);  // after the first error
  EXPECT_EQ(reader_->error(), "meta.id: expected integer, got string");

  root = Root(R"({"account":{"acct":5}})", kDollar);
  const std::optional<JsonObject> account = reader_->RequiredObject(*root, "account");
  reader_->RequiredString(*account, "acct");
  EXPECT_EQ(reader_->error(), "$.account.acct: expected a string, found a number");

  Root(R"({"id":1})", kDollar);
  reader_->RequiredString(JsonObject{document_.get_object().value(), "$"}, "content");
  EXPECT_EQ(reader_->error(), "$.content: required field is missing (or null)");
}

TEST_F(JsonFieldReaderTest, NamesTheDocumentWhenItIsNotAnObject) {
  EXPECT_FALSE(Root("[1,2]", kBare));
  EXPECT_EQ(reader_->error(), "the event: expected a JSON object, got array");
  EXPECT_FALSE(Root("[1,2]", kDollar));
  EXPECT_EQ(reader_->error(), "$: expected an object, found an array");
}

TEST_F(JsonFieldReaderTest, ArraysOfObjectsNameTheIndexOfABadItem) {
  std::optional<JsonObject> root = Root(R"({"items":[{"n":1},{"n":2}],"bad":[{},3]})", kBare);
  std::vector<int64_t> numbers;
  for (const JsonObject& item : reader_->OptionalObjectArray(*root, "items")) {
    numbers.push_back(reader_->RequiredInt(item, "n").value_or(-1));
  }
  EXPECT_THAT(numbers, ElementsAre(1, 2));
  EXPECT_TRUE(reader_->OptionalObjectArray(*root, "absent").empty());
  EXPECT_TRUE(reader_->OptionalObjectArray(*root, "bad").empty());
  EXPECT_EQ(reader_->error(), "bad[1]: expected object, got integer");

  // ForEachObject checks each item just before visiting it, and stops at the first problem.
  root = Root(R"({"mentions":[{"acct":true},7]})", kDollar);
  int visits = 0;
  reader_->ForEachObject(*root, "mentions", [&](const JsonObject& mention) {
    ++visits;
    reader_->RequiredString(mention, "acct");
  });
  EXPECT_EQ(visits, 1);
  EXPECT_EQ(reader_->error(), "$.mentions[0].acct: expected a string, found a boolean");
}

TEST(JsonTypeName, NamesNumbersApartOnlyWhenBare) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  ASSERT_EQ(parser.parse(std::string("[1, 1.5]")).get(value), simdjson::SUCCESS);
  simdjson::dom::array array = value.get_array().value();
  EXPECT_EQ(JsonTypeName(array.at(0).value()), "integer");
  EXPECT_EQ(JsonTypeName(array.at(1).value()), "number");
  EXPECT_EQ(JsonTypeName(array.at(0).value(), JsonTypeNames::kWithArticle), "a number");
  EXPECT_EQ(JsonTypeName(value, JsonTypeNames::kWithArticle), "an array");
}

}  // namespace
}  // namespace cxhub::plugin_common
