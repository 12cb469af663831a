// One customer across the four channels, from files the test writes: a mail thread, a call, a
// chat conversation whose contact carries the same email and phone (which joins the two), and a
// Mastodon mention that arrives after an operator linked the handle with AddIdentity. The
// result is one customer with one history, newest first, with each channel's thread.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"

namespace cxhub::e2e {
namespace {

// The shared one-line form of an interaction, beside this file's overloads.
using ::cxhub::e2e::Describe;

namespace fs = std::filesystem;
using ::testing::UnorderedElementsAre;

constexpr char kMbox[] =
    "From joana.silva@example.org Thu Oct  1 08:00:00 2026\n"
    "From: Joana Silva <joana.silva@example.org>\n"
    "To: support@northwind.example\n"
    "Subject: Order NW-20001 has not arrived\n"
    "Date: Thu, 1 Oct 2026 09:00:00 +0100\n"
    "Message-ID: <order-20001.1@mail.example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "\n"
    "Hello, my order NW-20001 has not arrived yet. Can you check?\n"
    "Joana\n"
    "\n"
    "From support@northwind.example Thu Oct  1 09:30:00 2026\n"
    "From: Northwind Support <support@northwind.example>\n"
    "To: Joana Silva <joana.silva@example.org>\n"
    "Subject: Re: Order NW-20001 has not arrived\n"
    "Date: Thu, 1 Oct 2026 10:30:00 +0100\n"
    "Message-ID: <nw.order-20001.2@northwind.example>\n"
    "In-Reply-To: <order-20001.1@mail.example.org>\n"
    "References: <order-20001.1@mail.example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "\n"
    "Hello Joana, the parcel left our depot today.\n"
    "Northwind Support\n"
    "\n";

// An inbound call from a national-format number, 11:00 in Lisbon (UTC+1 in October).
constexpr char kMasterCsv[] =
    R"("","913000111","100","from-trunk","""Joana Silva"" <913000111>","PJSIP/trunk-00000200",)"
    R"("PJSIP/101-00000201","Dial","PJSIP/101&PJSIP/102,30,tT","2026-10-02 11:00:00",)"
    R"("2026-10-02 11:00:10","2026-10-02 11:05:00",300,290,"ANSWERED","DOCUMENTATION",)"
    R"("1790935200.200","")"
    "\n";

// The contact carries the email (in another case) and the phone: this joins mail and calls.
constexpr char kContact[] = R"({"id":6001,"name":"Joana Silva","email":"Joana.Silva@Example.org",)"
                            R"("phone_number":"+351913000111","identifier":null,"type":"contact"})";

std::string ChatMessage(int id, const char* type, const char* time, const char* content,
                        const char* sender) {
  return absl::StrCat(
      R"({"event":"message_created","account":{"id":7,"name":"Northwind Outfitters"},"id":)", id,
      R"(,"content":")", content, R"(","content_type":"text","message_type":")", type,
      R"(","private":false,"created_at":")", time,
      R"(","conversation":{"id":501,"inbox_id":12,"status":"open","meta":{"sender":)", kContact,
      R"(}},"inbox":{"id":12,"name":"Northwind Website"},"sender":)", sender, "}\n");
}

std::string ChatJsonl() {
  return ChatMessage(95001, "incoming", "2026-10-03T12:00:00.000Z",
                     "Hi, any news on NW-20001? I called yesterday.", kContact) +
         ChatMessage(95002, "outgoing", "2026-10-03T12:05:00.000Z", "It is out for delivery today.",
                     R"({"id":3,"name":"Rui Santos","email":"rui.santos@northwind.example",)"
                     R"("type":"user"})");
}

constexpr char kJoanaAccount[] =
    R"({"id":"200001","username":"joana","acct":"joana@social.example",)"
    R"("display_name":"Joana S.","url":"https://social.example/@joana"})";
constexpr char kBrandAccount[] =
    R"({"id":"109318823170054321","username":"northwind","acct":"northwind",)"
    R"("display_name":"Northwind Outfitters","url":"https://mastodon.example/@northwind"})";

// A mention notification from Joana, then the brand's reply to it.
std::string MastodonJsonl() {
  const std::string mention = absl::StrCat(
      R"({"id":"118000000000000001","created_at":"2026-10-04T08:00:00.000Z",)"
      R"("in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,)"
      R"("spoiler_text":"","visibility":"public","language":"en",)"
      R"("uri":"https://social.example/users/joana/statuses/118000000000000001",)"
      R"("url":"https://social.example/@joana/118000000000000001",)"
      R"("content":"<p><span class=\"h-card\"><a href=\"https://mastodon.example/@northwind\" )"
      R"(class=\"u-url mention\">@<span>northwind</span></a></span> parcel arrived, )"
      R"(thanks!</p>","reblog":null,"account":)",
      kJoanaAccount,
      R"(,"media_attachments":[],"mentions":[{"id":"109318823170054321","username":"northwind",)"
      R"("url":"https://mastodon.example/@northwind","acct":"northwind"}],"tags":[],)"
      R"("emojis":[]})");
  const std::string reply = absl::StrCat(
      R"({"id":"118000000000000002","created_at":"2026-10-04T08:30:00.000Z",)"
      R"("in_reply_to_id":"118000000000000001","in_reply_to_account_id":"200001",)"
      R"("sensitive":false,"spoiler_text":"","visibility":"public","language":"en",)"
      R"("uri":"https://mastodon.example/users/northwind/statuses/118000000000000002",)"
      R"("url":"https://mastodon.example/@northwind/118000000000000002",)"
      R"("content":"<p>Glad it arrived!</p>","reblog":null,"account":)",
      kBrandAccount,
      R"(,"media_attachments":[],"mentions":[{"id":"200001","username":"joana",)"
      R"("url":"https://social.example/@joana","acct":"joana@social.example"}],"tags":[],)"
      R"("emojis":[]})");
  return absl::StrCat(R"({"id":"900001","type":"mention","group_key":"ungrouped-900001",)",
                      R"("created_at":"2026-10-04T08:00:00.120Z","account":)", kJoanaAccount,
                      R"(,"status":)", mention, "}\n", reply, "\n");
}

// Writes `contents` to a new file that replaces `path` (a new inode, as a rotation makes).
void Replace(const fs::path& path, const std::string& contents) {
  const fs::path next = path.string() + ".new";
  std::ofstream(next, std::ios::binary) << contents;
  fs::rename(next, path);
}

std::vector<std::string> Describe(const std::vector<v1::Interaction>& history) {
  std::vector<std::string> lines;
  for (const v1::Interaction& interaction : history) lines.push_back(Describe(interaction));
  return lines;
}

std::vector<std::string> Describe(const v1::Customer& customer) {
  std::vector<std::string> identities;
  for (const v1::Identity& identity : customer.identities()) {
    identities.push_back(
        absl::StrCat(v1::IdentityKind_Name(identity.kind()), " ", identity.value()));
  }
  return identities;
}

class CrossChannelE2eTest : public E2eTest {
 protected:
  fs::path Source(const std::string& name) const { return temp_dir() / "sources" / name; }

  config::v1::ServerConfig Config() const {
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.mutable_security()->set_plaintext(true);
    config.mutable_security()->set_auth_disabled(true);
    config.mutable_store()->mutable_sqlite()->set_path(store_path());
    config.set_default_phone_region("PT");
    config.set_identity_conflict_policy(config::v1::MERGE);
    // The chat contact's email and phone are claimed (no hmac_verified): trusted here, as the
    // shipped config trusts Northwind's Chatwoot account, so that they join mail and calls.
    config::v1::MergeRule* trusted_chat = config.mutable_identity_trust()->add_rules();
    trusted_chat->set_source("chat");
    trusted_chat->set_merge(config::v1::ANY_MERGE);
    config.add_plugin_dirs(CXHUB_PLUGIN_DIR);
    const auto add = [&](const std::string& name, const std::string& plugin,
                         const std::string& options) {
      config::v1::ConnectorInstance* connector = config.add_connectors();
      connector->set_name(name);
      connector->set_plugin(plugin);
      connector->set_options(options);
      connector->set_poll_interval_seconds(3600);  // Reads happen when the test asks.
    };
    add("mail", "cxhub_email.so",
        absl::StrCat("mbox=", Source("inbox.mbox").string(),
                     "\nsent_mail=", Source("inbox.mbox").string(),
                     "\nbusiness_address=support@northwind.example\n"
                     "business_domain=northwind.example\n"));
    add("calls", "cxhub_phone.so",
        absl::StrCat("file=", Source("Master.csv").string(),
                     "; default_region=PT; timezone=Europe/Lisbon; extensions=1XX"));
    add("chat", "cxhub_chat.so",
        absl::StrCat("file=", Source("chatwoot.jsonl").string(), "; account_id=7"));
    add("social", "cxhub_social.so",
        absl::StrCat("file=", Source("mastodon.jsonl").string(),
                     "; instance=mastodon.example; brand_account=@northwind@mastodon.example"));
    return config;
  }
};

TEST_F(CrossChannelE2eTest, MailCallChatAndALinkedMentionMakeOneCustomerWithOneHistory) {
  fs::create_directories(Source(""));
  std::ofstream(Source("inbox.mbox"), std::ios::binary) << kMbox;
  std::ofstream(Source("Master.csv"), std::ios::binary) << kMasterCsv;
  // chatwoot.jsonl and mastodon.jsonl do not exist yet: those connectors wait for them.
  ASSERT_NO_FATAL_FAILURE(StartServer(Config()));
  absl::StatusOr<std::vector<v1::Connector>> connectors = client().WaitForFirstReads();
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  for (const v1::Connector& connector : *connectors) {
    EXPECT_EQ(connector.state(), v1::Connector::IDLE)
        << connector.name() << ": " << connector.state_message();
  }

  // Mail and call alone: two customers, nothing joins an address and a number yet.
  absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  EXPECT_EQ(customers->size(), 2u);

  // The chat contact with both joins them.
  std::ofstream(Source("chatwoot.jsonl"), std::ios::binary) << ChatJsonl();
  absl::StatusOr<v1::Connector> chat = client().RunAndWait("chat");
  ASSERT_TRUE(chat.ok()) << chat.status();
  EXPECT_EQ(chat->state(), v1::Connector::IDLE) << chat->state_message();
  customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  ASSERT_EQ(customers->size(), 1u);
  const std::string joana = customers->front().name();
  absl::StatusOr<v1::Customer> by_phone = client().Lookup(v1::PHONE, "00351 913 000 111");
  ASSERT_TRUE(by_phone.ok()) << by_phone.status();
  EXPECT_EQ(by_phone->name(), joana);

  // An operator links her Mastodon handle; her mention arrives afterwards.
  absl::StatusOr<v1::Customer> linked =
      client().AddIdentity(joana, v1::SOCIAL, "mastodon:@Joana@social.example");
  ASSERT_TRUE(linked.ok()) << linked.status();
  Replace(Source("mastodon.jsonl"), MastodonJsonl());
  absl::StatusOr<v1::Connector> social = client().RunAndWait("social");
  ASSERT_TRUE(social.ok()) << social.status();
  EXPECT_EQ(social->state(), v1::Connector::IDLE) << social->state_message();

  customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  ASSERT_EQ(customers->size(), 1u) << absl::StrJoin(Describe(customers->back()), ", ");
  EXPECT_EQ(customers->front().name(), joana);
  EXPECT_THAT(
      Describe(customers->front()),
      UnorderedElementsAre("EMAIL joana.silva@example.org", "PHONE +351913000111",
                           "CHAT chatwoot:7:6001", "SOCIAL mastodon:@joana@social.example"));

  const std::vector<std::string> expected_history = {
      "2026-10-04T08:30:00Z social OUTBOUND 118000000000000002 thread=118000000000000001",
      "2026-10-04T08:00:00Z social INBOUND 118000000000000001 thread=118000000000000001",
      "2026-10-03T12:05:00Z chat OUTBOUND message:95002 thread=chatwoot:7:501",
      "2026-10-03T12:00:00Z chat INBOUND message:95001 thread=chatwoot:7:501",
      "2026-10-02T10:00:00Z phone INBOUND 1790935200.200 thread=1790935200.200 300s",
      "2026-10-01T09:30:00Z email OUTBOUND "
      "nw.order-20001.2@northwind.example#joana.silva@example.org "
      "thread=order-20001.1@mail.example.org",
      "2026-10-01T08:00:00Z email INBOUND order-20001.1@mail.example.org "
      "thread=order-20001.1@mail.example.org",
  };
  absl::StatusOr<std::vector<v1::Interaction>> history = client().History(joana);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(Describe(*history), ::testing::ElementsAreArray(expected_history));

  // Every source rewritten (a new inode, as after a rotation) is read again from its start; the
  // external ids make the replay harmless.
  Replace(Source("inbox.mbox"), kMbox);
  Replace(Source("Master.csv"), kMasterCsv);
  Replace(Source("chatwoot.jsonl"), ChatJsonl());
  Replace(Source("mastodon.jsonl"), MastodonJsonl());
  for (const char* connector : {"mail", "calls", "chat", "social"}) {
    absl::StatusOr<v1::Connector> after = client().RunAndWait(connector);
    ASSERT_TRUE(after.ok()) << after.status();
    EXPECT_EQ(after->state(), v1::Connector::IDLE) << connector << ": " << after->state_message();
  }
  customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  EXPECT_EQ(customers->size(), 1u);
  history = client().History(joana);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(Describe(*history), ::testing::ElementsAreArray(expected_history));
  absl::StatusOr<std::vector<v1::DeadLetter>> dead_letters = client().AllDeadLetters();
  ASSERT_TRUE(dead_letters.ok()) << dead_letters.status();
  EXPECT_TRUE(dead_letters->empty()) << dead_letters->front().reason();
}

// The server restarted in the same process loads every plugin a second time; new mail must still
// parse (GMime cannot be unloaded and loaded again, hence NODELETE on cxhub_email).
TEST_F(CrossChannelE2eTest, PluginsWorkAfterTheServerRestartsInTheSameProcess) {
  fs::create_directories(Source(""));
  std::ofstream(Source("inbox.mbox"), std::ios::binary) << kMbox;
  std::ofstream(Source("Master.csv"), std::ios::binary) << kMasterCsv;
  std::ofstream(Source("chatwoot.jsonl"), std::ios::binary) << ChatJsonl();
  std::ofstream(Source("mastodon.jsonl"), std::ios::binary) << MastodonJsonl();
  ASSERT_NO_FATAL_FAILURE(StartServer(Config()));
  ASSERT_TRUE(client().WaitForFirstReads().ok());
  StopServer();

  std::ofstream(Source("inbox.mbox"), std::ios::binary | std::ios::app)
      << "From joana.silva@example.org Mon Oct  5 08:00:00 2026\n"
         "From: Joana Silva <joana.silva@example.org>\n"
         "To: support@northwind.example\n"
         "Subject: =?UTF-8?Q?Obrigada_=E2=80=93_all_good?=\n"
         "Date: Mon, 5 Oct 2026 09:00:00 +0100\n"
         "Message-ID: <order-20001.3@mail.example.org>\n"
         "In-Reply-To: <nw.order-20001.2@northwind.example>\n"
         "References: <order-20001.1@mail.example.org> <nw.order-20001.2@northwind.example>\n"
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=UTF-8\n"
         "\n"
         "All good now, thank you.\n"
         "\n";
  ASSERT_NO_FATAL_FAILURE(StartServer(Config()));
  ASSERT_TRUE(client().WaitForFirstReads().ok());
  absl::StatusOr<v1::Connector> mail = client().RunAndWait("mail");
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(mail->state(), v1::Connector::IDLE) << mail->state_message();
  absl::StatusOr<v1::Customer> joana = client().Lookup(v1::EMAIL, "joana.silva@example.org");
  ASSERT_TRUE(joana.ok()) << joana.status();
  absl::StatusOr<std::vector<v1::Interaction>> history = client().History(joana->name());
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->size(), 6u) << absl::StrJoin(Describe(*history), "\n");
  EXPECT_EQ(Describe(history->front()),
            "2026-10-05T08:00:00Z email INBOUND order-20001.3@mail.example.org "
            "thread=order-20001.1@mail.example.org");
  EXPECT_EQ(history->front().subject(), "Obrigada – all good");
}

}  // namespace
}  // namespace cxhub::e2e
