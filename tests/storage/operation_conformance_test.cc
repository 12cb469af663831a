// The operations table on every backend (store_backends.cc): what core's resumable runner
// relies on to resume after a restart and to let a cancel request and progress meet.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/operation.h"
#include "server/core/store.h"
#include "tests/storage/backend_test.h"

namespace cxhub::testing {
namespace {

absl::Time T(int64_t seconds) {
  return absl::FromUnixSeconds(1700000000 + seconds) + absl::Microseconds(7);
}

class OperationConformanceTest : public BackendTest {
 protected:
  OperationId Insert(const Operation& operation) {
    OperationId id = 0;
    const absl::Status status = store().Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<OperationId> inserted = writer.InsertOperation(operation);
      if (inserted.ok()) id = *inserted;
      return inserted.status();
    });
    EXPECT_TRUE(status.ok()) << status;
    return id;
  }

  absl::Status Update(OperationId id, const OperationUpdate& update) {
    return store().Write([&](StoreWriter& writer) { return writer.UpdateOperation(id, update); });
  }

  absl::StatusOr<Operation> Get(OperationId id) {
    absl::StatusOr<Operation> got = absl::UnknownError("not read");
    const absl::Status status = store().Read([&](StoreReader& reader) {
      got = reader.GetOperation(id);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return got;
  }

  std::vector<OperationId> ListIds(const OperationFilter& filter, OperationId after_id, int limit) {
    std::vector<OperationId> ids;
    const absl::Status status = store().Read([&](StoreReader& reader) -> absl::Status {
      absl::StatusOr<std::vector<Operation>> listed =
          reader.ListOperations(filter, after_id, limit);
      if (!listed.ok()) return listed.status();
      for (const Operation& operation : *listed) ids.push_back(operation.id);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return ids;
  }

  static Operation Running(const std::string& kind) {
    Operation operation;
    operation.kind = kind;
    operation.cursor = std::string("\0\xffstart", 7);
    operation.total = 1000;
    operation.create_time = T(1);
    operation.update_time = T(1);
    return operation;
  }
};

TEST_P(OperationConformanceTest, RoundTripsEveryFieldAndSurvivesReopen) {
  Operation operation = Running("reassign_touchpoints");
  operation.processed = 10;
  operation.changed = 3;
  const OperationId id = Insert(operation);
  ASSERT_GT(id, 0);
  Reopen();
  absl::StatusOr<Operation> got = Get(id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->kind, "reassign_touchpoints");
  EXPECT_EQ(got->state, OperationState::kRunning);
  EXPECT_FALSE(got->done());
  EXPECT_EQ(got->cursor, operation.cursor);
  EXPECT_EQ(got->processed, 10);
  EXPECT_EQ(got->total, 1000);
  EXPECT_EQ(got->changed, 3);
  EXPECT_TRUE(got->error.ok());
  EXPECT_FALSE(got->cancel_requested);
  EXPECT_EQ(got->create_time, T(1));
  EXPECT_EQ(got->update_time, T(1));
}

TEST_P(OperationConformanceTest, UpdateSetsOnlyWhatItCarries) {
  const OperationId id = Insert(Running("reassign_touchpoints"));
  OperationUpdate cancel;
  cancel.cancel_requested = true;
  cancel.update_time = T(2);
  ASSERT_TRUE(Update(id, cancel).ok());
  OperationUpdate progress;
  progress.cursor = "500";
  progress.processed = 500;
  progress.changed = 42;
  progress.update_time = T(3);
  ASSERT_TRUE(Update(id, progress).ok());
  absl::StatusOr<Operation> got = Get(id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->cancel_requested) << "a progress update must not undo a cancel request";
  EXPECT_EQ(got->cursor, "500");
  EXPECT_EQ(got->processed, 500);
  EXPECT_EQ(got->changed, 42);
  EXPECT_EQ(got->total, 1000);
  EXPECT_EQ(got->update_time, T(3));

  OperationUpdate cancelled;
  cancelled.state = OperationState::kCancelled;
  cancelled.error = absl::CancelledError("cancelled on request");
  cancelled.update_time = T(4);
  ASSERT_TRUE(Update(id, cancelled).ok());
  got = Get(id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->done());
  EXPECT_EQ(got->state, OperationState::kCancelled);
  EXPECT_EQ(got->error, absl::CancelledError("cancelled on request"));
  EXPECT_EQ(got->cursor, "500");
}

TEST_P(OperationConformanceTest, ListFiltersByKindAndDoneAndPages) {
  const OperationId a = Insert(Running("reassign_touchpoints"));
  const OperationId b = Insert(Running("export"));
  const OperationId c = Insert(Running("reassign_touchpoints"));
  OperationUpdate succeeded;
  succeeded.state = OperationState::kSucceeded;
  succeeded.update_time = T(5);
  ASSERT_TRUE(Update(a, succeeded).ok());

  EXPECT_EQ(ListIds({}, 0, 10), (std::vector<OperationId>{a, b, c}));
  EXPECT_EQ(ListIds({}, a, 1), (std::vector<OperationId>{b}));
  EXPECT_EQ(ListIds({"reassign_touchpoints", std::nullopt}, 0, 10),
            (std::vector<OperationId>{a, c}));
  EXPECT_EQ(ListIds({"", false}, 0, 10), (std::vector<OperationId>{b, c}));
  EXPECT_EQ(ListIds({"", true}, 0, 10), (std::vector<OperationId>{a}));
}

TEST_P(OperationConformanceTest, UnknownOperationsAreNotFound) {
  EXPECT_EQ(Get(99).status().code(), absl::StatusCode::kNotFound);
  OperationUpdate update;
  update.update_time = T(1);
  EXPECT_EQ(Update(99, update).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().Write([](StoreWriter& writer) { return writer.DeleteOperation(99); }).code(),
            absl::StatusCode::kNotFound);

  const OperationId id = Insert(Running("export"));
  ASSERT_TRUE(store().Write([&](StoreWriter& writer) { return writer.DeleteOperation(id); }).ok());
  EXPECT_EQ(Get(id).status().code(), absl::StatusCode::kNotFound);
}

CXHUB_INSTANTIATE_BACKEND_TEST(OperationConformanceTest);

}  // namespace
}  // namespace cxhub::testing
