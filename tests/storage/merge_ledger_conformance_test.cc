// Store conformance for the merge ledger and unmerge: a merge followed by its unmerge leaves
// the store as if the merge had never happened (customers, identities, interactions, attributes
// and every aggregate behind the figures), also with interactions recorded in between on both
// sides. The expectation is a second database of the same backend that saw the same records
// and no merge. Every backend must pass it unchanged.
#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/customer_directory.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_recorder.h"
#include "server/core/manual_clock.h"
#include "server/core/merge_ledger.h"
#include "server/core/model.h"
#include "server/core/store.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ::testing::HasSubstr;

// 2026-09-07 09:00 UTC, on a quarter hour.
absl::Time Day0() { return absl::FromUnixSeconds(1788771600); }

constexpr char kAnaEmail[] = "ana@example.com";
constexpr char kBoPhone[] = "+351912345678";

// Everything a reader can see of the customers and the figures, update times aside (an unmerge
// is a change).
struct StoreView {
  std::vector<std::tuple<CustomerId, std::string, std::vector<Identity>, Attributes,
                         std::vector<CustomerId>>>
      customers;
  std::map<CustomerId, std::vector<std::pair<InteractionId, std::string>>> histories;
  // (bucket start, answers per score).
  std::vector<std::pair<int64_t, std::array<int64_t, 11>>> nps;
  std::vector<std::pair<int64_t, std::array<int64_t, 11>>> csat;
  std::vector<std::tuple<std::string, CustomerId, int64_t, int64_t>> purchases;
  std::tuple<int64_t, int64_t, int64_t, int64_t> activity;
  std::map<CustomerId, std::tuple<int64_t, int64_t, int64_t, int64_t>> activity_alone;
  std::vector<std::pair<CustomerId, int64_t>> journey_steps;
  std::vector<std::pair<InteractionId, CustomerId>> complaints;
  std::map<CustomerId, std::vector<std::tuple<std::string, int64_t, int64_t>>> channel_use;

  friend bool operator==(const StoreView& a, const StoreView& b) {
    return a.customers == b.customers && a.histories == b.histories && a.nps == b.nps &&
           a.csat == b.csat && a.purchases == b.purchases && a.activity == b.activity &&
           a.activity_alone == b.activity_alone && a.journey_steps == b.journey_steps &&
           a.complaints == b.complaints && a.channel_use == b.channel_use;
  }
};

std::tuple<int64_t, int64_t, int64_t, int64_t> Flat(const ActivityCounts& counts) {
  return {counts.active_at_start, counts.retained, counts.active_at_end, counts.new_during};
}

absl::Status ReadCustomers(StoreReader& reader, StoreView& view) {
  absl::StatusOr<std::vector<Customer>> customers = reader.ListCustomers(0, 1000);
  if (!customers.ok()) return customers.status();
  for (const Customer& customer : *customers) {
    view.customers.emplace_back(customer.id, customer.display_name, customer.identities,
                                customer.attributes, customer.merged_ids);
    InteractionFilter filter;
    filter.customer_id = customer.id;
    absl::StatusOr<std::vector<Interaction>> history =
        reader.ListInteractions(filter, std::nullopt, 1000);
    if (!history.ok()) return history.status();
    for (const Interaction& interaction : *history) {
      view.histories[customer.id].emplace_back(interaction.id, interaction.external_id);
    }
    absl::StatusOr<std::vector<ChannelUse>> use = reader.CountChannelUse({customer.id});
    if (!use.ok()) return use.status();
    for (const ChannelUse& channel : *use) {
      view.channel_use[customer.id].emplace_back(channel.channel, channel.interactions,
                                                 channel.customers);
    }
    CustomerActivityFilter alone;
    alone.start_time = Day0();
    alone.end_time = Day0() + absl::Hours(24 * 10);
    const absl::flat_hash_set<CustomerId> only = {customer.id};
    alone.only_customers = &only;
    absl::StatusOr<ActivityCounts> counts = reader.CountCustomerActivity(alone);
    if (!counts.ok()) return counts.status();
    view.activity_alone[customer.id] = Flat(*counts);
  }
  return absl::OkStatus();
}

absl::Status ReadFigures(StoreReader& reader, StoreView& view) {
  for (auto [metric, out] :
       {std::pair(SurveyMetric::kNps, &view.nps), std::pair(SurveyMetric::kCsat, &view.csat)}) {
    ScoreAnswerFilter filter;
    filter.metric = metric;
    absl::StatusOr<std::vector<ScoreBucket>> buckets = reader.SumScoreAnswers(filter);
    if (!buckets.ok()) return buckets.status();
    for (const ScoreBucket& bucket : *buckets) {
      out->emplace_back(absl::ToUnixSeconds(bucket.start), bucket.counts.answers);
    }
  }
  absl::StatusOr<std::vector<CurrencyPurchases>> purchases = reader.SumPurchases({});
  if (!purchases.ok()) return purchases.status();
  for (const CurrencyPurchases& currency : *purchases) {
    for (const CustomerPurchases& customer : currency.customers) {
      view.purchases.emplace_back(currency.currency, customer.customer_id, customer.orders,
                                  customer.amount_minor_units);
    }
  }
  CustomerActivityFilter activity;
  activity.start_time = Day0();
  activity.end_time = Day0() + absl::Hours(24 * 10);
  absl::StatusOr<ActivityCounts> counts = reader.CountCustomerActivity(activity);
  if (!counts.ok()) return counts.status();
  view.activity = Flat(*counts);
  JourneyStepFilter steps;
  steps.start_time = Day0() - absl::Hours(24);
  steps.end_time = Day0() + absl::Hours(24 * 10);
  absl::Status status = reader.ForEachJourneyStep(steps, [&](const JourneyStep& step) {
    view.journey_steps.emplace_back(step.customer_id, absl::ToUnixSeconds(step.occur_time));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::sort(view.journey_steps.begin(), view.journey_steps.end());
  ComplaintTextFilter complaints;
  complaints.start_time = Day0() - absl::Hours(24);
  complaints.end_time = Day0() + absl::Hours(24 * 10);
  complaints.sources = {ComplaintSource::kInboundMessage, ComplaintSource::kDetractorComment};
  absl::StatusOr<std::vector<ComplaintText>> texts = reader.ListComplaintTexts(complaints);
  if (!texts.ok()) return texts.status();
  for (const ComplaintText& text : *texts) {
    view.complaints.emplace_back(text.interaction_id, text.customer_id);
  }
  std::sort(view.complaints.begin(), view.complaints.end());
  return absl::OkStatus();
}

absl::StatusOr<StoreView> ViewOf(Store& store) {
  StoreView view;
  absl::Status status = store.Read([&](StoreReader& reader) -> absl::Status {
    if (absl::Status s = ReadCustomers(reader, view); !s.ok()) return s;
    return ReadFigures(reader, view);
  });
  if (!status.ok()) return status;
  return view;
}

// Records into one store the way ingestion does, at a fixed clock so that two stores fed the
// same calls hold the same rows.
class Recording {
 public:
  explicit Recording(Store& store)
      : store_(store),
        normalizer_(*IdentityNormalizer::Create("PT")),
        clock_(Day0()),
        recorder_(normalizer_, clock_, ConflictPolicy::kMerge, RecordLimits()),
        directory_(store, normalizer_, clock_),
        ledger_(store, clock_) {}

  // An interaction recorded for whoever owns `identities`; `day` days after Day0.
  absl::StatusOr<RecordResult> Record(const std::string& external_id,
                                      std::vector<Identity> identities, int day,
                                      std::optional<Survey> survey = std::nullopt,
                                      std::optional<Purchase> purchase = std::nullopt) {
    RecordRequest request;
    Interaction& row = request.interaction;
    row.channel = identities.front().kind == IdentityKind::kPhone ? "phone" : "email";
    row.kind = survey ? InteractionKind::kSurveyResponse
                      : (purchase ? InteractionKind::kPurchase : InteractionKind::kMessage);
    row.direction = Direction::kInbound;
    row.occur_time = Day0() + absl::Hours(24 * day) + absl::Minutes(7);
    row.source = "test";
    row.external_id = external_id;
    row.subject = "Order";
    row.body = absl::StrCat("the parcel of ", external_id, " never arrived");
    row.survey = std::move(survey);
    row.purchase = std::move(purchase);
    // Proved by the channel (mail from the address, a call from the number), so a record naming
    // two customers' identities merges them under the default trust policy.
    for (Identity& identity : identities) identity.trust = IdentityTrust::kVerified;
    request.identities = std::move(identities);
    request.customer_display_name = external_id.substr(0, external_id.find('-'));
    request.actor = "test-connector";
    RecordResult result;
    absl::Status status = store_.Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<RecordResult> recorded = recorder_.Record(writer, request);
      if (!recorded.ok()) return recorded.status();
      result = *std::move(recorded);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return result;
  }

  absl::Status SetAttributes(CustomerId id, Attributes attributes) {
    return store_.Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<Customer> customer = writer.GetCustomer(id);
      if (!customer.ok()) return customer.status();
      customer->attributes = std::move(attributes);
      return writer.UpdateCustomer(*customer);
    });
  }

  CustomerDirectory& directory() { return directory_; }
  MergeLedger& ledger() { return ledger_; }

 private:
  Store& store_;
  IdentityNormalizer normalizer_;
  ManualClock clock_;
  InteractionRecorder recorder_;
  CustomerDirectory directory_;
  MergeLedger ledger_;
};

Survey Answer(SurveyMetric metric, int32_t score) {
  Survey survey;
  survey.metric = metric;
  survey.score = score;
  survey.comment = "slow delivery, never again";
  return survey;
}

class MergeLedgerStoreTest : public StoreConformanceTest {
 protected:
  // Ana (email) and Bo (phone), each with a message, a survey answer and a purchase, and
  // attributes; returns their ids.
  static std::pair<CustomerId, CustomerId> TwoHistories(Recording& recording) {
    const Identity ana = Email(kAnaEmail);
    const Identity bo = Phone(kBoPhone);
    absl::StatusOr<RecordResult> first = recording.Record("ana-1", {ana}, 0);
    EXPECT_TRUE(first.ok()) << first.status();
    EXPECT_TRUE(recording.Record("ana-2", {ana}, 1, Answer(SurveyMetric::kNps, 3)).ok());
    EXPECT_TRUE(
        recording.Record("ana-3", {ana}, 2, std::nullopt, Purchase{1250, "EUR", "A1"}).ok());
    absl::StatusOr<RecordResult> second = recording.Record("bo-1", {bo}, 0);
    EXPECT_TRUE(second.ok()) << second.status();
    EXPECT_TRUE(recording.Record("bo-2", {bo}, 3, Answer(SurveyMetric::kCsat, 5)).ok());
    EXPECT_TRUE(recording.Record("bo-3", {bo}, 4, std::nullopt, Purchase{990, "EUR", "B1"}).ok());
    const CustomerId ana_id = first.ok() ? first->interaction.customer_id : 0;
    const CustomerId bo_id = second.ok() ? second->interaction.customer_id : 0;
    EXPECT_TRUE(recording.SetAttributes(ana_id, {{"plan", "gold"}}).ok());
    EXPECT_TRUE(recording.SetAttributes(bo_id, {{"plan", "silver"}, {"tier", "2"}}).ok());
    return {ana_id, bo_id};
  }

  // Interactions recorded after the merge on each side's identity.
  static void RecordInBetween(Recording& recording) {
    EXPECT_TRUE(recording.Record("ana-4", {Email(kAnaEmail)}, 5).ok());
    EXPECT_TRUE(recording.Record("bo-4", {Phone(kBoPhone)}, 6, Answer(SurveyMetric::kNps, 9)).ok());
    EXPECT_TRUE(
        recording.Record("bo-5", {Phone(kBoPhone)}, 7, std::nullopt, Purchase{500, "EUR", "B2"})
            .ok());
  }

  // A second database of the same backend, fed by the caller.
  std::unique_ptr<Store> OpenControl() {
    control_directory_ = directory_ + "/control";
    std::filesystem::create_directories(control_directory_);
    control_backend_ = GetParam().make(control_directory_);
    absl::StatusOr<std::unique_ptr<Store>> store = control_backend_->Open();
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  void TearDown() override {
    control_backend_.reset();
    StoreConformanceTest::TearDown();
  }

  std::string control_directory_;
  std::unique_ptr<StoreBackend> control_backend_;
};

TEST_P(MergeLedgerStoreTest, MergeThenUnmergeRestoresBothHistoriesExactly) {
  Recording recording(*store_);
  auto [ana, bo] = TwoHistories(recording);
  absl::StatusOr<StoreView> before = ViewOf(*store_);
  ASSERT_TRUE(before.ok()) << before.status();

  MergeCause cause;
  cause.method = "MergeCustomers";
  cause.actor = "admin-token";
  ASSERT_TRUE(recording.directory().Merge(ana, bo, cause).ok());
  absl::StatusOr<StoreView> merged = ViewOf(*store_);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_FALSE(*merged == *before);
  absl::StatusOr<std::vector<MergeEntry>> entries = recording.ledger().List(bo, 0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().cause.actor, "admin-token");
  EXPECT_EQ(entries->front().merged_interaction_count, 3);

  absl::StatusOr<MergeEntry> unmerge = recording.ledger().Unmerge(entries->front().id, {});
  ASSERT_TRUE(unmerge.ok()) << unmerge.status();
  EXPECT_EQ(unmerge->undoes, entries->front().id);
  absl::StatusOr<StoreView> after = ViewOf(*store_);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE(*after == *before);
}

TEST_P(MergeLedgerStoreTest, InteractionsRecordedSinceTheMergeGoBackByTheirIdentities) {
  std::unique_ptr<Store> control = OpenControl();
  ASSERT_NE(control, nullptr);
  Recording expected(*control);
  TwoHistories(expected);
  RecordInBetween(expected);
  absl::StatusOr<StoreView> want = ViewOf(*control);
  ASSERT_TRUE(want.ok()) << want.status();

  Recording recording(*store_);
  auto [ana, bo] = TwoHistories(recording);
  absl::StatusOr<Customer> merged = recording.directory().Merge(ana, bo);
  ASSERT_TRUE(merged.ok()) << merged.status();
  RecordInBetween(recording);
  absl::StatusOr<std::vector<MergeEntry>> entries = recording.ledger().List(ana, 0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  ASSERT_TRUE(recording.ledger().Unmerge(entries->front().id, {}).ok());

  absl::StatusOr<StoreView> got = ViewOf(*store_);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->histories, want->histories);
  EXPECT_EQ(got->customers, want->customers);
  EXPECT_TRUE(*got == *want);
}

TEST_P(MergeLedgerStoreTest, AutomaticMergeIsInTheLedgerWithItsReason) {
  Recording recording(*store_);
  auto [ana, bo] = TwoHistories(recording);
  absl::StatusOr<RecordResult> joining =
      recording.Record("chat-1", {Email(kAnaEmail), Phone(kBoPhone)}, 8);
  ASSERT_TRUE(joining.ok()) << joining.status();
  ASSERT_EQ(joining->merged, std::vector<CustomerId>{bo});

  absl::StatusOr<CustomerExplanation> explained = recording.ledger().Explain(bo);
  ASSERT_TRUE(explained.ok()) << explained.status();
  EXPECT_EQ(explained->customer.id, ana);
  ASSERT_EQ(explained->merges.size(), 1u);
  const MergeEntry& entry = explained->merges.front();
  EXPECT_EQ(entry.kind, MergeKind::kMerge);
  EXPECT_EQ(entry.survivor_id, ana);
  EXPECT_EQ(entry.merged_id, bo);
  ASSERT_TRUE(entry.cause.identity.has_value());
  EXPECT_EQ(*entry.cause.identity, Phone(kBoPhone));
  EXPECT_EQ(entry.cause.source, "test");
  EXPECT_EQ(entry.cause.external_id, "chat-1");
  EXPECT_EQ(entry.cause.actor, "test-connector");
  EXPECT_EQ(entry.merged_identities, std::vector<Identity>{Phone(kBoPhone)});
  EXPECT_FALSE(explained->unmerged);

  // The joining record named both sides: it stays with the survivor.
  absl::StatusOr<MergeEntry> unmerge = recording.ledger().Unmerge(entry.id, {});
  ASSERT_TRUE(unmerge.ok()) << unmerge.status();
  absl::StatusOr<CustomerExplanation> after = recording.ledger().Explain(bo);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->customer.id, bo);
  EXPECT_TRUE(after->unmerged);
  absl::StatusOr<MergeEntry> undone = recording.ledger().Get(entry.id);
  ASSERT_TRUE(undone.ok()) << undone.status();
  EXPECT_EQ(undone->undone_by, unmerge->id);
}

TEST_P(MergeLedgerStoreTest, UnmergeUnderALaterMergeIsRefusedNamingIt) {
  Recording recording(*store_);
  auto [ana, bo] = TwoHistories(recording);
  absl::StatusOr<RecordResult> carla = recording.Record("carla-1", {Email("carla@example.com")}, 0);
  ASSERT_TRUE(carla.ok()) << carla.status();
  ASSERT_TRUE(recording.directory().Merge(ana, bo).ok());
  // Ana (the survivor) is merged into Carla afterwards.
  ASSERT_TRUE(recording.directory().Merge(carla->interaction.customer_id, ana).ok());
  absl::StatusOr<std::vector<MergeEntry>> entries = recording.ledger().List(ana, 0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  const MergeEntry& later = entries->at(0);
  const MergeEntry& first = entries->at(1);

  absl::StatusOr<MergeEntry> refused = recording.ledger().Unmerge(first.id, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr(absl::StrCat("merges/", later.id)));

  // Undone in reverse order, both go through; a second unmerge is refused.
  ASSERT_TRUE(recording.ledger().Unmerge(later.id, {}).ok());
  ASSERT_TRUE(recording.ledger().Unmerge(first.id, {}).ok());
  EXPECT_EQ(recording.ledger().Unmerge(first.id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(MergeLedgerStoreTest, DeleteMergesOfForgetsEveryEntryNamingTheCustomer) {
  Recording recording(*store_);
  auto [ana, bo] = TwoHistories(recording);
  ASSERT_TRUE(recording.directory().Merge(ana, bo).ok());
  ASSERT_OK(store_->Write([&](StoreWriter& writer) { return writer.DeleteMergesOf(bo); }));
  absl::StatusOr<std::vector<MergeEntry>> left = recording.ledger().List(ana, 0, 10);
  ASSERT_TRUE(left.ok()) << left.status();
  EXPECT_TRUE(left->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, MergeLedgerStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
