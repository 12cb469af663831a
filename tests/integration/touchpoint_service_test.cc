// TouchpointService over a real server: every RPC and its errors.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

class TouchpointServiceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    stub_ = v1::TouchpointService::NewStub(channel());
  }

  v1::Touchpoint Create(const std::string& display_name) {
    v1::CreateTouchpointRequest request;
    v1::Touchpoint* touchpoint = request.mutable_touchpoint();
    touchpoint->set_display_name(display_name);
    touchpoint->set_description("I ask for help with my order");
    touchpoint->set_stage(v1::JOURNEY_STAGE_SERVICE);
    touchpoint->set_controlled(true);
    touchpoint->add_channels("email");
    touchpoint->add_channels("chat");
    v1::Touchpoint created;
    EXPECT_TRUE(IsOk(stub_->CreateTouchpoint(Context().get(), request, &created)));
    return created;
  }

  std::unique_ptr<v1::TouchpointService::Stub> stub_;
};

TEST_P(TouchpointServiceTest, CreateAndGet) {
  v1::Touchpoint created = Create("Request support");
  EXPECT_TRUE(absl::StartsWith(created.name(), "touchpoints/")) << created.name();
  EXPECT_TRUE(created.has_create_time());

  v1::GetTouchpointRequest get;
  get.set_name(created.name());
  v1::Touchpoint got;
  ASSERT_TRUE(IsOk(stub_->GetTouchpoint(Context().get(), get, &got)));
  EXPECT_EQ(got.display_name(), "Request support");
  EXPECT_EQ(got.description(), "I ask for help with my order");
  EXPECT_EQ(got.stage(), v1::JOURNEY_STAGE_SERVICE);
  EXPECT_TRUE(got.controlled());
  EXPECT_EQ(std::vector<std::string>(got.channels().begin(), got.channels().end()),
            (std::vector<std::string>{"email", "chat"}));
}

TEST_P(TouchpointServiceTest, ListPagesInCreationOrder) {
  std::vector<std::string> created;
  for (int i = 0; i < 5; ++i) created.push_back(Create(absl::StrCat("T", i)).name());
  std::vector<std::string> listed;
  v1::ListTouchpointsRequest request;
  request.set_page_size(2);
  for (int pages = 0; pages < 10; ++pages) {
    v1::ListTouchpointsResponse response;
    ASSERT_TRUE(IsOk(stub_->ListTouchpoints(Context().get(), request, &response)));
    for (const v1::Touchpoint& touchpoint : response.touchpoints()) {
      listed.push_back(touchpoint.name());
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(listed, created);
}

TEST_P(TouchpointServiceTest, UpdateReplacesTheMaskedFields) {
  v1::Touchpoint created = Create("Renew");
  v1::UpdateTouchpointRequest update;
  update.mutable_touchpoint()->set_name(created.name());
  update.mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_LOYALTY);
  update.mutable_touchpoint()->add_channels("web");
  update.mutable_touchpoint()->set_description("ignored: not in the mask");
  update.mutable_update_mask()->add_paths("stage");
  update.mutable_update_mask()->add_paths("channels");
  update.mutable_update_mask()->add_paths("controlled");
  v1::Touchpoint updated;
  ASSERT_TRUE(IsOk(stub_->UpdateTouchpoint(Context().get(), update, &updated)));
  EXPECT_EQ(updated.stage(), v1::JOURNEY_STAGE_LOYALTY);
  ASSERT_EQ(updated.channels_size(), 1);
  EXPECT_EQ(updated.channels(0), "web");
  EXPECT_FALSE(updated.controlled());
  EXPECT_EQ(updated.display_name(), "Renew");
  EXPECT_EQ(updated.description(), "I ask for help with my order");
}

TEST_P(TouchpointServiceTest, DeleteThenGetIsNotFound) {
  v1::Touchpoint created = Create("Leave a review");
  v1::DeleteTouchpointRequest del;
  del.set_name(created.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(IsOk(stub_->DeleteTouchpoint(Context().get(), del, &empty)));
  v1::GetTouchpointRequest get;
  get.set_name(created.name());
  v1::Touchpoint got;
  EXPECT_TRUE(
      HasCode(stub_->GetTouchpoint(Context().get(), get, &got), grpc::StatusCode::NOT_FOUND));
  EXPECT_TRUE(
      HasCode(stub_->DeleteTouchpoint(Context().get(), del, &empty), grpc::StatusCode::NOT_FOUND));
}

TEST_P(TouchpointServiceTest, InvalidRequestsNameTheField) {
  v1::CreateTouchpointRequest create;
  create.mutable_touchpoint()->set_display_name("X");
  v1::Touchpoint touchpoint;
  EXPECT_TRUE(IsInvalidField(stub_->CreateTouchpoint(Context().get(), create, &touchpoint),
                             "touchpoint.stage"));
  create.mutable_touchpoint()->set_stage(v1::JOURNEY_STAGE_AWARENESS);
  create.mutable_touchpoint()->add_channels("E-mail");
  EXPECT_TRUE(IsInvalidField(stub_->CreateTouchpoint(Context().get(), create, &touchpoint),
                             "touchpoint.channels[0]"));

  v1::UpdateTouchpointRequest update;
  update.mutable_touchpoint()->set_name("touchpoints/1");
  EXPECT_TRUE(
      IsInvalidField(stub_->UpdateTouchpoint(Context().get(), update, &touchpoint), "update_mask"));

  v1::GetTouchpointRequest get;
  get.set_name("customers/1");
  EXPECT_TRUE(IsInvalidField(stub_->GetTouchpoint(Context().get(), get, &touchpoint), "name"));
  get.set_name("touchpoints/424242");
  EXPECT_TRUE(HasCode(stub_->GetTouchpoint(Context().get(), get, &touchpoint),
                      grpc::StatusCode::NOT_FOUND));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(TouchpointServiceTest);

}  // namespace
}  // namespace cxhub
