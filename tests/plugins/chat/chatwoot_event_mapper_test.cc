#include "plugins/chat/chatwoot_event_mapper.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "chat_test_files.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::chat {
namespace {

using ::cxhub::connector::v1::IdentityLink;
using ::cxhub::connector::v1::InteractionRecord;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = ChatMapping::Kind;
using Skip = ChatMapping::Skip;

ChatwootEventMapper SampleMapper() { return ChatwootEventMapper(ChatMapperConfig{7, ""}); }

std::string Utc(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ",
                          absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos()),
                          absl::UTCTimeZone());
}

// "KIND:value" for each identity, in order.
template <typename Identities>
std::vector<std::string> Names(const Identities& identities) {
  std::vector<std::string> names;
  for (const auto& identity : identities) {
    names.push_back(
        absl::StrCat(cxhub::v1::IdentityKind_Name(identity.kind()), ":", identity.value()));
  }
  return names;
}

// What each sample line must map to (samples README, chat section).
TEST(ChatwootEventMapper, SampleLinesMapExactlyAsTheReadmeSays) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::vector<std::string> lines = test::SampleLines();
  ASSERT_EQ(lines.size(), 16u);
  std::vector<std::string> outcome;
  for (size_t i = 0; i < lines.size(); ++i) {
    const ChatMapping mapping = mapper.Map(lines[i]);
    switch (mapping.kind) {
      case Kind::kRecord:
        outcome.push_back(
            mapping.record.has_interaction()
                ? absl::StrCat(mapping.record.interaction().external_id(),
                               mapping.record.interaction().replaces_earlier() ? " replaces" : "")
                : "link");
        break;
      case Kind::kSkipped:
        outcome.push_back("skipped");
        break;
      case Kind::kDeadLetter:
        outcome.push_back("dead letter");
        break;
    }
  }
  EXPECT_THAT(outcome, ElementsAre("link", "message:90412", "message:90413", "message:90414",
                                   "skipped", "message:90414 replaces", "link", "skipped",
                                   "message:90437", "dead letter", "link", "skipped", "link",
                                   "message:90502", "message:90505", "message:90507"));
}

TEST(ChatwootEventMapper, SampleGivesSevenDistinctChatInteractions) {
  ChatwootEventMapper mapper = SampleMapper();
  std::set<std::string> ids;
  for (const std::string& line : test::SampleLines()) {
    const ChatMapping mapping = mapper.Map(line);
    if (mapping.kind == Kind::kRecord && mapping.record.has_interaction()) {
      ids.insert(mapping.record.interaction().external_id());
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"message:90412", "message:90413", "message:90414",
                                        "message:90437", "message:90502", "message:90505",
                                        "message:90507"}));
}

TEST(ChatwootEventMapper, IncomingMessageCarriesTheContactsIdentitiesAndThread) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping mapping = mapper.Map(test::SampleLines()[1]);
  ASSERT_EQ(mapping.kind, Kind::kRecord) << mapping.reason;
  const InteractionRecord& message = mapping.record.interaction();
  EXPECT_EQ(message.channel(), "chat");
  EXPECT_EQ(message.kind(), cxhub::v1::MESSAGE);
  EXPECT_EQ(message.direction(), cxhub::v1::INBOUND);
  EXPECT_EQ(message.thread_id(), "chatwoot:7:41");
  EXPECT_EQ(Utc(message.occur_time()), "2026-09-08T08:20:05.612Z");
  EXPECT_THAT(Names(message.customer_identities()),
              ElementsAre("CHAT:chatwoot:7:5231", "EMAIL:marta.ferreira@example.pt",
                          "PHONE:+351912345678"));
  EXPECT_EQ(message.customer_display_name(), "Marta Ferreira");
  EXPECT_THAT(message.body(), HasSubstr("Posso mandar as fotos por aqui?"));
  EXPECT_FALSE(message.replaces_earlier());
  EXPECT_EQ(message.attributes().at("inbox_name"), "Northwind Website");
  EXPECT_EQ(message.attributes().at("conversation_status"), "open");
}

// "KIND:TRUST" for each identity, in order.
template <typename Identities>
std::vector<std::string> Trusts(const Identities& identities) {
  std::vector<std::string> trusts;
  for (const auto& identity : identities) {
    trusts.push_back(absl::StrCat(cxhub::v1::IdentityKind_Name(identity.kind()), ":",
                                  cxhub::v1::IdentityTrust_Name(identity.trust())));
  }
  return trusts;
}

TEST(ChatwootEventMapper, ContactCardIsVerifiedOnlyWhenChatwootVerifiedTheVisitor) {
  ChatwootEventMapper mapper = SampleMapper();
  // The samples say hmac_verified false: the contact id is Chatwoot's, the card is typed.
  const std::string unverified = test::SampleLines()[1];
  EXPECT_THAT(Trusts(mapper.Map(unverified).record.interaction().customer_identities()),
              ElementsAre("CHAT:VERIFIED", "EMAIL:CLAIMED", "PHONE:CLAIMED"));
  const std::string verified = absl::StrReplaceAll(
      unverified,
      {{R"("contact_inbox":{"id":6102)", R"("contact_inbox":{"hmac_verified":true,"id":6102)"},
       {R"("hmac_verified":false,"pubsub)", R"("pubsub)"}});
  ASSERT_NE(verified, unverified);
  EXPECT_THAT(Trusts(mapper.Map(verified).record.interaction().customer_identities()),
              ElementsAre("CHAT:VERIFIED", "EMAIL:VERIFIED", "PHONE:VERIFIED"));
  // A contact event has no contact_inbox: its card stays claimed.
  const ChatMapping contact = mapper.Map(test::SampleLines()[10]);
  ASSERT_EQ(contact.kind, Kind::kRecord) << contact.reason;
  EXPECT_THAT(Trusts(contact.record.identity_link().identities()),
              ElementsAre("CHAT:VERIFIED", "EMAIL:CLAIMED", "PHONE:CLAIMED"));
}

TEST(ChatwootEventMapper, EveryMessageNamesTheInboxAsTheBusinessIdentity) {
  ChatwootEventMapper mapper = SampleMapper();
  int messages = 0;
  for (const std::string& line : test::SampleLines()) {
    const ChatMapping mapping = mapper.Map(line);
    if (mapping.kind != Kind::kRecord || !mapping.record.has_interaction()) continue;
    ++messages;
    EXPECT_THAT(Names(mapping.record.interaction().business_identities()),
                ElementsAre("CHAT:chatwoot:7:inbox:12"))
        << mapping.record.interaction().external_id();
  }
  EXPECT_EQ(messages, 8);  // 7 messages and the edit of 90414.

  // Without the message's inbox object, the conversation's inbox_id names it; with neither, none.
  const std::string with_conversation_inbox =
      absl::StrReplaceAll(test::MinimalMessage(), {{R"("id":50,)", R"("id":50,"inbox_id":3,)"}});
  EXPECT_THAT(Names(mapper.Map(with_conversation_inbox).record.interaction().business_identities()),
              ElementsAre("CHAT:chatwoot:7:inbox:3"));
  EXPECT_EQ(mapper.Map(test::MinimalMessage()).record.interaction().business_identities_size(), 0);
}

TEST(ChatwootEventMapper, AttachmentWithoutTextIsAnInteractionListingTheAttachment) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping mapping = mapper.Map(test::SampleLines()[2]);
  ASSERT_EQ(mapping.kind, Kind::kRecord) << mapping.reason;
  const InteractionRecord& message = mapping.record.interaction();
  EXPECT_EQ(message.external_id(), "message:90413");
  EXPECT_EQ(message.body(), "");
  EXPECT_EQ(message.attributes().at("attachments"), "1");
  EXPECT_EQ(message.attributes().at("attachment.0.type"), "image");
  EXPECT_EQ(message.attributes().at("attachment.0.size"), "284611");
  EXPECT_THAT(message.attributes().at("attachment.0.url"), HasSubstr("/IMG_4127.jpeg"));
}

TEST(ChatwootEventMapper, AgentReplyIsOutboundToTheContactAndItsEditReplacesIt) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping reply = mapper.Map(test::SampleLines()[3]);
  ASSERT_EQ(reply.kind, Kind::kRecord) << reply.reason;
  const InteractionRecord& original = reply.record.interaction();
  EXPECT_EQ(original.direction(), cxhub::v1::OUTBOUND);
  EXPECT_EQ(original.customer_identities(0).value(), "chatwoot:7:5231");
  EXPECT_EQ(original.attributes().at("agent_name"), "Rui Santos");
  EXPECT_EQ(original.attributes().at("agent_email"), "rui.santos@northwind.example");
  EXPECT_EQ(original.attributes().at("sender_type"), "user");
  // The inbox it went out through, never the agent.
  EXPECT_THAT(Names(original.business_identities()), ElementsAre("CHAT:chatwoot:7:inbox:12"));
  EXPECT_THAT(original.body(), HasSubstr("quarta-feira"));

  const ChatMapping edit = mapper.Map(test::SampleLines()[5]);
  ASSERT_EQ(edit.kind, Kind::kRecord) << edit.reason;
  const InteractionRecord& corrected = edit.record.interaction();
  EXPECT_EQ(corrected.external_id(), "message:90414");
  EXPECT_TRUE(corrected.replaces_earlier());
  EXPECT_THAT(corrected.body(), HasSubstr("quinta-feira, 10 de setembro"));
  EXPECT_EQ(Utc(corrected.occur_time()), Utc(original.occur_time()));
}

TEST(ChatwootEventMapper, PrivateNotesActivityAndOtherEventsAreSkippedWithTheirKind) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::vector<std::string> lines = test::SampleLines();
  const ChatMapping note = mapper.Map(lines[4]);
  EXPECT_EQ(note.kind, Kind::kSkipped);
  EXPECT_EQ(note.skip, Skip::kPrivateNote);
  const ChatMapping activity = mapper.Map(lines[7]);
  EXPECT_EQ(activity.kind, Kind::kSkipped);
  EXPECT_EQ(activity.skip, Skip::kActivity);
  const ChatMapping widget = mapper.Map(lines[11]);
  EXPECT_EQ(widget.kind, Kind::kSkipped);
  EXPECT_EQ(widget.skip, Skip::kOtherEvent);
  EXPECT_EQ(widget.reason, "event 'webwidget_triggered' is not handled");
}

TEST(ChatwootEventMapper, ConversationStringIsADeadLetterNamingThePath) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping mapping = mapper.Map(test::SampleLines()[9]);
  EXPECT_EQ(mapping.kind, Kind::kDeadLetter);
  EXPECT_EQ(mapping.reason, "conversation: expected object, got string");
}

TEST(ChatwootEventMapper, ConversationAndContactEventsLinkTheContactsIdentities) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::vector<std::string> lines = test::SampleLines();
  struct Want {
    int line;
    std::vector<std::string> identities;
    std::string name;
  };
  const std::vector<Want> wants = {
      {1,
       {"CHAT:chatwoot:7:5231", "EMAIL:marta.ferreira@example.pt", "PHONE:+351912345678"},
       "Marta Ferreira"},
      {7,
       {"CHAT:chatwoot:7:5231", "EMAIL:marta.ferreira@example.pt", "PHONE:+351912345678"},
       "Marta Ferreira"},
      {11,
       {"CHAT:chatwoot:7:5198", "EMAIL:tom.becker@example.de", "PHONE:+49301234567"},
       "Tom Becker"},
      {13, {"CHAT:chatwoot:7:5237"}, "quiet-snow-842"},
  };
  for (const Want& want : wants) {
    SCOPED_TRACE(absl::StrCat("line ", want.line));
    const ChatMapping mapping = mapper.Map(lines[want.line - 1]);
    ASSERT_EQ(mapping.kind, Kind::kRecord) << mapping.reason;
    ASSERT_TRUE(mapping.record.has_identity_link());
    const IdentityLink& link = mapping.record.identity_link();
    EXPECT_EQ(Names(link.identities()), want.identities);
    EXPECT_EQ(link.display_name(), want.name);
  }
  EXPECT_THAT(mapper.Map(lines[6]).reason, HasSubstr("chatwoot:7:41 status resolved"));
}

TEST(ChatwootEventMapper, MessageOfAConversationNeverCreatedStillCarriesItsContact) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping mapping = mapper.Map(test::SampleLines()[8]);
  ASSERT_EQ(mapping.kind, Kind::kRecord) << mapping.reason;
  EXPECT_THAT(Names(mapping.record.interaction().customer_identities()),
              ElementsAre("CHAT:chatwoot:7:5240", "EMAIL:priya.nair@example.in"));
  EXPECT_EQ(mapping.record.interaction().thread_id(), "chatwoot:7:43");
}

TEST(ChatwootEventMapper, MinimalEventWithUnknownFieldsIsARecord) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::string event = absl::StrReplaceAll(
      test::MinimalMessage(), {{R"("id":1001,)", R"("id":1001,"future_field":{"a":[1,2]},)"}});
  const ChatMapping mapping = mapper.Map(event);
  ASSERT_EQ(mapping.kind, Kind::kRecord) << mapping.reason;
  EXPECT_EQ(mapping.record.interaction().external_id(), "message:1001");
  EXPECT_EQ(mapping.record.interaction().thread_id(), "chatwoot:7:50");
}

TEST(ChatwootEventMapper, EpochSecondsAndIntegerMessageTypeAreAccepted) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::string event =
      absl::StrReplaceAll(test::MinimalMessage(),
                          {{R"("created_at":"2026-09-12T10:00:00Z")", R"("created_at":1788855605)"},
                           {R"("message_type":"incoming")", R"("message_type":1)"}});
  const ChatMapping mapping = mapper.Map(event);
  ASSERT_EQ(mapping.kind, Kind::kRecord) << mapping.reason;
  EXPECT_EQ(mapping.record.interaction().occur_time().seconds(), 1788855605);
  EXPECT_EQ(mapping.record.interaction().direction(), cxhub::v1::OUTBOUND);
}

TEST(ChatwootEventMapper, IdentifierBecomesAnExternalIdentity) {
  const std::string event = absl::StrReplaceAll(
      test::MinimalMessage(), {{R"("identifier":null)", R"("identifier":"cust-88")"}});
  ChatwootEventMapper plain = SampleMapper();
  EXPECT_THAT(Names(plain.Map(event).record.interaction().customer_identities()),
              ElementsAre("CHAT:chatwoot:7:6001", "EMAIL:ana@example.com",
                          "EXTERNAL:chatwoot-identifier:7:cust-88"));
  ChatwootEventMapper crm(ChatMapperConfig{7, "crm"});
  EXPECT_EQ(crm.Map(event).record.interaction().customer_identities(2).value(), "crm:cust-88");
}

TEST(ChatwootEventMapper, MessageWithNeitherTextNorAttachmentsIsSkipped) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping mapping = mapper.Map(
      absl::StrReplaceAll(test::MinimalMessage(), {{R"("content":"Hello")", R"("content":null)"}}));
  EXPECT_EQ(mapping.kind, Kind::kSkipped);
  EXPECT_EQ(mapping.skip, Skip::kEmptyMessage);
}

TEST(ChatwootEventMapper, WrongTypesAndMissingFieldsAreDeadLettersNamingThePath) {
  struct Case {
    std::string from;
    std::string to;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {R"("id":1001)", R"("id":"1001")", "id: expected integer, got string"},
      {R"("id":1001,)", "", "id: required field is missing or null"},
      {R"("private":false)", R"("private":"no")", "private: expected boolean, got string"},
      {R"("message_type":"incoming")", R"("message_type":"inbound")",
       "message_type: 'inbound' is not incoming, outgoing, activity or template"},
      {R"("message_type":"incoming")", R"("message_type":true)",
       "message_type: expected string, got boolean"},
      {R"("content":"Hello")", R"("content":42)", "content: expected string, got integer"},
      {R"("created_at":"2026-09-12T10:00:00Z")", R"("created_at":"yesterday")",
       "created_at: 'yesterday' is not an ISO 8601 time"},
      {R"("created_at":"2026-09-12T10:00:00Z")", R"("created_at":[1])",
       "created_at: expected an ISO 8601 string or epoch seconds, got array"},
      {R"("conversation":{"id":50,)", R"("conversation":{"id":50.5,)",
       "conversation.id: expected integer, got number"},
      {R"("meta":{"sender":{"id":6001,)", R"("meta":{"sender":{)",
       "conversation.meta.sender.id: required field is missing or null"},
      {R"("meta":{"sender")", R"("meta":{"contact")",
       "conversation.meta.sender: required field is missing or null"},
      {R"("email":"ana@example.com")", R"("email":["ana@example.com"])",
       "conversation.meta.sender.email: expected string, got array"},
      {R"("account":{"id":7})", R"("account":{"id":9})",
       "account.id: 9 is not this connector's account 7"},
      {R"("account":{"id":7})", R"("account":"7")", "account: expected object, got string"},
      {R"("event":"message_created")", R"("event":5)", "event: expected string, got integer"},
      {R"("content":"Hello")", R"("content":"Hello","attachments":["x"])",
       "attachments[0]: expected object, got string"},
      {R"("content":"Hello")", R"("content":"Hello","attachments":{})",
       "attachments: expected array, got object"},
      {R"("content":"Hello")", R"("content":"Hello","attachments":[{"file_size":"1 KB"}])",
       "attachments[0].file_size: expected integer, got string"},
  };
  ChatwootEventMapper mapper = SampleMapper();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    const std::string event = absl::StrReplaceAll(test::MinimalMessage(), {{c.from, c.to}});
    ASSERT_NE(event, test::MinimalMessage()) << "the case does not change the event";
    const ChatMapping mapping = mapper.Map(event);
    EXPECT_EQ(mapping.kind, Kind::kDeadLetter);
    EXPECT_THAT(mapping.reason, HasSubstr(c.reason));
  }
}

TEST(ChatwootEventMapper, NonObjectsAndBrokenJsonAreDeadLetters) {
  ChatwootEventMapper mapper = SampleMapper();
  EXPECT_EQ(mapper.Map("[1,2]").reason, "the event: expected a JSON object, got array");
  EXPECT_THAT(mapper.Map(R"({"event":"message_created","id":)").reason,
              HasSubstr("not a JSON document"));
  EXPECT_THAT(mapper.Map("").reason, HasSubstr("not a JSON document"));
  EXPECT_EQ(mapper.Map(R"({"id":1})").reason, "event: required field is missing or null");
}

TEST(ChatwootEventMapper, ContactEventWithoutIdIsADeadLetter) {
  ChatwootEventMapper mapper = SampleMapper();
  const ChatMapping mapping =
      mapper.Map(R"({"event":"contact_created","account":{"id":7},"email":"x@example.com"})");
  EXPECT_EQ(mapping.kind, Kind::kDeadLetter);
  EXPECT_EQ(mapping.reason, "id: required field is missing or null");
}

}  // namespace
}  // namespace cxhub::chat

namespace cxhub::chat {
namespace {

// The samples README, "chat/chatwoot-csat.jsonl": two survey questions, two answers.
TEST(ChatwootEventMapper, CsatSampleGivesTheTwoAnswersOfTheReadme) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::vector<std::string> lines = test::SampleCsatLines();
  ASSERT_EQ(lines.size(), 4u);
  for (int question : {0, 2}) {
    const ChatMapping mapping = mapper.Map(lines[question]);
    EXPECT_EQ(mapping.kind, Kind::kSkipped) << "line " << question + 1;
    EXPECT_EQ(mapping.skip, Skip::kSurveyQuestion);
  }

  const ChatMapping marta = mapper.Map(lines[1]);
  ASSERT_EQ(marta.kind, Kind::kRecord) << marta.reason;
  const InteractionRecord& first = marta.record.interaction();
  EXPECT_EQ(first.external_id(), "csat:90418");
  EXPECT_TRUE(first.replaces_earlier());
  EXPECT_EQ(first.channel(), "chat");
  EXPECT_EQ(first.kind(), cxhub::v1::SURVEY_RESPONSE);
  EXPECT_EQ(first.direction(), cxhub::v1::INBOUND);
  EXPECT_EQ(Utc(first.occur_time()), "2026-09-08T08:39:31.118Z");
  EXPECT_THAT(Names(first.customer_identities()),
              ElementsAre("CHAT:chatwoot:7:5231", "EMAIL:marta.ferreira@example.pt",
                          "PHONE:+351912345678"));
  EXPECT_EQ(first.customer_display_name(), "Marta Ferreira");
  EXPECT_EQ(first.thread_id(), "chatwoot:7:41");
  EXPECT_THAT(Names(first.business_identities()), ElementsAre("CHAT:chatwoot:7:inbox:12"));
  EXPECT_EQ(first.survey().metric(), cxhub::v1::CSAT);
  EXPECT_EQ(first.survey().score(), 5);
  EXPECT_EQ(first.survey().comment(), "Muito rápido, obrigada");
  EXPECT_EQ(first.survey().question(), "Por favor, avalie esta conversa");
  EXPECT_EQ(first.survey().rated_thread_id(), "chatwoot:7:41");
  EXPECT_EQ(first.body(), "");

  const ChatMapping visitor = mapper.Map(lines[3]);
  ASSERT_EQ(visitor.kind, Kind::kRecord) << visitor.reason;
  const InteractionRecord& second = visitor.record.interaction();
  EXPECT_EQ(second.external_id(), "csat:90509");
  EXPECT_EQ(Utc(second.occur_time()), "2026-09-09T15:50:12.640Z");
  EXPECT_THAT(Names(second.customer_identities()), ElementsAre("CHAT:chatwoot:7:5237"));
  EXPECT_EQ(second.survey().score(), 2);
  EXPECT_THAT(second.survey().comment(), HasSubstr("Azores"));
  EXPECT_EQ(second.survey().question(), "Please rate the conversation");
  EXPECT_EQ(second.survey().rated_thread_id(), "chatwoot:7:42");
}

TEST(ChatwootEventMapper, ACsatRatingOutOfRangeOrMistypedIsADeadLetterNamingThePath) {
  ChatwootEventMapper mapper = SampleMapper();
  const std::string answer = test::SampleCsatLines()[1];
  const ChatMapping six =
      mapper.Map(absl::StrReplaceAll(answer, {{R"("rating": 5)", R"("rating": 6)"}}));
  ASSERT_EQ(six.kind, Kind::kDeadLetter);
  EXPECT_EQ(six.reason,
            "content_attributes.submitted_values.csat_survey_response.rating: 6 is not a CSAT "
            "rating 1-5");
  const ChatMapping text =
      mapper.Map(absl::StrReplaceAll(answer, {{R"("rating": 5)", R"("rating": "5")"}}));
  ASSERT_EQ(text.kind, Kind::kDeadLetter);
  EXPECT_THAT(text.reason, HasSubstr("csat_survey_response.rating"));
}

}  // namespace
}  // namespace cxhub::chat
