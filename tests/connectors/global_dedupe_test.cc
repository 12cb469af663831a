// One message, one interaction, however many ways it arrives: a customer's mail to support@ with
// orders@ in Cc, read from both mailboxes by two instances of the real email plugin, is recorded
// once (its Message-ID is a global id: the de-duplication key spans instances).
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/host_fixture.h"

namespace cxhub {
namespace {

using ::testing::SizeIs;

constexpr char kMail[] =
    "From: Ana Lima <ana@example.com>\nTo: support@northwind.example\n"
    "Cc: orders@northwind.example\nDate: Fri, 11 Sep 2026 19:00:00 +0100\n"
    "Subject: order NW-1\nMessage-ID: <cc-1@example.com>\n\nWhere is my order?\n";

// A Maildir at `root` holding kMail as one new message.
void MaildirWithTheMail(const std::string& root) {
  for (const char* folder : {"", "/new", "/cur", "/tmp"}) mkdir((root + folder).c_str(), 0700);
  std::ofstream(root + "/new/1789000000.M1P42.host", std::ios::binary) << kMail;
}

ConnectorConfig MailConnector(const std::string& name, const std::string& maildir) {
  ConnectorConfig config;
  config.name = name;
  config.plugin = "cxhub_email.so";
  config.options = absl::StrCat("maildir=", maildir, "\nbusiness_domain=northwind.example\n");
  return config;
}

TEST_P(HostTest, AMailReadFromTwoMailboxesByTwoInstancesIsRecordedOnce) {
  InstallPlugin(CXHUB_EMAIL_PLUGIN_PATH);
  MaildirWithTheMail(PathOf("support"));
  MaildirWithTheMail(PathOf("orders"));
  StartHost({MailConnector("support-mail", PathOf("support")),
             MailConnector("orders-mail", PathOf("orders"))});
  WaitFor("support-mail",
          [](const ConnectorView& v) { return v.counters.records_in + v.counters.skipped == 1; });
  WaitFor("orders-mail",
          [](const ConnectorView& v) { return v.counters.records_in + v.counters.skipped == 1; });
  ASSERT_THAT(Interactions(), SizeIs(1));
  EXPECT_EQ(View("support-mail").counters.records_in + View("orders-mail").counters.records_in, 1);
  EXPECT_EQ(View("support-mail").counters.skipped + View("orders-mail").counters.skipped, 1);
}

}  // namespace
}  // namespace cxhub
