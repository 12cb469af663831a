#include "plugins/social/status_mapper.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "social_test_files.h"

namespace cxhub::social {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr absl::string_view kPriya = "mastodon:@priya@fosstodon.example";
constexpr absl::string_view kInes = "mastodon:@ines_rocha@mastodon.example";
constexpr absl::string_view kBrand = "mastodon:@northwind@mastodon.example";

StatusMapper Mapper() { return StatusMapper({"mastodon.example", "@northwind@mastodon.example"}); }

// The sample mapped line by line with one thread index, as the connector does.
class SampleMapping : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusMapper mapper = Mapper();
    ThreadIndex threads(1000);
    for (const std::string& line : test::SampleLines()) {
      mappings_.push_back(mapper.Map(line, threads));
    }
    ASSERT_EQ(mappings_.size(), 9u);
  }

  // The one interaction of sample line `line` (1-based).
  const InteractionRecord& Post(int line) {
    const SocialMapping& mapping = mappings_[line - 1];
    EXPECT_EQ(mapping.kind, SocialMapping::Kind::kInteractions) << "line " << line;
    EXPECT_EQ(mapping.records.size(), 1u) << "line " << line;
    static const InteractionRecord kEmpty;
    return mapping.records.empty() ? kEmpty : mapping.records[0].interaction();
  }

  std::vector<SocialMapping> mappings_;
};

TEST_F(SampleMapping, SevenPostsOneBoostSkippedOneDeadLetter) {
  std::vector<std::string> ids;
  for (const SocialMapping& mapping : mappings_) {
    for (const auto& record : mapping.records) ids.push_back(record.interaction().external_id());
  }
  EXPECT_THAT(ids, ElementsAre(test::kLine1, test::kLine2, test::kLine3, test::kLine4, test::kLine5,
                               test::kLine7, test::kLine9));
  EXPECT_EQ(mappings_[5].kind, SocialMapping::Kind::kBoost);
  EXPECT_EQ(mappings_[5].reason, absl::StrCat("boost ", test::kLine6, " of status ", test::kLine5));
  EXPECT_EQ(mappings_[7].kind, SocialMapping::Kind::kDeadLetter);
  EXPECT_THAT(mappings_[7].reason, StartsWith("$: invalid JSON (truncated?): "));
}

TEST_F(SampleMapping, PriyaHasLinesOneToFourAndNineBrandRepliesOutboundToHer) {
  for (int line : {1, 2, 3, 4, 9}) {
    const InteractionRecord& post = Post(line);
    ASSERT_EQ(post.customer_identities_size(), 1) << "line " << line;
    EXPECT_EQ(post.customer_identities(0).kind(), cxhub::v1::SOCIAL);
    EXPECT_EQ(post.customer_identities(0).value(), kPriya) << "line " << line;
    const bool brand_reply = line == 2 || line == 4;
    EXPECT_EQ(post.direction(), brand_reply ? cxhub::v1::OUTBOUND : cxhub::v1::INBOUND)
        << "line " << line;
    EXPECT_EQ(post.customer_display_name(), brand_reply ? "" : "Priya N.") << "line " << line;
  }
}

TEST_F(SampleMapping, InesHasLinesFiveAndSevenTheBrandReplyOutbound) {
  EXPECT_EQ(Post(5).customer_identities(0).value(), kInes);
  EXPECT_EQ(Post(5).direction(), cxhub::v1::INBOUND);
  EXPECT_EQ(Post(7).customer_identities(0).value(), kInes);
  EXPECT_EQ(Post(7).direction(), cxhub::v1::OUTBOUND);
  EXPECT_EQ(Post(7).attributes().at("author"), "@northwind@mastodon.example");
}

TEST_F(SampleMapping, ReplyChainsShareTheirRootAsThread) {
  for (int line : {1, 2, 3, 4}) EXPECT_EQ(Post(line).thread_id(), test::kLine1) << line;
  EXPECT_EQ(Post(5).thread_id(), test::kLine5);
  EXPECT_EQ(Post(7).thread_id(), test::kLine5);
  EXPECT_EQ(Post(9).thread_id(), test::kLine9);
}

TEST_F(SampleMapping, EveryPostIsASocialPostWithTheBrandOnTheBusinessSide) {
  for (int line : {1, 2, 3, 4, 5, 7, 9}) {
    const InteractionRecord& post = Post(line);
    EXPECT_EQ(post.channel(), "social");
    EXPECT_EQ(post.kind(), cxhub::v1::POST);
    ASSERT_EQ(post.business_identities_size(), 1);
    EXPECT_EQ(post.business_identities(0).value(), kBrand);
    EXPECT_EQ(post.attributes().at("status_id"), post.external_id());
  }
}

TEST_F(SampleMapping, LineOneTextIsDecodedWithMentionAndHashtag) {
  const InteractionRecord& post = Post(1);
  EXPECT_EQ(post.body(),
            "@northwind my Ridgeline jacket order (NW-10533) has been stuck on \"label created\" "
            "for a week now. Emailed orders@ on Monday, no reply yet \xF0\x9F\x98\x95 I need it "
            "before Saturday's trip #customerservice");
  EXPECT_EQ(post.occur_time().seconds(), 1788851560);
  EXPECT_EQ(post.occur_time().nanos(), 118000000);
  EXPECT_EQ(post.attributes().at("uri"),
            "https://fosstodon.example/users/priya/statuses/117234175843894151");
  EXPECT_EQ(post.attributes().at("url"), "https://fosstodon.example/@priya/117234175843894151");
  EXPECT_EQ(post.attributes().at("visibility"), "public");
  EXPECT_EQ(post.attributes().count("private"), 0u);
  EXPECT_EQ(post.attributes().at("language"), "en");
  EXPECT_EQ(post.attributes().at("mentions"), "@northwind@mastodon.example");
  EXPECT_EQ(post.attributes().count("in_reply_to_id"), 0u);
}

TEST_F(SampleMapping, BrandReplyKeepsTheFullLinkUrl) {
  const InteractionRecord& post = Post(4);
  EXPECT_THAT(post.body(), HasSubstr("open the chat on https://northwind.example/help with that"));
  EXPECT_EQ(post.attributes().at("links"), "https://northwind.example/help");
  EXPECT_EQ(post.attributes().at("in_reply_to_id"), test::kLine3);
}

TEST_F(SampleMapping, DirectPostsAreMarkedPrivate) {
  for (int line : {3, 4}) {
    EXPECT_EQ(Post(line).attributes().at("visibility"), "direct");
    EXPECT_EQ(Post(line).attributes().at("private"), "true");
  }
}

TEST_F(SampleMapping, PhotoPostListsItsMediaAndLanguage) {
  const auto& attributes = Post(5).attributes();
  EXPECT_EQ(attributes.at("language"), "pt");
  EXPECT_EQ(attributes.at("media_count"), "1");
  EXPECT_EQ(attributes.at("media.0.type"), "image");
  EXPECT_THAT(attributes.at("media.0.url"), HasSubstr("/original/7e21c4a9d03b5f18.jpeg"));
  EXPECT_THAT(attributes.at("media.0.description"), StartsWith("Mochila azul"));
  EXPECT_THAT(Post(5).body(), HasSubstr("pedra & 22 km"));
  EXPECT_THAT(Post(5).body(), HasSubstr("Obrigada @northwind! #caminhada #serradaestrela"));
}

TEST_F(SampleMapping, MentionNotificationIsUnwrappedToItsStatus) {
  const InteractionRecord& post = Post(9);
  EXPECT_EQ(post.external_id(), test::kLine9);
  EXPECT_EQ(post.attributes().at("notification_id"), "48213307");
  EXPECT_EQ(post.direction(), cxhub::v1::INBOUND);
  EXPECT_THAT(post.body(), HasSubstr("I'd give your support 9 out of 10!"));
  EXPECT_EQ(post.occur_time().seconds(), 1789148709);
}

// Maps generated lines in order with one index.
std::vector<SocialMapping> MapAll(const std::vector<std::string>& lines) {
  StatusMapper mapper = Mapper();
  ThreadIndex threads(1000);
  std::vector<SocialMapping> mappings;
  for (const std::string& line : lines) mappings.push_back(mapper.Map(line, threads));
  return mappings;
}

TEST(StatusMapper, BrandPostMentioningSeveralCustomersGoesToEachOfThem) {
  const std::vector<SocialMapping> mappings = MapAll({test::StatusLine(
      "500", "northwind", "mastodon.example", "", "",
      {{"ana@a.example", "1"}, {"northwind", "2"}, {"bob", "3"}, {"ana@a.example", "1"}})});
  ASSERT_EQ(mappings[0].kind, SocialMapping::Kind::kInteractions);
  ASSERT_EQ(mappings[0].records.size(), 2u);
  const InteractionRecord& ana = mappings[0].records[0].interaction();
  const InteractionRecord& bob = mappings[0].records[1].interaction();
  EXPECT_EQ(ana.external_id(), "500#@ana@a.example");
  EXPECT_EQ(ana.customer_identities(0).value(), "mastodon:@ana@a.example");
  EXPECT_EQ(bob.external_id(), "500#@bob@mastodon.example");
  EXPECT_EQ(bob.direction(), cxhub::v1::OUTBOUND);
  EXPECT_EQ(ana.attributes().at("status_id"), "500");
}

TEST(StatusMapper, BrandReplyGoesToTheRepliedAccountOnly) {
  const std::vector<SocialMapping> mappings = MapAll({test::StatusLine(
      "501", "northwind", "mastodon.example", "400", "3", {{"ana@a.example", "1"}, {"bob", "3"}})});
  ASSERT_EQ(mappings[0].records.size(), 1u);
  EXPECT_EQ(mappings[0].records[0].interaction().customer_identities(0).value(),
            "mastodon:@bob@mastodon.example");
  EXPECT_EQ(mappings[0].records[0].interaction().external_id(), "501");
}

TEST(StatusMapper, BrandPostAddressedToNobodyIsSkippedButStillStartsAThread) {
  const std::vector<SocialMapping> mappings =
      MapAll({test::StatusLine("600", "northwind", "mastodon.example"),
              test::StatusLine("601", "ana@a.example", "a.example", "600", "1")});
  EXPECT_EQ(mappings[0].kind, SocialMapping::Kind::kBrandPostWithoutCustomer);
  EXPECT_THAT(mappings[0].reason, HasSubstr("brand post 600"));
  ASSERT_EQ(mappings[1].records.size(), 1u);
  EXPECT_EQ(mappings[1].records[0].interaction().thread_id(), "600");
}

TEST(StatusMapper, ReplyToAnUnknownStatusTakesTheParentIdAsThread) {
  const std::vector<SocialMapping> mappings =
      MapAll({test::StatusLine("701", "ana@a.example", "a.example", "700"),
              test::StatusLine("702", "bob@b.example", "b.example", "700"),
              test::StatusLine("703", "ana@a.example", "a.example", "702")});
  for (const SocialMapping& mapping : mappings) {
    ASSERT_EQ(mapping.records.size(), 1u);
    EXPECT_EQ(mapping.records[0].interaction().thread_id(), "700");
  }
}

TEST(StatusMapper, LocalAuthorIsQualifiedWithTheHostOfItsUrl) {
  const std::vector<SocialMapping> mappings =
      MapAll({test::StatusLine("800", "carla", "mastodon.example")});
  ASSERT_EQ(mappings[0].records.size(), 1u);
  const InteractionRecord& post = mappings[0].records[0].interaction();
  EXPECT_EQ(post.customer_identities(0).value(), "mastodon:@carla@mastodon.example");
  EXPECT_EQ(post.customer_display_name(), "Someone");
  EXPECT_EQ(post.body(), "Hello & thanks");
  EXPECT_THAT(post.attributes(), testing::Contains(Pair("author", "@carla@mastodon.example")));
}

TEST(StatusMapper, BrandGivenWithoutDomainMatchesItsLocalAccount) {
  StatusMapper mapper({"mastodon.example", "@northwind@mastodon.example"});
  ThreadIndex threads(10);
  const SocialMapping mapping = mapper.Map(
      test::StatusLine("900", "NorthWind", "mastodon.example", "", "", {{"ana@a.example", "1"}}),
      threads);
  ASSERT_EQ(mapping.records.size(), 1u);
  EXPECT_EQ(mapping.records[0].interaction().direction(), cxhub::v1::OUTBOUND);
}

TEST(StatusMapper, UnqualifiableAccountsAreDeadLettersNamingTheirPath) {
  const std::vector<SocialMapping> mappings =
      MapAll({test::StatusLine("901", "bad acct", "a.example"),
              test::StatusLine("902", "northwind", "mastodon.example", "", "", {{"ana@", "1"}})});
  EXPECT_EQ(mappings[0].kind, SocialMapping::Kind::kDeadLetter);
  EXPECT_THAT(mappings[0].reason, StartsWith("$.account.acct: 'bad acct' is not a Mastodon"));
  EXPECT_EQ(mappings[1].kind, SocialMapping::Kind::kDeadLetter);
  EXPECT_THAT(mappings[1].reason, StartsWith("$.mentions[0].acct: 'ana@' is not a Mastodon"));
}

TEST(StatusMapper, OtherNotificationsAreSkipped) {
  const std::vector<SocialMapping> mappings =
      MapAll({R"({"id":"77","type":"favourite","account":{"acct":"ana"}})"});
  EXPECT_EQ(mappings[0].kind, SocialMapping::Kind::kOtherNotification);
  EXPECT_EQ(mappings[0].reason, "notification 77 of type 'favourite'");
}

TEST(StatusMapper, ContentWarningBecomesTheSubject) {
  std::string line = test::StatusLine("950", "ana@a.example", "a.example");
  line.insert(1, R"("spoiler_text":"order trouble","sensitive":true,)");
  const std::vector<SocialMapping> mappings = MapAll({line});
  ASSERT_EQ(mappings[0].records.size(), 1u);
  EXPECT_EQ(mappings[0].records[0].interaction().subject(), "order trouble");
  EXPECT_EQ(mappings[0].records[0].interaction().attributes().at("sensitive"), "true");
}

}  // namespace
}  // namespace cxhub::social
