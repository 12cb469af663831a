// The byte cap on a List page (load_limits.max_list_page_bytes) on every List RPC that returns
// a page, per service: with a cap smaller than any item, each page holds one item (a page always
// moves) and a next_page_token, and following the tokens lists every item once. The interaction
// list is covered in load_limits_test.cc, connectors and dead letters in
// tests/connectors/connector_service_test.cc.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cxhub/v1/audit.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/segment.grpc.pb.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/longrunning/operations.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/list_pages.h"
#include "tests/integration/server_fixture.h"
#include "tests/integration/touchpoint_client.h"

namespace cxhub {
namespace {

using ::testing::ElementsAreArray;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;

class ListPageBytesTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    config::v1::ServerConfig config = BaseConfig();
    config.mutable_load_limits()->set_max_list_page_bytes(1);
    Restart(config);
  }

  // Creates customers named "Customer 0".."Customer n-1"; returns their names.
  std::vector<std::string> CreateCustomers(int n) {
    std::unique_ptr<v1::CustomerService::Stub> stub = v1::CustomerService::NewStub(channel());
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) {
      v1::CreateCustomerRequest request;
      request.mutable_customer()->set_display_name(absl::StrCat("Customer ", i));
      v1::Customer created;
      EXPECT_TRUE(IsOk(stub->CreateCustomer(Context().get(), request, &created)));
      names.push_back(created.name());
    }
    return names;
  }
};

TEST_P(ListPageBytesTest, CustomersAndAuditEntriesComeOnePagePerItem) {
  if (channel() == nullptr) return;
  const std::vector<std::string> customers = CreateCustomers(3);
  std::unique_ptr<v1::CustomerService::Stub> stub = v1::CustomerService::NewStub(channel());
  const ListedPages listed = ListEveryPage<v1::ListCustomersRequest, v1::ListCustomersResponse>(
      {},
      [&](const v1::ListCustomersRequest& request, v1::ListCustomersResponse* page) {
        return stub->ListCustomers(Context().get(), request, page);
      },
      [](const v1::ListCustomersResponse& page) { return NamesOf(page.customers()); });
  EXPECT_THAT(listed.pages, SizeIs(3));
  EXPECT_THAT(listed.names(), ElementsAreArray(customers));

  std::unique_ptr<v1::AuditService::Stub> audit = v1::AuditService::NewStub(channel());
  const ListedPages entries =
      ListEveryPage<v1::ListAuditEntriesRequest, v1::ListAuditEntriesResponse>(
          {},
          [&](const v1::ListAuditEntriesRequest& request, v1::ListAuditEntriesResponse* page) {
            return audit->ListAuditEntries(Context().get(), request, page);
          },
          [](const v1::ListAuditEntriesResponse& page) { return NamesOf(page.audit_entries()); });
  EXPECT_GE(entries.pages.size(), 3u);  // One per creation at least.
  EXPECT_TRUE(entries.EveryPageHoldsOneDistinctItem());
}

TEST_P(ListPageBytesTest, TouchpointsAndTheirRulesComeOnePagePerItem) {
  if (channel() == nullptr) return;
  std::unique_ptr<v1::TouchpointService::Stub> stub = v1::TouchpointService::NewStub(channel());
  std::vector<std::string> touchpoints;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<std::string> name =
        CreateTestTouchpoint(channel(), absl::StrCat("Desk ", i), "email");
    ASSERT_TRUE(name.ok()) << name.status();
    touchpoints.push_back(*name);
  }
  std::vector<std::string> rules;
  for (const char* source : {"a", "b", "c"}) {
    v1::CreateTouchpointRuleRequest request;
    request.set_parent(touchpoints[0]);
    request.mutable_rule()->add_channels("email");
    request.mutable_rule()->add_sources(source);
    v1::TouchpointRule created;
    ASSERT_TRUE(IsOk(stub->CreateTouchpointRule(Context().get(), request, &created)));
    rules.push_back(created.name());
  }
  const ListedPages listed = ListEveryPage<v1::ListTouchpointsRequest, v1::ListTouchpointsResponse>(
      {},
      [&](const v1::ListTouchpointsRequest& request, v1::ListTouchpointsResponse* page) {
        return stub->ListTouchpoints(Context().get(), request, page);
      },
      [](const v1::ListTouchpointsResponse& page) { return NamesOf(page.touchpoints()); });
  EXPECT_TRUE(listed.EveryPageHoldsOneDistinctItem());
  EXPECT_THAT(listed.names(), ::testing::IsSupersetOf(touchpoints));

  v1::ListTouchpointRulesRequest of_first;
  of_first.set_parent(touchpoints[0]);
  const ListedPages listed_rules =
      ListEveryPage<v1::ListTouchpointRulesRequest, v1::ListTouchpointRulesResponse>(
          of_first,
          [&](const v1::ListTouchpointRulesRequest& request,
              v1::ListTouchpointRulesResponse* page) {
            return stub->ListTouchpointRules(Context().get(), request, page);
          },
          [](const v1::ListTouchpointRulesResponse& page) { return NamesOf(page.rules()); });
  EXPECT_THAT(listed_rules.pages, SizeIs(3));
  EXPECT_THAT(listed_rules.names(), UnorderedElementsAreArray(rules));
}

TEST_P(ListPageBytesTest, SegmentsAndTheirMembersComeOnePagePerItem) {
  if (channel() == nullptr) return;
  const std::vector<std::string> customers = CreateCustomers(3);
  std::unique_ptr<v1::SegmentService::Stub> stub = v1::SegmentService::NewStub(channel());
  std::vector<std::string> segments;
  for (int i = 0; i < 3; ++i) {
    v1::CreateSegmentRequest request;
    request.mutable_segment()->set_display_name(absl::StrCat("Everybody ", i));
    v1::Segment created;
    ASSERT_TRUE(IsOk(stub->CreateSegment(Context().get(), request, &created)));
    segments.push_back(created.name());
  }
  const ListedPages listed = ListEveryPage<v1::ListSegmentsRequest, v1::ListSegmentsResponse>(
      {},
      [&](const v1::ListSegmentsRequest& request, v1::ListSegmentsResponse* page) {
        return stub->ListSegments(Context().get(), request, page);
      },
      [](const v1::ListSegmentsResponse& page) { return NamesOf(page.segments()); });
  EXPECT_THAT(listed.pages, SizeIs(3));
  EXPECT_THAT(listed.names(), ElementsAreArray(segments));

  v1::ListSegmentMembersRequest of_first;
  of_first.set_parent(segments[0]);
  const ListedPages members =
      ListEveryPage<v1::ListSegmentMembersRequest, v1::ListSegmentMembersResponse>(
          of_first,
          [&](const v1::ListSegmentMembersRequest& request, v1::ListSegmentMembersResponse* page) {
            return stub->ListSegmentMembers(Context().get(), request, page);
          },
          [](const v1::ListSegmentMembersResponse& page) {
            return std::vector<std::string>(page.members().begin(), page.members().end());
          });
  EXPECT_THAT(members.pages, SizeIs(3));
  EXPECT_THAT(members.names(), ElementsAreArray(customers));
}

TEST_P(ListPageBytesTest, OperationsComeOnePagePerItem) {
  if (channel() == nullptr) return;
  std::unique_ptr<v1::TouchpointService::Stub> touchpoints =
      v1::TouchpointService::NewStub(channel());
  std::vector<std::string> started;
  for (int i = 0; i < 3; ++i) {
    google::longrunning::Operation operation;
    ASSERT_TRUE(IsOk(touchpoints->ReassignTouchpoints(
        Context().get(), v1::ReassignTouchpointsRequest(), &operation)));
    started.push_back(operation.name());
  }
  std::unique_ptr<google::longrunning::Operations::Stub> stub =
      google::longrunning::Operations::NewStub(channel());
  const ListedPages listed = ListEveryPage<google::longrunning::ListOperationsRequest,
                                           google::longrunning::ListOperationsResponse>(
      {},
      [&](const google::longrunning::ListOperationsRequest& request,
          google::longrunning::ListOperationsResponse* page) {
        return stub->ListOperations(Context().get(), request, page);
      },
      [](const google::longrunning::ListOperationsResponse& page) {
        return NamesOf(page.operations());
      });
  EXPECT_THAT(listed.pages, SizeIs(3));
  EXPECT_THAT(listed.names(), UnorderedElementsAreArray(started));
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(ListPageBytesTest);

}  // namespace
}  // namespace cxhub
