// The server also serves grpc.health.v1.Health and server reflection. Debian ships neither
// service's generated code, so these tests speak to them through grpc::GenericStub with
// messages encoded by field number (google::protobuf::UnknownFieldSet).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/grpc_assertions.h"
#include "tests/integration/health_check_client.h"
#include "tests/integration/server_fixture.h"

namespace cxhub {
namespace {

using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

constexpr char kReflectionInfo[] = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

// The length-delimited values of field `number` in `message`.
std::vector<std::string> LengthDelimited(const std::string& message, int number) {
  UnknownFieldSet fields;
  std::vector<std::string> values;
  if (!fields.ParseFromString(message)) return values;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    if (field.number() == number && field.type() == UnknownField::TYPE_LENGTH_DELIMITED) {
      values.push_back(field.length_delimited());
    }
  }
  return values;
}

class HealthAndReflectionTest : public ServerTest {
 protected:
  // One unary health check of `service` ("" is the whole server); the serving status.
  absl::StatusOr<uint64_t> CheckHealth(const std::string& service) {
    return cxhub::CheckHealth(channel(), service);
  }

  // One ServerReflectionInfo exchange: sends `request` (a serialized ServerReflectionRequest),
  // returns the serialized ServerReflectionResponse.
  absl::StatusOr<std::string> Reflect(const std::string& request) {
    grpc::GenericStub stub(channel());
    auto context = Context();
    grpc::CompletionQueue queue;
    auto call = stub.PrepareCall(context.get(), kReflectionInfo, &queue);
    auto step = [&queue](int tag) {
      void* got = nullptr;
      bool ok = false;
      return queue.Next(&got, &ok) && ok && got == reinterpret_cast<void*>(tag);
    };
    grpc::ByteBuffer response;
    call->StartCall(reinterpret_cast<void*>(1));
    bool ok = step(1);
    if (ok) {
      call->Write(ToBuffer(request), reinterpret_cast<void*>(2));
      ok = step(2);
    }
    if (ok) {
      call->Read(&response, reinterpret_cast<void*>(3));
      ok = step(3);
    }
    call->WritesDone(reinterpret_cast<void*>(4));
    step(4);
    grpc::Status status;
    call->Finish(&status, reinterpret_cast<void*>(5));
    step(5);
    queue.Shutdown();
    void* ignored_tag;
    bool ignored_ok;
    while (queue.Next(&ignored_tag, &ignored_ok)) {
    }
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          status.error_message());
    }
    if (!ok) return absl::UnavailableError("reflection stream broke off");
    return FromBuffer(response);
  }
};

TEST_P(HealthAndReflectionTest, HealthCheckSaysServing) {
  absl::StatusOr<uint64_t> status = CheckHealth("");
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(*status, kServing);
}

TEST_P(HealthAndReflectionTest, ReflectionListsEveryService) {
  UnknownFieldSet request;
  request.AddLengthDelimited(7, "");  // list_services
  std::string request_bytes;
  request.SerializeToString(&request_bytes);
  absl::StatusOr<std::string> response = Reflect(request_bytes);
  ASSERT_TRUE(response.ok()) << response.status();

  std::vector<std::string> services;
  for (const std::string& list : LengthDelimited(*response, 6)) {  // list_services_response
    for (const std::string& service : LengthDelimited(list, 1)) {  // service
      for (const std::string& name : LengthDelimited(service, 1)) services.push_back(name);
    }
  }
  for (const char* expected :
       {"cxhub.v1.CustomerService", "cxhub.v1.TouchpointService", "cxhub.v1.InteractionService",
        "cxhub.v1.AnalyticsService", "grpc.health.v1.Health"}) {
    EXPECT_NE(std::find(services.begin(), services.end(), expected), services.end())
        << expected << " not listed";
  }
}

TEST_P(HealthAndReflectionTest, ReflectionDescribesEveryCxhubService) {
  // What grpcurl and other clients do next: fetch the file that defines a service.
  for (const std::string symbol : {"cxhub.v1.CustomerService", "cxhub.v1.TouchpointService",
                                   "cxhub.v1.InteractionService", "cxhub.v1.AnalyticsService"}) {
    UnknownFieldSet request;
    request.AddLengthDelimited(4, symbol);  // file_containing_symbol
    std::string request_bytes;
    request.SerializeToString(&request_bytes);
    absl::StatusOr<std::string> response = Reflect(request_bytes);
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_TRUE(LengthDelimited(*response, 7).empty()) << symbol << ": error_response";
    bool found = false;
    for (const std::string& files : LengthDelimited(*response, 4)) {  // file_descriptor_response
      for (const std::string& file_bytes : LengthDelimited(files, 1)) {
        google::protobuf::FileDescriptorProto file;
        ASSERT_TRUE(file.ParseFromString(file_bytes));
        for (const auto& service : file.service()) {
          found = found || absl::StrCat(file.package(), ".", service.name()) == symbol;
        }
      }
    }
    EXPECT_TRUE(found) << symbol << " was not described";
  }
}

CXHUB_INSTANTIATE_FOR_EVERY_STORE(HealthAndReflectionTest);

}  // namespace
}  // namespace cxhub
