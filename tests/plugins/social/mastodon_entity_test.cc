#include "plugins/social/mastodon_entity.h"

#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "social_test_files.h"

namespace cxhub::social {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A minimal valid status; tests replace parts of it.
constexpr absl::string_view kStatus =
    R"({"id":"10","created_at":"2026-09-12T10:00:00.250Z","in_reply_to_id":null,)"
    R"("visibility":"public","content":"<p>hi</p>","reblog":null,)"
    R"("account":{"id":"7","acct":"ana","url":"https://mastodon.example/@ana"},)"
    R"("mentions":[{"id":"8","acct":"bob@b.example"}],"media_attachments":[]})";

std::string With(absl::string_view from, absl::string_view to) {
  std::string line(kStatus);
  const std::string replaced = absl::StrReplaceAll(line, {{from, to}});
  EXPECT_NE(replaced, line) << "'" << from << "' is not in the status";
  return replaced;
}

std::string ErrorOf(absl::string_view line) {
  MastodonEntityParser parser;
  absl::StatusOr<MastodonEntity> entity = parser.Parse(line);
  EXPECT_FALSE(entity.ok()) << line;
  if (entity.ok()) return "";
  EXPECT_EQ(entity.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(entity.status().message());
}

TEST(MastodonEntity, ReadsTheFieldsItUsesAndIgnoresUnknownOnes) {
  MastodonEntityParser parser;
  absl::StatusOr<MastodonEntity> entity =
      parser.Parse(With(R"("reblog":null,)", R"("reblog":null,"future_field":{"x":[1,2]},)"));
  ASSERT_TRUE(entity.ok()) << entity.status();
  EXPECT_EQ(entity->kind, MastodonEntity::Kind::kStatus);
  const MastodonStatus& status = entity->status;
  EXPECT_EQ(status.id, "10");
  EXPECT_EQ(status.created_at, absl::FromUnixMillis(1789207200250));
  EXPECT_FALSE(status.in_reply_to_id.has_value());
  EXPECT_FALSE(status.in_reply_to_account_id.has_value());  // absent is null
  EXPECT_EQ(status.account.acct, "ana");
  ASSERT_EQ(status.mentions.size(), 1u);
  EXPECT_EQ(status.mentions[0].acct, "bob@b.example");
  EXPECT_EQ(status.mentions[0].url, "");
  EXPECT_FALSE(status.is_boost);
}

TEST(MastodonEntity, AbsentOrNullArraysAreEmpty) {
  MastodonEntityParser parser;
  absl::StatusOr<MastodonEntity> absent = parser.Parse(
      With(R"(,"mentions":[{"id":"8","acct":"bob@b.example"}],"media_attachments":[])", ""));
  ASSERT_TRUE(absent.ok()) << absent.status();
  EXPECT_TRUE(absent->status.mentions.empty());
  EXPECT_TRUE(absent->status.media.empty());
  absl::StatusOr<MastodonEntity> null =
      parser.Parse(With(R"("mentions":[{"id":"8","acct":"bob@b.example"}],"media_attachments":[])",
                        R"("mentions":null,"media_attachments":null)"));
  ASSERT_TRUE(null.ok()) << null.status();
  EXPECT_TRUE(null->status.mentions.empty());
}

TEST(MastodonEntity, WrongTypesNameTheirJsonPath) {
  EXPECT_EQ(ErrorOf(With(R"("id":"10")", R"("id":10)")), "$.id: expected a string, found a number");
  EXPECT_EQ(
      ErrorOf(With(R"("account":{"id":"7","acct":"ana","url":"https://mastodon.example/@ana"})",
                   R"("account":"ana")")),
      "$.account: expected an object, found a string");
  EXPECT_EQ(ErrorOf(With(R"("acct":"ana")", R"("acct":["ana"])")),
            "$.account.acct: expected a string, found an array");
  EXPECT_EQ(ErrorOf(With(R"("acct":"bob@b.example")", R"("acct":true)")),
            "$.mentions[0].acct: expected a string, found a boolean");
  EXPECT_EQ(ErrorOf(With(R"("mentions":[{)", R"("mentions":[3,{)")),
            "$.mentions[0]: expected an object, found a number");
  EXPECT_EQ(ErrorOf(With(R"("media_attachments":[])", R"("media_attachments":{})")),
            "$.media_attachments: expected an array, found an object");
  EXPECT_EQ(ErrorOf(With(R"("in_reply_to_id":null)", R"("in_reply_to_id":5)")),
            "$.in_reply_to_id: expected a string, found a number");
  EXPECT_EQ(ErrorOf(With(R"("reblog":null)", R"("reblog":"5")")),
            "$.reblog: expected an object, found a string");
}

TEST(MastodonEntity, MissingRequiredFieldsNameTheirJsonPath) {
  EXPECT_EQ(ErrorOf(With(R"("content":"<p>hi</p>",)", "")),
            "$.content: required field is missing (or null)");
  EXPECT_EQ(ErrorOf(With(R"("acct":"ana",)", "")),
            "$.account.acct: required field is missing (or null)");
  EXPECT_EQ(ErrorOf(With(R"("visibility":"public",)", R"("visibility":null,)")),
            "$.visibility: required field is missing (or null)");
  EXPECT_EQ(ErrorOf(With(R"("acct":"bob@b.example")", R"("username":"bob")")),
            "$.mentions[0].acct: required field is missing (or null)");
}

TEST(MastodonEntity, BadTimesAndIdsAreRefused) {
  EXPECT_EQ(ErrorOf(With("2026-09-12T10:00:00.250Z", "yesterday")),
            "$.created_at: 'yesterday' is not an ISO 8601 time with a zone");
  EXPECT_EQ(ErrorOf(With("2026-09-12T10:00:00.250Z", "2026-09-12 10:00:00")),
            "$.created_at: '2026-09-12 10:00:00' is not an ISO 8601 time with a zone");
  EXPECT_THAT(ErrorOf(With(R"("id":"10")", R"("id":"1 0")")),
              StartsWith("$.id: '1 0' is not an id"));
  EXPECT_THAT(ErrorOf(With(R"("id":"10")", R"("id":"")")), StartsWith("$.id: '' is not an id"));
}

TEST(MastodonEntity, InvalidJsonIsReportedAtTheRoot) {
  EXPECT_THAT(ErrorOf(R"({"id":"10","content":"<p>cut in the mid)"),
              StartsWith("$: invalid JSON (truncated?): "));
  EXPECT_THAT(ErrorOf(R"({"id":"10",})"), StartsWith("$: invalid JSON"));
  EXPECT_THAT(ErrorOf(""), StartsWith("$: invalid JSON"));
  EXPECT_EQ(ErrorOf("[1,2]"), "$: expected an object, found an array");
}

TEST(MastodonEntity, BoostNeedsOnlyItsIdAndTheBoostedId) {
  MastodonEntityParser parser;
  absl::StatusOr<MastodonEntity> boost =
      parser.Parse(R"({"id":"11","content":"","reblog":{"id":"10"}})");
  ASSERT_TRUE(boost.ok()) << boost.status();
  EXPECT_TRUE(boost->status.is_boost);
  EXPECT_EQ(boost->status.boosted_id, "10");
  EXPECT_EQ(ErrorOf(R"({"id":"11","reblog":{}})"),
            "$.reblog.id: required field is missing (or null)");
}

TEST(MastodonEntity, MentionNotificationWrapsItsStatus) {
  MastodonEntityParser parser;
  absl::StatusOr<MastodonEntity> entity = parser.Parse(absl::StrCat(
      R"({"id":"99","type":"mention","account":{"acct":"ana"},"status":)", kStatus, "}"));
  ASSERT_TRUE(entity.ok()) << entity.status();
  EXPECT_EQ(entity->kind, MastodonEntity::Kind::kNotification);
  EXPECT_EQ(entity->notification_id, "99");
  EXPECT_TRUE(entity->has_status);
  EXPECT_EQ(entity->status.id, "10");

  EXPECT_EQ(ErrorOf(R"({"id":"99","type":"mention","status":null})"),
            "$.status: required field is missing (or null) in a mention");
  EXPECT_EQ(ErrorOf(absl::StrCat(R"({"id":"99","type":"mention","status":)",
                                 With(R"("content":"<p>hi</p>")", R"("content":1)"), "}")),
            "$.status.content: expected a string, found a number");
  EXPECT_EQ(ErrorOf(R"({"id":99,"type":"mention"})"), "$.id: expected a string, found a number");
  EXPECT_EQ(ErrorOf(R"({"id":"99","type":7})"), "$.type: expected a string, found a number");
}

TEST(MastodonEntity, OtherNotificationTypesAreNotReadFurther) {
  MastodonEntityParser parser;
  absl::StatusOr<MastodonEntity> entity =
      parser.Parse(R"({"id":"98","type":"favourite","status":{"id":5}})");
  ASSERT_TRUE(entity.ok()) << entity.status();
  EXPECT_EQ(entity->notification_type, "favourite");
  EXPECT_FALSE(entity->has_status);
}

TEST(MastodonEntity, ParsesEveryGoodSampleLineAndRefusesTheTruncatedOne) {
  MastodonEntityParser parser;
  const std::vector<std::string> lines = test::SampleLines();
  ASSERT_EQ(lines.size(), 9u);
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::StatusOr<MastodonEntity> entity = parser.Parse(lines[i]);
    EXPECT_EQ(entity.ok(), i != 7) << "line " << i + 1 << ": " << entity.status();
  }
  absl::StatusOr<MastodonEntity> line5 = parser.Parse(lines[4]);
  ASSERT_TRUE(line5.ok());
  ASSERT_EQ(line5->status.media.size(), 1u);
  EXPECT_EQ(line5->status.media[0].type, "image");
  EXPECT_THAT(line5->status.media[0].url, HasSubstr("7e21c4a9d03b5f18.jpeg"));
  EXPECT_THAT(line5->status.media[0].description, StartsWith("Mochila azul"));
  EXPECT_EQ(line5->status.language, "pt");
}

}  // namespace
}  // namespace cxhub::social
