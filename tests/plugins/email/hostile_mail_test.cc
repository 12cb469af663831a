// The hostile and imperfect mail of the field (tests/plugins/email/hostile_mail.h), each read by
// the real cxhub_email plugin through the host's plugin loader from a Maildir: bounded memory,
// records within the host's limits, and imperfect mail ingested rather than dead-lettered.
#include "tests/plugins/email/hostile_mail.h"

#include <sys/stat.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "cxhub/connector_limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/plugin_loader.h"
#include "tests/plugins/email/email_test_support.h"
#include "tests/plugins/email/resident_size.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::email::test {
namespace {

using ::cxhub::test::OpenOrFail;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// A Maildir in `dir` holding `mail` as one new message.
std::string MaildirWith(const TempDir& dir, const std::string& mail) {
  const std::string root = dir.Sub("Maildir");
  for (const char* folder : {"", "/new", "/cur", "/tmp"}) mkdir((root + folder).c_str(), 0700);
  if (!mail.empty()) WriteFile(root + "/new/1789000000.M1P42.host", mail);
  return root;
}

std::string Options(const std::string& maildir, const std::string& extra = "") {
  return absl::StrCat("maildir=", maildir, "\nbusiness_address=support@northwind.example\n",
                      "business_domain=northwind.example\n", extra);
}

ReadLog ReadMail(const std::string& mail, const std::string& extra = "") {
  TempDir dir;
  plugins::PluginInstance instance =
      OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(MaildirWith(dir, mail), extra));
  return ReadOnce(instance, "");
}

const google::protobuf::Map<std::string, std::string>& Attributes(const ReadLog& log) {
  return log.records.at(0).interaction().attributes();
}

TEST(HostileMail, NestedBlockquotesStayLinearInTimeAndMemory) {
  // The plugin reads one ordinary mail first on the same instance, so loading GMime, ICU's data
  // and the plugin itself (about 20 MiB in a Debug build) is not counted against the hostile mail.
  TempDir dir;
  const std::string maildir = MaildirWith(dir, PlainCustomerMail("warm-up"));
  plugins::PluginInstance instance = OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(maildir));
  const ReadLog warm_up = ReadOnce(instance, "");
  ASSERT_THAT(warm_up.records, SizeIs(1));
  ASSERT_THAT(warm_up.checkpoints, Not(IsEmpty()));
  WriteFile(maildir + "/new/1789000001.M2P42.host", NestedBlockquoteMail(100 * 1024));

  ASSERT_TRUE(ResetPeakResident());
  const long before = PeakResidentKib();
  ReadLog log = ReadOnce(instance, warm_up.checkpoints.back());
  const long growth = PeakResidentKib() - before;
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.records, SizeIs(1));
  EXPECT_THAT(log.records[0].interaction().body(), HasSubstr("> quoted line"));
  EXPECT_LT(log.records[0].interaction().body().size(), size_t{1} << 20);
  // Quadratic quoting grew the process by 300 MB on this input; linear work stays within a few.
  EXPECT_LT(growth, 8 * 1024) << "peak resident size grew by " << growth << " KiB";
}

TEST(HostileMail, BusinessFromInAnInboxIsInboundOnTheSendersSideAndFlagged) {
  ReadLog log = ReadMail(BusinessFanOutMail(2000));
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.records, SizeIs(1));
  const auto& interaction = log.records[0].interaction();
  EXPECT_EQ(interaction.direction(), v1::INBOUND);
  EXPECT_EQ(interaction.customer_identities(0).value(), "support@northwind.example");
  EXPECT_THAT(Attributes(log).at("suspect_sender"), HasSubstr("business address"));
  EXPECT_EQ(Attributes(log).at("addresses_truncated"), "true");
}

TEST(HostileMail, OutboundFanOutIsCappedAndEachRecordNamesOnlyItsRecipient) {
  TempDir dir;
  const std::string maildir = MaildirWith(dir, BusinessFanOutMail(2000));
  plugins::PluginInstance instance = OpenOrFail(
      CXHUB_EMAIL_PLUGIN_PATH,
      Options(maildir, absl::StrCat("sent_mail=", maildir, "\nmax_outbound_recipients=50\n")));
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.records, SizeIs(50));
  for (const auto& record : log.records) {
    const auto& attributes = record.interaction().attributes();
    EXPECT_EQ(record.interaction().direction(), v1::OUTBOUND);
    EXPECT_EQ(attributes.at("recipient"), record.interaction().customer_identities(0).value());
    EXPECT_EQ(attributes.count("to"), 0u);
    EXPECT_EQ(attributes.at("recipient_count"), "999");  // the address cap kept 999 of 2,000
    EXPECT_EQ(attributes.at("recipients_recorded"), "50");
    EXPECT_LT(record.ByteSizeLong(), size_t{4096});
  }
}

TEST(HostileMail, ATrustedRelayHeaderMakesBusinessMailOutbound) {
  const std::string mail = "X-Northwind-Relay: out\n" + BusinessFanOutMail(3);
  EXPECT_THAT(ReadMail(mail, "trusted_relay_header=X-Northwind-Relay: out\n").records, SizeIs(3));
  EXPECT_THAT(ReadMail(mail, "trusted_relay_header=X-Northwind-Relay: other\n").records, SizeIs(1));
}

TEST(HostileMail, DefectiveMimeWithAUsableSenderIsIngestedWithItsDefectsListed) {
  ReadLog log = ReadMail(DefectiveMimeMail());
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.dead_letters, IsEmpty());
  ASSERT_THAT(log.records, SizeIs(1));
  EXPECT_EQ(log.records[0].interaction().customer_identities(0).value(), "ana@example.com");
  EXPECT_THAT(Attributes(log).at("mime_defects"), Not(IsEmpty()));
}

TEST(HostileMail, AnUnreadableDateFallsBackAndIsMarked) {
  ReadLog log = ReadMail(
      "From: ana@example.com\nTo: support@northwind.example\nDate: yesterday-ish\n\nhello\n");
  ASSERT_THAT(log.records, SizeIs(1));
  EXPECT_EQ(Attributes(log).at("date_source"), "maildir_filename");
  EXPECT_THAT(Attributes(log).at("date_problem"), HasSubstr("yesterday-ish"));
}

TEST(HostileMail, OnlyMailWithoutSenderOrContentIsADeadLetter) {
  EXPECT_THAT(ReadMail("To: support@northwind.example\nSubject: who?\n\nhello\n").dead_letters,
              SizeIs(1));
  ReadLog empty = ReadMail("From: ana@example.com\nTo: support@northwind.example\n\n");
  ASSERT_THAT(empty.dead_letters, SizeIs(1));
  EXPECT_THAT(empty.dead_letters[0].reason, HasSubstr("no content"));
}

TEST(HostileMail, FieldsOverTheHostsLimitsAreClippedAndMarked) {
  ReadLog log = ReadMail(OversizedFieldsMail());
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.dead_letters, IsEmpty());
  ASSERT_THAT(log.records, SizeIs(1));
  const auto& interaction = log.records[0].interaction();
  EXPECT_LE(interaction.external_id().size(), size_t{CXHUB_LIMIT_FIELD_BYTES});
  EXPECT_LE(interaction.subject().size(), size_t{CXHUB_LIMIT_FIELD_BYTES});
  EXPECT_LE(interaction.attributes().size(), CXHUB_LIMIT_ATTRIBUTES);
  EXPECT_THAT(Attributes(log).at("clipped"), HasSubstr("external_id"));
  EXPECT_THAT(Attributes(log).at("clipped"), HasSubstr("subject"));
  EXPECT_EQ(Attributes(log).at("attachment_count"), "20");
  EXPECT_EQ(Attributes(log).at("attachments_listed"), "10");
  EXPECT_THAT(interaction.customer_display_name(), HasSubstr("Caf"));
}

TEST(HostileMail, ABurstOfThousandsOfFilesKeepsTheCursorWithinTheHostsLimit) {
  TempDir dir;
  const std::string maildir = MaildirWith(dir, "");
  for (int i = 0; i < 5000; ++i) {
    WriteFile(absl::StrCat(maildir, "/new/1789000000.M", i, "P42.host"),
              PlainCustomerMail(absl::StrCat("burst-", i)));
  }
  plugins::PluginInstance instance = OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(maildir));
  ::cxhub::test::CommittingHost host;
  ASSERT_TRUE(host.Read(instance).ok());
  EXPECT_THAT(host.committed(), SizeIs(5000));
  EXPECT_LE(host.cursor().size(), size_t{CXHUB_LIMIT_CURSOR_BYTES});
  ASSERT_TRUE(host.Read(instance).ok());
  EXPECT_THAT(host.committed(), SizeIs(5000));  // nothing read twice
}

}  // namespace
}  // namespace cxhub::email::test
