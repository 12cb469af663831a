// The shared samples (../shared/samples) through cxhubd, configured by the shipped
// config/cxhub.textproto: the customers, identities, histories and dead letters that the
// samples' README lists under "What a correct ingestion yields", checked over gRPC.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "server/storage/sqlite_store.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/e2e/shipped_config.h"
#include "tests/required_skip.h"

namespace cxhub::e2e {
namespace {

// The shared one-line form of an interaction, beside this file's overloads.
using ::cxhub::e2e::Describe;

namespace fs = std::filesystem;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

constexpr v1::Direction kIn = v1::INBOUND;
constexpr v1::Direction kOut = v1::OUTBOUND;

// One interaction as the samples' README describes it. `duration` is for calls (seconds).
struct ExpectedInteraction {
  std::string occur_time;  // UTC, as FormatTimestamp writes it.
  std::string channel;
  v1::Direction direction;
  std::string external_id;
  std::string thread_id;
  int duration = 0;
};

// One row of the README's per-customer table, with the records behind its counts.
struct ExpectedCustomer {
  std::string who;
  std::vector<v1::Identity> identities;
  int email, phone, chat, social, web;
  std::vector<ExpectedInteraction> history;  // In any order; the server must sort it.
};

v1::Identity Id(v1::IdentityKind kind, const std::string& value) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_value(value);
  return identity;
}

// Thread roots of the samples.
constexpr char kMartaMail[] = "6f1e2a90-3c5d-4b7e-9a81-0d2f4c6e8b13@mail.example.pt";
constexpr char kTomMail[] = "20260908064109.GA2231@Example.DE";
constexpr char kSorenMail[] = "a3c9e7f1-55b2-4d0e-8c6f-2e71b9d04a58@example.dk";
constexpr char kPriyaMail[] = "CAF4x9Qm2Lr7T0vYpN3kZ8sWq1bHj5dE6uA@mail.example.in";
constexpr char kPriyaChain[] = "117234175843915065";
constexpr char kInesPost[] = "117242501907817097";

// The samples' README, "What a correct ingestion yields": 8 customers, 33 interactions; and
// "Website visits and visitor intent": 5 visits and 2 purchases, 2 new anonymous customers.
std::vector<ExpectedCustomer> ExpectedCustomers() {
  return {
      {"Marta Ferreira",
       {Id(v1::EMAIL, "marta.ferreira@example.pt"), Id(v1::PHONE, "+351912345678"),
        Id(v1::CHAT, "chatwoot:7:5231"), Id(v1::EXTERNAL, "matomo:1:3f1c9a7e5b2d4c60")},
       3,
       4,
       3,
       0,
       1,
       {
           {"2026-09-07T08:14:22Z", "email", kIn, kMartaMail, kMartaMail},
           {"2026-09-10T13:20:33Z", "email", kOut,
            "nw.20260910132033.9207@northwind.example#marta.ferreira@example.pt", kMartaMail},
           {"2026-09-11T15:02:19Z", "email", kIn,
            "7a3f0c21-8e4b-4d9a-a1c6-5b2e9f8d0e47@mail.example.pt", kMartaMail},
           {"2026-09-07T09:02:11Z", "phone", kIn, "1788771731.47", "1788771731.47", 455},
           {"2026-09-07T15:40:03Z", "phone", kOut, "1788795603.54", "1788795603.54", 45},
           {"2026-09-09T09:21:30Z", "phone", kIn, "1788945690.82", "1788945690.82", 1},
           {"2026-09-09T09:26:44Z", "phone", kOut, "1788946004.89", "1788946004.89", 156},
           {"2026-09-08T08:20:05.612Z", "chat", kIn, "message:90412", "chatwoot:7:41"},
           {"2026-09-08T08:21:37.204Z", "chat", kIn, "message:90413", "chatwoot:7:41"},
           {"2026-09-08T08:24:10.955Z", "chat", kOut, "message:90414", "chatwoot:7:41"},
           {"2026-09-07T08:50:12Z", "web", kIn, "4101", "4101"},
       }},
      {"Tom Becker",
       {Id(v1::EMAIL, "tom.becker@example.de"), Id(v1::PHONE, "+49301234567"),
        Id(v1::CHAT, "chatwoot:7:5198"), Id(v1::EXTERNAL, "matomo:1:b7e1c5a9d3f2068e")},
       3,
       2,
       0,
       0,
       2,
       {
           {"2026-09-08T06:41:09Z", "email", kIn, kTomMail, kTomMail},
           {"2026-09-08T10:30:45Z", "email", kOut,
            "nw.20260908103045.8812@northwind.example#tom.becker@example.de", kTomMail},
           {"2026-09-10T17:05:33Z", "email", kIn, "20260910170533.GB4410@example.de", kTomMail},
           {"2026-09-09T07:52:17Z", "phone", kIn, "1788940337.68", "1788940337.68", 30},
           {"2026-09-09T09:14:02Z", "phone", kIn, "1788945242.75", "1788945242.75", 589},
           {"2026-09-10T18:30:00Z", "web", kIn, "4105", "4105"},
           {"2026-09-10T18:37:25Z", "web", kIn, "order:NW-10533", "4105"},
       }},
      {"Priya Nair (mail and chat)",
       {Id(v1::EMAIL, "priya.nair@example.in"), Id(v1::CHAT, "chatwoot:7:5240"),
        Id(v1::EXTERNAL, "matomo:1:8a2e6d0c4f1b3a97")},
       1,
       0,
       1,
       0,
       1,
       {
           {"2026-09-07T10:18:10Z", "email", kIn, kPriyaMail, kPriyaMail},
           {"2026-09-08T13:40:00Z", "web", kIn, "4103", "4103"},
           {"2026-09-08T14:02:03.447Z", "chat", kIn, "message:90437", "chatwoot:7:43"},
       }},
      {"Priya N. (Mastodon)",
       {Id(v1::SOCIAL, "mastodon:@priya@fosstodon.example")},
       0,
       0,
       0,
       5,
       0,
       {
           {"2026-09-08T07:12:40.118Z", "social", kIn, "117234175843915065", kPriyaChain},
           {"2026-09-08T08:03:11.540Z", "social", kOut, "117234374511169850", kPriyaChain},
           {"2026-09-08T08:15:52.907Z", "social", kIn, "117234424408152254", kPriyaChain},
           {"2026-09-08T08:22:30.214Z", "social", kOut, "117234450446076081", kPriyaChain},
           {"2026-09-11T17:45:09.388Z", "social", kIn, "117253649818454732", "117253649818454732"},
       }},
      {"Søren Dahl (mail only)",
       {Id(v1::EMAIL, "soren.dahl@example.dk")},
       3,
       0,
       0,
       0,
       0,
       {
           {"2026-09-09T19:17:40Z", "email", kIn, kSorenMail, kSorenMail},
           {"2026-09-10T08:32:18Z", "email", kOut,
            "nw.20260910083218.9135@northwind.example#soren.dahl@example.dk", kSorenMail},
           {"2026-09-11T08:44:02Z", "email", kIn, "0b7d2e4c-91a8-4f3a-b6d5-7c3e1f9a2b60@example.dk",
            kSorenMail},
       }},
      {"Inês Rocha (local Mastodon)",
       {Id(v1::SOCIAL, "mastodon:@ines_rocha@mastodon.example")},
       0,
       0,
       0,
       2,
       0,
       {
           {"2026-09-09T18:30:05.771Z", "social", kIn, kInesPost, kInesPost},
           {"2026-09-09T19:03:10.652Z", "social", kOut, "117242631989003430", kInesPost},
       }},
      {"web visitor quiet-snow-842",
       {Id(v1::CHAT, "chatwoot:7:5237")},
       0,
       0,
       3,
       0,
       0,
       {
           {"2026-09-09T15:40:31.870Z", "chat", kIn, "message:90502", "chatwoot:7:42"},
           {"2026-09-09T15:42:05.519Z", "chat", kOut, "message:90505", "chatwoot:7:42"},
           {"2026-09-09T15:43:20.066Z", "chat", kIn, "message:90507", "chatwoot:7:42"},
       }},
      {"US caller",
       {Id(v1::PHONE, "+14155550199")},
       0,
       3,
       0,
       0,
       0,
       {
           {"2026-09-10T16:22:08Z", "phone", kIn, "1789057328.103", "1789057328.103", 234},
           {"2026-09-10T16:27:15Z", "phone", kOut, "1789057635.110", "1789057635.110", 2},
           {"2026-09-11T15:03:12Z", "phone", kIn, "1789138992.117", "1789138992.117", 328},
       }},
      {"anonymous web visitor 5c0e2b7a93d14f6e (from DuckDuckGo, ordered)",
       {Id(v1::EXTERNAL, "matomo:1:5c0e2b7a93d14f6e")},
       0,
       0,
       0,
       0,
       2,
       {
           {"2026-09-07T19:02:03Z", "web", kIn, "4102", "4102"},
           {"2026-09-07T19:14:33Z", "web", kIn, "order:NW-10511", "4102"},
       }},
      {"anonymous web visitor d4b8f2a61c3e5079 (from Mastodon)",
       {Id(v1::EXTERNAL, "matomo:1:d4b8f2a61c3e5079")},
       0,
       0,
       0,
       0,
       1,
       {
           {"2026-09-09T10:15:00Z", "web", kIn, "4104", "4104"},
       }},
  };
}

absl::Time ParseUtc(const std::string& text) {
  absl::Time time;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, text, &time, &error)) << text << ": " << error;
  return time;
}

std::string Describe(const v1::Identity& identity) {
  return absl::StrCat(v1::IdentityKind_Name(identity.kind()), " ", identity.value());
}

// One line per interaction, so a failing comparison shows both histories readably.
std::string Describe(const ExpectedInteraction& interaction) {
  return absl::StrCat(
      interaction.occur_time, " ", interaction.channel, " ",
      v1::Direction_Name(interaction.direction), " ", interaction.external_id,
      " thread=", interaction.thread_id,
      interaction.channel == "phone" ? absl::StrCat(" ", interaction.duration, "s") : "");
}

// The state that must not change when the sources are read again.
struct Snapshot {
  std::vector<std::string> customers;     // Name and identities, sorted.
  std::vector<std::string> interactions;  // Every history, described.
  std::vector<std::string> dead_letters;  // Names and reasons.
};

class SamplesE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    CXHUB_SKIP_UNLESS_SAMPLES();
  }

  // config/cxhub.textproto as shipped, run as scripts/run does (from the repository root).
  config::v1::ServerConfig ShippedConfig(const std::string& working_dir = CXHUB_SOURCE_DIR) {
    absl::StatusOr<config::v1::ServerConfig> config =
        LoadShippedConfig(absl::StrCat(CXHUB_SOURCE_DIR, "/config/cxhub.textproto"), working_dir,
                          CXHUB_PLUGIN_DIR, store_path());
    EXPECT_TRUE(config.ok()) << config.status();
    return config.ok() ? *config : config::v1::ServerConfig();
  }

  Snapshot Take() {
    Snapshot snapshot;
    absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
    EXPECT_TRUE(customers.ok()) << customers.status();
    if (!customers.ok()) return snapshot;
    for (const v1::Customer& customer : *customers) {
      std::vector<std::string> identities;
      for (const v1::Identity& identity : customer.identities()) {
        identities.push_back(Describe(identity));
      }
      std::sort(identities.begin(), identities.end());
      snapshot.customers.push_back(
          absl::StrCat(customer.name(), ": ", absl::StrJoin(identities, ", ")));
      absl::StatusOr<std::vector<v1::Interaction>> history = client().History(customer.name());
      EXPECT_TRUE(history.ok()) << history.status();
      if (!history.ok()) continue;
      for (const v1::Interaction& interaction : *history) {
        snapshot.interactions.push_back(absl::StrCat(interaction.name(), " ", customer.name(), " ",
                                                     Describe(interaction), " ",
                                                     interaction.body()));
      }
    }
    absl::StatusOr<std::vector<v1::DeadLetter>> dead_letters = client().AllDeadLetters();
    EXPECT_TRUE(dead_letters.ok()) << dead_letters.status();
    if (dead_letters.ok()) {
      for (const v1::DeadLetter& letter : *dead_letters) {
        snapshot.dead_letters.push_back(absl::StrCat(letter.name(), " ", letter.reason()));
      }
    }
    return snapshot;
  }

  // Runs every connector once more and waits for each read to end.
  void RunEveryConnector() {
    absl::StatusOr<std::vector<v1::Connector>> connectors = client().AllConnectors();
    ASSERT_TRUE(connectors.ok()) << connectors.status();
    for (const v1::Connector& connector : *connectors) {
      absl::StatusOr<v1::Connector> after =
          client().RunAndWait(connector.name().substr(sizeof("connectors/") - 1));
      ASSERT_TRUE(after.ok()) << after.status();
      EXPECT_EQ(after->state(), v1::Connector::IDLE)
          << connector.name() << ": " << after->state_message();
    }
  }

  // Starts the server on the shipped config, waits for the first reads and runs every
  // connector once more, so the sources have been read to their end.
  void IngestTheSamples() {
    ASSERT_NO_FATAL_FAILURE(StartServer(ShippedConfig()));
    absl::StatusOr<std::vector<v1::Connector>> connectors = client().WaitForFirstReads();
    ASSERT_TRUE(connectors.ok()) << connectors.status();
    ASSERT_NO_FATAL_FAILURE(RunEveryConnector());
  }
};

// The survey answers of the samples' README ("Touchpoints and surveys"), per customer of the
// channel table, as "<channel> <metric> <score>": the NPS export's respondents who are known
// customers, and the two Chatwoot CSAT answers. The other six respondents are new customers.
std::map<std::string, std::vector<std::string>> ExpectedAnswers() {
  return {
      {"Marta Ferreira", {"survey NPS 10", "chat CSAT 5"}},
      {"Tom Becker", {"survey NPS 9"}},
      {"Priya Nair (mail and chat)", {"survey NPS 9", "survey NPS 3"}},
      {"Søren Dahl (mail only)", {"survey NPS 8"}},
      {"web visitor quiet-snow-842", {"chat CSAT 2"}},
  };
}

TEST_F(SamplesE2eTest, ShippedConfigReadsTheSamplesWithTheSixShippedPlugins) {
  const config::v1::ServerConfig config = ShippedConfig();
  ASSERT_EQ(config.connectors_size(), 6);
  std::set<std::string> plugins;
  for (const config::v1::ConnectorInstance& connector : config.connectors()) {
    plugins.insert(connector.plugin());
    EXPECT_TRUE(fs::exists(fs::path(CXHUB_PLUGIN_DIR) / connector.plugin()))
        << connector.plugin() << " is not in " << CXHUB_PLUGIN_DIR;
  }
  EXPECT_THAT(plugins,
              UnorderedElementsAreArray({"cxhub_email.so", "cxhub_phone.so", "cxhub_chat.so",
                                         "cxhub_social.so", "cxhub_survey.so", "cxhub_web.so"}));
  // The shipped paths, seen from the repository root, are the samples this test knows.
  const std::string samples = fs::path(CXHUB_SAMPLES_DIR).lexically_normal().string();
  for (const config::v1::ConnectorInstance& connector : config.connectors()) {
    EXPECT_THAT(connector.options(), HasSubstr(samples)) << connector.name();
  }
}

TEST_F(SamplesE2eTest, YieldsTheCustomersHistoriesAndDeadLettersTheSamplesReadmeLists) {
  ASSERT_NO_FATAL_FAILURE(IngestTheSamples());

  absl::StatusOr<std::vector<v1::Connector>> connectors = client().AllConnectors();
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  ASSERT_EQ(connectors->size(), 6u);
  for (const v1::Connector& connector : *connectors) {
    EXPECT_EQ(connector.state(), v1::Connector::IDLE)
        << connector.name() << ": " << connector.state_message();
    // The survey export has two rows that cannot be answers; each channel file has one record.
    EXPECT_EQ(connector.dead_lettered(), connector.name() == "connectors/nps-survey" ? 2 : 1)
        << connector.name();
  }

  absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  std::vector<std::string> listed;
  for (const v1::Customer& customer : *customers) {
    std::vector<std::string> identities;
    for (const v1::Identity& identity : customer.identities()) {
      identities.push_back(Describe(identity));
    }
    listed.push_back(absl::StrJoin(identities, ", "));
  }
  // The 8 of the channel table, the 6 respondents known only by their answers and the 2
  // anonymous web visitors.
  EXPECT_EQ(customers->size(), 16u) << "customers:\n  " << absl::StrJoin(listed, "\n  ");

  int total = 0;
  int answers = 0;
  std::set<std::string> seen;
  const std::map<std::string, std::vector<std::string>> expected_answers = ExpectedAnswers();
  for (const ExpectedCustomer& expected : ExpectedCustomers()) {
    SCOPED_TRACE(expected.who);
    // Every identity finds the same customer, which has exactly these identities.
    std::string name;
    for (const v1::Identity& identity : expected.identities) {
      absl::StatusOr<v1::Customer> found = client().Lookup(identity.kind(), identity.value());
      ASSERT_TRUE(found.ok()) << expected.who << ": " << found.status();
      if (name.empty()) name = found->name();
      EXPECT_EQ(found->name(), name)
          << expected.who << ": " << Describe(identity) << " belongs to another customer";
      std::vector<std::string> actual;
      for (const v1::Identity& owned : found->identities()) actual.push_back(Describe(owned));
      std::vector<std::string> wanted;
      for (const v1::Identity& owned : expected.identities) wanted.push_back(Describe(owned));
      EXPECT_THAT(actual, UnorderedElementsAreArray(wanted)) << expected.who;
    }
    EXPECT_TRUE(seen.insert(name).second) << expected.who << " is the same customer as another";

    absl::StatusOr<std::vector<v1::Interaction>> full_history = client().History(name);
    ASSERT_TRUE(full_history.ok()) << full_history.status();
    // The README's channel table counts what happened on the channels; survey answers apart.
    std::vector<v1::Interaction> channel_history;
    std::vector<std::string> customer_answers;
    for (const v1::Interaction& interaction : *full_history) {
      if (interaction.kind() != v1::SURVEY_RESPONSE) {
        channel_history.push_back(interaction);
        continue;
      }
      customer_answers.push_back(absl::StrCat(interaction.channel(), " ",
                                              v1::SurveyMetric_Name(interaction.survey().metric()),
                                              " ", interaction.survey().score()));
    }
    const auto wanted_answers = expected_answers.find(expected.who);
    EXPECT_THAT(customer_answers, UnorderedElementsAreArray(wanted_answers == expected_answers.end()
                                                                ? std::vector<std::string>()
                                                                : wanted_answers->second))
        << expected.who << "'s survey answers";
    answers += static_cast<int>(customer_answers.size());
    std::map<std::string, int> per_channel;
    for (const v1::Interaction& interaction : channel_history) {
      ++per_channel[interaction.channel()];
      EXPECT_EQ(interaction.customer(), name);
    }
    total += static_cast<int>(channel_history.size());
    for (const auto& [channel, count] :
         std::vector<std::pair<std::string, int>>{{"email", expected.email},
                                                  {"phone", expected.phone},
                                                  {"chat", expected.chat},
                                                  {"social", expected.social},
                                                  {"web", expected.web}}) {
      EXPECT_EQ(per_channel[channel], count) << expected.who << ", channel " << channel;
    }

    // Newest first, with the right time, direction, external id, thread and call duration.
    std::vector<ExpectedInteraction> wanted = expected.history;
    std::sort(wanted.begin(), wanted.end(),
              [](const ExpectedInteraction& a, const ExpectedInteraction& b) {
                return ParseUtc(a.occur_time) > ParseUtc(b.occur_time);
              });
    std::vector<std::string> wanted_lines;
    for (const ExpectedInteraction& interaction : wanted) {
      wanted_lines.push_back(Describe(interaction));
    }
    std::vector<std::string> actual_lines;
    for (const v1::Interaction& interaction : channel_history) {
      actual_lines.push_back(Describe(interaction));
    }
    EXPECT_THAT(actual_lines, ElementsAreArray(wanted_lines)) << expected.who << "'s history";

    for (const v1::Interaction& interaction : channel_history) {
      if (interaction.external_id() == "message:90414") {
        EXPECT_THAT(interaction.body(), HasSubstr("quinta-feira, 10 de setembro"))
            << "chat message 90414 must carry the corrected text of message_updated";
        EXPECT_THAT(interaction.body(), ::testing::Not(HasSubstr("quarta-feira")));
      }
    }
  }
  EXPECT_EQ(total, 40) << "33 on the four channels, 5 visits and 2 purchases on the web";
  EXPECT_EQ(answers, 7) << "the other 7 of the 14 answers are the 6 new customers'";

  // Exactly the five dead letters of the channels, one each, and the survey export's two, each
  // for the reason the README gives.
  absl::StatusOr<std::vector<v1::DeadLetter>> dead_letters = client().AllDeadLetters();
  ASSERT_TRUE(dead_letters.ok()) << dead_letters.status();
  std::multimap<std::string, v1::DeadLetter> by_connector;
  for (const v1::DeadLetter& letter : *dead_letters) {
    by_connector.emplace(letter.name().substr(0, letter.name().find("/deadLetters/")), letter);
  }
  EXPECT_EQ(dead_letters->size(), 7u);
  struct ExpectedDeadLetter {
    std::string connector;
    std::string raw_contains;              // Which record it is.
    std::vector<std::string> reason_gist;  // Any one of these, case-insensitively.
  };
  for (const ExpectedDeadLetter& expected : std::vector<ExpectedDeadLetter>{
           {"connectors/support-mail",
            "20260910021255.4QmB7s0Kx1@relay.example.net",
            {"sender", "from"}},
           {"connectors/pbx-calls", "1789037240.96", {"anonymous", "withheld"}},
           {"connectors/mastodon", "kai@hachyderm.example", {"json"}},
           {"connectors/matomo-web", "\"firstActionTimestamp\": 178", {"json"}},
           {"connectors/web-chat", "90439", {"conversation"}},
           {"connectors/nps-survey", "0a0bz3", {"score"}},
           {"connectors/nps-survey", "1c1da7", {"identity"}},
       }) {
    const auto [first, last] = by_connector.equal_range(expected.connector);
    auto letter = std::find_if(first, last, [&](const auto& entry) {
      return absl::StrContains(entry.second.raw(), expected.raw_contains);
    });
    ASSERT_NE(letter, last) << "no dead letter of " << expected.connector << " for "
                            << expected.raw_contains;
    const std::string reason = absl::AsciiStrToLower(letter->second.reason());
    bool gist = false;
    for (const std::string& word : expected.reason_gist) gist |= absl::StrContains(reason, word);
    EXPECT_TRUE(gist) << expected.connector << ": reason \"" << letter->second.reason()
                      << "\" does not say " << absl::StrJoin(expected.reason_gist, " or ");
  }
  EXPECT_EQ(by_connector.count("connectors/web-chat"), 1u);
  EXPECT_THAT(by_connector.find("connectors/web-chat")->second.reason(), HasSubstr("object"));
}

// The samples README, "Feedback mentioned in text": the four scores customers wrote (8, 9, 9, 10),
// each on the interaction that wrote it, and none anywhere else. Read from the store the server
// wrote, as core sees it.
TEST_F(SamplesE2eTest, FindsExactlyTheFourScoresCustomersMentioned) {
  ASSERT_NO_FATAL_FAILURE(IngestTheSamples());
  StopServer();
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({store_path()});
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<Interaction> interactions;
  ASSERT_TRUE((*store)
                  ->Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::vector<Interaction>> all =
                        reader.ListInteractionsSince(0, 0, 1000);
                    if (all.ok()) interactions = *std::move(all);
                    return all.status();
                  })
                  .ok());
  EXPECT_EQ(interactions.size(), 54u)
      << "33 on the channels, 5 visits and 2 purchases, 12 NPS and 2 CSAT answers";
  std::map<std::string, std::string> mentioned;
  for (const Interaction& interaction : interactions) {
    if (!interaction.mentioned_score.has_value()) continue;
    const MentionedScore& score = *interaction.mentioned_score;
    EXPECT_EQ(score.metric, SurveyMetric::kNps) << interaction.external_id;
    mentioned[interaction.external_id] =
        absl::StrCat(score.score, "/", score.scale, " \"", score.quote, "\"");
  }
  EXPECT_THAT(
      mentioned,
      ::testing::UnorderedElementsAre(
          ::testing::Pair("20260910170533.GB4410@example.de", "8/10 \"give you 8 out of 10\""),
          ::testing::Pair("7a3f0c21-8e4b-4d9a-a1c6-5b2e9f8d0e47@mail.example.pt",
                          "9/10 \"dou-vos 9 em 10\""),
          ::testing::Pair("117253649818454732", "9/10 \"give your support 9 out of 10\""),
          ::testing::Pair("message:90507", "10/10 \"10/10\"")));
}

// The samples' README, "Touchpoints and surveys": the touchpoints the shipped config declares,
// with the rules of the README's table, place each of the 40 channel interactions by a rule:
// phone 9, chat 7 "Get help", social 7 "Talk about us in public", the 5 visits and 2 purchases
// "Browse and buy on the site" ("Website visits and visitor intent"), and the mail to or from
// orders@ at "Place an order", the rest of the mail at "Get help". The README counts that mail as
// 3 + 7 (mbox 2, mbox 8, Marta's Maildir thank-you), but its own rule puts a fourth mail there:
// Søren's Maildir follow-up went to orders@ only (the Maildir is the orders@ mailbox), so the
// split is 4 + 6.
TEST_F(SamplesE2eTest, ShippedTouchpointRulesSplitTheInteractionsAsTheSamplesReadmeSays) {
  ASSERT_NO_FATAL_FAILURE(IngestTheSamples());
  absl::StatusOr<std::vector<v1::Touchpoint>> touchpoints = client().AllTouchpoints();
  ASSERT_TRUE(touchpoints.ok()) << touchpoints.status();
  std::map<std::string, std::string> display_names = {{"", "(none)"}};
  for (const v1::Touchpoint& touchpoint : *touchpoints) {
    display_names[touchpoint.name()] = touchpoint.display_name();
  }
  absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  // "<channel> <touchpoint>" -> count, over the channel interactions (not survey answers).
  std::map<std::string, int> split;
  std::vector<std::string> order_mail;
  for (const v1::Customer& customer : *customers) {
    absl::StatusOr<std::vector<v1::Interaction>> history = client().History(customer.name());
    ASSERT_TRUE(history.ok()) << history.status();
    for (const v1::Interaction& interaction : *history) {
      if (interaction.kind() == v1::SURVEY_RESPONSE) continue;
      const std::string& touchpoint = display_names[interaction.touchpoint()];
      ++split[absl::StrCat(interaction.channel(), " ", touchpoint)];
      if (interaction.channel() == "email" && touchpoint == "Place an order") {
        order_mail.push_back(interaction.external_id());
      }
      EXPECT_THAT(interaction.touchpoint_rule(),
                  ::testing::StartsWith(absl::StrCat(interaction.touchpoint(), "/rules/")))
          << Describe(interaction);
    }
  }
  EXPECT_THAT(split,
              ::testing::UnorderedElementsAre(
                  ::testing::Pair("email Place an order", 4), ::testing::Pair("email Get help", 6),
                  ::testing::Pair("phone Get help", 9), ::testing::Pair("chat Get help", 7),
                  ::testing::Pair("social Talk about us in public", 7),
                  ::testing::Pair("web Browse and buy on the site", 7)));
  EXPECT_THAT(order_mail, UnorderedElementsAreArray({
                              std::string(kPriyaMail),  // mbox 2, to orders@, Cc support@.
                              // mbox 8, from orders@ to Marta, Cc support@.
                              std::string("nw.20260910132033.9207@northwind.example#marta."
                                          "ferreira@example.pt"),
                              // Marta's Maildir thank-you, to orders@.
                              std::string("7a3f0c21-8e4b-4d9a-a1c6-5b2e9f8d0e47@mail.example.pt"),
                              // Søren's Maildir follow-up, to orders@ only.
                              std::string("0b7d2e4c-91a8-4f3a-b6d5-7c3e1f9a2b60@example.dk"),
                          }));
}

TEST_F(SamplesE2eTest, ReadingAgainAndRestartingChangeNothing) {
  ASSERT_NO_FATAL_FAILURE(IngestTheSamples());
  const Snapshot first = Take();
  ASSERT_EQ(first.customers.size(), 16u);
  absl::StatusOr<std::vector<v1::Connector>> before = client().AllConnectors();
  ASSERT_TRUE(before.ok()) << before.status();

  ASSERT_NO_FATAL_FAILURE(RunEveryConnector());
  const Snapshot again = Take();
  EXPECT_THAT(again.customers, ElementsAreArray(first.customers));
  EXPECT_THAT(again.interactions, ElementsAreArray(first.interactions));
  EXPECT_THAT(again.dead_letters, ElementsAreArray(first.dead_letters));

  StopServer();
  ASSERT_NO_FATAL_FAILURE(StartServer(ShippedConfig()));
  ASSERT_TRUE(client().WaitForFirstReads().ok());
  ASSERT_NO_FATAL_FAILURE(RunEveryConnector());
  const Snapshot restarted = Take();
  EXPECT_THAT(restarted.customers, ElementsAreArray(first.customers));
  EXPECT_THAT(restarted.interactions, ElementsAreArray(first.interactions));
  EXPECT_THAT(restarted.dead_letters, ElementsAreArray(first.dead_letters));

  absl::StatusOr<std::vector<v1::Connector>> after = client().AllConnectors();
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->size(), before->size());
  for (size_t i = 0; i < after->size(); ++i) {
    SCOPED_TRACE((*after)[i].name());
    EXPECT_EQ((*after)[i].records_in(), (*before)[i].records_in());
    EXPECT_EQ((*after)[i].dead_lettered(), (*before)[i].dead_lettered());
  }
}

// A checkout without ../shared: each connector is FAILED with the missing path named, and the
// server serves anyway.
TEST_F(SamplesE2eTest, WithoutTheSamplesEachConnectorFailsAndTheServerServes) {
  const fs::path checkout = temp_dir() / "checkout" / "main";
  fs::create_directories(checkout);
  ASSERT_NO_FATAL_FAILURE(StartServer(ShippedConfig(checkout.string())));
  absl::StatusOr<std::vector<v1::Connector>> connectors = client().WaitForFirstReads();
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  ASSERT_EQ(connectors->size(), 6u);
  for (const v1::Connector& connector : *connectors) {
    EXPECT_EQ(connector.state(), v1::Connector::FAILED) << connector.name();
    EXPECT_THAT(connector.state_message(), HasSubstr((checkout.parent_path() / "shared").string()))
        << connector.name();
  }
  absl::StatusOr<std::vector<v1::Customer>> customers = client().AllCustomers();
  ASSERT_TRUE(customers.ok()) << customers.status();
  EXPECT_TRUE(customers->empty());
}

}  // namespace
}  // namespace cxhub::e2e
