// A test's view of a running cxhubd over gRPC: whole lists instead of pages, and connector runs
// that wait until the read they asked for has ended.
#ifndef CXHUB_TESTS_E2E_CXHUB_CLIENT_H_
#define CXHUB_TESTS_E2E_CXHUB_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cxhub/v1/analytics.grpc.pb.h"
#include "cxhub/v1/connector.grpc.pb.h"
#include "cxhub/v1/customer.grpc.pb.h"
#include "cxhub/v1/interaction.grpc.pb.h"
#include "cxhub/v1/touchpoint.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace cxhub::e2e {

class CxhubClient {
 public:
  // Connects to 127.0.0.1:`port`.
  explicit CxhubClient(int port);

  // Every live customer, every page.
  absl::StatusOr<std::vector<v1::Customer>> AllCustomers();
  // A customer's whole history, newest first, every page.
  absl::StatusOr<std::vector<v1::Interaction>> History(const std::string& customer);
  // Every dead letter of every connector.
  absl::StatusOr<std::vector<v1::DeadLetter>> AllDeadLetters();
  absl::StatusOr<std::vector<v1::Connector>> AllConnectors();
  // Every touchpoint, in creation order.
  absl::StatusOr<std::vector<v1::Touchpoint>> AllTouchpoints();
  absl::StatusOr<v1::Connector> GetConnector(absl::string_view connector_id);
  absl::StatusOr<v1::Customer> Lookup(v1::IdentityKind kind, absl::string_view value);
  absl::StatusOr<v1::Customer> AddIdentity(const std::string& customer, v1::IdentityKind kind,
                                           absl::string_view value);

  // Waits until every configured connector has finished a read (its first, at start), then
  // returns them. DEADLINE_EXCEEDED naming the connectors still waiting after `timeout`.
  absl::StatusOr<std::vector<v1::Connector>> WaitForFirstReads(
      absl::Duration timeout = absl::Seconds(60));
  // Asks for a read now and waits until that read has ended (its last_run_time moved past the
  // one before the request), whatever its outcome; returns the connector after it.
  absl::StatusOr<v1::Connector> RunAndWait(absl::string_view connector_id,
                                           absl::Duration timeout = absl::Seconds(60));

  v1::CustomerService::Stub& customers() { return *customers_; }
  v1::InteractionService::Stub& interactions() { return *interactions_; }
  v1::ConnectorService::Stub& connectors() { return *connectors_; }
  v1::AnalyticsService::Stub& analytics() { return *analytics_; }

  // A context with a deadline, so a hung call fails the test instead of hanging it.
  static std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout = absl::Seconds(10));

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CustomerService::Stub> customers_;
  std::unique_ptr<v1::InteractionService::Stub> interactions_;
  std::unique_ptr<v1::ConnectorService::Stub> connectors_;
  std::unique_ptr<v1::TouchpointService::Stub> touchpoints_;
  std::unique_ptr<v1::AnalyticsService::Stub> analytics_;
};

// "2026-09-08T08:24:10.955Z": RFC 3339 in UTC, with the fraction only when there is one.
std::string FormatTimestamp(const google::protobuf::Timestamp& time);

// One line a failure message can show: "<time> <channel> <DIRECTION> <external id> thread=<id>",
// plus the duration for calls.
std::string Describe(const v1::Interaction& interaction);

}  // namespace cxhub::e2e

#endif  // CXHUB_TESTS_E2E_CXHUB_CLIENT_H_
