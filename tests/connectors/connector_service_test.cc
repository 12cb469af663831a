// cxhub.v1.ConnectorService over real gRPC: an in-process cxhub::Server with connectors
// configured, the real test plugins, each store backend.
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/line_connectors.h"
#include "tests/integration/list_pages.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class ConnectorServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    config_ = BaseConfig();
    AddLineConnectors(temp_dir(), {TEST_LINES_PATH, TEST_LINES_ABI_MAJOR_PATH},
                      {{"lines", "test_lines.so"}, {"old-abi", "test_lines_abi_major.so"}},
                      config_);
    Restart(config_);
    stub_ = v1::ConnectorService::NewStub(channel());
  }

  std::string Path(const std::string& name) const { return temp_dir() + "/" + name; }

  v1::Connector Get(const std::string& name) {
    v1::GetConnectorRequest request;
    request.set_name(name);
    v1::Connector connector;
    grpc::Status status = stub_->GetConnector(Context().get(), request, &connector);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return connector;
  }

  v1::Connector WaitFor(const std::string& name,
                        const std::function<bool(const v1::Connector&)>& done) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    v1::Connector connector = Get(name);
    while (!done(connector) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(20));
      connector = Get(name);
    }
    EXPECT_TRUE(done(connector)) << connector.DebugString();
    return connector;
  }

  v1::ListDeadLettersResponse DeadLetters(const std::string& parent, int page_size = 0,
                                          const std::string& token = "") {
    v1::ListDeadLettersRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    request.set_page_token(token);
    v1::ListDeadLettersResponse response;
    grpc::Status status = stub_->ListDeadLetters(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  config::v1::ServerConfig config_;  // What SetUp started the server with.
  std::unique_ptr<v1::ConnectorService::Stub> stub_;
};

TEST_P(ConnectorServiceTest, ListsConnectorsWithPluginStateAndCounters) {
  WaitFor("connectors/lines", [](const v1::Connector& c) {
    return c.records_in() == 2 && c.state() == v1::Connector::IDLE;
  });
  WaitFor("connectors/old-abi",
          [](const v1::Connector& c) { return c.state() == v1::Connector::FAILED; });

  v1::ListConnectorsRequest request;
  request.set_page_size(1);
  v1::ListConnectorsResponse first;
  ASSERT_TRUE(stub_->ListConnectors(Context().get(), request, &first).ok());
  ASSERT_THAT(first.connectors(), SizeIs(1));
  ASSERT_FALSE(first.next_page_token().empty());
  const v1::Connector& lines = first.connectors(0);
  EXPECT_EQ(lines.name(), "connectors/lines");
  EXPECT_EQ(lines.plugin(), "test_lines.so");
  EXPECT_EQ(lines.plugin_name(), "test_lines");
  EXPECT_EQ(lines.plugin_version(), "1.2.3");
  EXPECT_THAT(lines.channels(), ElementsAre("test"));
  EXPECT_EQ(lines.records_in(), 2);
  EXPECT_EQ(lines.dead_lettered(), 2);
  EXPECT_TRUE(lines.has_last_run_time());
  EXPECT_TRUE(lines.has_cursor_age());
  EXPECT_EQ(lines.poll_interval().seconds(), 3600);

  request.set_page_token(first.next_page_token());
  v1::ListConnectorsResponse second;
  ASSERT_TRUE(stub_->ListConnectors(Context().get(), request, &second).ok());
  ASSERT_THAT(second.connectors(), SizeIs(1));
  const v1::Connector& old_abi = second.connectors(0);
  EXPECT_EQ(old_abi.name(), "connectors/old-abi");
  EXPECT_EQ(old_abi.state(), v1::Connector::FAILED);
  EXPECT_THAT(old_abi.state_message(), HasSubstr("test_lines_abi_major.so"));
  EXPECT_GE(old_abi.errors(), 1);
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_P(ConnectorServiceTest, RunPauseResumeAndErrors) {
  WaitFor("connectors/lines", [](const v1::Connector& c) { return c.records_in() == 2; });
  std::ofstream(Path("in.txt"), std::ios::app) << "m4|carl@example.com|2026-03-01T11:00:00Z|x\n";
  v1::RunConnectorRequest run;
  run.set_name("connectors/lines");
  v1::Connector reply;
  ASSERT_TRUE(stub_->RunConnector(Context().get(), run, &reply).ok());
  WaitFor("connectors/lines", [](const v1::Connector& c) { return c.records_in() == 3; });

  v1::PauseConnectorRequest pause;
  pause.set_name("connectors/lines");
  ASSERT_TRUE(stub_->PauseConnector(Context().get(), pause, &reply).ok());
  EXPECT_EQ(reply.state(), v1::Connector::PAUSED);
  EXPECT_FALSE(reply.has_next_run_time());
  grpc::Status refused = stub_->RunConnector(Context().get(), run, &reply);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::ResumeConnectorRequest resume;
  resume.set_name("connectors/lines");
  ASSERT_TRUE(stub_->ResumeConnector(Context().get(), resume, &reply).ok());
  EXPECT_NE(reply.state(), v1::Connector::PAUSED);

  v1::GetConnectorRequest get;
  get.set_name("connectors/nope");
  EXPECT_EQ(stub_->GetConnector(Context().get(), get, &reply).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name("lines");
  grpc::Status malformed = stub_->GetConnector(Context().get(), get, &reply);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(malformed.error_message(), HasSubstr("name: expected connectors/{connector}"));
}

// The limits of the server's config reach connector records, through the server and the host:
// "hello" is within the default body limit and over a 3-byte one, so the same record that the
// "lines" instance stored is a dead letter of the "strict" instance, naming the field.
TEST_P(ConnectorServiceTest, ConfiguredLimitsApplyToConnectorRecords) {
  config::v1::ServerConfig config = BaseConfig();
  config.mutable_limits()->set_max_body_bytes(3);
  AddLineConnectors(temp_dir(), {TEST_LINES_PATH}, {{"strict", "test_lines.so"}}, config);
  Restart(config);
  stub_ = v1::ConnectorService::NewStub(channel());
  const v1::Connector strict =
      WaitFor("connectors/strict", [](const v1::Connector& c) { return c.dead_lettered() == 3; });
  EXPECT_EQ(strict.records_in(), 1);  // "hi" fits.
  bool body_refused = false;
  const v1::ListDeadLettersResponse dead_letters = DeadLetters("connectors/strict");
  for (const v1::DeadLetter& dead_letter : dead_letters.dead_letters()) {
    body_refused = body_refused || (absl::StrContains(dead_letter.reason(), "body") &&
                                    absl::StrContains(dead_letter.reason(), "at most 3 bytes"));
  }
  EXPECT_TRUE(body_refused);
}

// A cap (load_limits.max_list_page_bytes) smaller than any item: one connector or dead letter
// per page, and the tokens go through every one.
TEST_P(ConnectorServiceTest, ConnectorAndDeadLetterPagesStopAtTheByteCap) {
  config::v1::ServerConfig config = BaseConfig();
  config.mutable_load_limits()->set_max_list_page_bytes(1);
  AddLineConnectors(temp_dir(), {TEST_LINES_PATH, TEST_LINES_ABI_MAJOR_PATH},
                    {{"lines", "test_lines.so"}, {"old-abi", "test_lines_abi_major.so"}}, config);
  Restart(config);
  stub_ = v1::ConnectorService::NewStub(channel());
  WaitFor("connectors/lines", [](const v1::Connector& c) { return c.dead_lettered() == 2; });
  const ListedPages connectors =
      ListEveryPage<v1::ListConnectorsRequest, v1::ListConnectorsResponse>(
          {},
          [&](const v1::ListConnectorsRequest& request, v1::ListConnectorsResponse* page) {
            return stub_->ListConnectors(Context().get(), request, page);
          },
          [](const v1::ListConnectorsResponse& page) { return NamesOf(page.connectors()); });
  EXPECT_THAT(connectors.pages, SizeIs(2));
  EXPECT_THAT(connectors.names(), ElementsAre("connectors/lines", "connectors/old-abi"));
  v1::ListDeadLettersRequest every;
  every.set_parent("connectors/-");
  const ListedPages dead_letters =
      ListEveryPage<v1::ListDeadLettersRequest, v1::ListDeadLettersResponse>(
          every,
          [&](const v1::ListDeadLettersRequest& request, v1::ListDeadLettersResponse* page) {
            return stub_->ListDeadLetters(Context().get(), request, page);
          },
          [](const v1::ListDeadLettersResponse& page) { return NamesOf(page.dead_letters()); });
  EXPECT_THAT(dead_letters.pages, SizeIs(2));
  EXPECT_TRUE(dead_letters.EveryPageHoldsOneDistinctItem());
}

TEST_P(ConnectorServiceTest, ListsRetriesAndDeletesDeadLetters) {
  WaitFor("connectors/lines", [](const v1::Connector& c) { return c.dead_lettered() == 2; });
  v1::ListDeadLettersResponse all = DeadLetters("connectors/-");
  ASSERT_THAT(all.dead_letters(), SizeIs(2));
  v1::ListDeadLettersResponse page = DeadLetters("connectors/lines", 1);
  ASSERT_THAT(page.dead_letters(), SizeIs(1));
  v1::ListDeadLettersResponse rest = DeadLetters("connectors/lines", 1, page.next_page_token());
  ASSERT_THAT(rest.dead_letters(), SizeIs(1));
  EXPECT_TRUE(rest.next_page_token().empty());
  EXPECT_THAT(DeadLetters("connectors/old-abi").dead_letters(), SizeIs(0));

  const v1::DeadLetter* source = nullptr;
  const v1::DeadLetter* record = nullptr;
  for (const v1::DeadLetter& d : all.dead_letters()) {
    (d.payload() == v1::DeadLetter::SOURCE ? source : record) = &d;
  }
  ASSERT_NE(source, nullptr);
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(source->raw(), "not a record");
  EXPECT_THAT(source->reason(), HasSubstr("expected 4 fields"));
  EXPECT_THAT(source->name(), HasSubstr("connectors/lines/deadLetters/"));
  connector::v1::Record parsed;
  ASSERT_TRUE(parsed.ParseFromString(record->raw()));
  EXPECT_EQ(parsed.interaction().external_id(), "m2");

  v1::RetryDeadLetterRequest retry;
  v1::RetryDeadLetterResponse retried;
  retry.set_name(source->name());
  grpc::Status status = stub_->RetryDeadLetter(Context().get(), retry, &retried);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("cannot re-parse"));
  retry.set_name(record->name());
  status = stub_->RetryDeadLetter(Context().get(), retry, &retried);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("customer_identities"));
  const v1::ListDeadLettersResponse after_retry = DeadLetters("connectors/lines");
  for (const v1::DeadLetter& d : after_retry.dead_letters()) {
    EXPECT_EQ(d.retry_count(), d.name() == record->name() ? 1 : 0) << d.name();
  }

  v1::DeleteDeadLetterRequest remove;
  google::protobuf::Empty empty;
  std::string wrong_parent = source->name();
  wrong_parent.replace(0, std::string("connectors/lines").size(), "connectors/old-abi");
  remove.set_name(wrong_parent);
  EXPECT_EQ(stub_->DeleteDeadLetter(Context().get(), remove, &empty).error_code(),
            grpc::StatusCode::NOT_FOUND);
  remove.set_name(source->name());
  ASSERT_TRUE(stub_->DeleteDeadLetter(Context().get(), remove, &empty).ok());
  EXPECT_EQ(stub_->DeleteDeadLetter(Context().get(), remove, &empty).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(DeadLetters("connectors/-").dead_letters(), SizeIs(1));

  v1::ListDeadLettersRequest bad;
  bad.set_parent("connectors/lines");
  bad.set_page_token("garbage");
  v1::ListDeadLettersResponse ignored;
  EXPECT_EQ(stub_->ListDeadLetters(Context().get(), bad, &ignored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// A line the plugin could not read, retried after a fixed plugin replaced it and the server
// restarted (as after a package upgrade): the retry records it, once, and removes the dead letter.
TEST_P(ConnectorServiceTest, RetryingASourceDeadLetterAfterAParserFixRecordsItOnce) {
  WaitFor("connectors/lines", [](const v1::Connector& c) {
    return c.dead_lettered() == 2 && c.state() == v1::Connector::IDLE;
  });
  // An email without '@': a dead letter for the plugin as built, a record for the fixed one.
  std::ofstream(Path("in.txt"), std::ios::app) << "m4|carol|2026-03-01T11:00:00Z|fixed later\n";
  v1::RunConnectorRequest run;
  run.set_name("connectors/lines");
  v1::Connector reply;
  ASSERT_TRUE(stub_->RunConnector(Context().get(), run, &reply).ok());
  WaitFor("connectors/lines", [](const v1::Connector& c) { return c.dead_lettered() == 3; });
  std::string name;
  // The response is held: a range-for over a member of a temporary reads a destroyed message.
  const v1::ListDeadLettersResponse before_fix = DeadLetters("connectors/lines");
  for (const v1::DeadLetter& d : before_fix.dead_letters()) {
    if (absl::StartsWith(d.raw(), "m4|")) name = d.name();
  }
  ASSERT_FALSE(name.empty());

  const std::string plugin = Path("plugins/test_lines.so");
  ASSERT_TRUE(std::filesystem::remove(plugin));
  std::filesystem::copy_file(TEST_LINES_LENIENT_PATH, plugin);
  std::filesystem::permissions(
      plugin, std::filesystem::perms::group_write | std::filesystem::perms::others_write,
      std::filesystem::perm_options::remove);
  Restart(config_);
  stub_ = v1::ConnectorService::NewStub(channel());
  std::unique_ptr<v1::InteractionService::Stub> interactions =
      v1::InteractionService::NewStub(channel());
  v1::RetryDeadLetterRequest retry;
  retry.set_name(name);
  v1::RetryDeadLetterResponse retried;
  grpc::Status status = stub_->RetryDeadLetter(Context().get(), retry, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(retried.interaction(), HasSubstr("interactions/"));
  EXPECT_THAT(retried.customer(), HasSubstr("customers/"));
  const v1::ListDeadLettersResponse after_fix = DeadLetters("connectors/lines");
  for (const v1::DeadLetter& d : after_fix.dead_letters()) {
    EXPECT_NE(d.name(), name);
  }
  // Once only: the dead letter is gone, and its interaction is there once.
  v1::RetryDeadLetterResponse retried_again;
  EXPECT_EQ(stub_->RetryDeadLetter(Context().get(), retry, &retried_again).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetInteractionRequest get;
  get.set_name(retried.interaction());
  v1::Interaction interaction;
  status = interactions->GetInteraction(Context().get(), get, &interaction);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(interaction.external_id(), "m4");
  EXPECT_EQ(interaction.body(), "fixed later");
  v1::ListInteractionsRequest history;
  history.set_parent(retried.customer());
  EXPECT_THAT(ListAllInteractions(*interactions, history), ElementsAre(retried.interaction()));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(ConnectorServiceTest);

}  // namespace
}  // namespace cxhub
