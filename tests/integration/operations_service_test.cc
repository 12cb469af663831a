// TouchpointService.ReassignTouchpoints and google.longrunning.Operations over a real server:
// interactions recorded under one rule move to another touchpoint once the rules change and a
// reassignment runs, followed with GetOperation and WaitOperation until done.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "google/longrunning/operations.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"
#include "tests/integration/touchpoint_client.h"

namespace cxhub {
namespace {

using google::longrunning::Operation;

class OperationsServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    touchpoints_ = v1::TouchpointService::NewStub(channel());
    interactions_ = v1::InteractionService::NewStub(channel());
    operations_ = google::longrunning::Operations::NewStub(channel());
  }

  std::string MustCreateTouchpoint(const std::string& display_name) {
    absl::StatusOr<std::string> name = CreateTestTouchpoint(channel(), display_name, "email");
    EXPECT_TRUE(name.ok()) << name.status();
    return name.ok() ? *name : "";
  }

  // A rule of `touchpoint` for every email; returns its name.
  std::string MustCreateEmailRule(const std::string& touchpoint) {
    v1::CreateTouchpointRuleRequest request;
    request.set_parent(touchpoint);
    request.mutable_rule()->add_channels("email");
    v1::TouchpointRule created;
    EXPECT_TRUE(IsOk(touchpoints_->CreateTouchpointRule(Context().get(), request, &created)));
    return created.name();
  }

  // An email of ana@example.pt; at `touchpoint` when given, else where the rules put it.
  v1::Interaction MustRecordEmail(const std::string& external_id,
                                  const std::string& touchpoint = "") {
    v1::RecordInteractionRequest request;
    request.add_customer_identities()->set_value("ana@example.pt");
    request.mutable_customer_identities(0)->set_kind(v1::EMAIL);
    v1::Interaction& email = *request.mutable_interaction();
    email.set_channel("email");
    email.set_touchpoint(touchpoint);
    email.set_kind(v1::MESSAGE);
    email.set_direction(v1::INBOUND);
    email.mutable_occur_time()->set_seconds(1788771600);
    email.set_source("operations-test");
    email.set_external_id(external_id);
    v1::RecordInteractionResponse response;
    EXPECT_TRUE(IsOk(interactions_->RecordInteraction(Context().get(), request, &response)));
    return response.interaction();
  }

  std::string TouchpointOf(const std::string& interaction) {
    v1::GetInteractionRequest request;
    request.set_name(interaction);
    v1::Interaction got;
    EXPECT_TRUE(IsOk(interactions_->GetInteraction(Context().get(), request, &got)));
    return got.touchpoint();
  }

  // WaitOperation, a second at a time, until the operation is done.
  Operation WaitUntilDone(const std::string& name) {
    google::longrunning::WaitOperationRequest request;
    request.set_name(name);
    request.mutable_timeout()->set_seconds(1);
    Operation operation;
    for (int attempt = 0; attempt < 60 && !operation.done(); ++attempt) {
      EXPECT_TRUE(IsOk(operations_->WaitOperation(Context().get(), request, &operation)));
    }
    EXPECT_TRUE(operation.done());
    return operation;
  }

  std::unique_ptr<v1::TouchpointService::Stub> touchpoints_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<google::longrunning::Operations::Stub> operations_;
};

TEST_P(OperationsServiceTest, ReassignmentMovesInteractionsAfterARuleChange) {
  const std::string email_desk = MustCreateTouchpoint("Email desk");
  const std::string support = MustCreateTouchpoint("Support");
  const std::string email_rule = MustCreateEmailRule(email_desk);
  std::vector<std::string> by_rule;
  for (int i = 0; i < 3; ++i) by_rule.push_back(MustRecordEmail(absl::StrCat("m", i)).name());
  const std::string kept = MustRecordEmail("explicit", email_desk).name();
  ASSERT_EQ(TouchpointOf(by_rule[0]), email_desk);

  v1::DeleteTouchpointRuleRequest remove;
  remove.set_name(email_rule);
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(touchpoints_->DeleteTouchpointRule(Context().get(), remove, &empty)));
  MustCreateEmailRule(support);

  Operation started;
  ASSERT_TRUE(IsOk(touchpoints_->ReassignTouchpoints(Context().get(),
                                                     v1::ReassignTouchpointsRequest(), &started)));
  EXPECT_TRUE(absl::StartsWith(started.name(), "operations/")) << started.name();
  v1::ReassignTouchpointsMetadata metadata;
  ASSERT_TRUE(started.metadata().UnpackTo(&metadata));
  EXPECT_GT(metadata.total(), 0);
  EXPECT_TRUE(metadata.has_create_time());

  const Operation done = WaitUntilDone(started.name());
  EXPECT_FALSE(done.has_error()) << done.error().message();
  v1::ReassignTouchpointsResponse response;
  ASSERT_TRUE(done.response().UnpackTo(&response));
  EXPECT_EQ(response.changed(), 3);
  EXPECT_EQ(response.processed(), metadata.total());
  for (const std::string& interaction : by_rule) EXPECT_EQ(TouchpointOf(interaction), support);
  EXPECT_EQ(TouchpointOf(kept), email_desk);

  google::longrunning::GetOperationRequest get;
  get.set_name(started.name());
  Operation got;
  ASSERT_TRUE(IsOk(operations_->GetOperation(Context().get(), get, &got)));
  EXPECT_TRUE(got.done());
  ASSERT_TRUE(got.metadata().UnpackTo(&metadata));
  EXPECT_EQ(metadata.processed(), metadata.total());
  EXPECT_EQ(metadata.changed(), 3);
}

TEST_P(OperationsServiceTest, ListFiltersCancelAndDeleteFollowAip151) {
  Operation started;
  ASSERT_TRUE(IsOk(touchpoints_->ReassignTouchpoints(Context().get(),
                                                     v1::ReassignTouchpointsRequest(), &started)));
  WaitUntilDone(started.name());

  google::longrunning::ListOperationsRequest list;
  list.set_filter("done = true");
  google::longrunning::ListOperationsResponse listed;
  ASSERT_TRUE(IsOk(operations_->ListOperations(Context().get(), list, &listed)));
  ASSERT_EQ(listed.operations_size(), 1);
  EXPECT_EQ(listed.operations(0).name(), started.name());
  list.set_filter("done=false");
  listed.Clear();
  ASSERT_TRUE(IsOk(operations_->ListOperations(Context().get(), list, &listed)));
  EXPECT_EQ(listed.operations_size(), 0);
  list.set_filter("state=RUNNING");
  EXPECT_TRUE(
      IsInvalidField(operations_->ListOperations(Context().get(), list, &listed), "filter"));

  google::protobuf::Empty empty;
  google::longrunning::CancelOperationRequest cancel;
  cancel.set_name(started.name());
  EXPECT_TRUE(IsOk(operations_->CancelOperation(Context().get(), cancel, &empty)))
      << "cancelling a finished operation changes nothing";
  google::longrunning::DeleteOperationRequest remove;
  remove.set_name(started.name());
  ASSERT_TRUE(IsOk(operations_->DeleteOperation(Context().get(), remove, &empty)));
  google::longrunning::GetOperationRequest get;
  get.set_name(started.name());
  Operation got;
  EXPECT_TRUE(
      HasCode(operations_->GetOperation(Context().get(), get, &got), grpc::StatusCode::NOT_FOUND));
  get.set_name("jobs/1");
  EXPECT_TRUE(IsInvalidField(operations_->GetOperation(Context().get(), get, &got), "name"));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(OperationsServiceTest);

}  // namespace
}  // namespace cxhub
