#include "plugins/social/social_options.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::social {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ErrorOf(absl::string_view text) {
  absl::StatusOr<SocialOptions> options = ParseSocialOptions(text);
  EXPECT_FALSE(options.ok()) << text;
  if (options.ok()) return "";
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(options.status().message());
}

TEST(SocialOptions, ParsesEveryOption) {
  absl::StatusOr<SocialOptions> options = ParseSocialOptions(
      "# the brand's timeline\n file = /data/a.jsonl ;files=/data/b.jsonl, /data/a.jsonl\n"
      "instance=Mastodon.Example\nbrand_account=@northwind@mastodon.example\n"
      "checkpoint_every=5\nthread_memory=20\n");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->files, ElementsAre("/data/a.jsonl", "/data/b.jsonl"));
  EXPECT_EQ(options->instance, "mastodon.example");
  EXPECT_EQ(options->brand_handle, "@northwind@mastodon.example");
  EXPECT_EQ(options->checkpoint_every, 5);
  EXPECT_EQ(options->thread_memory, 20);
}

TEST(SocialOptions, BrandAccountInAnyFormIsQualified) {
  for (const char* brand :
       {"northwind", "@northwind", "northwind@mastodon.example", "@NorthWind@Mastodon.Example"}) {
    absl::StatusOr<SocialOptions> options = ParseSocialOptions(
        absl::StrCat("file=/x.jsonl;instance=mastodon.example;brand_account=", brand));
    ASSERT_TRUE(options.ok()) << brand << ": " << options.status();
    EXPECT_EQ(options->brand_handle, "@northwind@mastodon.example") << brand;
    EXPECT_EQ(options->checkpoint_every, 100);
    EXPECT_EQ(options->thread_memory, 1000);
  }
}

TEST(SocialOptions, RefusesWithTheReason) {
  EXPECT_THAT(ErrorOf("instance=m.example;brand_account=n"), HasSubstr("file=<path> is required"));
  EXPECT_THAT(ErrorOf("file=/x;brand_account=n"), HasSubstr("instance is required"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example"), HasSubstr("brand_account is required"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example;brand_account=n;colour=blue"),
              HasSubstr("unknown option 'colour'"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example;instance=m.example;brand_account=n"),
              HasSubstr("'instance' is given twice"));
  EXPECT_THAT(ErrorOf("file=/x;instance=not a domain;brand_account=n"),
              HasSubstr("instance 'not a domain'"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example;brand_account=a b"),
              HasSubstr("brand_account: 'a b' is not a Mastodon account"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example;brand_account=n;checkpoint_every=0"),
              HasSubstr("checkpoint_every '0' is not a number from 1 to 100000"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example;brand_account=n;thread_memory=5000"),
              HasSubstr("thread_memory '5000' is not a number from 1 to 1500"));
  EXPECT_THAT(ErrorOf("file=/x;instance=m.example;brand_account=n;oops"),
              HasSubstr("'oops' is not key=value"));
}

}  // namespace
}  // namespace cxhub::social
