// The options format (validation messages) and the cursor format (round trip, refusals).
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/email/email_cursor.h"
#include "plugins/email/email_options.h"

namespace cxhub::email {
namespace {

using ::testing::HasSubstr;

TEST(EmailOptions, ParsesSourcesBusinessAndLimits) {
  absl::StatusOr<EmailOptions> options = ParseEmailOptions(
      "# northwind\nmbox = /var/mail/support\nmaildir=/srv/Maildir/\n"
      "business_address=Support@Northwind.example,orders@northwind.example\n"
      "business_domain=*@northwind.example\ncheckpoint_every=5\nmax_full_body_bytes=0\n");
  ASSERT_TRUE(options.ok()) << options.status();
  ASSERT_EQ(options->sources.size(), 2u);
  EXPECT_EQ(options->sources[0].kind, SourceKind::kMbox);
  EXPECT_EQ(options->sources[0].path, "/var/mail/support");
  EXPECT_EQ(options->sources[1].kind, SourceKind::kMaildir);
  EXPECT_EQ(options->sources[1].path, "/srv/Maildir");
  EXPECT_EQ(options->checkpoint_every, 5);
  EXPECT_EQ(options->max_full_body_bytes, 0u);
  EXPECT_TRUE(options->business.IsBusiness("support@northwind.example"));
  EXPECT_TRUE(options->business.IsBusiness("Rui.Santos@NORTHWIND.example"));
  EXPECT_TRUE(options->business.IsBusiness("x@mail.northwind.example"));
  EXPECT_FALSE(options->business.IsBusiness("x@northwind.example.org"));
  EXPECT_FALSE(options->business.IsBusiness("tom.becker@example.de"));
}

TEST(EmailOptions, RefusesWithTheLineAndTheReason) {
  const auto error = [](const char* text) {
    return std::string(ParseEmailOptions(text).status().message());
  };
  EXPECT_THAT(error("mbox=/a\nbusiness_domain=x.example\nfoo=1\n"),
              HasSubstr("line 3: unknown key 'foo'"));
  EXPECT_THAT(error("mbox=/a\nbusiness_domain=x.example\ncheckpoint_every=0\n"),
              HasSubstr("line 3: checkpoint_every must be"));
  EXPECT_THAT(error("mbox=/a\nbusiness_address=nobody\n"), HasSubstr("line 2: business_address"));
  EXPECT_THAT(error("business_domain=x.example\n"), HasSubstr("no source"));
  EXPECT_THAT(error("mbox=/a\n"), HasSubstr("no business_address or business_domain"));
  EXPECT_THAT(error("mbox=/a\nmbox=/a\nbusiness_domain=x.example"), HasSubstr("listed twice"));
  EXPECT_THAT(error("just words"), HasSubstr("line 1: 'just words' is not key=value"));
  EXPECT_EQ(ParseEmailOptions("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EmailCursor, RoundTripsAndIsVersioned) {
  EmailCursor cursor;
  cursor.mbox["/var/mail/support"] = MboxProgress{42, 11745, 4096, 0xdeadbeefcafeULL, 0, 0};
  MaildirProgress maildir;
  maildir.floor = 1700000000;
  maildir.newest = 1700000300;
  maildir.delivered = {1, 0xffffffffffffffffULL};
  cursor.maildir["/srv/Maildir"] = maildir;
  std::string text = FormatCursor(cursor);
  EXPECT_EQ(text,
            "cxhub-email-cursor 1\n"
            "mbox\t/var/mail/support\t42\t11745\t4096\tdeadbeefcafe\t0\t0\n"
            "maildir\t/srv/Maildir\t1700000000\t1700000300\t1,ffffffffffffffff\n");
  absl::StatusOr<EmailCursor> back = ParseCursor(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(FormatCursor(*back), text);
  EXPECT_TRUE(ParseCursor("").ok());
  EXPECT_THAT(std::string(ParseCursor("cxhub-email-cursor 2\n").status().message()),
              HasSubstr("unknown version"));
  EXPECT_EQ(ParseCursor("cxhub-email-cursor 1\nmbox\tx\t1\n").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cxhub::email
