#include "server/core/operation_runner.h"

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/manual_clock.h"
#include "tests/storage/backend_test.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;

constexpr char kCounting[] = "counting";

// Counts to 50 in batches of 10. A batch starting at or past stall_from fails UNAVAILABLE, as
// if the database had gone away, so a test can hold the worker between two batches.
class CountingWork final : public ResumableWork {
 public:
  absl::StatusOr<int64_t> Total(StoreReader&) override { return 50; }

  absl::StatusOr<bool> RunBatch(StoreWriter&, OperationProgress& progress) override {
    int64_t from = 0;
    if (!progress.cursor.empty() && !absl::SimpleAtoi(progress.cursor, &from)) {
      return absl::InternalError("bad cursor");
    }
    if (from >= stall_from.load()) return absl::UnavailableError("database gone");
    {
      absl::MutexLock lock(&mu_);
      batch_starts_.push_back(from);
    }
    const int64_t to = std::min<int64_t>(from + 10, progress.total);
    progress.cursor = absl::StrCat(to);
    progress.processed = to;
    progress.changed += 1;
    return to >= progress.total;
  }

  std::vector<int64_t> batch_starts() {
    absl::MutexLock lock(&mu_);
    return batch_starts_;
  }

  std::atomic<int64_t> stall_from{std::numeric_limits<int64_t>::max()};

 private:
  absl::Mutex mu_;
  std::vector<int64_t> batch_starts_ ABSL_GUARDED_BY(mu_);
};

class OperationRunnerTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    StartRunner();
  }
  void TearDown() override {
    runner_.reset();
    BackendTest::TearDown();
  }

  void StartRunner() {
    runner_ = std::make_unique<OperationRunner>(store(), clock_);
    runner_->Register(kCounting, work_);
  }

  // Returns once `count` threads sleep on the clock (a stalled worker, a waiting Wait).
  void AwaitSleepers(int count) {
    const absl::Time give_up = absl::Now() + absl::Seconds(20);
    while (clock_.sleepers() < count && absl::Now() < give_up)
      absl::SleepFor(absl::Milliseconds(2));
    ASSERT_GE(clock_.sleepers(), count);
  }

  Operation MustStart() {
    absl::StatusOr<Operation> started = runner_->Start(kCounting);
    EXPECT_TRUE(started.ok()) << started.status();
    return started.ok() ? *started : Operation();
  }

  Operation MustWait(OperationId id) {
    absl::StatusOr<Operation> waited = runner_->Wait(id, absl::Hours(1));
    EXPECT_TRUE(waited.ok()) << waited.status();
    return waited.ok() ? *waited : Operation();
  }

  // The operation succeeded, and each batch committed exactly once.
  void ExpectEveryBatchRanOnce(const Operation& done) {
    EXPECT_EQ(done.state, OperationState::kSucceeded);
    EXPECT_TRUE(done.error.ok());
    EXPECT_EQ(done.processed, 50);
    EXPECT_EQ(done.changed, 5);
    EXPECT_THAT(work_.batch_starts(), ElementsAre(0, 10, 20, 30, 40));
  }

  ManualClock clock_{absl::FromUnixSeconds(1788771600)};
  CountingWork work_;
  std::unique_ptr<OperationRunner> runner_;
};

TEST_P(OperationRunnerTest, RunsEveryBatchToTheEnd) {
  const Operation started = MustStart();
  EXPECT_EQ(started.total, 50);
  EXPECT_FALSE(started.done());
  const Operation done = MustWait(started.id);
  ExpectEveryBatchRanOnce(done);
}

TEST_P(OperationRunnerTest, ResumesAfterARestartFromTheLastCommittedBatch) {
  work_.stall_from = 30;
  const Operation started = MustStart();
  AwaitSleepers(1);
  runner_.reset();  // The server stops...
  Reopen();         // ...and starts again on the same database.
  work_.stall_from = std::numeric_limits<int64_t>::max();
  StartRunner();
  ASSERT_TRUE(runner_->ResumeUnfinished().ok());
  const Operation done = MustWait(started.id);
  ExpectEveryBatchRanOnce(done);
}

TEST_P(OperationRunnerTest, CancelStopsBeforeTheNextBatch) {
  work_.stall_from = 20;
  const Operation started = MustStart();
  AwaitSleepers(1);
  absl::StatusOr<Operation> cancelling = runner_->Cancel(started.id);
  ASSERT_TRUE(cancelling.ok()) << cancelling.status();
  EXPECT_TRUE(cancelling->cancel_requested);
  EXPECT_FALSE(cancelling->done());
  clock_.Advance(absl::Seconds(1));  // The worker tries again, and finds the request.
  const Operation done = MustWait(started.id);
  EXPECT_EQ(done.state, OperationState::kCancelled);
  EXPECT_EQ(done.error.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(done.processed, 20);
  EXPECT_THAT(work_.batch_starts(), ElementsAre(0, 10));

  // A finished operation stays as it ended.
  absl::StatusOr<Operation> again = runner_->Cancel(started.id);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->state, OperationState::kCancelled);
}

TEST_P(OperationRunnerTest, WaitReturnsTheOperationAsItStandsAtTheTimeout) {
  work_.stall_from = 10;
  const Operation started = MustStart();
  AwaitSleepers(1);
  absl::StatusOr<Operation> waited;
  std::thread waiter([&]() { waited = runner_->Wait(started.id, absl::Seconds(5)); });
  AwaitSleepers(2);
  for (int second = 0; second < 5; ++second) clock_.Advance(absl::Seconds(1));
  waiter.join();
  ASSERT_TRUE(waited.ok()) << waited.status();
  EXPECT_FALSE(waited->done());
  EXPECT_EQ(waited->processed, 10);
  EXPECT_EQ(runner_->Wait(999, absl::Seconds(1)).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(OperationRunnerTest, StopEndsWaitsAndLeavesTheOperationToResume) {
  work_.stall_from = 10;
  const Operation started = MustStart();
  AwaitSleepers(1);
  absl::StatusOr<Operation> waited;
  std::thread waiter([&]() { waited = runner_->Wait(started.id, absl::Hours(1)); });
  AwaitSleepers(2);
  runner_->Stop();
  waiter.join();
  ASSERT_TRUE(waited.ok()) << waited.status();
  EXPECT_FALSE(waited->done());
  EXPECT_EQ(waited->processed, 10);
}

TEST_P(OperationRunnerTest, DeleteRefusesARunningOperationAndForgetsAFinishedOne) {
  work_.stall_from = 10;
  const Operation started = MustStart();
  AwaitSleepers(1);
  EXPECT_EQ(runner_->Delete(started.id).code(), absl::StatusCode::kFailedPrecondition);
  work_.stall_from = std::numeric_limits<int64_t>::max();
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE(MustWait(started.id).done());
  EXPECT_TRUE(runner_->Delete(started.id).ok());
  EXPECT_EQ(runner_->Get(started.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(runner_->Delete(started.id).code(), absl::StatusCode::kNotFound);
}

TEST_P(OperationRunnerTest, ListPagesOperations) {
  const Operation first = MustStart();
  const Operation second = MustStart();
  MustWait(first.id);
  MustWait(second.id);
  absl::StatusOr<OperationPage> page = runner_->List({}, 0, 1);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->operations.size(), 1u);
  EXPECT_EQ(page->operations[0].id, first.id);
  EXPECT_TRUE(page->has_more);
  page = runner_->List({}, first.id, 1);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->operations.size(), 1u);
  EXPECT_EQ(page->operations[0].id, second.id);
  EXPECT_FALSE(page->has_more);
}

CXHUB_INSTANTIATE_BACKEND_TEST(OperationRunnerTest);

}  // namespace
}  // namespace cxhub
