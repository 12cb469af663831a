// Erasure on every backend (store_backends.cc): after CustomerErasure::EraseCustomer no read of
// the store finds anything of the customer or of those merged into it (identities, history,
// survey answers, purchases, activity, journey steps, complaint texts, global keys, dead
// letters, audit names), everyone else is as before, and the identities are suppressed: the one
// ingestion path and the directory refuse them.
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/clock.h"
#include "server/core/customer_directory.h"
#include "server/core/customer_erasure.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_recorder.h"
#include "server/core/record_limits.h"
#include "server/core/store.h"
#include "server/core/suppression_list.h"
#include "tests/storage/backend_test.h"

namespace cxhub::testing {
namespace {

const absl::Time kDay = absl::FromUnixSeconds(1788739200);  // 2026-09-07 00:00 UTC.
constexpr char kKey[] = "0123456789abcdef0123456789abcdef-test-key";

// Mail received from the address: verified, so a record naming two customers' addresses
// merges them under the default trust policy.
Identity Email(const std::string& value) {
  Identity identity{IdentityKind::kEmail, value};
  identity.trust = IdentityTrust::kVerified;
  return identity;
}

class ErasureConformanceTest : public BackendTest {
 protected:
  ErasureConformanceTest()
      : normalizer_(*IdentityNormalizer::Create("PT")),
        suppression_(normalizer_, kKey),
        recorder_(normalizer_, SystemClock(), ConflictPolicy::kMerge, RecordLimits(),
                  &suppression_) {}

  // Records one interaction for whoever owns `identities`; returns the customer.
  absl::StatusOr<CustomerId> Record(const std::string& external_id,
                                    std::vector<Identity> identities,
                                    const Interaction& shape = Interaction()) {
    RecordRequest request;
    request.interaction = shape;
    request.interaction.channel = shape.channel.empty() ? "email" : shape.channel;
    request.interaction.source = "erasure-test";
    request.interaction.external_id = external_id;
    request.interaction.occur_time = kDay + absl::Hours(9) + absl::Minutes(identities.size());
    request.interaction.subject = "where is my order";
    request.interaction.body = "My order is late and I want a refund. 3 out of 10.";
    request.identities = std::move(identities);
    CustomerId customer = 0;
    absl::Status status = store().Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<RecordResult> result = recorder_.Record(writer, request);
      if (!result.ok()) return result.status();
      customer = result->interaction.customer_id;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return customer;
  }

  void Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) {
    const absl::Status status = store().Write(fn);
    ASSERT_TRUE(status.ok()) << status;
  }

  // Ana (two addresses), Bea merged into her by a record naming both, and Carl apart, each with
  // a message; Ana also a survey answer, a purchase and a globally keyed message. Dead letters
  // and audit entries name Ana and Carl.
  void RecordTheCustomers() {
    absl::StatusOr<CustomerId> ana = Record("ana-1", {Email("ana@example.com")});
    ASSERT_TRUE(ana.ok()) << ana.status();
    ana_ = *ana;
    absl::StatusOr<CustomerId> bea = Record("bea-1", {Email("bea@example.com")});
    ASSERT_TRUE(bea.ok()) << bea.status();
    bea_ = *bea;
    absl::StatusOr<CustomerId> merged =
        Record("both-1", {Email("ana@example.com"), Email("Bea@Example.com")});
    ASSERT_TRUE(merged.ok()) << merged.status();
    ASSERT_EQ(*merged, ana_);
    Interaction answer;
    answer.kind = InteractionKind::kSurveyResponse;
    answer.channel = "survey";
    answer.survey.emplace();
    answer.survey->score = 3;
    answer.survey->comment = "too slow";
    ASSERT_TRUE(Record("ana-nps", {Email("ana@example.com")}, answer).ok());
    Interaction purchase;
    purchase.kind = InteractionKind::kPurchase;
    purchase.channel = "web";
    purchase.purchase = Purchase{4200, "EUR", "order-7"};
    ASSERT_TRUE(Record("ana-order", {Email("ana@example.com")}, purchase).ok());
    Interaction keyed;
    keyed.global_key = "message-id:ana-42@example.com";
    ASSERT_TRUE(Record("ana-keyed", {Email("ana@example.com")}, keyed).ok());
    absl::StatusOr<CustomerId> carl = Record("carl-1", {Email("carl@example.com")});
    ASSERT_TRUE(carl.ok()) << carl.status();
    carl_ = *carl;
    ASSERT_NO_FATAL_FAILURE(Write([&](StoreWriter& writer) -> absl::Status {
      for (const std::string& raw : {std::string("From: ANA@example.com\r\n\r\nbroken"),
                                     std::string("From: carl@example.com\r\n\r\nbroken")}) {
        DeadLetter letter;
        letter.connector = "support-mail";
        letter.reason = "test";
        letter.raw = raw;
        letter.create_time = kDay;
        absl::StatusOr<DeadLetterId> id = writer.InsertDeadLetter(letter);
        if (!id.ok()) return id.status();
      }
      for (const std::string& resource : {absl::StrCat("customers/", ana_),
                                          absl::StrCat("customers/", carl_, " customers/", bea_),
                                          absl::StrCat("customers/", ana_, "0")}) {
        AuditEntry entry;
        entry.method = "/cxhub.v1.CustomerService/UpdateCustomer";
        entry.resource = resource;
        entry.time = kDay;
        absl::StatusOr<AuditEntryId> id = writer.InsertAuditEntry(entry);
        if (!id.ok()) return id.status();
      }
      return absl::OkStatus();
    }));
  }

  absl::StatusOr<ErasureReport> EraseAna() {
    CustomerErasure erasure(store(), normalizer_, suppression_, SystemClock());
    return erasure.EraseCustomer(ana_);
  }

  IdentityNormalizer normalizer_;
  SuppressionList suppression_;
  InteractionRecorder recorder_;
  CustomerId ana_ = 0;
  CustomerId bea_ = 0;
  CustomerId carl_ = 0;
};

TEST_P(ErasureConformanceTest, LeavesNoReadThatFindsTheCustomer) {
  ASSERT_NO_FATAL_FAILURE(RecordTheCustomers());
  absl::StatusOr<ErasureReport> report = EraseAna();
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->customers, (std::vector<CustomerId>{ana_, bea_}));
  EXPECT_EQ(report->suppressed_identities, 2);
  EXPECT_EQ(report->dead_letters, 1);
  EXPECT_EQ(report->audit_entries, 2);

  const absl::Status status = store().Read([&](StoreReader& reader) -> absl::Status {
    for (CustomerId erased : {ana_, bea_}) {
      EXPECT_TRUE(absl::IsNotFound(reader.ResolveCustomerId(erased).status())) << erased;
      EXPECT_TRUE(absl::IsNotFound(reader.GetCustomer(erased).status())) << erased;
      InteractionFilter filter;
      filter.customer_id = erased;
      EXPECT_TRUE(reader.ListInteractions(filter, std::nullopt, 100)->empty()) << erased;
    }
    for (const char* address : {"ana@example.com", "bea@example.com"}) {
      EXPECT_FALSE(reader.FindCustomerByIdentity(Email(address))->has_value()) << address;
      EXPECT_TRUE(*reader.IsIdentitySuppressed(suppression_.Fingerprint(Email(address))));
    }
    EXPECT_FALSE(*reader.IsIdentitySuppressed(suppression_.Fingerprint(Email("carl@example.com"))));
    for (const char* external_id : {"ana-1", "bea-1", "both-1", "ana-nps", "ana-order"}) {
      EXPECT_FALSE(reader.FindInteractionBySource("erasure-test", external_id)->has_value());
    }
    EXPECT_FALSE(reader.FindInteractionByGlobalKey("message-id:ana-42@example.com")->has_value());
    // Everything left is Carl's: the figures' counts and the texts hold nothing of Ana's.
    std::vector<Customer> customers = *reader.ListCustomers(0, 100);
    EXPECT_EQ(customers.size(), 1u);
    if (!customers.empty()) {
      EXPECT_EQ(customers[0].id, carl_);
    }
    EXPECT_TRUE(reader.SumScoreAnswers(ScoreAnswerFilter())->empty());
    EXPECT_TRUE(reader.SumPurchases(PurchaseFilter())->empty());
    CustomerActivityFilter activity;
    activity.start_time = kDay;
    activity.end_time = kDay + absl::Hours(24);
    absl::StatusOr<ActivityCounts> counts = reader.CountCustomerActivity(activity);
    EXPECT_TRUE(counts.ok()) << counts.status();
    if (counts.ok()) {
      EXPECT_EQ(counts->new_during, 1);
    }
    ComplaintTextFilter texts;
    texts.start_time = kDay;
    texts.end_time = kDay + absl::Hours(24);
    texts.sources = {ComplaintSource::kInboundMessage, ComplaintSource::kDetractorComment,
                     ComplaintSource::kMentionedDetractor};
    const std::vector<ComplaintText> complaint_texts = *reader.ListComplaintTexts(texts);
    for (const ComplaintText& text : complaint_texts) {
      EXPECT_EQ(text.customer_id, carl_);
    }
    int steps = 0;
    EXPECT_TRUE(reader
                    .ForEachJourneyStep({kDay, kDay + absl::Hours(24), ""},
                                        [&](const JourneyStep& step) {
                                          EXPECT_EQ(step.customer_id, carl_);
                                          ++steps;
                                          return absl::OkStatus();
                                        })
                    .ok());
    EXPECT_EQ(steps, 1);
    EXPECT_EQ(*reader.ListMatchingCustomers({}, kDay), (std::vector<CustomerId>{carl_}));
    std::vector<DeadLetter> letters = *reader.ListDeadLetters("", 0, 100);
    EXPECT_EQ(letters.size(), 1u);
    if (!letters.empty()) {
      EXPECT_EQ(letters[0].raw, "From: carl@example.com\r\n\r\nbroken");
    }
    std::vector<std::string> resources;
    const std::vector<AuditEntry> entries = *reader.ListAuditEntries(0, 100);
    for (const AuditEntry& entry : entries) {
      resources.push_back(entry.resource);
    }
    EXPECT_EQ(resources,
              (std::vector<std::string>{absl::StrCat("customers/", ana_, "0"),
                                        absl::StrCat("customers/", carl_, " ", kErasedResource),
                                        kErasedResource}));
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
}

TEST_P(ErasureConformanceTest, SuppressedIdentitiesAreRefusedEvenAmongOthers) {
  ASSERT_NO_FATAL_FAILURE(RecordTheCustomers());
  ASSERT_TRUE(EraseAna().ok());

  absl::StatusOr<CustomerId> again = Record("ana-2", {Email(" ANA@example.com ")});
  EXPECT_TRUE(IsSuppressedIdentityError(again.status())) << again.status();
  EXPECT_EQ(again.status().message(),
            "customer_identities[0]: this identity was erased and is suppressed");
  absl::StatusOr<CustomerId> mixed =
      Record("mixed-1", {Email("dan@example.com"), Email("bea@example.com")});
  EXPECT_TRUE(IsSuppressedIdentityError(mixed.status())) << mixed.status();
  // Nothing of the mixed record was kept: Dan was not created by it.
  ASSERT_NO_FATAL_FAILURE(Write([&](StoreWriter& writer) -> absl::Status {
    EXPECT_FALSE(writer.FindCustomerByIdentity(Email("dan@example.com"))->has_value());
    return absl::OkStatus();
  }));

  CustomerDirectory directory(store(), normalizer_, SystemClock(), &suppression_);
  Customer created;
  created.identities = {Email("new@example.com"), Email("ana@example.com")};
  absl::StatusOr<Customer> create = directory.Create(created);
  EXPECT_TRUE(absl::IsFailedPrecondition(create.status())) << create.status();
  EXPECT_EQ(create.status().message(), "identities[1]: this identity was erased and is suppressed");
  absl::StatusOr<Customer> added = directory.AddIdentity(carl_, Email("bea@example.com"));
  EXPECT_TRUE(absl::IsFailedPrecondition(added.status())) << added.status();
  EXPECT_EQ(added.status().message(), "identity: this identity was erased and is suppressed");
  EXPECT_TRUE(directory.AddIdentity(carl_, Email("carl@work.example.com")).ok());
}

TEST_P(ErasureConformanceTest, ErasingOneIdentityDetachesItAndKeepsTheHistory) {
  ASSERT_NO_FATAL_FAILURE(RecordTheCustomers());
  CustomerErasure erasure(store(), normalizer_, suppression_, SystemClock());
  absl::StatusOr<ErasureReport> report = erasure.EraseIdentity(Email("Ana@Example.com"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->customers, (std::vector<CustomerId>{ana_}));
  EXPECT_EQ(report->dead_letters, 1);
  ASSERT_NO_FATAL_FAILURE(Write([&](StoreWriter& writer) -> absl::Status {
    Customer ana = *writer.GetCustomer(ana_);
    EXPECT_EQ(ana.identities, (std::vector<Identity>{Email("bea@example.com")}));
    InteractionFilter filter;
    filter.customer_id = ana_;
    EXPECT_EQ(writer.ListInteractions(filter, std::nullopt, 100)->size(), 6u);
    return absl::OkStatus();
  }));
  EXPECT_TRUE(IsSuppressedIdentityError(Record("ana-3", {Email("ana@example.com")}).status()));
  EXPECT_EQ(*Record("bea-3", {Email("bea@example.com")}), ana_);
}

TEST_P(ErasureConformanceTest, WithoutAKeyErasureIsRefusedAndNothingIsChecked) {
  ASSERT_NO_FATAL_FAILURE(RecordTheCustomers());
  SuppressionList keyless(normalizer_, "");
  CustomerErasure erasure(store(), normalizer_, keyless, SystemClock());
  absl::StatusOr<ErasureReport> report = erasure.EraseCustomer(ana_);
  EXPECT_TRUE(absl::IsFailedPrecondition(report.status())) << report.status();
  EXPECT_NE(report.status().message().find(kSuppressionKeySetting), absl::string_view::npos);
  EXPECT_TRUE(absl::IsFailedPrecondition(erasure.EraseIdentity(Email("ana@example.com")).status()));
  ASSERT_NO_FATAL_FAILURE(Write([&](StoreWriter& writer) -> absl::Status {
    EXPECT_TRUE(writer.GetCustomer(ana_).ok());
    EXPECT_TRUE(keyless.Check(writer, {Email("ana@example.com")}, "identities").ok());
    return absl::OkStatus();
  }));
}

TEST_P(ErasureConformanceTest, AMergedAwayIdIsNotErased) {
  ASSERT_NO_FATAL_FAILURE(RecordTheCustomers());
  CustomerErasure erasure(store(), normalizer_, suppression_, SystemClock());
  EXPECT_TRUE(absl::IsNotFound(erasure.EraseCustomer(bea_).status()));
  EXPECT_TRUE(absl::IsNotFound(erasure.EraseCustomer(carl_ + 100).status()));
}

TEST_P(ErasureConformanceTest, ConnectorStatesCountSuppressedRecords) {
  for (int64_t added : {2, 3}) {
    ASSERT_NO_FATAL_FAILURE(Write([&](StoreWriter& writer) -> absl::Status {
      ConnectorStateUpdate update;
      update.added.suppressed = added;
      update.added.records_in = 1;
      update.time = kDay;
      return writer.UpdateConnectorState("support-mail", update);
    }));
  }
  ASSERT_TRUE(store()
                  .Read([&](StoreReader& reader) -> absl::Status {
                    std::optional<ConnectorState> state = *reader.GetConnectorState("support-mail");
                    EXPECT_TRUE(state.has_value());
                    EXPECT_EQ(state->counters.suppressed, 5);
                    EXPECT_EQ(state->counters.records_in, 2);
                    return absl::OkStatus();
                  })
                  .ok());
}

CXHUB_INSTANTIATE_BACKEND_TEST(ErasureConformanceTest);

}  // namespace
}  // namespace cxhub::testing
