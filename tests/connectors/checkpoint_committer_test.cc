// Exactly-once commits, identity links, corrections and dead-letter retries, on the real store.
#include "server/connectors/checkpoint_committer.h"

#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "cxhub/connector/v1/record.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/dead_letter_queue.h"
#include "server/connectors/read_batches.h"
#include "server/connectors/record_ingester.h"
#include "server/core/clock.h"
#include "tests/connectors/host_fixture.h"
#include "tests/storage/backend_test.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

connector::v1::Record Message(const std::string& id, const std::string& email,
                              const std::string& body = "hello") {
  connector::v1::Record record;
  connector::v1::InteractionRecord& in = *record.mutable_interaction();
  in.set_external_id(id);
  in.set_channel("chat");
  in.set_kind(v1::MESSAGE);
  in.set_direction(v1::INBOUND);
  in.mutable_occur_time()->set_seconds(1772359200);
  v1::Identity& identity = *in.add_customer_identities();
  identity.set_kind(v1::EMAIL);
  identity.set_value(email);
  in.set_body(body);
  return record;
}

// An identity link tying Ana's email to a phone.
connector::v1::Record AnasPhoneLink() {
  connector::v1::Record link;
  v1::Identity* email = link.mutable_identity_link()->add_identities();
  email->set_kind(v1::EMAIL);
  email->set_value("ana@example.com");
  v1::Identity* phone = link.mutable_identity_link()->add_identities();
  phone->set_kind(v1::PHONE);
  phone->set_value("912 345 678");
  return link;
}

class CommitterTest : public HostTest {
 protected:
  void SetUp() override {
    HostTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
    ASSERT_TRUE(normalizer.ok());
    normalizer_.emplace(*std::move(normalizer));
    ingester_.emplace(*normalizer_, SystemClock(), ConflictPolicy::kMerge);
  }

  CheckpointCommitter Committer(const std::string& connector = "chat") {
    return CheckpointCommitter(store(), *ingester_, feed_, connector);
  }
  DeadLetterQueue Queue() { return DeadLetterQueue(store(), *ingester_, feed_); }

  std::optional<IdentityNormalizer> normalizer_;
  std::optional<RecordIngester> ingester_;
  InteractionFeed feed_;
};

TEST_P(CommitterTest, CommitsTheBatchTheCursorAndTheCountersTogether) {
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("a", "ana@example.com").SerializeAsString());
  committer.AddRecord(Message("b", "ANA@example.com ").SerializeAsString());
  committer.AddDeadLetter("line 3: garbage", "\x01\x02");
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("cursor-1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 2);
  EXPECT_EQ(counters->dead_lettered, 1);
  EXPECT_EQ(committer.pending(), 0u);
  EXPECT_EQ(State("chat")->cursor, "cursor-1");
  EXPECT_EQ(State("chat")->counters.records_in, 2);
  std::vector<Interaction> rows = Interactions();
  ASSERT_THAT(rows, SizeIs(2));
  EXPECT_EQ(rows[0].customer_id, rows[1].customer_id);
  EXPECT_EQ(DeadLetters("chat")[0].raw, "\x01\x02");
}

TEST_P(CommitterTest, AReplayedRecordIsSkippedAndChangesNothing) {
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("a", "ana@example.com", "first").SerializeAsString());
  ASSERT_TRUE(committer.Commit("1").ok());
  committer.AddRecord(Message("a", "ana@example.com", "second").SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("2");
  ASSERT_TRUE(counters.ok());
  EXPECT_EQ(counters->skipped, 1);
  ASSERT_THAT(Interactions(), SizeIs(1));
  EXPECT_EQ(Interactions()[0].body, "first");
}

TEST_P(CommitterTest, ReplacesEarlierReplacesTheContentInPlace) {
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("a", "ana@example.com", "typo").SerializeAsString());
  ASSERT_TRUE(committer.Commit("1").ok());
  const Interaction before = Interactions().at(0);

  connector::v1::Record edit = Message("a", "ana@example.com", "fixed");
  edit.mutable_interaction()->set_replaces_earlier(true);
  edit.mutable_interaction()->set_subject("edited");
  committer.AddRecord(edit.SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("2");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 1);
  std::vector<Interaction> rows = Interactions();
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].id, before.id);
  EXPECT_EQ(rows[0].customer_id, before.customer_id);
  EXPECT_EQ(rows[0].body, "fixed");
  EXPECT_EQ(rows[0].subject, "edited");

  // A correction whose original never arrived is recorded as new.
  connector::v1::Record orphan = Message("z", "ana@example.com", "late");
  orphan.mutable_interaction()->set_replaces_earlier(true);
  committer.AddRecord(orphan.SerializeAsString());
  ASSERT_TRUE(committer.Commit("3").ok());
  EXPECT_THAT(Interactions(), SizeIs(2));
}

TEST_P(CommitterTest, AnIdentityLinkAttachesIdentitiesWithoutAnInteraction) {
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("a", "ana@example.com").SerializeAsString());
  committer.AddRecord(AnasPhoneLink().SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 2);
  ASSERT_THAT(Interactions(), SizeIs(1));
  std::optional<CustomerId> owner;
  ASSERT_TRUE(store()
                  .Read([&](StoreReader& reader) -> absl::Status {
                    absl::StatusOr<std::optional<CustomerId>> found =
                        reader.FindCustomerByIdentity({IdentityKind::kPhone, "+351912345678"});
                    if (!found.ok()) return found.status();
                    owner = *found;
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(*owner, Interactions()[0].customer_id);
}

TEST_P(CommitterTest, RecordsAfterALinkInTheSameCheckpointResolveThroughIt) {
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("a", "ana@example.com").SerializeAsString());
  committer.AddRecord(AnasPhoneLink().SerializeAsString());
  // Known by the phone alone, which only the link tied to Ana.
  connector::v1::Record call = Message("b", "unused");
  v1::Identity& caller = *call.mutable_interaction()->mutable_customer_identities(0);
  caller.set_kind(v1::PHONE);
  caller.set_value("+351 912 345 678");
  committer.AddRecord(call.SerializeAsString());
  committer.AddRecord(Message("c", "rui@example.com").SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 4);
  const std::vector<Interaction> rows = Interactions();
  ASSERT_THAT(rows, SizeIs(3));
  EXPECT_EQ(rows[0].external_id, "a");
  EXPECT_EQ(rows[1].external_id, "b");
  EXPECT_EQ(rows[1].customer_id, rows[0].customer_id);
  EXPECT_NE(rows[2].customer_id, rows[0].customer_id);
}

TEST_P(CommitterTest, BadRecordsAreDeadLetteredInTheSameTransaction) {
  CheckpointCommitter committer = Committer();
  connector::v1::Record no_time = Message("t", "ana@example.com");
  no_time.mutable_interaction()->clear_occur_time();
  connector::v1::Record no_identity = Message("i", "ana@example.com");
  no_identity.mutable_interaction()->clear_customer_identities();
  committer.AddRecord(no_time.SerializeAsString());
  committer.AddRecord("\x0a\x05\x0a\x03\xff\xfe\xfd");  // interaction.external_id: bad UTF-8.
  committer.AddRecord(no_identity.SerializeAsString());
  committer.AddRecord(connector::v1::Record().SerializeAsString());
  committer.AddRecord(Message("ok", "ana@example.com").SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 1);
  EXPECT_EQ(counters->dead_lettered, 4);
  std::vector<DeadLetter> dead = DeadLetters();
  ASSERT_THAT(dead, SizeIs(4));
  EXPECT_THAT(dead[0].reason, HasSubstr("interaction.occur_time: required"));
  EXPECT_THAT(dead[1].reason, HasSubstr("UTF-8"));
  EXPECT_EQ(dead[1].raw, "\x0a\x05\x0a\x03\xff\xfe\xfd");
  EXPECT_THAT(dead[2].reason, HasSubstr("interaction.customer_identities"));
  EXPECT_THAT(dead[3].reason, HasSubstr("neither interaction nor identity_link"));
  for (const DeadLetter& d : dead) EXPECT_EQ(d.payload, DeadLetterPayload::kRecord);
  EXPECT_EQ(State("chat")->cursor, "1");
}

TEST_P(CommitterTest, RecordsPreparedBeforeTheCommitAreIngestedAsTheRestAndDropWithTheirMark) {
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("a", "ana@example.com").SerializeAsString());
  committer.AddRecord("\x0a\x05\x0a\x03\xff\xfe\xfd");  // interaction.external_id: bad UTF-8.
  committer.MarkCheckpoint("1");
  committer.AddRecord(Message("c", "rui@example.com").SerializeAsString());
  // What ReadBatches::Settle does while a commit runs: prepare everything there is.
  int prepared = 0;
  while (committer.PrepareNext()) ++prepared;
  EXPECT_EQ(prepared, 3);
  // The plugin's read ended after the mark: "c" goes, prepared or not.
  committer.DropAfterMark();
  committer.AddRecord(Message("d", "eva@example.com").SerializeAsString());  // Not prepared.
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 2);
  EXPECT_EQ(counters->dead_lettered, 1);
  std::vector<std::string> ingested;
  for (const Interaction& row : Interactions()) ingested.push_back(row.external_id);
  EXPECT_THAT(ingested, UnorderedElementsAre("a", "d"));
  ASSERT_THAT(DeadLetters("chat"), SizeIs(1));
  EXPECT_THAT(DeadLetters("chat")[0].reason, HasSubstr("UTF-8"));
  EXPECT_FALSE(committer.PrepareNext()) << "a committed batch holds nothing to prepare";
}

TEST_P(CommitterTest, ASurveyOnAnInteractionThatIsNoSurveyResponseIsDeadLettered) {
  CheckpointCommitter committer = Committer();
  connector::v1::Record message = Message("s1", "ana@example.com");
  message.mutable_interaction()->mutable_survey()->set_metric(v1::NPS);
  message.mutable_interaction()->mutable_survey()->set_score(9);
  connector::v1::Record answer = message;
  answer.mutable_interaction()->set_external_id("s2");
  answer.mutable_interaction()->set_kind(v1::SURVEY_RESPONSE);
  committer.AddRecord(message.SerializeAsString());
  committer.AddRecord(answer.SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 1);
  std::vector<DeadLetter> dead = DeadLetters();
  ASSERT_THAT(dead, SizeIs(1));
  EXPECT_EQ(dead[0].reason, "interaction.survey: only allowed when kind is SURVEY_RESPONSE");
  ASSERT_THAT(Interactions(), SizeIs(1));
  EXPECT_EQ(Interactions()[0].external_id, "s2");
}

TEST_P(CommitterTest, ASurveyAnswerKeepsItsContextAndAnOutOfRangeScoreIsDeadLettered) {
  CheckpointCommitter committer = Committer();
  connector::v1::Record answer = Message("r1", "ana@example.com");
  answer.mutable_interaction()->set_kind(v1::SURVEY_RESPONSE);
  v1::Survey* survey = answer.mutable_interaction()->mutable_survey();
  survey->set_metric(v1::CSAT);
  survey->set_score(5);
  survey->set_question("How did we do?");
  survey->set_touchpoint_tag("support_chat");
  survey->set_rated_thread_id("chatwoot:7:conversation:42");
  connector::v1::Record too_high = answer;
  too_high.mutable_interaction()->set_external_id("r2");
  too_high.mutable_interaction()->mutable_survey()->set_score(6);
  connector::v1::Record rated_by_id = answer;
  rated_by_id.mutable_interaction()->set_external_id("r3");
  rated_by_id.mutable_interaction()->mutable_survey()->set_rated_interaction("interactions/1");
  for (const connector::v1::Record& record : {answer, too_high, rated_by_id}) {
    committer.AddRecord(record.SerializeAsString());
  }
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 1);
  std::vector<DeadLetter> dead = DeadLetters();
  ASSERT_THAT(dead, SizeIs(2));
  EXPECT_EQ(dead[0].reason, "interaction.survey.score: CSAT scores are 1 to 5, got 6");
  EXPECT_THAT(dead[1].reason, HasSubstr("interaction.survey.rated_interaction"));
  ASSERT_THAT(Interactions(), SizeIs(1));
  const Interaction recorded = Interactions()[0];
  ASSERT_TRUE(recorded.survey.has_value());
  EXPECT_EQ(recorded.survey->question, "How did we do?");
  EXPECT_EQ(recorded.survey->touchpoint_tag, "support_chat");
  EXPECT_EQ(recorded.survey->rated_thread_id, "chatwoot:7:conversation:42");
}

TEST_P(CommitterTest, TheConfiguredLimitsApplyToRecords) {
  RecordLimits limits;
  limits.max_body_bytes = 10;
  limits.max_attributes = 1;
  const RecordIngester strict(*normalizer_, SystemClock(), ConflictPolicy::kMerge, limits);
  CheckpointCommitter committer(store(), strict, feed_, "chat");
  connector::v1::Record attributes = Message("a", "ana@example.com", "short");
  (*attributes.mutable_interaction()->mutable_attributes())["x"] = "1";
  (*attributes.mutable_interaction()->mutable_attributes())["y"] = "2";
  committer.AddRecord(Message("long", "ana@example.com", "eleven byte").SerializeAsString());
  committer.AddRecord(attributes.SerializeAsString());
  committer.AddRecord(Message("fits", "ana@example.com", "ten bytes!").SerializeAsString());
  absl::StatusOr<ConnectorCounters> counters = committer.Commit("1");
  ASSERT_TRUE(counters.ok()) << counters.status();
  EXPECT_EQ(counters->records_in, 1);
  std::vector<DeadLetter> dead = DeadLetters();
  ASSERT_THAT(dead, SizeIs(2));
  EXPECT_EQ(dead[0].reason, "interaction.body: must be at most 10 bytes, got 11");
  EXPECT_EQ(dead[1].reason, "interaction.attributes: at most 1 attributes, got 2");
}

TEST_P(CommitterTest, RetryingADeadLetter) {
  DeadLetterQueue queue = Queue();
  // A record rejected under earlier rules, valid now: retry records it and drops the letter.
  DeadLetter letter;
  letter.connector = "chat";
  letter.reason = "was rejected";
  letter.payload = DeadLetterPayload::kRecord;
  letter.raw = Message("r1", "ana@example.com").SerializeAsString();
  letter.create_time = absl::Now();
  DeadLetterId good_id = 0;
  ASSERT_TRUE(store()
                  .Write([&](StoreWriter& writer) -> absl::Status {
                    absl::StatusOr<DeadLetterId> id = writer.InsertDeadLetter(letter);
                    if (!id.ok()) return id.status();
                    good_id = *id;
                    return absl::OkStatus();
                  })
                  .ok());
  absl::StatusOr<IngestResult> retried = queue.Retry(good_id);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->outcome, IngestOutcome::kInserted);
  EXPECT_EQ(Interactions().at(0).source, "chat");
  EXPECT_EQ(queue.Get(good_id).status().code(), absl::StatusCode::kNotFound);

  // Still bad: kept, counted, with the new reason.
  CheckpointCommitter committer = Committer();
  committer.AddRecord(Message("r2", "ana@").SerializeAsString());
  committer.AddDeadLetter("line 9: garbage", "garbage");
  ASSERT_TRUE(committer.Commit("1").ok());
  std::vector<DeadLetter> dead = DeadLetters();
  ASSERT_THAT(dead, SizeIs(2));
  absl::StatusOr<IngestResult> again = queue.Retry(dead[0].id);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.status().message(), HasSubstr("customer_identities"));
  EXPECT_EQ(queue.Get(dead[0].id)->retry_count, 1);

  // Raw source bytes cannot be re-parsed by the host.
  absl::StatusOr<IngestResult> source = queue.Retry(dead[1].id);
  EXPECT_EQ(source.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(source.status().message(), HasSubstr("cannot re-parse"));
  EXPECT_EQ(queue.Get(dead[1].id)->retry_count, 0);

  ASSERT_TRUE(queue.Delete(dead[1].id).ok());
  EXPECT_EQ(queue.Delete(dead[1].id).code(), absl::StatusCode::kNotFound);
}

CXHUB_INSTANTIATE_BACKEND_TEST(CommitterTest);

// A connector read's two batches (read_batches.h), over the same store.
class ReadBatchesTest : public CommitterTest {
 protected:
  // Takes the lease of connector "chat" for "replica-a": the fence its commits need.
  LeaseFence TakeLease() {
    absl::StatusOr<LeaseGrant> grant;
    const absl::Status written = store().Write([&](StoreWriter& writer) -> absl::Status {
      const absl::Time now = absl::Now();
      grant = writer.TakeConnectorLease("chat", {"replica-a", 0, false, now, now + absl::Hours(1)});
      return grant.status();
    });
    EXPECT_TRUE(written.ok()) << written;
    EXPECT_TRUE(grant.ok() && grant->held);
    return {"replica-a", grant.ok() ? grant->state.lease_token : 0};
  }

  ReadBatches Batches(const LeaseFence& fence, bool store_open = true) {
    return ReadBatches(store(), *ingester_, feed_, "chat", fence,
                       [store_open](absl::FunctionRef<void()> fn) {
                         if (store_open) fn();
                         return store_open;
                       });
  }

  // When the batches' first commit is settled.
  enum class FirstSettle {
    kRightAway,    // at once, the commit running or not
    kWhileItRuns,  // the commit is held until Settle waits for it: the store is the slower side
    kOnceItEnded,  // the commit has ended: the plugin is the slower side
  };

  // Batches whose second commit runs only once ReleaseHeldCommit is called (at the latest when
  // the test ends), so that the test knows a commit is under way. Their first commit is made
  // here: it tells the batches a commit's pace, which they need to defer a checkpoint. The pace
  // bounds nothing unless `limits` say so: a loaded machine's first commit may be slow enough to
  // refuse every deferral. With `second_runs` false the second commit does not run: the store
  // closed under it.
  ReadBatches& BatchesHoldingTheSecondCommit(DeferLimits limits = NoPaceLimit(),
                                             bool second_runs = true,
                                             FirstSettle first_settle = FirstSettle::kRightAway) {
    held_.emplace(
        store(), *ingester_, feed_, "chat", TakeLease(),
        [this, second_runs, first_settle, commits = 0](absl::FunctionRef<void()> fn) mutable {
          ++commits;
          if (commits == 1 && first_settle == FirstSettle::kWhileItRuns) {
            first_released_.WaitForNotification();
          }
          if (commits == 2) {
            release_.WaitForNotification();
            if (!second_runs) return false;
          }
          fn();
          if (commits == 1) first_ended_.Notify();
          return true;
        },
        limits);
    held_->filling().AddRecord(Serialized("first", "first@example.com"));
    held_->Commit("cursor-0");
    // Settle finds the commit held, unless this thread stalls for the 200 ms (or, once it ended,
    // the commit thread for the 200 ms its job has left after the commit).
    std::optional<std::thread> releaser;
    if (first_settle == FirstSettle::kWhileItRuns) {
      releaser.emplace([this] {
        absl::SleepFor(absl::Milliseconds(200));
        first_released_.Notify();
      });
    } else if (first_settle == FirstSettle::kOnceItEnded) {
      first_ended_.WaitForNotification();
      absl::SleepFor(absl::Milliseconds(200));
    }
    EXPECT_TRUE(held_->Settle().has_value());
    if (releaser.has_value()) releaser->join();
    return *held_;
  }

  // Batches whose first commit was settled as `first_settle` says and whose second, of one
  // record "a" with "cursor-1", is held.
  ReadBatches& BatchesCommittingA(FirstSettle first_settle) {
    ReadBatches& batches = BatchesHoldingTheSecondCommit(NoPaceLimit(), true, first_settle);
    batches.filling().AddRecord(Serialized("a", "ana@example.com"));
    batches.Commit("cursor-1");
    return batches;
  }

  static DeferLimits NoPaceLimit() {
    DeferLimits limits;
    limits.max_commit = absl::InfiniteDuration();
    return limits;
  }

  // Commits the filling batch with `cursor` and settles it: `records_in` records came in with it,
  // and the store holds `interactions` in all.
  void CommitAndExpect(ReadBatches& batches, const std::string& cursor, int records_in,
                       size_t interactions) {
    batches.Commit(cursor);
    const std::optional<ReadBatches::Settled> settled = batches.Settle();
    ASSERT_TRUE(settled.has_value());
    ASSERT_TRUE(settled->committed.ok()) << settled->committed.status();
    EXPECT_EQ(settled->committed->records_in, records_in);
    EXPECT_EQ(State("chat")->cursor, cursor);
    EXPECT_THAT(Interactions(), SizeIs(interactions));
  }

  void ReleaseHeldCommit() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }

  void TearDown() override {
    ReleaseHeldCommit();
    held_.reset();  // Awaits the commit under way.
    CommitterTest::TearDown();
  }

  std::string Serialized(const std::string& id, const std::string& email) {
    return Message(id, email).SerializeAsString();
  }

 private:
  absl::Notification first_released_;
  absl::Notification first_ended_;
  absl::Notification release_;
  std::optional<ReadBatches> held_;
};

TEST_P(ReadBatchesTest, EachBatchCommitsWithItsCursorInCheckpointOrder) {
  ReadBatches batches = Batches(TakeLease());
  EXPECT_FALSE(batches.Settle().has_value());  // Nothing committed yet.
  CheckpointCommitter& first = batches.filling();
  first.AddRecord(Message("a", "ana@example.com").SerializeAsString());
  batches.Commit("cursor-1");
  // The other batch fills while the first commits.
  ASSERT_NE(&batches.filling(), &first);
  batches.filling().AddRecord(Message("b", "rui@example.com").SerializeAsString());
  batches.filling().AddDeadLetter("line 2: garbage", "\x01");

  std::optional<ReadBatches::Settled> settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  EXPECT_TRUE(settled->store_open);
  ASSERT_TRUE(settled->committed.ok()) << settled->committed.status();
  EXPECT_EQ(settled->committed->records_in, 1);
  EXPECT_EQ(settled->newest_record_time, absl::FromUnixSeconds(1772359200));
  EXPECT_EQ(State("chat")->cursor, "cursor-1");

  batches.Commit("cursor-2");
  EXPECT_EQ(&batches.filling(), &first);  // Settled, so it fills again.
  settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  ASSERT_TRUE(settled->committed.ok()) << settled->committed.status();
  EXPECT_EQ(settled->committed->records_in, 1);
  EXPECT_EQ(settled->committed->dead_lettered, 1);
  EXPECT_FALSE(batches.Settle().has_value());
  EXPECT_EQ(State("chat")->cursor, "cursor-2");
  EXPECT_EQ(State("chat")->counters.records_in, 2);
  EXPECT_THAT(Interactions(), SizeIs(2));
  EXPECT_THAT(DeadLetters("chat"), SizeIs(1));
}

TEST_P(ReadBatchesTest, ACommitRefusedByTheStoreStoresNothingAndSaysWhy) {
  // A fence whose token is not the lease's: the store refuses the commit.
  const LeaseFence held = TakeLease();
  ReadBatches batches = Batches({held.owner, held.token + 1});
  batches.filling().AddRecord(Message("a", "ana@example.com").SerializeAsString());
  batches.Commit("cursor-1");
  std::optional<ReadBatches::Settled> settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  EXPECT_TRUE(settled->store_open);
  EXPECT_EQ(settled->committed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(State("chat")->cursor, "");
  EXPECT_THAT(Interactions(), SizeIs(0));
}

TEST_P(ReadBatchesTest, AClosedStoreRunsNoCommit) {
  ReadBatches batches = Batches(TakeLease(), /*store_open=*/false);
  batches.filling().AddRecord(Message("a", "ana@example.com").SerializeAsString());
  batches.Commit("cursor-1");
  std::optional<ReadBatches::Settled> settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  EXPECT_FALSE(settled->store_open);
  EXPECT_EQ(State("chat")->cursor, "");
  EXPECT_THAT(Interactions(), SizeIs(0));
}

TEST_P(ReadBatchesTest, ACheckpointReachedWhileACommitRunsIsDeferredToTheNextCommit) {
  ReadBatches& batches = BatchesHoldingTheSecondCommit();
  EXPECT_FALSE(batches.Defer("cursor-00"));  // No commit under way.
  batches.filling().AddRecord(Serialized("a", "ana@example.com"));
  batches.Commit("cursor-1");

  CheckpointCommitter& filling = batches.filling();
  filling.AddRecord(Serialized("b", "rui@example.com"));
  ASSERT_TRUE(batches.Defer("cursor-2"));   // The first commit is held.
  EXPECT_EQ(&batches.filling(), &filling);  // The same batch goes on filling.
  EXPECT_EQ(filling.marked_cursor(), "cursor-2");
  filling.AddRecord(Serialized("c", "eva@example.com"));
  EXPECT_EQ(filling.pending(), 2);
  EXPECT_EQ(filling.pending_after_mark(), 1);  // Emitted since the plugin's last checkpoint.

  ReleaseHeldCommit();
  std::optional<ReadBatches::Settled> settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  ASSERT_TRUE(settled->committed.ok()) << settled->committed.status();
  EXPECT_EQ(settled->committed->records_in, 1);
  EXPECT_EQ(State("chat")->cursor, "cursor-1");

  // The next checkpoint finds no commit running: both checkpoints go in one commit.
  EXPECT_FALSE(batches.Defer("cursor-3"));
  batches.Commit("cursor-3");
  settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  ASSERT_TRUE(settled->committed.ok()) << settled->committed.status();
  EXPECT_EQ(settled->committed->records_in, 2);
  EXPECT_EQ(State("chat")->cursor, "cursor-3");
  EXPECT_THAT(Interactions(), SizeIs(4));
  EXPECT_FALSE(batches.CommitDeferred());  // Committed with the newer cursor already.
}

// Where the store is the slower side (the last Settle waited for its commit), a deferral has the
// plugin's thread, ahead of it, prepare what the batch holds while the commit runs, which the
// next commit would otherwise do on the commit thread. What follows the deferral is prepared by
// the next one (or the commit).
TEST_P(ReadBatchesTest, ADeferringThreadPreparesTheBatchWhileTheCommitRuns) {
  ReadBatches& batches = BatchesCommittingA(FirstSettle::kWhileItRuns);
  CheckpointCommitter& filling = batches.filling();
  filling.AddRecord(Serialized("b", "rui@example.com"));
  filling.AddRecord(Serialized("c", "eva@example.com"));
  ASSERT_TRUE(batches.Defer("cursor-2"));  // The first commit is held.
  EXPECT_FALSE(filling.PrepareNext()) << "b and c were prepared by the deferral";
  filling.AddRecord(Serialized("d", "joe@example.com"));
  ASSERT_TRUE(batches.Defer("cursor-3"));
  EXPECT_FALSE(filling.PrepareNext()) << "d was prepared by the second deferral";

  ReleaseHeldCommit();
  ASSERT_TRUE(batches.Settle().has_value());
  EXPECT_FALSE(batches.Defer("cursor-4"));  // No commit runs now: nothing deferred or prepared.
  filling.AddRecord(Serialized("e", "max@example.com"));
  CommitAndExpect(batches, "cursor-4", /*records_in=*/4, /*interactions=*/6);
}

// Where the plugin is the slower side (the last Settle found its commit ended: mail, whose parse
// bounds the read), a deferral leaves the batch's records to the commit thread and the plugin's
// thread reads on. What is committed is the same.
TEST_P(ReadBatchesTest, ADeferringThreadReadsOnWhenThePluginIsTheSlowerSide) {
  ReadBatches& batches = BatchesCommittingA(FirstSettle::kOnceItEnded);
  CheckpointCommitter& filling = batches.filling();
  filling.AddRecord(Serialized("b", "rui@example.com"));
  ASSERT_TRUE(batches.Defer("cursor-2"));  // The first commit is held.
  EXPECT_TRUE(filling.PrepareNext()) << "b was left to the commit thread";

  ReleaseHeldCommit();
  ASSERT_TRUE(batches.Settle().has_value());
  filling.AddRecord(Serialized("c", "eva@example.com"));
  CommitAndExpect(batches, "cursor-3", /*records_in=*/2, /*interactions=*/4);
}

TEST_P(ReadBatchesTest, ADeferredCheckpointIsCommittedAtTheEndWithoutWhatFollowedIt) {
  ReadBatches& batches = BatchesHoldingTheSecondCommit();
  batches.filling().AddRecord(Serialized("a", "ana@example.com"));
  batches.Commit("cursor-1");
  batches.filling().AddRecord(Serialized("b", "rui@example.com"));
  batches.filling().AddDeadLetter("line 2: garbage", "\x01");
  ASSERT_TRUE(batches.Defer("cursor-2"));
  // Emitted after the plugin's last checkpoint: read again by the next read, never committed.
  batches.filling().AddRecord(Serialized("c", "eva@example.com"));
  batches.filling().AddDeadLetter("line 4: garbage", "\x02");
  ReleaseHeldCommit();
  ASSERT_TRUE(batches.Settle().has_value());

  ASSERT_TRUE(batches.CommitDeferred());
  const std::optional<ReadBatches::Settled> settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  ASSERT_TRUE(settled->committed.ok()) << settled->committed.status();
  EXPECT_EQ(settled->committed->records_in, 1);
  EXPECT_EQ(settled->committed->dead_lettered, 1);
  EXPECT_EQ(State("chat")->cursor, "cursor-2");
  EXPECT_THAT(Interactions(), SizeIs(3));
  EXPECT_THAT(DeadLetters("chat"), SizeIs(1));
  EXPECT_FALSE(batches.CommitDeferred());
}

TEST_P(ReadBatchesTest, ACheckpointWaitsForTheCommitOnceTheBatchHoldsMaxDeferredBytes) {
  const std::string record = Serialized("b", "rui@example.com");
  DeferLimits limits = NoPaceLimit();
  limits.max_bytes = record.size();
  ReadBatches& batches = BatchesHoldingTheSecondCommit(limits);
  batches.filling().AddRecord(Serialized("a", "ana@example.com"));
  batches.Commit("cursor-1");
  batches.filling().AddRecord(record);
  EXPECT_EQ(batches.filling().pending_bytes(), record.size());
  EXPECT_FALSE(batches.Defer("cursor-2"));  // Full: the caller settles and commits.
  EXPECT_FALSE(batches.filling().marked_cursor().has_value());
  ReleaseHeldCommit();
  ASSERT_TRUE(batches.Settle().has_value());
  batches.Commit("cursor-2");
  ASSERT_TRUE(batches.Settle().has_value());
  EXPECT_EQ(State("chat")->cursor, "cursor-2");
  EXPECT_THAT(Interactions(), SizeIs(3));
}

TEST_P(ReadBatchesTest, ACheckpointWaitsForTheCommitWhenTheBatchWouldCommitTooSlowly) {
  DeferLimits limits;
  limits.max_commit = absl::ZeroDuration();  // Any pace is too slow.
  ReadBatches& batches = BatchesHoldingTheSecondCommit(limits);
  batches.filling().AddRecord(Serialized("a", "ana@example.com"));
  batches.Commit("cursor-1");
  batches.filling().AddRecord(Serialized("b", "rui@example.com"));
  EXPECT_FALSE(batches.Defer("cursor-2"));  // Though the commit is held.
  EXPECT_FALSE(batches.filling().marked_cursor().has_value());
}

TEST_P(ReadBatchesTest, NothingDeferredIsCommittedAfterACommitThatDidNotStore) {
  ReadBatches& batches = BatchesHoldingTheSecondCommit(NoPaceLimit(), /*second_runs=*/false);
  batches.filling().AddRecord(Serialized("a", "ana@example.com"));
  batches.Commit("cursor-1");
  batches.filling().AddRecord(Serialized("b", "rui@example.com"));
  ASSERT_TRUE(batches.Defer("cursor-2"));
  ReleaseHeldCommit();
  const std::optional<ReadBatches::Settled> settled = batches.Settle();
  ASSERT_TRUE(settled.has_value());
  EXPECT_FALSE(settled->store_open);
  // "b" follows "a", which was never stored: committing it would move the cursor past "a".
  EXPECT_FALSE(batches.CommitDeferred());
  EXPECT_FALSE(batches.Defer("cursor-3"));
  EXPECT_EQ(State("chat")->cursor, "cursor-0");
  EXPECT_THAT(Interactions(), SizeIs(1));
}

CXHUB_INSTANTIATE_BACKEND_TEST(ReadBatchesTest);

}  // namespace
}  // namespace cxhub
