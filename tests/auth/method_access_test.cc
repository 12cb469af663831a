// The role table is read from the protos: every rpc of every service in protos/cxhub/v1 must
// carry (cxhub.v1.required_role), and every such service must be served behind the check.
#include "server/auth/method_access.h"

#include <filesystem>
#include <string>

#include "absl/algorithm/container.h"
#include "cxhub/v1/access.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"

// Every generated file, so that the walk below finds them in the generated pool.
#include "cxhub/v1/analytics.pb.h"
#include "cxhub/v1/audit.pb.h"
#include "cxhub/v1/connector.pb.h"
#include "cxhub/v1/customer.pb.h"
#include "cxhub/v1/interaction.pb.h"
#include "cxhub/v1/touchpoint.pb.h"

namespace cxhub {
namespace {

TEST(MethodAccessTable, EveryMethodOfEveryServiceInTheProtosHasARole) {
  const google::protobuf::DescriptorPool& pool =
      *google::protobuf::DescriptorPool::generated_pool();
  int services = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CXHUB_V1_PROTO_DIR)) {
    const std::string file_name = "cxhub/v1/" + entry.path().filename().string();
    const google::protobuf::FileDescriptor* file = pool.FindFileByName(file_name);
    ASSERT_NE(file, nullptr) << file_name << " is not linked into cxhub_messages";
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor& service = *file->service(s);
      ++services;
      EXPECT_TRUE(absl::c_linear_search(ProtectedServiceNames(), service.full_name()))
          << service.full_name() << " is not in ProtectedServiceNames()";
      for (int m = 0; m < service.method_count(); ++m) {
        EXPECT_NE(service.method(m)->options().GetExtension(v1::required_role),
                  v1::ROLE_UNSPECIFIED)
            << service.method(m)->full_name() << " has no (cxhub.v1.required_role)";
      }
    }
  }
  EXPECT_GE(services, 6);  // Customer, Touchpoint, Interaction, Connector, Analytics, Audit.
}

TEST(MethodAccessTable, ReadsRolesFromTheProtosAndMapsOperationsInCode) {
  absl::StatusOr<MethodAccessTable> table =
      MethodAccessTable::FromDescriptors(ProtectedServiceNames());
  ASSERT_TRUE(table.ok()) << table.status();
  const MethodAccess* get = table->Find("/cxhub.v1.CustomerService/GetCustomer");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->required_role, Role::kReader);
  EXPECT_FALSE(get->audited);
  const MethodAccess* update = table->Find("/cxhub.v1.CustomerService/UpdateCustomer");
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->required_role, Role::kWriter);
  EXPECT_TRUE(update->audited);
  const MethodAccess* merge = table->Find("/cxhub.v1.CustomerService/MergeCustomers");
  ASSERT_NE(merge, nullptr);
  EXPECT_EQ(merge->required_role, Role::kAdmin);
  EXPECT_TRUE(merge->audited);  // Every admin method is.
  const MethodAccess* wait = table->Find("/google.longrunning.Operations/WaitOperation");
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ(wait->required_role, Role::kReader);
  const MethodAccess* remove = table->Find("/google.longrunning.Operations/DeleteOperation");
  ASSERT_NE(remove, nullptr);
  EXPECT_EQ(remove->required_role, Role::kAdmin);
  EXPECT_EQ(table->Find("/grpc.health.v1.Health/Check"), nullptr);
}

TEST(MethodAccessTable, EveryOperationsMethodIsMapped) {
  const google::protobuf::ServiceDescriptor* operations =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          "google.longrunning.Operations");
  ASSERT_NE(operations, nullptr);
  absl::StatusOr<MethodAccessTable> table =
      MethodAccessTable::FromDescriptors({"google.longrunning.Operations"});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(static_cast<int>(table->methods().size()), operations->method_count());
}

TEST(MethodAccessTable, UnknownServiceIsNotFound) {
  EXPECT_EQ(MethodAccessTable::FromDescriptors({"cxhub.v1.NoSuchService"}).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cxhub
