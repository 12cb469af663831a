#include "server/core/interaction_log.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/customer_directory.h"
#include "server/core/manual_clock.h"
#include "server/core/touchpoint_catalog.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Every field of `row`, times to the nanosecond: two rows print alike only when they are alike.
std::string EveryField(const Interaction& row) {
  std::string printed = absl::StrCat(
      "id=", row.id, " customer=", row.customer_id, " channel=", row.channel,
      " touchpoint=", row.touchpoint_id, " rule=", row.touchpoint_rule_id,
      " kind=", static_cast<int>(row.kind), " direction=", static_cast<int>(row.direction),
      " occur_ns=", absl::ToUnixNanos(row.occur_time), " thread=", row.thread_id,
      " subject=", absl::CHexEscape(row.subject), " body=", absl::CHexEscape(row.body),
      " duration_ns=", absl::ToInt64Nanoseconds(row.duration), " source=", row.source,
      " external=", row.external_id, " global=", row.global_key,
      " create_ns=", absl::ToUnixNanos(row.create_time),
      " identities=", row.recorded_identities.size());
  for (const auto& [key, value] : row.attributes) {
    absl::StrAppend(&printed, " attribute ", absl::CHexEscape(key), "=", absl::CHexEscape(value));
  }
  if (const std::optional<Survey>& survey = row.survey; survey.has_value()) {
    absl::StrAppend(&printed, " survey=", static_cast<int>(survey->metric), "/", survey->score, "/",
                    survey->comment, "/", survey->question, "/", survey->touchpoint_tag, "/",
                    survey->rated_thread_id, "/", survey->rated_interaction_id);
  }
  if (const std::optional<MentionedScore>& mentioned = row.mentioned_score; mentioned.has_value()) {
    absl::StrAppend(&printed, " mentioned=", static_cast<int>(mentioned->metric), "/",
                    mentioned->score, "/", mentioned->scale, "/", mentioned->quote);
  }
  if (const std::optional<Purchase>& purchase = row.purchase; purchase.has_value()) {
    absl::StrAppend(&printed, " purchase=", purchase->amount_minor_units, "/", purchase->currency,
                    "/", purchase->order_id);
  }
  return printed;
}

// A record of `kind` for `customer` with every part that kind can have, its times and duration
// finer than a microsecond, and bytes a careless store would lose: a NUL, a four-byte
// character, trailing spaces.
RecordRequest RichRecord(CustomerId customer, const std::string& external_id,
                         InteractionKind kind = InteractionKind::kMessage) {
  RecordRequest request;
  Interaction& row = request.interaction;
  row = Message(external_id);
  row.customer_id = customer;
  row.kind = kind;
  row.occur_time = absl::FromUnixNanos(int64_t{1788700000987654321});
  row.duration = absl::Nanoseconds(int64_t{61000000999});
  row.thread_id = "thread-7";
  row.subject = "Order 12  ";
  static constexpr char kBody[] = "9 out of 10 \xF0\x9F\x98\x80, a NUL:\0 and spaces  ";
  row.body = std::string(kBody, sizeof(kBody) - 1);
  row.global_key = absl::StrCat("email:<", external_id, "@example.pt>");
  row.attributes = {{"order", "12"}, {"raw", std::string("a\0b", 3)}};
  if (kind == InteractionKind::kSurveyResponse) {
    row.survey = Survey{SurveyMetric::kCsat, 4, "quick", "How was it?", "checkout", "thread-7", 0};
  }
  if (kind == InteractionKind::kPurchase) {
    row.purchase = Purchase{11990, "EUR", "A-12"};
    // Before the epoch, where flooring to the microsecond and cutting toward zero part.
    row.occur_time = absl::FromUnixNanos(-123456789);
  }
  return request;
}

// Each of `results` is ok and the row log.Get reads of its id.
void ExpectEachIsTheRowRead(InteractionLog& log,
                            const std::vector<absl::StatusOr<RecordResult>>& results) {
  for (size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("item ", i));
    ASSERT_TRUE(results[i].ok()) << results[i].status();
    absl::StatusOr<Interaction> read = log.Get(results[i]->interaction.id);
    ASSERT_TRUE(read.ok()) << read.status();
    EXPECT_EQ(EveryField(results[i]->interaction), EveryField(*read));
  }
}

class InteractionLogTest : public ::testing::Test {
 protected:
  RecordResult MustRecord(const RecordRequest& request) {
    absl::StatusOr<RecordResult> result = log_.Record(request);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : RecordResult{};
  }

  std::vector<std::string> ExternalIds(const std::vector<Interaction>& interactions) {
    std::vector<std::string> ids;
    for (const Interaction& i : interactions) ids.push_back(i.external_id);
    return ids;
  }

  size_t CustomerCount() {
    absl::StatusOr<CustomerPage> page = directory_.List(0, 1000);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->customers.size() : 0;
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionFeed feed_;
  InteractionLog log_{db_.store(), normalizer_, clock_, feed_, ConflictPolicy::kMerge};
  CustomerDirectory directory_{db_.store(), normalizer_, clock_};
  TouchpointCatalog catalog_{db_.store(), clock_};
};

TEST_F(InteractionLogTest, RecordCreatesCustomerFromIdentities) {
  RecordResult r = MustRecord(RecordFor("m1", {Email("Marta@Example.PT")}, "Marta"));
  EXPECT_TRUE(r.customer_created);
  EXPECT_FALSE(r.already_recorded);
  EXPECT_GT(r.interaction.id, 0);
  EXPECT_GT(r.interaction.customer_id, 0);
  EXPECT_EQ(r.interaction.external_id, "m1");
  EXPECT_EQ(r.interaction.subject, "About order m1");
  EXPECT_GT(r.interaction.create_time, absl::FromUnixSeconds(1788771600));

  absl::StatusOr<Customer> customer = directory_.Lookup(Email("marta@example.pt"));
  ASSERT_TRUE(customer.ok()) << customer.status();
  EXPECT_EQ(customer->id, r.interaction.customer_id);
  EXPECT_EQ(customer->display_name, "Marta");

  RecordResult second =
      MustRecord(RecordFor("m2", {Email("marta@example.pt"), Phone("912345678")}));
  EXPECT_FALSE(second.customer_created);
  EXPECT_EQ(second.interaction.customer_id, customer->id);
  EXPECT_THAT(directory_.Get(customer->id)->identities,
              ElementsAre(Email("marta@example.pt"), Phone("+351912345678")));
}

TEST_F(InteractionLogTest, RecordingTheSameSourceAndExternalIdTwiceChangesNothing) {
  RecordResult first = MustRecord(RecordFor("call-1", {Phone("+351912345678")}));
  const InteractionId latest_before = feed_.WaitBeyond(0, absl::Now());

  // The replay carries another identity and subject: neither may be applied.
  RecordRequest replay = RecordFor("call-1", {Phone("+351912345678"), Email("new@example.pt")});
  replay.interaction.subject = "changed";
  RecordResult again = MustRecord(replay);
  EXPECT_TRUE(again.already_recorded);
  EXPECT_FALSE(again.customer_created);
  EXPECT_EQ(again.interaction.id, first.interaction.id);
  EXPECT_EQ(again.interaction.subject, "About order call-1");
  EXPECT_EQ(directory_.Lookup(Email("new@example.pt")).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(CustomerCount(), 1u);
  EXPECT_EQ(feed_.WaitBeyond(0, absl::Now()), latest_before);

  InteractionFilter filter;
  filter.customer_id = first.interaction.customer_id;
  absl::StatusOr<InteractionPage> page = log_.List(filter, std::nullopt, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->interactions.size(), 1u);

  // The same external id from another source is another interaction.
  RecordRequest other_source = RecordFor("call-1", {Phone("+351912345678")});
  other_source.interaction.source = "other";
  EXPECT_FALSE(MustRecord(other_source).already_recorded);
}

TEST_F(InteractionLogTest, MergesWhenOneRecordCarriesTwoCustomers) {
  RecordResult mail = MustRecord(RecordFor("mail-1", {Email("marta@example.pt")}));
  RecordResult call = MustRecord(RecordFor("call-1", {Phone("912345678")}));
  ASSERT_NE(mail.interaction.customer_id, call.interaction.customer_id);

  RecordResult chat = MustRecord(
      RecordFor("chat-1", {Identity{IdentityKind::kChat, "chatwoot:7:5231"},
                           Verified(Phone("+351912345678")), Verified(Email("marta@example.pt"))}));
  EXPECT_EQ(chat.interaction.customer_id, mail.interaction.customer_id);
  EXPECT_THAT(chat.merged, ElementsAre(call.interaction.customer_id));
  EXPECT_EQ(CustomerCount(), 1u);

  InteractionFilter filter;
  filter.customer_id = call.interaction.customer_id;  // Merged away, still resolves.
  absl::StatusOr<InteractionPage> page = log_.List(filter, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->interactions.size(), 3u);
  absl::StatusOr<Interaction> moved = log_.Get(call.interaction.id);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->customer_id, mail.interaction.customer_id);
}

TEST_F(InteractionLogTest, FlagsConflictAndRecordsOnFirstOwnerUnderFlagPolicy) {
  InteractionLog flagging(db_.store(), normalizer_, clock_, feed_, ConflictPolicy::kFlag);
  RecordResult mail = MustRecord(RecordFor("mail-1", {Email("marta@example.pt")}));
  RecordResult call = MustRecord(RecordFor("call-1", {Phone("912345678")}));

  absl::StatusOr<RecordResult> chat =
      flagging.Record(RecordFor("chat-1", {Phone("+351912345678"), Email("marta@example.pt")}));
  ASSERT_TRUE(chat.ok()) << chat.status();
  EXPECT_EQ(chat->interaction.customer_id, call.interaction.customer_id);
  EXPECT_THAT(chat->merged, IsEmpty());
  EXPECT_THAT(chat->conflicting, ElementsAre(mail.interaction.customer_id));
  EXPECT_EQ(CustomerCount(), 2u);
}

TEST_F(InteractionLogTest, RecordsOnAGivenCustomerThroughMerges) {
  const CustomerId a = MustRecord(RecordFor("a", {Email("a@example.pt")})).interaction.customer_id;
  const CustomerId b = MustRecord(RecordFor("b", {Email("b@example.pt")})).interaction.customer_id;
  ASSERT_TRUE(directory_.Merge(a, b).ok());

  RecordRequest request;
  request.interaction = Message("c");
  request.interaction.customer_id = b;
  RecordResult r = MustRecord(request);
  EXPECT_EQ(r.interaction.customer_id, a);

  request.interaction = Message("d");
  request.interaction.customer_id = 4242;
  absl::StatusOr<RecordResult> unknown = log_.Record(request);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InteractionLogTest, RejectsRecordWithoutCustomerOrIdentities) {
  RecordRequest request;
  request.interaction = Message("x");
  EXPECT_EQ(log_.Record(request).status().code(), absl::StatusCode::kInvalidArgument);

  absl::StatusOr<RecordResult> bad = log_.Record(RecordFor("y", {Phone("anonymous")}));
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("identities[0]: "));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("\"anonymous\""));
}

TEST_F(InteractionLogTest, UnknownTouchpointIsNotFoundAndChangesNothing) {
  RecordRequest request = RecordFor("t1", {Email("new@example.pt")});
  request.interaction.touchpoint_id = 77;
  absl::StatusOr<RecordResult> r = log_.Record(request);
  ASSERT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("touchpoint 77"));
  EXPECT_EQ(CustomerCount(), 0u);

  Touchpoint support;
  support.display_name = "Request support";
  absl::StatusOr<Touchpoint> touchpoint = catalog_.Create(support);
  ASSERT_TRUE(touchpoint.ok());
  request.interaction.touchpoint_id = touchpoint->id;
  RecordResult ok = MustRecord(request);
  EXPECT_EQ(ok.interaction.touchpoint_id, touchpoint->id);
}

TEST_F(InteractionLogTest, MergedIdsKeepResolvingInGetAndList) {
  const CustomerId a = MustRecord(RecordFor("a1", {Email("a@example.pt")})).interaction.customer_id;
  const CustomerId b = MustRecord(RecordFor("b1", {Email("b@example.pt")})).interaction.customer_id;
  MustRecord(RecordFor("b2", {Email("b@example.pt")}));
  ASSERT_TRUE(directory_.Merge(a, b).ok());

  absl::StatusOr<Customer> got = directory_.Get(b);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->id, a);
  InteractionFilter filter;
  filter.customer_id = b;
  absl::StatusOr<InteractionPage> page = log_.List(filter, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->interactions.size(), 3u);
  for (const Interaction& i : page->interactions) EXPECT_EQ(i.customer_id, a);

  filter.customer_id = 999;
  EXPECT_EQ(log_.List(filter, std::nullopt, 10).status().code(), absl::StatusCode::kNotFound);
}

// An empty page is where List looks the customer up: a live one's is an empty page, a merged
// one's is its survivor's page.
TEST_F(InteractionLogTest, AFilterMatchingNothingIsAnEmptyPageForLiveAndMergedIds) {
  const CustomerId a = MustRecord(RecordFor("a1", {Email("a@example.pt")})).interaction.customer_id;
  const CustomerId b = MustRecord(RecordFor("b1", {Email("b@example.pt")})).interaction.customer_id;
  ASSERT_TRUE(directory_.Merge(a, b).ok());
  for (const CustomerId asked : {a, b}) {
    InteractionFilter filter;
    filter.customer_id = asked;
    filter.channel = "no-such-channel";
    absl::StatusOr<InteractionPage> page = log_.List(filter, std::nullopt, 10);
    ASSERT_TRUE(page.ok()) << asked << ": " << page.status();
    EXPECT_THAT(page->interactions, ::testing::IsEmpty()) << asked;
    EXPECT_FALSE(page->has_more);
  }
}

TEST_F(InteractionLogTest, ListPagesNewestFirstWithFilters) {
  const CustomerId who =
      MustRecord(RecordFor("i0", {Email("p@example.pt")})).interaction.customer_id;
  for (int i = 1; i < 5; ++i) {
    RecordRequest request = RecordFor("i" + std::to_string(i), {Email("p@example.pt")});
    request.interaction.occur_time = absl::FromUnixSeconds(1788772462 + i * 60);
    if (i % 2 == 0) request.interaction.channel = "chat";
    MustRecord(request);
  }
  InteractionFilter filter;
  filter.customer_id = who;
  absl::StatusOr<InteractionPage> first = log_.List(filter, std::nullopt, 2);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(ExternalIds(first->interactions), ElementsAre("i4", "i3"));
  EXPECT_TRUE(first->has_more);
  InteractionCursor cursor{first->interactions.back().occur_time, first->interactions.back().id};
  absl::StatusOr<InteractionPage> second = log_.List(filter, cursor, 5);
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(ExternalIds(second->interactions), ElementsAre("i2", "i1", "i0"));
  EXPECT_FALSE(second->has_more);

  filter.channel = "chat";
  absl::StatusOr<InteractionPage> chats = log_.List(filter, std::nullopt, 10);
  ASSERT_TRUE(chats.ok());
  EXPECT_THAT(ExternalIds(chats->interactions), ElementsAre("i4", "i2"));
}

TEST_F(InteractionLogTest, BatchRollsBackOnlyTheFailingItem) {
  std::vector<RecordRequest> batch;
  batch.push_back(RecordFor("b1", {Email("one@example.pt")}));
  batch.push_back(RecordFor("b2", {Email("two@example.pt")}));
  batch.back().interaction.touchpoint_id = 404;  // Fails after creating its customer.
  batch.push_back(RecordFor("b3", {Phone("anonymous")}));
  batch.push_back(RecordFor("b4", {Email("one@example.pt"), Phone("+351912345678")}));
  batch.push_back(RecordFor("b1", {Email("one@example.pt")}));  // Replay within the batch.

  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> results = log_.RecordBatch(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 5u);
  ASSERT_TRUE((*results)[0].ok()) << (*results)[0].status();
  EXPECT_EQ((*results)[1].status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ((*results)[2].status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE((*results)[3].ok()) << (*results)[3].status();
  ASSERT_TRUE((*results)[4].ok()) << (*results)[4].status();
  EXPECT_TRUE((*results)[4]->already_recorded);
  EXPECT_EQ((*results)[4]->interaction.id, (*results)[0]->interaction.id);
  EXPECT_EQ((*results)[3]->interaction.customer_id, (*results)[0]->interaction.customer_id);

  EXPECT_EQ(directory_.Lookup(Email("two@example.pt")).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(CustomerCount(), 1u);
  EXPECT_EQ(feed_.WaitBeyond(0, absl::Now()), (*results)[3]->interaction.id);
}

TEST_F(InteractionLogTest, EachRecordIsAnsweredWithTheRowAReadGives) {
  ManualClock clock(absl::FromUnixNanos(int64_t{1788771600123456789}));
  InteractionLog log(db_.store(), normalizer_, clock, feed_, ConflictPolicy::kMerge);
  const CustomerId ana =
      MustRecord(RecordFor("seed", {Email("ana@example.pt")})).interaction.customer_id;
  std::vector<RecordRequest> batch = {
      RichRecord(ana, "rich-message"),
      RichRecord(ana, "rich-survey", InteractionKind::kSurveyResponse),
      RichRecord(ana, "rich-purchase", InteractionKind::kPurchase)};
  RecordRequest by_identity = RichRecord(0, "rich-by-identity");
  by_identity.identities = {Email("ANA@example.pt")};
  batch.push_back(by_identity);

  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> results = log.RecordBatch(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ExpectEachIsTheRowRead(log, *results);
  ASSERT_TRUE((*results)[0].ok());
  EXPECT_TRUE((*results)[0]->interaction.mentioned_score.has_value());

  // One at a time: through the group commit.
  std::vector<absl::StatusOr<RecordResult>> alone = {
      log.Record(RichRecord(ana, "rich-alone", InteractionKind::kPurchase))};
  ExpectEachIsTheRowRead(log, alone);
}

TEST_F(InteractionLogTest, ARowALaterItemsMergeMovedIsAnsweredWhereItIs) {
  std::vector<RecordRequest> batch;
  batch.push_back(RecordFor("mail-1", {Email("marta@example.pt")}));
  batch.push_back(RecordFor("call-1", {Phone("912345678")}));
  batch.push_back(
      RecordFor("chat-1", {Verified(Phone("+351912345678")), Verified(Email("marta@example.pt"))}));

  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> results = log_.RecordBatch(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ExpectEachIsTheRowRead(log_, *results);
  ASSERT_THAT(*results, ::testing::Each(::testing::Property(&absl::StatusOr<RecordResult>::ok,
                                                            ::testing::IsTrue())));
  EXPECT_THAT((*results)[2]->merged, ::testing::SizeIs(1));
  EXPECT_EQ((*results)[1]->interaction.customer_id, (*results)[2]->interaction.customer_id);
}

TEST_F(InteractionLogTest, AReplacementIsAnsweredWithItsNewContent) {
  const CustomerId ana =
      MustRecord(RecordFor("seed", {Email("ana@example.pt")})).interaction.customer_id;
  RecordRequest first = RichRecord(ana, "to-correct");
  MustRecord(first);
  RecordRequest correction = first;
  correction.interaction.body = "corrected";
  correction.replaces_earlier = true;

  absl::StatusOr<std::vector<absl::StatusOr<RecordResult>>> results =
      log_.RecordBatch({correction, RichRecord(ana, "beside-it")});
  ASSERT_TRUE(results.ok()) << results.status();
  ExpectEachIsTheRowRead(log_, *results);
  ASSERT_TRUE((*results)[0].ok());
  EXPECT_TRUE((*results)[0]->replaced);
  EXPECT_EQ((*results)[0]->interaction.body, "corrected");
}

TEST_F(InteractionLogTest, WatchReceivesNewInteractionsInCommitOrder) {
  MustRecord(RecordFor("before", {Email("w@example.pt")}));
  absl::StatusOr<InteractionId> start = log_.WatchStart(0, nullptr);
  ASSERT_TRUE(start.ok()) << start.status();

  // Each record commits while the watch is blocked waiting for it: the writer waits until
  // the watch has received the record before (so a waiter it counts is a new wait).
  std::atomic<int> received{0};
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  std::thread writer([&] {
    for (int i = 0; i < 5; ++i) {
      while (received.load() < i && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(1));
      WaitForWaiters(feed_, 1);
      MustRecord(RecordFor("w" + std::to_string(i), {Email("w@example.pt")}));
    }
  });
  std::vector<Interaction> seen;
  InteractionId after = *start;
  while (seen.size() < 5 && absl::Now() < give_up) {
    absl::StatusOr<std::vector<Interaction>> next = log_.WatchNext(after, 0, absl::Seconds(5));
    if (!next.ok()) {
      ADD_FAILURE() << next.status();  // Not ASSERT: the writer must still be joined.
      break;
    }
    for (const Interaction& i : *next) {
      EXPECT_GT(i.id, after);
      after = i.id;
      seen.push_back(i);
    }
    received.store(static_cast<int>(seen.size()));
  }
  writer.join();
  EXPECT_THAT(ExternalIds(seen), ElementsAre("w0", "w1", "w2", "w3", "w4"));
}

TEST_F(InteractionLogTest, WatchOfOneCustomerSkipsOthers) {
  const CustomerId ana =
      MustRecord(RecordFor("a0", {Email("ana@example.pt")})).interaction.customer_id;
  CustomerId resolved = 0;
  absl::StatusOr<InteractionId> start = log_.WatchStart(ana, &resolved);
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(resolved, ana);
  std::thread writer([&] {
    WaitForWaiters(feed_, 1);
    MustRecord(RecordFor("o1", {Email("other@example.pt")}));
    WaitForWaiters(feed_, 1);
    MustRecord(RecordFor("a1", {Email("ana@example.pt")}));
  });
  absl::StatusOr<std::vector<Interaction>> next = log_.WatchNext(*start, ana, absl::Seconds(10));
  writer.join();
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(ExternalIds(*next), ElementsAre("a1"));

  EXPECT_EQ(log_.WatchStart(31337, &resolved).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InteractionLogTest, WatchTimesOutEmpty) {
  absl::StatusOr<InteractionId> start = log_.WatchStart(0, nullptr);
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(*start, 0);
  const absl::Time begin = absl::Now();
  absl::StatusOr<std::vector<Interaction>> next =
      log_.WatchNext(*start, 0, absl::Milliseconds(150));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(*next, IsEmpty());
  EXPECT_GE(absl::Now() - begin, absl::Milliseconds(140));
}

TEST_F(InteractionLogTest, FeedShutdownEndsAWaitingWatch) {
  absl::StatusOr<std::vector<Interaction>> next;
  absl::Time returned;
  std::thread watcher([&] {
    next = log_.WatchNext(0, 0, absl::Seconds(60));
    returned = absl::Now();
  });
  WaitForWaiters(log_.feed(), 1);
  const absl::Time shutdown = absl::Now();
  log_.feed().Shutdown();
  watcher.join();
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(*next, IsEmpty());
  EXPECT_LT(returned - shutdown, absl::Seconds(5));
}

TEST_F(InteractionLogTest, ConcurrentRecordsForOneNewEmailMakeOneCustomer) {
  constexpr int kThreads = 6;
  constexpr int kEach = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        absl::StatusOr<RecordResult> r = log_.Record(RecordFor(
            "t" + std::to_string(t) + "-" + std::to_string(i), {Email(" New.Person@Example.com")}));
        if (!r.ok()) {
          ADD_FAILURE() << r.status();
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(CustomerCount(), 1u);
  absl::StatusOr<Customer> customer = directory_.Lookup(Email("new.person@example.com"));
  ASSERT_TRUE(customer.ok()) << customer.status();
  InteractionFilter filter;
  filter.customer_id = customer->id;
  absl::StatusOr<InteractionPage> page = log_.List(filter, std::nullopt, 100);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->interactions.size(), static_cast<size_t>(kThreads * kEach));
}

}  // namespace
}  // namespace cxhub
