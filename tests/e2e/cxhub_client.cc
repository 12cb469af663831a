#include "tests/e2e/cxhub_client.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"

namespace cxhub::e2e {
namespace {

absl::Status FromGrpc(const grpc::Status& status, absl::string_view call) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(call, ": ", status.error_message()));
}

absl::Time TimeOf(const google::protobuf::Timestamp& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

// Calls a List method page after page, following next_page_token, and gathers every item.
template <typename Stub, typename Request, typename Response, typename Item>
absl::StatusOr<std::vector<Item>> AllPages(
    Stub& stub, grpc::Status (Stub::*list)(grpc::ClientContext*, const Request&, Response*),
    Request request, google::protobuf::RepeatedPtrField<Item>* (Response::*items)(),
    absl::string_view method) {
  std::vector<Item> all;
  do {
    Response response;
    absl::Status status =
        FromGrpc((stub.*list)(CxhubClient::Context().get(), request, &response), method);
    if (!status.ok()) return status;
    for (Item& item : *(response.*items)()) all.push_back(std::move(item));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

bool Settled(const v1::Connector& connector) {
  return connector.state() != v1::Connector::RUNNING && connector.state() != v1::Connector::STALLED;
}

}  // namespace

CxhubClient::CxhubClient(int port)
    : channel_(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials())),
      customers_(v1::CustomerService::NewStub(channel_)),
      interactions_(v1::InteractionService::NewStub(channel_)),
      connectors_(v1::ConnectorService::NewStub(channel_)),
      touchpoints_(v1::TouchpointService::NewStub(channel_)),
      analytics_(v1::AnalyticsService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> CxhubClient::Context(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

absl::StatusOr<std::vector<v1::Customer>> CxhubClient::AllCustomers() {
  v1::ListCustomersRequest request;
  request.set_page_size(100);
  return AllPages(*customers_, &v1::CustomerService::Stub::ListCustomers, std::move(request),
                  &v1::ListCustomersResponse::mutable_customers, "ListCustomers");
}

absl::StatusOr<std::vector<v1::Interaction>> CxhubClient::History(const std::string& customer) {
  v1::ListInteractionsRequest request;
  request.set_parent(customer);
  request.set_page_size(7);  // Small pages, so paging is part of what is tested.
  return AllPages(*interactions_, &v1::InteractionService::Stub::ListInteractions,
                  std::move(request), &v1::ListInteractionsResponse::mutable_interactions,
                  "ListInteractions");
}

absl::StatusOr<std::vector<v1::DeadLetter>> CxhubClient::AllDeadLetters() {
  v1::ListDeadLettersRequest request;
  request.set_parent("connectors/-");
  return AllPages(*connectors_, &v1::ConnectorService::Stub::ListDeadLetters, std::move(request),
                  &v1::ListDeadLettersResponse::mutable_dead_letters, "ListDeadLetters");
}

absl::StatusOr<std::vector<v1::Connector>> CxhubClient::AllConnectors() {
  return AllPages(*connectors_, &v1::ConnectorService::Stub::ListConnectors,
                  v1::ListConnectorsRequest(), &v1::ListConnectorsResponse::mutable_connectors,
                  "ListConnectors");
}

absl::StatusOr<std::vector<v1::Touchpoint>> CxhubClient::AllTouchpoints() {
  return AllPages(*touchpoints_, &v1::TouchpointService::Stub::ListTouchpoints,
                  v1::ListTouchpointsRequest(), &v1::ListTouchpointsResponse::mutable_touchpoints,
                  "ListTouchpoints");
}

absl::StatusOr<v1::Connector> CxhubClient::GetConnector(absl::string_view connector_id) {
  v1::GetConnectorRequest request;
  request.set_name(absl::StrCat("connectors/", connector_id));
  v1::Connector connector;
  absl::Status status =
      FromGrpc(connectors_->GetConnector(Context().get(), request, &connector), "GetConnector");
  if (!status.ok()) return status;
  return connector;
}

absl::StatusOr<v1::Customer> CxhubClient::Lookup(v1::IdentityKind kind, absl::string_view value) {
  v1::LookupCustomerRequest request;
  request.mutable_identity()->set_kind(kind);
  request.mutable_identity()->set_value(std::string(value));
  v1::Customer customer;
  absl::Status status =
      FromGrpc(customers_->LookupCustomer(Context().get(), request, &customer),
               absl::StrCat("LookupCustomer(", v1::IdentityKind_Name(kind), " ", value, ")"));
  if (!status.ok()) return status;
  return customer;
}

absl::StatusOr<v1::Customer> CxhubClient::AddIdentity(const std::string& customer,
                                                      v1::IdentityKind kind,
                                                      absl::string_view value) {
  v1::AddIdentityRequest request;
  request.set_name(customer);
  request.mutable_identity()->set_kind(kind);
  request.mutable_identity()->set_value(std::string(value));
  v1::Customer updated;
  absl::Status status =
      FromGrpc(customers_->AddIdentity(Context().get(), request, &updated), "AddIdentity");
  if (!status.ok()) return status;
  return updated;
}

absl::StatusOr<std::vector<v1::Connector>> CxhubClient::WaitForFirstReads(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    absl::StatusOr<std::vector<v1::Connector>> connectors = AllConnectors();
    if (!connectors.ok()) return connectors.status();
    std::vector<std::string> waiting;
    for (const v1::Connector& connector : *connectors) {
      if (!connector.has_last_run_time() || !Settled(connector)) {
        waiting.push_back(connector.name());
      }
    }
    if (waiting.empty()) return connectors;
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat("connectors without a finished read after ",
                                                      absl::FormatDuration(timeout), ": ",
                                                      absl::StrJoin(waiting, ", ")));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

absl::StatusOr<v1::Connector> CxhubClient::RunAndWait(absl::string_view connector_id,
                                                      absl::Duration timeout) {
  absl::StatusOr<v1::Connector> before = GetConnector(connector_id);
  if (!before.ok()) return before.status();
  const absl::Time last_run =
      before->has_last_run_time() ? TimeOf(before->last_run_time()) : absl::InfinitePast();
  v1::RunConnectorRequest request;
  request.set_name(before->name());
  v1::Connector ignored;
  absl::Status status =
      FromGrpc(connectors_->RunConnector(Context().get(), request, &ignored), "RunConnector");
  if (!status.ok()) return status;
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    absl::StatusOr<v1::Connector> now = GetConnector(connector_id);
    if (!now.ok()) return now.status();
    if (now->has_last_run_time() && TimeOf(now->last_run_time()) > last_run && Settled(*now)) {
      return now;
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          before->name(), ": the requested read did not end within ", absl::FormatDuration(timeout),
          "; state ", v1::Connector::State_Name(now->state()), " ", now->state_message()));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

std::string FormatTimestamp(const google::protobuf::Timestamp& time) {
  const absl::Time at = TimeOf(time);
  return absl::FormatTime(time.nanos() == 0 ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%dT%H:%M:%E3SZ", at,
                          absl::UTCTimeZone());
}

std::string Describe(const v1::Interaction& interaction) {
  return absl::StrCat(FormatTimestamp(interaction.occur_time()), " ", interaction.channel(), " ",
                      v1::Direction_Name(interaction.direction()), " ", interaction.external_id(),
                      " thread=", interaction.thread_id(),
                      interaction.channel() == "phone"
                          ? absl::StrCat(" ", interaction.duration().seconds(), "s")
                          : "");
}

}  // namespace cxhub::e2e
