// The fixture of the Store conformance suites (store_conformance_test.cc and the suites beside
// it): a fresh store of each backend per test, and the values and calls the tests share.
#ifndef CXHUB_TESTS_STORAGE_STORE_CONFORMANCE_FIXTURE_H_
#define CXHUB_TESTS_STORAGE_STORE_CONFORMANCE_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"
#include "tests/required_skip.h"
#include "tests/storage/store_backends.h"
#include "tests/temp_dir.h"

namespace cxhub::testing {

#define ASSERT_OK(expr)                                 \
  do {                                                  \
    const absl::Status _assert_status = (expr);         \
    ASSERT_TRUE(_assert_status.ok()) << _assert_status; \
  } while (false)

// A time with microseconds, to catch any loss of precision.
inline absl::Time T(int64_t seconds, int64_t micros = 0) {
  return absl::FromUnixSeconds(1700000000 + seconds) + absl::Microseconds(micros);
}

inline Identity Email(const std::string& value) { return {IdentityKind::kEmail, value}; }
inline Identity Phone(const std::string& value) { return {IdentityKind::kPhone, value}; }

inline Customer NewCustomer(const std::string& name, std::vector<Identity> identities = {}) {
  Customer customer;
  customer.display_name = name;
  customer.identities = std::move(identities);
  customer.create_time = T(1, 1);
  customer.update_time = T(2, 2);
  return customer;
}

inline Interaction NewInteraction(CustomerId customer, const std::string& external_id,
                                  absl::Time occur_time) {
  Interaction interaction;
  interaction.customer_id = customer;
  interaction.channel = "email";
  interaction.kind = InteractionKind::kMessage;
  interaction.direction = Direction::kInbound;
  interaction.occur_time = occur_time;
  interaction.source = "test";
  interaction.external_id = external_id;
  interaction.create_time = T(100);
  return interaction;
}

inline std::vector<InteractionId> Ids(const std::vector<Interaction>& interactions) {
  std::vector<InteractionId> ids;
  for (const Interaction& interaction : interactions) ids.push_back(interaction.id);
  return ids;
}

class StoreConformanceTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    if (!GetParam().skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(GetParam().skip_reason);
    backend_ = GetParam().make(directory_);
    absl::StatusOr<std::unique_ptr<Store>> store = backend_->Open();
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void TearDown() override {
    store_.reset();
    backend_.reset();
  }

  absl::StatusOr<CustomerId> InsertCustomer(const Customer& customer) {
    CustomerId id = 0;
    absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<CustomerId> inserted = writer.InsertCustomer(customer);
      if (!inserted.ok()) return inserted.status();
      id = *inserted;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return id;
  }

  absl::StatusOr<InteractionId> InsertInteraction(const Interaction& interaction) {
    InteractionId id = 0;
    absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<InteractionId> inserted = writer.InsertInteraction(interaction);
      if (!inserted.ok()) return inserted.status();
      id = *inserted;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return id;
  }

  absl::StatusOr<TouchpointId> InsertTouchpoint(const Touchpoint& touchpoint) {
    TouchpointId id = 0;
    absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<TouchpointId> inserted = writer.InsertTouchpoint(touchpoint);
      if (!inserted.ok()) return inserted.status();
      id = *inserted;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return id;
  }

  // A customer named `name`, expected to be inserted; 0 if it was not.
  CustomerId NewCustomerId(const std::string& name) {
    absl::StatusOr<CustomerId> id = InsertCustomer(NewCustomer(name));
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  // A touchpoint named `name`, expected to be inserted; 0 if it was not.
  TouchpointId NewTouchpoint(const std::string& name) {
    Touchpoint touchpoint;
    touchpoint.display_name = name;
    absl::StatusOr<TouchpointId> id = InsertTouchpoint(touchpoint);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }

  // Runs one reader call in its own read transaction.
  template <typename T, typename Fn>
  absl::StatusOr<T> Read(Fn fn) {
    std::optional<absl::StatusOr<T>> result;
    absl::Status status = store_->Read([&](StoreReader& reader) -> absl::Status {
      result.emplace(fn(reader));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return *std::move(result);
  }

  // Runs one reader call in a write transaction that first brings the counts of `segment` to
  // `now`, as a figure filtered by a segment does.
  template <typename T, typename Fn>
  absl::StatusOr<T> ReadSegmentCounts(SegmentId segment, absl::Time now, Fn fn) {
    std::optional<absl::StatusOr<T>> result;
    absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(const Segment saved, writer.GetSegment(segment));
      CXHUB_RETURN_IF_ERROR(writer.RefreshSegmentCounts(saved, now));
      result.emplace(fn(writer));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return *std::move(result);
  }

  // A saved segment of `conditions`, expected to be inserted; 0 if it was not.
  SegmentId NewSegment(const std::vector<SegmentCondition>& conditions) {
    Segment segment;
    segment.display_name = "segment";
    segment.conditions = conditions;
    SegmentId id = 0;
    const absl::Status status = store_->Write([&](StoreWriter& w) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(id, w.InsertSegment(segment));
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return id;
  }

  // The condition "tagged `tag`" (attribute "tag"), and tagging a customer with it.
  static SegmentCondition Tagged(const std::string& tag) {
    SegmentCondition condition;
    condition.kind = SegmentConditionKind::kAttribute;
    condition.attribute_key = "tag";
    condition.attribute_value = tag;
    return condition;
  }
  void Tag(CustomerId id, const std::string& tag) {
    const absl::Status status = store_->Write([&](StoreWriter& w) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(Customer customer, w.GetCustomer(id));
      customer.attributes["tag"] = tag;
      return w.UpdateCustomer(customer);
    });
    EXPECT_TRUE(status.ok()) << status;
  }

  absl::StatusOr<Customer> GetCustomer(CustomerId id) {
    return Read<Customer>([&](StoreReader& r) { return r.GetCustomer(id); });
  }
  absl::StatusOr<CustomerId> Resolve(CustomerId id) {
    return Read<CustomerId>([&](StoreReader& r) { return r.ResolveCustomerId(id); });
  }
  absl::StatusOr<Interaction> GetInteraction(InteractionId id) {
    return Read<Interaction>([&](StoreReader& r) { return r.GetInteraction(id); });
  }
  absl::StatusOr<std::optional<CustomerId>> Find(const Identity& identity) {
    return Read<std::optional<CustomerId>>(
        [&](StoreReader& r) { return r.FindCustomerByIdentity(identity); });
  }
  absl::StatusOr<std::vector<Interaction>> List(const InteractionFilter& filter,
                                                const std::optional<InteractionCursor>& after,
                                                int limit) {
    return Read<std::vector<Interaction>>(
        [&](StoreReader& r) { return r.ListInteractions(filter, after, limit); });
  }
  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) { return store_->Write(fn); }

  // Every interaction in the store, by id.
  absl::StatusOr<std::vector<Interaction>> AllInteractions() {
    return Read<std::vector<Interaction>>(
        [](StoreReader& r) { return r.ListInteractionsSince(0, 0, 100000); });
  }

  // Drops `tables` and runs migration `version` again, as on a database that has what the
  // migration reads but not what it builds.
  absl::Status RerunMigration(int version, const std::vector<std::string>& tables) {
    const Migration* found = nullptr;
    for (const Migration& migration : backend_->dialect().migrations) {
      if (migration.version == version) found = &migration;
    }
    if (found == nullptr) return absl::NotFoundError(absl::StrCat("no migration ", version));
    absl::StatusOr<std::unique_ptr<Connection>> connection = backend_->Connect();
    if (!connection.ok()) return connection.status();
    for (const std::string& table : tables) {
      absl::Status dropped = (*connection)->Execute(absl::StrCat("DROP TABLE ", table));
      if (!dropped.ok()) return dropped;
    }
    return (*connection)->ExecuteScript(found->sql);
  }

  const ::cxhub::test::TempDir temp_dir_{"store"};  // Outlives the stores on its files.
  // Where the backend's files are; a test may make other databases under it.
  const std::string directory_ = temp_dir_.path();
  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

// Names each instantiation after its backend: Backends/StoreConformanceTest.X/sqlite.
inline std::string BackendName(const ::testing::TestParamInfo<BackendFactory>& param_info) {
  return param_info.param.name;
}

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_STORAGE_STORE_CONFORMANCE_FIXTURE_H_
