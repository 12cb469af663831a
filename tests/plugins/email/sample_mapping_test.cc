// The real samples mapped to records exactly as shared/samples/README.md says a correct
// ingestion yields: 9 mbox messages -> 8 records + 1 dead letter; the Maildir's 3 messages.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/email/email_options.h"
#include "plugins/email/maildir_scanner.h"
#include "plugins/email/mbox_reader.h"
#include "plugins/email/record_mapper.h"
#include "tests/plugins/email/email_test_support.h"

namespace cxhub::email::test {
namespace {

using connector::v1::InteractionRecord;
using ::testing::ElementsAre;
using namespace std::string_literals;
using ::testing::HasSubstr;
using ::testing::Not;

EmailOptions NorthwindOptions() {
  absl::StatusOr<EmailOptions> options = ParseEmailOptions(
      "mbox=/unused\n"
      "business_address=support@northwind.example, orders@northwind.example\n"
      "business_domain=northwind.example\n");
  EXPECT_TRUE(options.ok()) << options.status();
  return *options;
}

// Every mbox message mapped, in file order.
std::vector<MappedMessage> MapSampleMbox() {
  EmailOptions options = NorthwindOptions();
  absl::StatusOr<MboxReader> reader = MboxReader::Open(SampleMbox(), 0, false);
  EXPECT_TRUE(reader.ok());
  MessageParser parser;  // One for the whole file, as the connector reads it.
  std::vector<MappedMessage> mapped;
  while (true) {
    absl::StatusOr<std::optional<MboxMessage>> next = reader->Next();
    if (!next.ok() || !next->has_value()) break;
    MessageOrigin origin;
    origin.source = "mbox:sample";
    origin.holds_sent_mail = true;  // the support mailbox's archive keeps its sent replies
    origin.location = absl::StrCat("message ", mapped.size() + 1);
    origin.fallback_time = FromLineTime((**next).from_line);
    origin.fallback_time_source = "mbox_from_line";
    mapped.push_back(MapMessage((**next).content, origin, options, parser));
  }
  return mapped;
}

const InteractionRecord& Only(const MappedMessage& mapped) {
  EXPECT_EQ(mapped.records.size(), 1u) << mapped.dead_letter_reason << mapped.skip_reason;
  static const InteractionRecord kEmpty;
  return mapped.records.empty() ? kEmpty : mapped.records[0].interaction();
}

TEST(SampleMbox, NineMessagesGiveEightRecordsAndOneDeadLetter) {
  std::vector<MappedMessage> mapped = MapSampleMbox();
  ASSERT_EQ(mapped.size(), 9u);
  int records = 0;
  std::vector<int> dead;
  for (size_t i = 0; i < mapped.size(); ++i) {
    records += static_cast<int>(mapped[i].records.size());
    if (!mapped[i].dead_letter_reason.empty()) dead.push_back(static_cast<int>(i) + 1);
    EXPECT_TRUE(mapped[i].skip_reason.empty()) << mapped[i].skip_reason;
  }
  EXPECT_EQ(records, 8);
  EXPECT_THAT(dead, ElementsAre(6));
  EXPECT_THAT(mapped[5].dead_letter_reason, HasSubstr("no sender"));
  EXPECT_THAT(mapped[5].dead_letter_reason, HasSubstr("%H:%M:%S"));
}

TEST(SampleMbox, InboundRecordsCarryTheDecodedSenderAndSubject) {
  std::vector<MappedMessage> mapped = MapSampleMbox();
  ASSERT_EQ(mapped.size(), 9u);
  const InteractionRecord& marta = Only(mapped[0]);
  EXPECT_EQ(marta.channel(), "email");
  EXPECT_EQ(marta.kind(), v1::MESSAGE);
  EXPECT_EQ(marta.direction(), v1::INBOUND);
  EXPECT_EQ(marta.external_id(), "6f1e2a90-3c5d-4b7e-9a81-0d2f4c6e8b13@mail.example.pt");
  ASSERT_EQ(marta.customer_identities_size(), 1);
  EXPECT_EQ(marta.customer_identities(0).kind(), v1::EMAIL);
  EXPECT_EQ(marta.customer_identities(0).value(), "marta.ferreira@example.pt");
  EXPECT_EQ(marta.customer_display_name(), "Marta Gonçalves Ferreira");
  EXPECT_EQ(marta.subject(), "Devolução da encomenda NW-10482: mochila danificada");
  EXPECT_EQ(marta.occur_time().seconds(), 1788768862);
  ASSERT_EQ(marta.business_identities_size(), 1);
  EXPECT_EQ(marta.business_identities(0).value(), "support@northwind.example");
  EXPECT_EQ(marta.attributes().at("date_source"), "header");

  const InteractionRecord& priya = Only(mapped[1]);
  EXPECT_EQ(priya.customer_identities(0).value(), "priya.nair@example.in");
  EXPECT_EQ(priya.business_identities_size(), 2);  // orders@ (To) and support@ (Cc)
  EXPECT_EQ(priya.occur_time().seconds(), 1788776290);

  const InteractionRecord& tom = Only(mapped[2]);
  EXPECT_EQ(tom.customer_identities(0).value(), "Tom.Becker@Example.DE");
  EXPECT_EQ(tom.customer_display_name(), "Becker, Tom");
  EXPECT_EQ(tom.occur_time().seconds(), 1788849669);

  const InteractionRecord& soren = Only(mapped[4]);
  EXPECT_EQ(soren.customer_display_name(), "Søren Dahl");
  EXPECT_EQ(soren.subject(), "Exchange \xE2\x80\x93 order NW-10529, size L \xE2\x86\x92 M");
  EXPECT_THAT(soren.body(), HasSubstr("\nFrom the size chart I thought L would be right"));
  EXPECT_EQ(soren.occur_time().seconds(), 1788981460);
}

TEST(SampleMbox, OutboundMailBelongsToItsExternalRecipient) {
  std::vector<MappedMessage> mapped = MapSampleMbox();
  ASSERT_EQ(mapped.size(), 9u);
  const InteractionRecord& to_tom = Only(mapped[3]);
  EXPECT_EQ(to_tom.direction(), v1::OUTBOUND);
  EXPECT_EQ(to_tom.customer_identities(0).value(), "Tom.Becker@Example.DE");
  EXPECT_EQ(to_tom.customer_display_name(), "Becker, Tom");
  EXPECT_EQ(to_tom.external_id(), "nw.20260908103045.8812@northwind.example#tom.becker@example.de");
  EXPECT_EQ(to_tom.subject(), "Where is my order NW-10517?");
  EXPECT_THAT(to_tom.body(), HasSubstr("\nFrom our tracking data, your parcel reached"));
  EXPECT_EQ(to_tom.occur_time().seconds(), 1788863445);
  ASSERT_EQ(to_tom.business_identities_size(), 1);
  EXPECT_EQ(to_tom.business_identities(0).value(), "support@northwind.example");

  const InteractionRecord& to_soren = Only(mapped[6]);
  EXPECT_EQ(to_soren.direction(), v1::OUTBOUND);
  EXPECT_EQ(to_soren.customer_identities(0).value(), "soren.dahl@example.dk");
  EXPECT_EQ(to_soren.customer_display_name(), "Søren Dahl");
  EXPECT_EQ(to_soren.subject(), "Exchange \xE2\x80\x93 order NW-10529, size L \xE2\x86\x92 M");
  EXPECT_THAT(to_soren.body(), HasSubstr("Hi Søren,"));

  const InteractionRecord& to_marta = Only(mapped[7]);
  EXPECT_EQ(to_marta.direction(), v1::OUTBOUND);
  EXPECT_EQ(to_marta.customer_identities(0).value(), "marta.ferreira@example.pt");
  EXPECT_EQ(to_marta.business_identities_size(), 2);  // orders@ and the Cc support@
  EXPECT_EQ(to_marta.attributes().at("attachment_count"), "1");
  EXPECT_EQ(to_marta.attributes().at("attachment.0.name"), "nota-de-credito-NC-2026-0311.txt");
  EXPECT_EQ(to_marta.attributes().at("attachment.0.type"), "text/plain");
  EXPECT_EQ(to_marta.attributes().at("attachment.0.size"), "232");
  EXPECT_EQ(to_marta.occur_time().seconds(), 1789046433);
}

TEST(SampleMbox, TomsThreeMessagesShareOneThreadAndTheQuoteIsCut) {
  std::vector<MappedMessage> mapped = MapSampleMbox();
  ASSERT_EQ(mapped.size(), 9u);
  const std::string root = "20260908064109.GA2231@Example.DE";
  EXPECT_EQ(Only(mapped[2]).thread_id(), root);
  EXPECT_EQ(Only(mapped[3]).thread_id(), root);
  EXPECT_EQ(Only(mapped[8]).thread_id(), root);
  EXPECT_EQ(Only(mapped[6]).thread_id(), "a3c9e7f1-55b2-4d0e-8c6f-2e71b9d04a58@example.dk");

  const InteractionRecord& reply = Only(mapped[8]);
  EXPECT_EQ(reply.subject(), "Where is my order NW-10517?");
  EXPECT_EQ(reply.occur_time().seconds(), 1789059933);
  EXPECT_TRUE(absl::EndsWith(reply.body(), "the courier less so.\n\nTom")) << reply.body();
  EXPECT_THAT(reply.body(), HasSubstr("I'd give you 8 out of 10"));
  EXPECT_THAT(reply.body(), Not(HasSubstr("wrote:")));
  // The full text, quote included (with its unescaped ">From" line), stays in the attributes.
  EXPECT_THAT(reply.attributes().at("full_body"), HasSubstr("\n>From our tracking data"));
  EXPECT_THAT(reply.attributes().at("full_body"), HasSubstr("Support wrote:"));
}

TEST(SampleMaildir, ThreeMessagesAndTheCurCopyOfMboxTwoHasItsExternalId) {
  absl::StatusOr<std::vector<MaildirEntry>> entries = ScanMaildir(SampleMaildir());
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 3u);  // tmp/.gitkeep ignored
  EmailOptions options = NorthwindOptions();
  MessageParser parser;
  std::map<std::string, InteractionRecord> by_name;
  for (const MaildirEntry& entry : *entries) {
    MessageOrigin origin;
    origin.source = "maildir:sample";
    origin.location = entry.path;
    origin.fallback_time = entry.name_time;
    origin.fallback_time_source = "maildir_filename";
    MappedMessage mapped = MapMessage(ReadFile(entry.path), origin, options, parser);
    by_name[entry.unique_name] = Only(mapped);
    EXPECT_TRUE(entry.flags.empty() == entry.is_new) << entry.path;
  }
  const InteractionRecord& priya = by_name["1788776294.M203871P4242.mailhost"];
  EXPECT_EQ(priya.external_id(), Only(MapSampleMbox()[1]).external_id());
  EXPECT_EQ(priya.external_id(), "CAF4x9Qm2Lr7T0vYpN3kZ8sWq1bHj5dE6uA@mail.example.in");

  const InteractionRecord& soren = by_name["1789116249.M517402P4242.mailhost"];
  EXPECT_EQ(soren.direction(), v1::INBOUND);
  EXPECT_EQ(soren.customer_display_name(), "Søren Dahl");
  EXPECT_EQ(soren.thread_id(), "a3c9e7f1-55b2-4d0e-8c6f-2e71b9d04a58@example.dk");
  EXPECT_EQ(soren.occur_time().seconds(), 1789116242);

  const InteractionRecord& marta = by_name["1789138943.M90155P4242.mailhost"];
  EXPECT_EQ(marta.customer_identities(0).value(), "marta.ferreira@example.pt");
  EXPECT_EQ(marta.subject(), "Reembolso emitido \xE2\x80\x93 encomenda NW-10482");
  EXPECT_THAT(marta.body(), HasSubstr("dou-vos 9 em 10"));
  EXPECT_EQ(marta.thread_id(), "6f1e2a90-3c5d-4b7e-9a81-0d2f4c6e8b13@mail.example.pt");
  EXPECT_EQ(marta.occur_time().seconds(), 1789138939);
}

TEST(MapMessage, FallsBackToTheOriginTimeAndSaysSo) {
  MessageParser parser;
  MessageOrigin origin;
  origin.location = "here";
  origin.fallback_time = 1789000000;
  origin.fallback_time_source = "mbox_from_line";
  MappedMessage mapped = MapMessage(
      "From: Ana <ana@example.com>\nTo: support@northwind.example\n"
      "Date: someday soon\n\nhi\n",
      origin, NorthwindOptions(), parser);
  const InteractionRecord& record = Only(mapped);
  EXPECT_EQ(record.occur_time().seconds(), 1789000000);
  EXPECT_EQ(record.attributes().at("date_source"), "mbox_from_line");
  EXPECT_EQ(record.attributes().at("date_header"), "someday soon");
  // No Message-ID: a stable content hash, the same every time.
  EXPECT_TRUE(absl::StartsWith(record.external_id(), "sha256:")) << record.external_id();
  EXPECT_EQ(record.external_id(), Only(MapMessage("From: Ana <ana@example.com>\nTo: "
                                                  "support@northwind.example\nDate: someday "
                                                  "soon\n\nhi\n",
                                                  origin, NorthwindOptions(), parser))
                                      .external_id());
}

TEST(MapMessage, OutboundToSeveralCustomersGivesOneRecordEach) {
  MessageParser parser;
  MessageOrigin origin;
  origin.location = "here";
  origin.holds_sent_mail = true;
  MappedMessage mapped = MapMessage(
      "From: support@northwind.example\nTo: a@example.com, Rui <rui@northwind.example>\n"
      "Cc: B <B@Example.org>\nDate: Thu, 10 Sep 2026 09:32:18 +0100\nMessage-ID: <m1@nw>\n\nx\n",
      origin, NorthwindOptions(), parser);
  ASSERT_EQ(mapped.records.size(), 2u);
  EXPECT_EQ(mapped.records[0].interaction().external_id(), "m1@nw#a@example.com");
  EXPECT_EQ(mapped.records[1].interaction().external_id(), "m1@nw#b@example.org");
  EXPECT_EQ(mapped.records[1].interaction().customer_display_name(), "B");
  EXPECT_EQ(mapped.records[0].interaction().business_identities_size(), 2);
  // The last record takes the shared part the others copy.
  EXPECT_EQ(mapped.records[1].interaction().business_identities_size(), 2);
}

TEST(MapMessage, InternalMailIsSkippedAndGarbageIsADeadLetter) {
  MessageParser parser;
  MessageOrigin origin;
  origin.location = "here";
  origin.fallback_time = 1;
  MappedMessage internal = MapMessage(
      "From: rui@northwind.example\nTo: ana@northwind.example\nDate: 1 Mar 2024 10:00 GMT\n\nx\n",
      origin, NorthwindOptions(), parser);
  EXPECT_TRUE(internal.records.empty());
  EXPECT_THAT(internal.skip_reason, HasSubstr("internal mail"));

  MappedMessage garbage =
      MapMessage("\x01\x02\xff\xfe binary \0 junk\n\x7f"s, origin, NorthwindOptions(), parser);
  EXPECT_TRUE(garbage.records.empty());
  EXPECT_THAT(garbage.dead_letter_reason, HasSubstr("here: "));
  EXPECT_THAT(garbage.dead_letter_reason, HasSubstr("not a mail message"));
}

}  // namespace
}  // namespace cxhub::email::test
