#include "server/core/record_group_committer.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

// The real store, whose first write transaction waits until the test opens the gate, so that
// the callers that come meanwhile queue for one group. Counts write transactions.
class GatedStore final : public Store {
 public:
  explicit GatedStore(Store& store) : store_(store) {}
  absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    return store_.Read(fn);
  }
  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    {
      absl::MutexLock lock(&mu_);
      if (++writes_ == 1) {
        first_entered_ = true;
        mu_.Await(absl::Condition(&open_));
      }
      if (writes_ == failing_write_) return absl::UnavailableError("the store went away");
    }
    return store_.Write(fn);
  }
  // Write number `n` (from 1) fails without running.
  void FailWrite(int n) {
    absl::MutexLock lock(&mu_);
    failing_write_ = n;
  }
  void AwaitFirstWrite() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&first_entered_));
  }
  void Open() {
    absl::MutexLock lock(&mu_);
    open_ = true;
  }
  int writes() {
    absl::MutexLock lock(&mu_);
    return writes_;
  }

 private:
  Store& store_;
  absl::Mutex mu_;
  int writes_ ABSL_GUARDED_BY(mu_) = 0;
  bool first_entered_ ABSL_GUARDED_BY(mu_) = false;
  bool open_ ABSL_GUARDED_BY(mu_) = false;
  int failing_write_ ABSL_GUARDED_BY(mu_) = 0;
};

class RecordGroupCommitterTest : public ::testing::Test {
 protected:
  // Starts one caller per request, the first alone (its transaction held at the gate) and the
  // others once it is held; opens the gate when they all queued; returns each one's result.
  std::vector<absl::StatusOr<RecordResult>> RecordConcurrently(
      const std::vector<RecordRequest>& requests) {
    std::vector<absl::StatusOr<RecordResult>> results(requests.size(),
                                                      absl::UnknownError("not run"));
    std::vector<std::thread> callers;
    auto call = [&](size_t i) { results[i] = committer_.Record(requests[i]); };
    callers.emplace_back(call, 0);
    gated_.AwaitFirstWrite();
    for (size_t i = 1; i < requests.size(); ++i) callers.emplace_back(call, i);
    while (committer_.queued() < static_cast<int>(requests.size()) - 1) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    gated_.Open();
    for (std::thread& caller : callers) caller.join();
    return results;
  }

  absl::StatusOr<Interaction> Stored(InteractionId id) {
    absl::StatusOr<Interaction> found = absl::UnknownError("not read");
    absl::Status status = db_.store().Read([&](StoreReader& reader) -> absl::Status {
      found = reader.GetInteraction(id);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return found;
  }

  // RecordAsync of `request`, whose answer goes to `answers[i]`, noting in it whether the
  // record was in the store when the answer came.
  struct Answer {
    absl::StatusOr<RecordResult> result = absl::UnknownError("not answered");
    bool stored_when_answered = false;
    std::thread::id thread;
  };
  RecordGroupCommitter::Done AnswerTo(Answer& answer, absl::Notification& answered) {
    return [this, &answer, &answered](absl::StatusOr<RecordResult> result) {
      answer.stored_when_answered = result.ok() && Stored(result->interaction.id).ok();
      answer.thread = std::this_thread::get_id();
      answer.result = std::move(result);
      answered.Notify();
    };
  }

  RecordRequest FirstOfTheGate() { return RecordFor("first", {Email("rui@example.pt")}); }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionRecorder recorder_{normalizer_, clock_, ConflictPolicy::kMerge, RecordLimits()};
  GatedStore gated_{db_.store()};
  RecordGroupCommitter committer_{
      gated_, [this](StoreWriter& writer, absl::Span<const RecordRequest* const> requests) {
        return recorder_.RecordAll(writer, requests);
      }};
};

TEST_F(RecordGroupCommitterTest, ConcurrentCallersShareOneTransactionAndEachGetsItsOwnResult) {
  std::vector<RecordRequest> requests;
  for (int i = 0; i < 12; ++i) {
    requests.push_back(RecordFor("m" + std::to_string(i), {Email("ana@example.pt")}));
  }
  std::vector<absl::StatusOr<RecordResult>> results = RecordConcurrently(requests);

  EXPECT_EQ(gated_.writes(), 2);  // The first alone, then the eleven that queued behind it.
  const GroupCommitStatistics statistics = committer_.statistics();
  EXPECT_EQ(statistics.transactions, 2);
  EXPECT_EQ(statistics.records, 12);
  EXPECT_EQ(statistics.queued, 0);
  CustomerId ana = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    EXPECT_EQ(results[i]->interaction.external_id, requests[i].interaction.external_id);
    absl::StatusOr<Interaction> stored = Stored(results[i]->interaction.id);
    ASSERT_TRUE(stored.ok()) << stored.status();  // Committed before the caller was answered.
    EXPECT_EQ(stored->external_id, requests[i].interaction.external_id);
    if (ana == 0) ana = results[i]->interaction.customer_id;
    EXPECT_EQ(results[i]->interaction.customer_id, ana) << "one customer for one email";
  }
}

TEST_F(RecordGroupCommitterTest, OneBadItemFailsAloneAndTheOthersCommit) {
  RecordRequest unknown_customer = RecordFor("bad", {});
  unknown_customer.interaction.customer_id = 987654;
  const std::vector<RecordRequest> requests = {
      RecordFor("first", {Email("rui@example.pt")}), RecordFor("good-1", {Email("rui@example.pt")}),
      unknown_customer, RecordFor("good-2", {Email("marta@example.pt")})};
  std::vector<absl::StatusOr<RecordResult>> results = RecordConcurrently(requests);

  EXPECT_EQ(gated_.writes(), 2);
  EXPECT_EQ(results[2].status().code(), absl::StatusCode::kNotFound) << results[2].status();
  for (size_t i : {0u, 1u, 3u}) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    EXPECT_TRUE(Stored(results[i]->interaction.id).ok());
  }
}

TEST_F(RecordGroupCommitterTest, RecordsByIdShareOneBulkTransactionAndABadOneFailsAlone) {
  const CustomerId ana = db_.InsertCustomerNamed("Ana");
  auto by_id = [&](const std::string& external_id, CustomerId customer) {
    RecordRequest request = RecordFor(external_id, {});
    request.interaction.customer_id = customer;
    return request;
  };
  RecordRequest no_channel = by_id("no-channel", ana);
  no_channel.interaction.channel.clear();
  const std::vector<RecordRequest> requests = {
      by_id("first", ana),  by_id("second", ana), by_id("unknown", 987654),
      by_id("second", ana), no_channel,           by_id("third", ana)};
  std::vector<const RecordRequest*> queued;
  for (size_t i = 1; i < requests.size(); ++i) queued.push_back(&requests[i]);
  ASSERT_TRUE(InteractionRecorder::QualifiesForBulk(queued));
  std::vector<absl::StatusOr<RecordResult>> results = RecordConcurrently(requests);

  EXPECT_EQ(gated_.writes(), 2);
  EXPECT_EQ(results[2].status().code(), absl::StatusCode::kNotFound) << results[2].status();
  EXPECT_EQ(results[4].status().code(), absl::StatusCode::kInvalidArgument) << results[4].status();
  for (size_t i : {0u, 1u, 3u, 5u}) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    EXPECT_EQ(results[i]->interaction.customer_id, ana);
    absl::StatusOr<Interaction> stored = Stored(results[i]->interaction.id);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->external_id, requests[i].interaction.external_id);
  }
  // The same key twice in the group (which of them queued first is up to the threads).
  EXPECT_NE(results[1]->already_recorded, results[3]->already_recorded);
  EXPECT_EQ(results[3]->interaction.id, results[1]->interaction.id);
}

TEST_F(RecordGroupCommitterTest, TheSameRecordTwiceInOneGroupIsRecordedOnce) {
  const std::vector<RecordRequest> requests = {RecordFor("first", {Email("rui@example.pt")}),
                                               RecordFor("twice", {Email("rui@example.pt")}),
                                               RecordFor("twice", {Email("rui@example.pt")})};
  std::vector<absl::StatusOr<RecordResult>> results = RecordConcurrently(requests);
  ASSERT_TRUE(results[1].ok() && results[2].ok());
  EXPECT_EQ(results[1]->interaction.id, results[2]->interaction.id);
  EXPECT_NE(results[1]->already_recorded, results[2]->already_recorded);
}

TEST_F(RecordGroupCommitterTest, AnAsyncCallerIsAnsweredOnAnotherThreadOnceItsRecordCommitted) {
  gated_.Open();
  const RecordRequest request = RecordFor("async", {Email("rui@example.pt")});
  Answer answer;
  absl::Notification answered;
  committer_.RecordAsync(request, absl::InfiniteFuture(), AnswerTo(answer, answered));
  ASSERT_TRUE(answered.WaitForNotificationWithTimeout(absl::Seconds(30)));
  ASSERT_TRUE(answer.result.ok()) << answer.result.status();
  EXPECT_TRUE(answer.stored_when_answered);
  EXPECT_NE(answer.thread, std::this_thread::get_id());
}

TEST_F(RecordGroupCommitterTest, WhenTheGroupCannotCommitEachCallerIsRecordedAlone) {
  gated_.FailWrite(2);  // The group behind the first caller.
  std::vector<RecordRequest> requests = {FirstOfTheGate()};
  for (int i = 0; i < 4; ++i) {
    requests.push_back(RecordFor("alone-" + std::to_string(i), {Email("rui@example.pt")}));
  }
  std::vector<absl::StatusOr<RecordResult>> results = RecordConcurrently(requests);

  EXPECT_EQ(gated_.writes(), 2 + 4);  // The first, the failed group, then one each.
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
    EXPECT_TRUE(Stored(results[i]->interaction.id).ok());
  }
}

TEST_F(RecordGroupCommitterTest, DestroyingTheCommitterFirstAnswersEveryQueuedCaller) {
  auto committer = std::make_unique<RecordGroupCommitter>(
      gated_, [this](StoreWriter& writer, absl::Span<const RecordRequest* const> requests) {
        return recorder_.RecordAll(writer, requests);
      });
  std::vector<RecordRequest> requests = {FirstOfTheGate()};
  for (int i = 0; i < 3; ++i) {
    requests.push_back(RecordFor("queued-" + std::to_string(i), {Email("rui@example.pt")}));
  }
  std::vector<Answer> answers(requests.size());
  std::vector<absl::Notification> answered(requests.size());
  committer->RecordAsync(requests[0], absl::InfiniteFuture(), AnswerTo(answers[0], answered[0]));
  gated_.AwaitFirstWrite();
  for (size_t i = 1; i < requests.size(); ++i) {
    committer->RecordAsync(requests[i], absl::InfiniteFuture(), AnswerTo(answers[i], answered[i]));
  }
  std::thread destroyer([&] { committer.reset(); });
  absl::SleepFor(absl::Milliseconds(50));  // Let the destructor start waiting.
  gated_.Open();
  destroyer.join();

  for (size_t i = 0; i < requests.size(); ++i) {
    EXPECT_TRUE(answered[i].HasBeenNotified()) << i;
    ASSERT_TRUE(answers[i].result.ok()) << i << ": " << answers[i].result.status();
    EXPECT_TRUE(answers[i].stored_when_answered) << i;
  }
  EXPECT_EQ(gated_.writes(), 2);
}

}  // namespace
}  // namespace cxhub
