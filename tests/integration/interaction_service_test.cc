// InteractionService over a real server: recording (by id and by identities, with merges and
// idempotency), batches, reads, filtered and concurrent pagination, and Watch streams.
#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"
#include "tests/integration/touchpoint_client.h"

namespace cxhub {
namespace {

constexpr int64_t kBase = 1700000000;  // 2023-11-14, seconds since the epoch.

v1::Identity MakeIdentity(v1::IdentityKind kind, const std::string& value) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_value(value);
  return identity;
}

// A valid MESSAGE interaction of `customer` (empty: give identities) at kBase + seconds.
v1::RecordInteractionRequest MakeRecord(const std::string& customer, const std::string& external_id,
                                        int64_t seconds, const std::string& channel = "email") {
  v1::RecordInteractionRequest request;
  v1::Interaction* interaction = request.mutable_interaction();
  interaction->set_customer(customer);
  interaction->set_channel(channel);
  interaction->set_kind(v1::MESSAGE);
  interaction->set_direction(v1::INBOUND);
  interaction->mutable_occur_time()->set_seconds(kBase + seconds);
  interaction->set_subject(absl::StrCat("Message ", external_id));
  interaction->set_body("Where is my order?");
  interaction->set_source("integration-test");
  interaction->set_external_id(external_id);
  return request;
}

int64_t IdOf(const std::string& name) {
  int64_t id = 0;
  const size_t slash = name.find('/');
  EXPECT_TRUE(slash != std::string::npos &&
              absl::SimpleAtoi(absl::string_view(name).substr(slash + 1), &id))
      << name;
  return id;
}

class InteractionServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    interactions_ = v1::InteractionService::NewStub(channel());
    customers_ = v1::CustomerService::NewStub(channel());
  }

  std::string CreateCustomer(const std::string& display_name,
                             std::initializer_list<v1::Identity> identities = {}) {
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name(display_name);
    for (const v1::Identity& identity : identities) {
      *request.mutable_customer()->add_identities() = identity;
    }
    v1::Customer customer;
    EXPECT_TRUE(IsOk(customers_->CreateCustomer(Context().get(), request, &customer)));
    return customer.name();
  }

  v1::RecordInteractionResponse Record(const v1::RecordInteractionRequest& request) {
    v1::RecordInteractionResponse response;
    grpc::Status status = interactions_->RecordInteraction(Context().get(), request, &response);
    EXPECT_TRUE(IsOk(status)) << request.interaction().external_id();
    return response;
  }

  grpc::Status TryRecord(const v1::RecordInteractionRequest& request) {
    v1::RecordInteractionResponse response;
    return interactions_->RecordInteraction(Context().get(), request, &response);
  }

  std::vector<std::string> ListAll(v1::ListInteractionsRequest request) {
    return ListAllInteractions(*interactions_, std::move(request));
  }

  std::vector<std::string> ListAll(const std::string& parent) {
    v1::ListInteractionsRequest request;
    request.set_parent(parent);
    return ListAll(request);
  }

  grpc::Status GetCustomer(const std::string& name, v1::Customer* customer) {
    v1::GetCustomerRequest request;
    request.set_name(name);
    return customers_->GetCustomer(Context().get(), request, customer);
  }

  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
};

TEST_P(InteractionServiceTest, RecordThenGet) {
  const std::string customer = CreateCustomer("Ana");
  v1::RecordInteractionRequest request = MakeRecord(customer, "m-1", 0);
  request.mutable_interaction()->mutable_duration()->set_seconds(30);
  (*request.mutable_interaction()->mutable_attributes())["queue"] = "billing";
  v1::RecordInteractionResponse recorded = Record(request);
  EXPECT_FALSE(recorded.already_recorded());
  EXPECT_FALSE(recorded.customer_created());
  const v1::Interaction& interaction = recorded.interaction();
  EXPECT_TRUE(absl::StartsWith(interaction.name(), "interactions/")) << interaction.name();
  EXPECT_EQ(interaction.customer(), customer);
  EXPECT_TRUE(interaction.has_create_time());

  v1::GetInteractionRequest get;
  get.set_name(interaction.name());
  v1::Interaction got;
  ASSERT_TRUE(IsOk(interactions_->GetInteraction(Context().get(), get, &got)));
  EXPECT_EQ(got.customer(), customer);
  EXPECT_EQ(got.channel(), "email");
  EXPECT_EQ(got.kind(), v1::MESSAGE);
  EXPECT_EQ(got.direction(), v1::INBOUND);
  EXPECT_EQ(got.occur_time().seconds(), kBase);
  EXPECT_EQ(got.subject(), "Message m-1");
  EXPECT_EQ(got.duration().seconds(), 30);
  EXPECT_EQ(got.source(), "integration-test");
  EXPECT_EQ(got.external_id(), "m-1");
  EXPECT_EQ(got.attributes().at("queue"), "billing");

  get.set_name("interactions/999999");
  EXPECT_TRUE(HasCode(interactions_->GetInteraction(Context().get(), get, &got),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_P(InteractionServiceTest, SurveyResponseRoundTrips) {
  const std::string customer = CreateCustomer("Ana");
  absl::StatusOr<std::string> touchpoint =
      CreateTestTouchpoint(channel(), "Request support", "email");
  ASSERT_TRUE(touchpoint.ok()) << touchpoint.status();
  v1::RecordInteractionRequest request = MakeRecord(customer, "nps-1", 0);
  request.mutable_interaction()->set_kind(v1::SURVEY_RESPONSE);
  request.mutable_interaction()->set_touchpoint(*touchpoint);
  request.mutable_interaction()->mutable_survey()->set_metric(v1::NPS);
  request.mutable_interaction()->mutable_survey()->set_score(9);
  request.mutable_interaction()->mutable_survey()->set_comment("Quick answer");
  const v1::Interaction recorded = Record(request).interaction();
  EXPECT_EQ(recorded.touchpoint(), *touchpoint);
  EXPECT_EQ(recorded.survey().metric(), v1::NPS);
  EXPECT_EQ(recorded.survey().score(), 9);
  EXPECT_EQ(recorded.survey().comment(), "Quick answer");

  request.mutable_interaction()->set_external_id("nps-2");
  request.mutable_interaction()->mutable_survey()->set_score(11);
  EXPECT_TRUE(IsInvalidField(TryRecord(request), "interaction.survey.score"));
}

TEST_P(InteractionServiceTest, SurveyAnswerKeepsItsContextAndWhatItRates) {
  const std::string customer = CreateCustomer("Ana");
  const v1::Interaction conversation =
      Record(MakeRecord(customer, "chat-1", 0, "chat")).interaction();
  v1::RecordInteractionRequest request = MakeRecord(customer, "csat-1", 60, "chat");
  request.mutable_interaction()->set_kind(v1::SURVEY_RESPONSE);
  v1::Survey* survey = request.mutable_interaction()->mutable_survey();
  survey->set_metric(v1::CSAT);
  survey->set_score(5);
  survey->set_question("How would you rate the conversation?");
  survey->set_touchpoint_tag("support_chat");
  survey->set_rated_thread_id("chatwoot:7:conversation:42");
  survey->set_rated_interaction(conversation.name());
  const v1::Interaction recorded = Record(request).interaction();

  v1::GetInteractionRequest get;
  get.set_name(recorded.name());
  v1::Interaction got;
  ASSERT_TRUE(IsOk(interactions_->GetInteraction(Context().get(), get, &got)));
  EXPECT_EQ(got.survey().question(), "How would you rate the conversation?");
  EXPECT_EQ(got.survey().touchpoint_tag(), "support_chat");
  EXPECT_EQ(got.survey().rated_thread_id(), "chatwoot:7:conversation:42");
  EXPECT_EQ(got.survey().rated_interaction(), conversation.name());
  EXPECT_FALSE(got.has_mentioned_score());
  EXPECT_EQ(got.touchpoint_rule(), "");

  request.mutable_interaction()->set_external_id("csat-2");
  request.mutable_interaction()->mutable_survey()->set_rated_interaction("interactions/987654");
  EXPECT_TRUE(HasCode(TryRecord(request), grpc::StatusCode::NOT_FOUND));
  request.mutable_interaction()->mutable_survey()->set_rated_interaction("customers/1");
  EXPECT_TRUE(IsInvalidField(TryRecord(request), "interaction.survey.rated_interaction"));
}

TEST_P(InteractionServiceTest, InvalidRecordsNameTheField) {
  const std::string customer = CreateCustomer("Ana");
  v1::RecordInteractionRequest request = MakeRecord(customer, "m-1", 0);
  request.mutable_interaction()->clear_occur_time();
  grpc::Status status = TryRecord(request);
  EXPECT_TRUE(IsInvalidField(status, "interaction.occur_time"));
  EXPECT_EQ(status.error_message(), "interaction.occur_time: required");

  request = MakeRecord(customer, "m-1", 0);
  request.mutable_interaction()->mutable_occur_time()->set_seconds(-62135596801);
  EXPECT_TRUE(IsInvalidField(TryRecord(request), "interaction.occur_time"));

  request = MakeRecord(customer, "m-1", 0);
  request.mutable_interaction()->set_kind(static_cast<v1::InteractionKind>(42));
  EXPECT_TRUE(IsInvalidField(TryRecord(request), "interaction.kind"));

  request = MakeRecord(customer, "m-1", 0);
  request.mutable_interaction()->set_subject(std::string(5000, 's'));
  EXPECT_TRUE(IsInvalidField(TryRecord(request), "interaction.subject"));

  // The normalizer (core) rejects the value; the api names the request's field.
  request = MakeRecord("", "m-1", 0);
  *request.add_customer_identities() = MakeIdentity(v1::EMAIL, "ana@example.pt");
  *request.add_customer_identities() = MakeIdentity(v1::PHONE, "not a number");
  EXPECT_TRUE(IsInvalidField(TryRecord(request), "customer_identities[1]"));
}

TEST_P(InteractionServiceTest, UnknownCustomerOrTouchpointIsNotFound) {
  EXPECT_TRUE(
      HasCode(TryRecord(MakeRecord("customers/987654", "m-1", 0)), grpc::StatusCode::NOT_FOUND));
  v1::RecordInteractionRequest request = MakeRecord(CreateCustomer("Ana"), "m-2", 0);
  request.mutable_interaction()->set_touchpoint("touchpoints/987654");
  EXPECT_TRUE(HasCode(TryRecord(request), grpc::StatusCode::NOT_FOUND));
}

TEST_P(InteractionServiceTest, RecordingByIdentitiesCreatesThenAttaches) {
  v1::RecordInteractionRequest first = MakeRecord("", "m-1", 0);
  *first.add_customer_identities() = MakeIdentity(v1::EMAIL, " Rui@Example.PT ");
  first.set_customer_display_name("Rui");
  v1::RecordInteractionResponse created = Record(first);
  EXPECT_TRUE(created.customer_created());
  const std::string customer = created.interaction().customer();
  v1::Customer got;
  ASSERT_TRUE(IsOk(GetCustomer(customer, &got)));
  EXPECT_EQ(got.display_name(), "Rui");

  v1::RecordInteractionRequest second = MakeRecord("", "m-2", 1, "phone");
  *second.add_customer_identities() = MakeIdentity(v1::EMAIL, "rui@example.pt");
  *second.add_customer_identities() = MakeIdentity(v1::PHONE, "00351 913 333 444");
  v1::RecordInteractionResponse attached = Record(second);
  EXPECT_FALSE(attached.customer_created());
  EXPECT_EQ(attached.interaction().customer(), customer);
  EXPECT_EQ(attached.merged_customers_size(), 0);

  v1::LookupCustomerRequest lookup;
  *lookup.mutable_identity() = MakeIdentity(v1::PHONE, "+351913333444");
  ASSERT_TRUE(IsOk(customers_->LookupCustomer(Context().get(), lookup, &got)));
  EXPECT_EQ(got.name(), customer);
}

TEST_P(InteractionServiceTest, RecordJoiningTwoCustomersMergesThemAndOldNamesKeepResolving) {
  const std::string older = CreateCustomer("Ana", {MakeIdentity(v1::EMAIL, "ana@example.pt")});
  const std::string newer = CreateCustomer("", {MakeIdentity(v1::PHONE, "+351914444555")});
  const std::string older_message = Record(MakeRecord(older, "m-1", 0)).interaction().name();
  const std::string newer_message =
      Record(MakeRecord(newer, "m-2", 1, "phone")).interaction().name();

  v1::RecordInteractionRequest joining = MakeRecord("", "m-3", 2, "chat");
  // Proved identities (a writer may say so): claimed ones would only suggest the merge.
  *joining.add_customer_identities() = MakeIdentity(v1::PHONE, "914 444 555");
  *joining.add_customer_identities() = MakeIdentity(v1::EMAIL, "ANA@example.pt");
  for (v1::Identity& identity : *joining.mutable_customer_identities()) {
    identity.set_trust(v1::VERIFIED);
  }
  v1::RecordInteractionResponse merged = Record(joining);
  EXPECT_EQ(merged.interaction().customer(), older) << "the oldest customer survives";
  ASSERT_EQ(merged.merged_customers_size(), 1);
  EXPECT_EQ(merged.merged_customers(0), newer);

  v1::Customer got;
  ASSERT_TRUE(IsOk(GetCustomer(newer, &got)));
  EXPECT_EQ(got.name(), older);
  EXPECT_EQ(got.identities_size(), 2);

  const std::vector<std::string> expected = {merged.interaction().name(), newer_message,
                                             older_message};
  EXPECT_EQ(ListAll(older), expected);
  EXPECT_EQ(ListAll(newer), expected) << "a merged-away parent lists the survivor's history";

  v1::GetInteractionRequest get;
  get.set_name(newer_message);
  v1::Interaction moved;
  ASSERT_TRUE(IsOk(interactions_->GetInteraction(Context().get(), get, &moved)));
  EXPECT_EQ(moved.customer(), older);
}

TEST_P(InteractionServiceTest, RecordingTheSameSourceAndExternalIdAgainChangesNothing) {
  const std::string customer = CreateCustomer("Ana");
  const v1::RecordInteractionResponse first = Record(MakeRecord(customer, "m-1", 0));
  v1::RecordInteractionRequest again = MakeRecord(customer, "m-1", 50);
  again.mutable_interaction()->set_subject("changed");
  const v1::RecordInteractionResponse second = Record(again);
  EXPECT_TRUE(second.already_recorded());
  EXPECT_EQ(second.interaction().name(), first.interaction().name());
  EXPECT_EQ(second.interaction().subject(), "Message m-1");
  EXPECT_EQ(second.interaction().occur_time().seconds(), kBase);
  EXPECT_EQ(ListAll(customer).size(), 1u);
}

TEST_P(InteractionServiceTest, ListIsNewestFirstAndFilters) {
  const std::string customer = CreateCustomer("Ana");
  absl::StatusOr<std::string> touchpoint = CreateTestTouchpoint(channel(), "Order", "web");
  ASSERT_TRUE(touchpoint.ok()) << touchpoint.status();
  const std::string a = Record(MakeRecord(customer, "a", 10, "email")).interaction().name();
  const std::string b = Record(MakeRecord(customer, "b", 30, "chat")).interaction().name();
  v1::RecordInteractionRequest call = MakeRecord(customer, "c", 20, "phone");
  call.mutable_interaction()->set_kind(v1::CALL);
  call.mutable_interaction()->set_touchpoint(*touchpoint);
  const std::string c = Record(call).interaction().name();
  Record(MakeRecord(CreateCustomer("Other"), "d", 40, "email"));

  EXPECT_EQ(ListAll(customer), (std::vector<std::string>{b, c, a}));

  v1::ListInteractionsRequest request;
  request.set_parent(customer);
  request.set_channel("email");
  EXPECT_EQ(ListAll(request), (std::vector<std::string>{a}));
  request.clear_channel();
  request.set_kind(v1::CALL);
  EXPECT_EQ(ListAll(request), (std::vector<std::string>{c}));
  request.clear_kind();
  request.set_touchpoint(*touchpoint);
  EXPECT_EQ(ListAll(request), (std::vector<std::string>{c}));
  request.clear_touchpoint();
  request.mutable_start_time()->set_seconds(kBase + 20);  // inclusive
  request.mutable_end_time()->set_seconds(kBase + 30);    // exclusive
  EXPECT_EQ(ListAll(request), (std::vector<std::string>{c}));

  v1::ListInteractionsRequest bad;
  v1::ListInteractionsResponse response;
  EXPECT_TRUE(
      IsInvalidField(interactions_->ListInteractions(Context().get(), bad, &response), "parent"));
  bad.set_parent("customers/987654");
  EXPECT_TRUE(HasCode(interactions_->ListInteractions(Context().get(), bad, &response),
                      grpc::StatusCode::NOT_FOUND));
}

TEST_P(InteractionServiceTest, PageTokenIsBoundToItsFilter) {
  const std::string customer = CreateCustomer("Ana");
  for (int i = 0; i < 3; ++i) Record(MakeRecord(customer, absl::StrCat("m-", i), i));
  v1::ListInteractionsRequest request;
  request.set_parent(customer);
  request.set_page_size(1);
  v1::ListInteractionsResponse response;
  ASSERT_TRUE(IsOk(interactions_->ListInteractions(Context().get(), request, &response)));
  ASSERT_FALSE(response.next_page_token().empty());
  request.set_page_token(response.next_page_token());
  request.set_channel("chat");
  EXPECT_TRUE(IsInvalidField(interactions_->ListInteractions(Context().get(), request, &response),
                             "page_token"));
  request.clear_channel();
  request.set_page_token(response.next_page_token() + "x");
  EXPECT_TRUE(IsInvalidField(interactions_->ListInteractions(Context().get(), request, &response),
                             "page_token"));
}

TEST_P(InteractionServiceTest, PaginationWhileWritingNeitherRepeatsNorSkips) {
  const std::string customer = CreateCustomer("Ana");
  std::set<std::string> existing;
  for (int i = 0; i < 40; ++i) {
    // Pairs share an occur_time, so ties are broken by id.
    existing.insert(
        Record(MakeRecord(customer, absl::StrCat("old-", i), i / 2)).interaction().name());
  }

  std::atomic<bool> stop{false};
  absl::Notification writer_started;
  std::thread writer([&] {
    for (int i = 0; i < 60 && !stop.load(); ++i) {
      // Newer than everything, older than everything, and amid the existing rows.
      const int64_t seconds = (i % 3 == 0) ? 100 + i : (i % 3 == 1) ? -100 - i : i % 20;
      Record(MakeRecord(customer, absl::StrCat("new-", i), seconds));
      if (i == 0) writer_started.Notify();
    }
  });
  writer_started.WaitForNotification();

  v1::ListInteractionsRequest request;
  request.set_parent(customer);
  request.set_page_size(3);
  std::vector<v1::Interaction> listed;
  for (int pages = 0; pages < 1000; ++pages) {
    v1::ListInteractionsResponse response;
    ASSERT_TRUE(IsOk(interactions_->ListInteractions(Context().get(), request, &response)));
    listed.insert(listed.end(), response.interactions().begin(), response.interactions().end());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  stop = true;
  writer.join();

  std::set<std::string> seen;
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_TRUE(seen.insert(listed[i].name()).second) << "listed twice: " << listed[i].name();
    if (i > 0) {
      const auto key = [](const v1::Interaction& interaction) {
        return std::make_pair(interaction.occur_time().seconds(), IdOf(interaction.name()));
      };
      EXPECT_LT(key(listed[i]), key(listed[i - 1])) << "not newest first at " << i;
    }
  }
  for (const std::string& name : existing) {
    EXPECT_EQ(seen.count(name), 1u) << "skipped a row that existed before paging: " << name;
  }
}

TEST_P(InteractionServiceTest, BatchRecordsValidItemsAndReportsBadOnesInOrder) {
  const std::string customer = CreateCustomer("Ana");
  v1::BatchRecordInteractionsRequest batch;
  *batch.add_requests() = MakeRecord(customer, "b-0", 0);
  *batch.add_requests() = MakeRecord(customer, "b-1", 1, "Not A Slug");
  *batch.add_requests() = MakeRecord("customers/987654", "b-2", 2);
  *batch.add_requests() = MakeRecord(customer, "b-3", 3);
  *batch.add_requests() = MakeRecord(customer, "b-0", 0);  // Already recorded by item 0.
  v1::BatchRecordInteractionsResponse response;
  ASSERT_TRUE(IsOk(interactions_->BatchRecordInteractions(Context().get(), batch, &response)));
  ASSERT_EQ(response.results_size(), 5);

  EXPECT_EQ(response.results(0).code(), 0) << response.results(0).message();
  EXPECT_EQ(response.results(0).response().interaction().external_id(), "b-0");
  EXPECT_EQ(response.results(1).code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StartsWith(response.results(1).message(), "requests[1].interaction.channel: "))
      << response.results(1).message();
  EXPECT_EQ(response.results(2).code(), grpc::StatusCode::NOT_FOUND)
      << response.results(2).message();
  EXPECT_EQ(response.results(3).code(), 0) << response.results(3).message();
  EXPECT_EQ(response.results(4).code(), 0) << response.results(4).message();
  EXPECT_TRUE(response.results(4).response().already_recorded());
  EXPECT_EQ(response.results(4).response().interaction().name(),
            response.results(0).response().interaction().name());

  EXPECT_EQ(ListAll(customer).size(), 2u);

  v1::BatchRecordInteractionsRequest empty;
  EXPECT_TRUE(IsInvalidField(
      interactions_->BatchRecordInteractions(Context().get(), empty, &response), "requests"));
}

// Reads `count` interactions from a watch, or fewer if the stream ends.
std::vector<std::string> ReadNames(grpc::ClientReader<v1::Interaction>* reader, int count) {
  std::vector<std::string> names;
  v1::Interaction interaction;
  while (static_cast<int>(names.size()) < count && reader->Read(&interaction)) {
    names.push_back(interaction.name());
  }
  return names;
}

TEST_P(InteractionServiceTest, WatchDeliversNewInteractionsInCommitOrder) {
  const std::string ana = CreateCustomer("Ana");
  const std::string rui = CreateCustomer("Rui");
  Record(MakeRecord(ana, "before", 0));  // Before the watch: not delivered.

  auto all_context = Context(absl::Seconds(30));
  v1::WatchInteractionsRequest all_request;
  auto all = interactions_->WatchInteractions(all_context.get(), all_request);
  auto ana_context = Context(absl::Seconds(30));
  v1::WatchInteractionsRequest ana_request;
  ana_request.set_customer(ana);
  auto ana_only = interactions_->WatchInteractions(ana_context.get(), ana_request);
  all->WaitForInitialMetadata();  // The watch is in place.
  ana_only->WaitForInitialMetadata();

  std::vector<std::string> recorded;
  std::vector<std::string> recorded_for_ana;
  for (int i = 0; i < 6; ++i) {
    const std::string& customer = i % 2 == 0 ? ana : rui;
    // Occur times go backwards: the stream follows commit order, not occur_time.
    recorded.push_back(
        Record(MakeRecord(customer, absl::StrCat("w-", i), 100 - i)).interaction().name());
    if (customer == ana) recorded_for_ana.push_back(recorded.back());
  }

  EXPECT_EQ(ReadNames(all.get(), 6), recorded);
  EXPECT_EQ(ReadNames(ana_only.get(), 3), recorded_for_ana);

  all_context->TryCancel();
  ana_context->TryCancel();
  EXPECT_TRUE(HasCode(all->Finish(), grpc::StatusCode::CANCELLED));
  EXPECT_TRUE(HasCode(ana_only->Finish(), grpc::StatusCode::CANCELLED));
}

// A client whose stream broke reconnects with the last interaction it received: it gets what
// was committed after that, while it was away, then what commits next, each once.
TEST_P(InteractionServiceTest, AWatchResumedAfterTheLastDeliveredMissesNoneAndRepeatsNone) {
  const std::string ana = CreateCustomer("Ana");
  std::vector<std::string> recorded;
  for (int i = 0; i < 5; ++i) {
    recorded.push_back(Record(MakeRecord(ana, absl::StrCat("r-", i), i)).interaction().name());
  }
  auto context = Context(absl::Seconds(30));
  v1::WatchInteractionsRequest request;
  request.set_start_after(recorded[1]);
  auto watch = interactions_->WatchInteractions(context.get(), request);
  watch->WaitForInitialMetadata();
  recorded.push_back(Record(MakeRecord(ana, "after-resume", 9)).interaction().name());
  EXPECT_EQ(ReadNames(watch.get(), 4),
            std::vector<std::string>(recorded.begin() + 2, recorded.end()));
  context->TryCancel();
  watch->Finish();

  auto bad_context = Context();
  request.set_start_after("customers/1");
  auto bad = interactions_->WatchInteractions(bad_context.get(), request);
  v1::Interaction interaction;
  EXPECT_FALSE(bad->Read(&interaction));
  EXPECT_TRUE(IsInvalidField(bad->Finish(), "start_after"));
}

TEST_P(InteractionServiceTest, WatchEndsCleanlyWhenTheClientCancels) {
  const std::string ana = CreateCustomer("Ana");
  for (int round = 0; round < 3; ++round) {
    auto context = Context(absl::Seconds(30));
    auto watch = interactions_->WatchInteractions(context.get(), v1::WatchInteractionsRequest());
    watch->WaitForInitialMetadata();
    const absl::Time cancelled_at = absl::Now();
    context->TryCancel();
    EXPECT_TRUE(HasCode(watch->Finish(), grpc::StatusCode::CANCELLED));
    EXPECT_LT(absl::Now() - cancelled_at, absl::Seconds(5));
  }
  // The server goes on serving, and a new watch still sees new interactions.
  auto context = Context(absl::Seconds(30));
  auto watch = interactions_->WatchInteractions(context.get(), v1::WatchInteractionsRequest());
  watch->WaitForInitialMetadata();
  const std::string name = Record(MakeRecord(ana, "after-cancel", 0)).interaction().name();
  EXPECT_EQ(ReadNames(watch.get(), 1), std::vector<std::string>{name});
  context->TryCancel();
  watch->Finish();
}

TEST_P(InteractionServiceTest, ServerShutdownEndsOpenWatchesWithUnavailable) {
  auto context = Context(absl::Seconds(60));
  auto watch = interactions_->WatchInteractions(context.get(), v1::WatchInteractionsRequest());
  watch->WaitForInitialMetadata();
  const absl::Time stop_at = absl::Now();
  StopServer(absl::Seconds(30));
  EXPECT_LT(absl::Now() - stop_at, absl::Seconds(10)) << "an open watch held up shutdown";
  v1::Interaction interaction;
  EXPECT_FALSE(watch->Read(&interaction));
  EXPECT_TRUE(HasCode(watch->Finish(), grpc::StatusCode::UNAVAILABLE));
}

TEST_P(InteractionServiceTest, WatchOfAnUnknownCustomerIsNotFound) {
  auto context = Context();
  v1::WatchInteractionsRequest request;
  request.set_customer("customers/987654");
  auto watch = interactions_->WatchInteractions(context.get(), request);
  v1::Interaction interaction;
  EXPECT_FALSE(watch->Read(&interaction));
  EXPECT_TRUE(HasCode(watch->Finish(), grpc::StatusCode::NOT_FOUND));

  auto bad_context = Context();
  request.set_customer("customer/1");
  auto bad = interactions_->WatchInteractions(bad_context.get(), request);
  EXPECT_FALSE(bad->Read(&interaction));
  EXPECT_TRUE(IsInvalidField(bad->Finish(), "customer"));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(InteractionServiceTest);

}  // namespace
}  // namespace cxhub
