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

bool Settled(const v1::Connector& connector) {
  return connector.state() != v1::Connector::RUNNING && connector.state() != v1::Connector::STALLED;
}

}  // namespace

CxhubClient::CxhubClient(int port)
    : channel_(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials())),
      customers_(v1::CustomerService::NewStub(channel_)),
      interactions_(v1::InteractionService::NewStub(channel_)),
      connectors_(v1::ConnectorService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> CxhubClient::Context(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

absl::StatusOr<std::vector<v1::Customer>> CxhubClient::AllCustomers() {
  std::vector<v1::Customer> all;
  v1::ListCustomersRequest request;
  request.set_page_size(100);
  do {
    v1::ListCustomersResponse response;
    absl::Status status =
        FromGrpc(customers_->ListCustomers(Context().get(), request, &response), "ListCustomers");
    if (!status.ok()) return status;
    for (v1::Customer& customer : *response.mutable_customers()) {
      all.push_back(std::move(customer));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

absl::StatusOr<std::vector<v1::Interaction>> CxhubClient::History(const std::string& customer) {
  std::vector<v1::Interaction> all;
  v1::ListInteractionsRequest request;
  request.set_parent(customer);
  request.set_page_size(7);  // Small pages, so paging is part of what is tested.
  do {
    v1::ListInteractionsResponse response;
    absl::Status status = FromGrpc(
        interactions_->ListInteractions(Context().get(), request, &response), "ListInteractions");
    if (!status.ok()) return status;
    for (v1::Interaction& interaction : *response.mutable_interactions()) {
      all.push_back(std::move(interaction));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

absl::StatusOr<std::vector<v1::DeadLetter>> CxhubClient::AllDeadLetters() {
  std::vector<v1::DeadLetter> all;
  v1::ListDeadLettersRequest request;
  request.set_parent("connectors/-");
  do {
    v1::ListDeadLettersResponse response;
    absl::Status status = FromGrpc(
        connectors_->ListDeadLetters(Context().get(), request, &response), "ListDeadLetters");
    if (!status.ok()) return status;
    for (v1::DeadLetter& letter : *response.mutable_dead_letters()) {
      all.push_back(std::move(letter));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

absl::StatusOr<std::vector<v1::Connector>> CxhubClient::AllConnectors() {
  std::vector<v1::Connector> all;
  v1::ListConnectorsRequest request;
  do {
    v1::ListConnectorsResponse response;
    absl::Status status = FromGrpc(connectors_->ListConnectors(Context().get(), request, &response),
                                   "ListConnectors");
    if (!status.ok()) return status;
    for (v1::Connector& connector : *response.mutable_connectors()) {
      all.push_back(std::move(connector));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
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

}  // namespace cxhub::e2e
