// The server's load limits over a real server: Watch streams over the cap are refused with
// RESOURCE_EXHAUSTED while other calls and Watch streams within the cap go on, and a List page
// stops before it grows past its byte cap.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

class LoadLimitsTest : public ServerTest {
 protected:
  // Restarts the server with `load_limits`.
  void RestartWith(const config::v1::LimitsConfig& load_limits) {
    config::v1::ServerConfig config = BaseConfig();
    *config.mutable_load_limits() = load_limits;
    Restart(config);
    customers_ = v1::CustomerService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
  }

  // Records a message of Ana (ana@example.com, created by the first one); returns its name and
  // sets `customer` to Ana's.
  std::string Record(const std::string& external_id, const std::string& body,
                     std::string* customer = nullptr) {
    v1::RecordInteractionRequest request;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
        absl::Substitute(R"pb(
                           interaction {
                             channel: "email"
                             kind: MESSAGE
                             direction: INBOUND
                             occur_time { seconds: 1700000000 }
                             body: "$0"
                             source: "load-limits-test"
                             external_id: "$1"
                           }
                           customer_identities { kind: EMAIL value: "ana@example.com" }
                           customer_display_name: "Ana"
                         )pb",
                         body, external_id),
        &request));
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(interactions_->RecordInteraction(Context().get(), request, &response).ok());
    if (customer != nullptr) *customer = response.interaction().customer();
    return response.interaction().name();
  }

  // A Watch stream of everything, open (its initial metadata arrived) unless refused.
  struct OpenWatch {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReader<v1::Interaction>> reader;
  };
  OpenWatch Watch() {
    OpenWatch watch{Context(absl::Seconds(30)), nullptr};
    watch.reader =
        interactions_->WatchInteractions(watch.context.get(), v1::WatchInteractionsRequest());
    watch.reader->WaitForInitialMetadata();
    return watch;
  }

  // Opens a Watch and records an interaction of `customer` until the watch delivers it (true),
  // for up to 5 s: the server notices a cancelled stream within its poll interval (a second)
  // and only then gives its place back.
  bool WatchDeliversOnceAPlaceIsFree() {
    for (int attempt = 0; attempt < 50; ++attempt) {
      OpenWatch watch = Watch();
      const std::string name = Record(absl::StrCat("after-the-cap-", attempt), "hi");
      v1::Interaction delivered;
      if (watch.reader->Read(&delivered)) {
        watch.context->TryCancel();
        watch.reader->Finish();
        return delivered.name() == name;
      }
      EXPECT_EQ(watch.reader->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  }

  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
};

TEST_P(LoadLimitsTest, WatchStreamsOverTheCapAreRefusedWhileOtherCallsAndWatchesGoOn) {
  if (channel() == nullptr) return;
  config::v1::LimitsConfig limits;
  limits.set_max_watch_streams(3);
  RestartWith(limits);
  std::string ana;
  Record("before-the-watches", "hello", &ana);
  std::vector<OpenWatch> open;
  for (int i = 0; i < 3; ++i) open.push_back(Watch());
  for (int i = 0; i < 2; ++i) {
    OpenWatch refused = Watch();
    v1::Interaction interaction;
    EXPECT_FALSE(refused.reader->Read(&interaction));
    const grpc::Status status = refused.reader->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(status.error_message(), HasSubstr("load_limits.max_watch_streams"));
  }
  // Other calls are served.
  v1::GetCustomerRequest get;
  get.set_name(ana);
  v1::Customer customer;
  EXPECT_TRUE(customers_->GetCustomer(Context().get(), get, &customer).ok());
  // A stream that ends gives its place to a new one, which works.
  open.front().context->TryCancel();
  open.front().reader->Finish();
  open.erase(open.begin());
  EXPECT_TRUE(WatchDeliversOnceAPlaceIsFree());
  for (OpenWatch* watch : {&open[0], &open[1]}) {
    watch->context->TryCancel();
    watch->reader->Finish();
  }
}

TEST_P(LoadLimitsTest, AListPageStopsBeforeItsByteCapAndTheNextPageGoesOn) {
  if (channel() == nullptr) return;
  config::v1::LimitsConfig limits;
  limits.set_max_list_page_bytes(1000);
  RestartWith(limits);
  std::string ana;
  std::vector<std::string> recorded;
  for (int i = 0; i < 5; ++i) {
    recorded.push_back(Record(absl::StrCat("big-", i), std::string(400, 'a' + i), &ana));
  }
  v1::ListInteractionsRequest request;
  request.set_parent(ana);
  request.set_page_size(100);
  v1::ListInteractionsResponse page;
  const grpc::Status listed = interactions_->ListInteractions(Context().get(), request, &page);
  ASSERT_TRUE(listed.ok()) << listed.error_message();
  EXPECT_GE(page.interactions_size(), 1);
  EXPECT_LT(page.interactions_size(), 5);
  EXPECT_LE(page.ByteSizeLong(), 1100u);
  EXPECT_FALSE(page.next_page_token().empty());
  EXPECT_THAT(ListAllInteractions(*interactions_, request),
              ::testing::UnorderedElementsAreArray(recorded));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(LoadLimitsTest);

}  // namespace
}  // namespace cxhub
