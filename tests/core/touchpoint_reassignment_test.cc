#include "server/core/touchpoint_reassignment.h"

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
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/manual_clock.h"
#include "server/core/operation_runner.h"
#include "server/core/touchpoint_assigner.h"
#include "server/core/touchpoint_catalog.h"
#include "server/core/touchpoint_rule_catalog.h"
#include "tests/core/test_env.h"
#include "tests/storage/backend_test.h"

namespace cxhub {
namespace {

// The reassignment, until a batch would start past stall_after: that batch fails UNAVAILABLE
// as if the database had gone away, which holds the worker between two batches (it sleeps on
// the manual clock before trying again).
class StallingReassignment final : public ResumableWork {
 public:
  explicit StallingReassignment(const TouchpointAssigner& assigner) : work_(assigner, 2) {}

  absl::StatusOr<int64_t> Total(StoreReader& reader) override { return work_.Total(reader); }
  absl::StatusOr<bool> RunBatch(StoreWriter& writer, OperationProgress& progress) override {
    int64_t after = 0;
    if (!progress.cursor.empty() && !absl::SimpleAtoi(progress.cursor, &after)) {
      return absl::InternalError("bad cursor");
    }
    if (after >= stall_after.load()) return absl::UnavailableError("database gone");
    return work_.RunBatch(writer, progress);
  }

  std::atomic<int64_t> stall_after{std::numeric_limits<int64_t>::max()};

 private:
  TouchpointReassignment work_;
};

class TouchpointReassignmentTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    Open();
    email_desk_ = MustCreateTouchpoint("Email desk");
    support_ = MustCreateTouchpoint("Support");
    email_rule_ = MustCreateRule(email_desk_, "email");
  }
  void TearDown() override {
    Close();
    BackendTest::TearDown();
  }

  // What a server holds over the store; Close() and Open() around Reopen() restart it.
  void Open() {
    log_ = std::make_unique<InteractionLog>(store(), normalizer_, clock_, feed_,
                                            ConflictPolicy::kMerge);
    touchpoints_ = std::make_unique<TouchpointCatalog>(store(), clock_);
    rules_ = std::make_unique<TouchpointRuleCatalog>(store(), clock_);
    runner_ = std::make_unique<OperationRunner>(store(), clock_);
    runner_->Register(kReassignTouchpointsKind, work_);
  }
  void Close() {
    runner_.reset();
    rules_.reset();
    touchpoints_.reset();
    log_.reset();
  }

  TouchpointId MustCreateTouchpoint(const std::string& name) {
    Touchpoint touchpoint;
    touchpoint.display_name = name;
    touchpoint.stage = JourneyStage::kService;
    absl::StatusOr<Touchpoint> created = touchpoints_->Create(touchpoint);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  TouchpointRuleId MustCreateRule(TouchpointId touchpoint, const std::string& channel) {
    TouchpointRule rule;
    rule.touchpoint_id = touchpoint;
    rule.channels = {channel};
    absl::StatusOr<TouchpointRule> created = rules_->Create(rule);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  // An email from ana@example.pt; `touchpoint` given by the caller unless 0.
  Interaction MustRecord(const std::string& external_id, TouchpointId touchpoint = 0) {
    RecordRequest request = RecordFor(external_id, {Email("ana@example.pt")}, "Ana");
    request.interaction.touchpoint_id = touchpoint;
    absl::StatusOr<RecordResult> recorded = log_->Record(request);
    EXPECT_TRUE(recorded.ok()) << recorded.status();
    return recorded.ok() ? recorded->interaction : Interaction();
  }

  Interaction MustGet(InteractionId id) {
    absl::StatusOr<Interaction> interaction = absl::UnknownError("not read");
    EXPECT_TRUE(store()
                    .Read([&](StoreReader& reader) {
                      interaction = reader.GetInteraction(id);
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_TRUE(interaction.ok()) << interaction.status();
    return interaction.ok() ? *interaction : Interaction();
  }

  // Email now belongs to Support instead of the Email desk.
  TouchpointRuleId MoveEmailToSupport() {
    EXPECT_TRUE(rules_->Delete(email_desk_, email_rule_).ok());
    return MustCreateRule(support_, "email");
  }

  Operation MustStart() {
    absl::StatusOr<Operation> started = runner_->Start(kReassignTouchpointsKind);
    EXPECT_TRUE(started.ok()) << started.status();
    return started.ok() ? *started : Operation();
  }

  Operation MustWait(OperationId id) {
    absl::StatusOr<Operation> done = runner_->Wait(id, absl::Hours(1));
    EXPECT_TRUE(done.ok()) << done.status();
    return done.ok() ? *done : Operation();
  }

  // Returns once the worker sleeps on the clock: it stalled.
  void AwaitStall() {
    const absl::Time give_up = absl::Now() + absl::Seconds(20);
    while (clock_.sleepers() < 1 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(2));
    ASSERT_GE(clock_.sleepers(), 1);
  }

  ManualClock clock_{absl::FromUnixSeconds(1788771600)};
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionFeed feed_;
  TouchpointAssigner assigner_{normalizer_};
  StallingReassignment work_{assigner_};
  std::unique_ptr<InteractionLog> log_;
  std::unique_ptr<TouchpointCatalog> touchpoints_;
  std::unique_ptr<TouchpointRuleCatalog> rules_;
  std::unique_ptr<OperationRunner> runner_;
  TouchpointId email_desk_ = 0;
  TouchpointId support_ = 0;
  TouchpointRuleId email_rule_ = 0;
};

TEST_P(TouchpointReassignmentTest, MovesRuleAssignedInteractionsAndLeavesExplicitOnesAlone) {
  std::vector<InteractionId> by_rule;
  for (int i = 0; i < 5; ++i) by_rule.push_back(MustRecord(absl::StrCat("m", i)).id);
  const Interaction explicit_one = MustRecord("explicit", email_desk_);
  ASSERT_EQ(MustGet(by_rule[0]).touchpoint_id, email_desk_);
  const TouchpointRuleId support_rule = MoveEmailToSupport();

  const Operation started = MustStart();
  EXPECT_EQ(started.total, explicit_one.id);
  const Operation done = MustWait(started.id);
  EXPECT_EQ(done.state, OperationState::kSucceeded);
  EXPECT_EQ(done.processed, done.total);
  EXPECT_EQ(done.changed, 5);
  for (InteractionId id : by_rule) {
    EXPECT_EQ(MustGet(id).touchpoint_id, support_);
    EXPECT_EQ(MustGet(id).touchpoint_rule_id, support_rule);
  }
  EXPECT_EQ(MustGet(explicit_one.id).touchpoint_id, email_desk_);
  EXPECT_EQ(MustGet(explicit_one.id).touchpoint_rule_id, 0);

  // Once more changes nothing.
  EXPECT_EQ(MustWait(MustStart().id).changed, 0);
}

TEST_P(TouchpointReassignmentTest, InteractionsNoRuleMatchesAnyMoreLoseTheirTouchpoint) {
  const Interaction recorded = MustRecord("m1");
  ASSERT_TRUE(rules_->Delete(email_desk_, email_rule_).ok());
  EXPECT_EQ(MustWait(MustStart().id).changed, 1);
  EXPECT_EQ(MustGet(recorded.id).touchpoint_id, 0);
  EXPECT_EQ(MustGet(recorded.id).touchpoint_rule_id, 0);
}

TEST_P(TouchpointReassignmentTest, ResumesAfterARestartWhereTheLastBatchCommitted) {
  std::vector<InteractionId> ids;
  for (int i = 0; i < 9; ++i) ids.push_back(MustRecord(absl::StrCat("m", i)).id);
  MoveEmailToSupport();
  work_.stall_after = ids[3];  // Batches of 2: the first two commit, the third stalls.
  const Operation started = MustStart();
  AwaitStall();
  Close();  // The server stops...
  Reopen();
  Open();  // ...and starts again on the same database.
  absl::StatusOr<Operation> halfway = runner_->Get(started.id);
  ASSERT_TRUE(halfway.ok()) << halfway.status();
  EXPECT_FALSE(halfway->done());
  EXPECT_EQ(halfway->processed, ids[3]);
  EXPECT_EQ(halfway->changed, 4);
  EXPECT_EQ(MustGet(ids[3]).touchpoint_id, support_);
  EXPECT_EQ(MustGet(ids[4]).touchpoint_id, email_desk_) << "past the cursor: not yet moved";

  work_.stall_after = std::numeric_limits<int64_t>::max();
  ASSERT_TRUE(runner_->ResumeUnfinished().ok());
  const Operation done = MustWait(started.id);
  EXPECT_EQ(done.state, OperationState::kSucceeded);
  EXPECT_EQ(done.processed, done.total);
  EXPECT_EQ(done.changed, 9);
  for (InteractionId id : ids) EXPECT_EQ(MustGet(id).touchpoint_id, support_);
}

TEST_P(TouchpointReassignmentTest, CancelStopsBetweenBatchesAndKeepsWhatCommitted) {
  std::vector<InteractionId> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(MustRecord(absl::StrCat("m", i)).id);
  MoveEmailToSupport();
  work_.stall_after = ids[1];
  const Operation started = MustStart();
  AwaitStall();
  ASSERT_TRUE(runner_->Cancel(started.id).ok());
  clock_.Advance(absl::Seconds(1));
  const Operation done = MustWait(started.id);
  EXPECT_EQ(done.state, OperationState::kCancelled);
  EXPECT_EQ(done.error.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(done.changed, 2);
  EXPECT_EQ(MustGet(ids[1]).touchpoint_id, support_);
  EXPECT_EQ(MustGet(ids[2]).touchpoint_id, email_desk_);
}

TEST_P(TouchpointReassignmentTest, RunsWhileInteractionsAreRecorded) {
  std::vector<InteractionId> before;
  for (int i = 0; i < 40; ++i) before.push_back(MustRecord(absl::StrCat("before", i)).id);
  MoveEmailToSupport();
  std::atomic<bool> recorder_failed{false};
  std::thread recorder([&]() {
    for (int i = 0; i < 40; ++i) {
      RecordRequest request = RecordFor(absl::StrCat("during", i), {Email("rui@example.pt")});
      if (!log_->Record(request).ok()) recorder_failed = true;
    }
  });
  const Operation started = MustStart();
  const Operation done = MustWait(started.id);
  recorder.join();
  EXPECT_FALSE(recorder_failed);
  EXPECT_EQ(done.state, OperationState::kSucceeded) << done.error;
  EXPECT_EQ(done.processed, done.total);
  for (InteractionId id : before) EXPECT_EQ(MustGet(id).touchpoint_id, support_);
  // Whatever was recorded meanwhile followed the new rule from the start.
  absl::StatusOr<std::vector<Interaction>> later = absl::UnknownError("not read");
  ASSERT_TRUE(store()
                  .Read([&](StoreReader& reader) {
                    later = reader.ListInteractionsSince(before.back(), 0, 1000);
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ(later->size(), 40u);
  for (const Interaction& interaction : *later) EXPECT_EQ(interaction.touchpoint_id, support_);
}

CXHUB_INSTANTIATE_BACKEND_TEST(TouchpointReassignmentTest);

}  // namespace
}  // namespace cxhub
