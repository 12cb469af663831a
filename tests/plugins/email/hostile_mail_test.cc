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
#include "tests/plugins/recording_host.h"
#include "tests/plugins/resident_size.h"
#include "tests/plugins/warm_read.h"

namespace cxhub::email::test {
namespace {

using ::cxhub::test::OpenOrFail;
using ::cxhub::test::ReadLog;
using ::cxhub::test::ReadOnce;
using ::cxhub::test::ReadWarm;
using ::cxhub::test::ReparseOnce;
using ::cxhub::test::WarmRead;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

// A Maildir in `dir` holding `mail` as one new message.
std::string MaildirWith(const TempDir& dir, const std::string& mail) {
  const std::string root = dir.File("Maildir");
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

// Reads `mail` from a Maildir after an ordinary mail read first on the same instance, so that
// loading GMime, ICU's data and the plugin itself (about 20 MiB in a Debug build) is not counted
// against it (warm_read.h). `extra` options; with `as_sent_mail` the Maildir holds sent mail.
WarmRead ReadWarmMail(const std::string& mail, const std::string& extra = "",
                      bool as_sent_mail = false) {
  TempDir dir;
  const std::string maildir = MaildirWith(dir, "");
  plugins::PluginInstance instance = OpenOrFail(
      CXHUB_EMAIL_PLUGIN_PATH,
      Options(maildir, as_sent_mail ? absl::StrCat("sent_mail=", maildir, "\n", extra) : extra));
  return ReadWarm(
      instance,
      [&] { WriteFile(maildir + "/new/1789000000.M1P42.host", PlainCustomerMail("warm-up")); },
      [&] { WriteFile(maildir + "/new/1789000001.M2P42.host", mail); });
}

// What a hostile mail may add to the peak resident size of a warm plugin: quadratic quoting grew
// the process by 300 MB on the blockquote mail, and reading a 16 MiB message whole takes more.
constexpr long kHostileGrowthKib = 8 * 1024 * ::cxhub::test::kResidentBoundScale;

TEST(HostileMail, NestedBlockquotesStayLinearInTimeAndMemory) {
  const WarmRead read = ReadWarmMail(NestedBlockquoteMail(100 * 1024));
  ASSERT_TRUE(read.log.status.ok()) << read.log.status;
  ASSERT_THAT(read.log.records, SizeIs(1));
  EXPECT_THAT(read.log.records[0].interaction().body(), HasSubstr("> quoted line"));
  EXPECT_LT(read.log.records[0].interaction().body().size(), size_t{1} << 20);
  EXPECT_LT(read.peak_growth_kib, kHostileGrowthKib)
      << "peak resident size grew by " << read.peak_growth_kib << " KiB";
}

TEST(HostileMail, FanOutMailStaysWithinAFewMiBInboundAndOutbound) {
  const WarmRead inbound = ReadWarmMail(BusinessFanOutMail(2000));
  ASSERT_TRUE(inbound.log.status.ok()) << inbound.log.status;
  EXPECT_THAT(inbound.log.records, SizeIs(1));
  EXPECT_LT(inbound.peak_growth_kib, kHostileGrowthKib);
  // Every recipient's record carrying the whole 27 KB list took 54 MB for 2,000 recipients.
  const WarmRead outbound = ReadWarmMail(BusinessFanOutMail(2000), "", /*as_sent_mail=*/true);
  ASSERT_TRUE(outbound.log.status.ok()) << outbound.log.status;
  EXPECT_THAT(outbound.log.records, SizeIs(100));  // max_outbound_recipients' default
  EXPECT_LT(outbound.peak_growth_kib, kHostileGrowthKib);
}

TEST(HostileMail, OversizedFieldsMailStaysWithinAFewMiB) {
  const WarmRead read = ReadWarmMail(OversizedFieldsMail());
  ASSERT_TRUE(read.log.status.ok()) << read.log.status;
  EXPECT_THAT(read.log.records, SizeIs(1));
  EXPECT_LT(read.peak_growth_kib, kHostileGrowthKib);
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

TEST(HostileMail, AMaildirFileOverMaxMessageBytesIsADeadLetterAndTheCursorMovesOn) {
  TempDir dir;
  const std::string maildir = MaildirWith(dir, "");
  const std::string large = LargeMail(10 * 1024);
  WriteFile(maildir + "/new/1789000000.M1P42.host", large);
  WriteFile(maildir + "/new/1789000001.M2P42.host", PlainCustomerMail("after"));
  plugins::PluginInstance instance =
      OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(maildir, "max_message_bytes=4096\n"));
  const ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  ASSERT_THAT(log.dead_letters, SizeIs(1));
  EXPECT_THAT(log.dead_letters[0].reason,
              HasSubstr(absl::StrCat("message of ", large.size(),
                                     " bytes is over max_message_bytes (4096)")));
  EXPECT_THAT(log.dead_letters[0].raw,
              StartsWith(absl::StrCat("X-Cxhub-Dead-Letter: bytes=", large.size(), ";")));
  EXPECT_THAT(log.dead_letters[0].raw, EndsWith(large));
  EXPECT_THAT(log.ExternalIds(), ElementsAre("after@example.com"));
  const ReadLog again = ReadOnce(instance, log.checkpoints.back());
  EXPECT_THAT(again.dead_letters, IsEmpty());
  EXPECT_THAT(again.records, IsEmpty());
}

TEST(HostileMail, A16MiBMaildirFileIsReadNoFurtherThanItsDeadLetterKeeps) {
  const WarmRead read = ReadWarmMail(LargeMail(16 << 20), "max_message_bytes=4096\n");
  ASSERT_TRUE(read.log.status.ok()) << read.log.status;
  ASSERT_THAT(read.log.dead_letters, SizeIs(1));
  EXPECT_THAT(read.log.dead_letters[0].reason, HasSubstr("kept)"));
  EXPECT_LE(read.log.dead_letters[0].raw.size(), size_t{CXHUB_LIMIT_DEAD_LETTER_RAW_BYTES});
  EXPECT_LT(read.peak_growth_kib, kHostileGrowthKib);

  // Retried after the bound was raised, what was kept is still not the whole message.
  TempDir dir;
  plugins::PluginInstance raised =
      OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(MaildirWith(dir, "")));
  const ReadLog retry = ReparseOnce(raised, read.log.dead_letters[0].raw);
  ASSERT_TRUE(retry.status.ok()) << retry.status;
  EXPECT_THAT(retry.records, IsEmpty());
  ASSERT_THAT(retry.dead_letters, SizeIs(1));
  EXPECT_THAT(retry.dead_letters[0].reason, HasSubstr("cannot be read"));
}

TEST(HostileMail, AnMboxMessageOverMaxMessageBytesIsScannedPastInBoundedMemory) {
  TempDir dir;
  const std::string mbox = dir.File("support.mbox");
  const std::string separator = "From ana@example.com Fri Sep 11 18:00:00 2026\n";
  WriteFile(mbox, "");
  plugins::PluginInstance instance =
      OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH,
                 absl::StrCat("mbox=", mbox, "\nbusiness_address=support@northwind.example\n",
                              "max_message_bytes=1048576\n"));
  // The over-size message is one line of 16 MiB: no line is kept whole either.
  const WarmRead read = ReadWarm(
      instance,
      [&] { WriteFile(mbox, absl::StrCat(separator, PlainCustomerMail("warm-up"), "\n")); },
      [&] {
        WriteFile(mbox,
                  absl::StrCat(separator, LargeMail(16 << 20, 16 << 20), "\n", separator,
                               PlainCustomerMail("after"), "\n"),
                  std::ios::app);
      });
  ASSERT_TRUE(read.log.status.ok()) << read.log.status;
  ASSERT_THAT(read.log.dead_letters, SizeIs(1));
  EXPECT_THAT(read.log.dead_letters[0].reason, HasSubstr("is over max_message_bytes (1048576)"));
  EXPECT_LE(read.log.dead_letters[0].raw.size(), size_t{CXHUB_LIMIT_DEAD_LETTER_RAW_BYTES});
  EXPECT_THAT(read.log.ExternalIds(), ElementsAre("after@example.com"));
  EXPECT_LT(read.peak_growth_kib, kHostileGrowthKib);
  const ReadLog again = ReadOnce(instance, read.log.checkpoints.back());
  EXPECT_THAT(again.dead_letters, IsEmpty());
  EXPECT_THAT(again.records, IsEmpty());
}

TEST(HostileMail, ARetriedMailWithoutADateKeepsTheTimeOfItsFirstRead) {
  TempDir dir;
  const std::string maildir = MaildirWith(dir, "");
  WriteFile(maildir + "/new/1789000000.M1P42.host", LargeMail(10 * 1024));
  plugins::PluginInstance bounded =
      OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(maildir, "max_message_bytes=4096\n"));
  const ReadLog first = ReadOnce(bounded, "");
  ASSERT_THAT(first.dead_letters, SizeIs(1));

  // The operator raises the bound and retries the dead letter, much later.
  plugins::PluginInstance raised = OpenOrFail(CXHUB_EMAIL_PLUGIN_PATH, Options(maildir));
  const ReadLog retry = ReparseOnce(raised, first.dead_letters[0].raw);
  ASSERT_TRUE(retry.status.ok()) << retry.status;
  ASSERT_THAT(retry.records, SizeIs(1));
  const auto& interaction = retry.records[0].interaction();
  EXPECT_EQ(interaction.occur_time().seconds(), 1789000000);
  EXPECT_EQ(interaction.attributes().at("date_source"), "maildir_filename");
  EXPECT_EQ(interaction.attributes().at("source"), "maildir:" + maildir);

  // A dead letter kept without its first read's time (before this change) falls back to now.
  const ReadLog bare = ReparseOnce(raised, LargeMail(1024));
  ASSERT_THAT(bare.records, SizeIs(1));
  EXPECT_EQ(bare.records[0].interaction().attributes().at("date_source"), "retry_time");
}

}  // namespace
}  // namespace cxhub::email::test
