// The shared samples under the DEFAULT trust policy (the shipped config without its trusted
// Chatwoot account): the chat contact cards are claimed (hmac_verified false), so Marta's and
// Tom's chat contacts do not join their mail and their calls: each is one merge suggestion,
// and their histories stay apart until an admin accepts it.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cxhub/v1/merge_suggestion.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/e2e/shipped_config.h"
#include "tests/required_skip.h"

namespace cxhub::e2e {
namespace {

using ::testing::SizeIs;

class SamplesUnderDefaultTrustE2eTest : public E2eTest {
 protected:
  // The shipped config on the samples with the default trust policy, with only the connectors
  // `keep` says.
  config::v1::ServerConfig DefaultPolicyConfig(bool with_chat) const {
    absl::StatusOr<config::v1::ServerConfig> config =
        LoadShippedConfig(absl::StrCat(CXHUB_SOURCE_DIR, "/config/cxhub.textproto"),
                          CXHUB_SOURCE_DIR, CXHUB_PLUGIN_DIR, store_path());
    EXPECT_TRUE(config.ok()) << config.status();
    config->clear_identity_trust();
    if (!with_chat) {
      auto* connectors = config->mutable_connectors();
      for (int i = connectors->size() - 1; i >= 0; --i) {
        if (connectors->Get(i).name() == "web-chat") connectors->DeleteSubrange(i, 1);
      }
    }
    return *config;
  }

  std::vector<v1::MergeSuggestion> OpenSuggestions() {
    auto stub = v1::MergeSuggestionService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_port()), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    v1::ListMergeSuggestionsRequest request;
    request.set_state(v1::MERGE_SUGGESTION_STATE_OPEN);
    v1::ListMergeSuggestionsResponse response;
    const grpc::Status status = stub->ListMergeSuggestions(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.merge_suggestions().begin(), response.merge_suggestions().end()};
  }

  // How many channel interactions (survey answers aside) the owner of `value` has, by channel.
  std::map<std::string, int> Channels(v1::IdentityKind kind, const std::string& value) {
    std::map<std::string, int> channels;
    absl::StatusOr<v1::Customer> customer = client().Lookup(kind, value);
    EXPECT_TRUE(customer.ok()) << customer.status();
    if (!customer.ok()) return channels;
    absl::StatusOr<std::vector<v1::Interaction>> history = client().History(customer->name());
    EXPECT_TRUE(history.ok()) << history.status();
    if (!history.ok()) return channels;
    for (const v1::Interaction& interaction : *history) {
      if (interaction.kind() != v1::SURVEY_RESPONSE) ++channels[interaction.channel()];
    }
    return channels;
  }
};

TEST_F(SamplesUnderDefaultTrustE2eTest, ChatContactsBecomeTwoSuggestionsWithHistoriesApart) {
  CXHUB_SKIP_UNLESS_SAMPLES();
  // Mail and calls first, then the chat: the contacts' cards meet customers that exist.
  ASSERT_NO_FATAL_FAILURE(StartServer(DefaultPolicyConfig(/*with_chat=*/false)));
  ASSERT_TRUE(client().WaitForFirstReads().ok());
  StopServer();
  ASSERT_NO_FATAL_FAILURE(StartServer(DefaultPolicyConfig(/*with_chat=*/true)));
  ASSERT_TRUE(client().WaitForFirstReads().ok());

  const std::vector<v1::MergeSuggestion> suggestions = OpenSuggestions();
  ASSERT_THAT(suggestions, SizeIs(2));
  std::map<std::string, const v1::MergeSuggestion*> by_phone;
  for (const v1::MergeSuggestion& suggestion : suggestions) {
    EXPECT_EQ(suggestion.reason(), v1::MERGE_SUGGESTION_REASON_CLAIMED_IDENTITY);
    EXPECT_EQ(suggestion.source(), "web-chat");
    EXPECT_EQ(suggestion.identity().kind(), v1::PHONE);
    by_phone[suggestion.identity().value()] = &suggestion;
  }
  ASSERT_EQ(by_phone.count("+351912345678"), 1u);  // Marta's contact 5231.
  ASSERT_EQ(by_phone.count("+49301234567"), 1u);   // Tom's contact 5198.

  // Marta: mail, chat and her signed-in site visit on one customer (the first match), calls on
  // another.
  EXPECT_EQ(Channels(v1::EMAIL, "marta.ferreira@example.pt"),
            (std::map<std::string, int>{{"chat", 3}, {"email", 3}, {"web", 1}}));
  EXPECT_EQ(Channels(v1::PHONE, "+351912345678"), (std::map<std::string, int>{{"phone", 4}}));
  // Tom: mail and his site visit with its purchase, apart from calls.
  EXPECT_EQ(Channels(v1::EMAIL, "tom.becker@example.de"),
            (std::map<std::string, int>{{"email", 3}, {"web", 2}}));
  EXPECT_EQ(Channels(v1::PHONE, "+49301234567"), (std::map<std::string, int>{{"phone", 2}}));

  // Accepting Marta's suggestion gives the README's one customer with 10 interactions, and her
  // visit (the samples README's web section).
  auto stub = v1::MergeSuggestionService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_port()), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::AcceptMergeSuggestionRequest accept;
  accept.set_name(by_phone["+351912345678"]->name());
  v1::MergeSuggestion accepted;
  const grpc::Status status = stub->AcceptMergeSuggestion(&context, accept, &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(accepted.state(), v1::MERGE_SUGGESTION_STATE_ACCEPTED);
  EXPECT_EQ(Channels(v1::PHONE, "+351912345678"),
            (std::map<std::string, int>{{"chat", 3}, {"email", 3}, {"phone", 4}, {"web", 1}}));
  EXPECT_THAT(OpenSuggestions(), SizeIs(1));
}

}  // namespace
}  // namespace cxhub::e2e
