// Backoff, the commit-ahead thread, plugin paths and record conversion: no store, no plugin.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/backoff.h"
#include "server/connectors/commit_ahead.h"
#include "server/connectors/plugin_path.h"
#include "server/connectors/record_conversion.h"
#include "server/core/record_validation.h"
#include "tests/thread_count.h"

namespace cxhub {
namespace {

using ::cxhub::testing::ThreadCount;
using ::testing::HasSubstr;

TEST(Backoff, DoublesUpToTheCapAndStartsOverAfterReset) {
  Backoff backoff(absl::Seconds(1), absl::Seconds(5));
  EXPECT_EQ(backoff.Next(), absl::Seconds(1));
  EXPECT_EQ(backoff.Next(), absl::Seconds(2));
  EXPECT_EQ(backoff.Next(), absl::Seconds(4));
  EXPECT_EQ(backoff.Next(), absl::Seconds(5));
  EXPECT_EQ(backoff.Next(), absl::Seconds(5));
  EXPECT_EQ(backoff.failures(), 5);
  backoff.Reset();
  EXPECT_EQ(backoff.Next(), absl::Seconds(1));
}

TEST(CommitAhead, RunsEachJobOnItsOwnThreadWhileTheCallerGoesOn) {
  CommitAhead commit_ahead;
  std::vector<int> ran;
  std::thread::id job_thread;
  for (int job = 1; job <= 3; ++job) {
    absl::Notification caller_went_on;
    commit_ahead.Start([&, job] {
      // Holds the job until the caller has gone past Start: Start does not run it.
      caller_went_on.WaitForNotification();
      job_thread = std::this_thread::get_id();
      ran.push_back(job);
    });
    caller_went_on.Notify();
    commit_ahead.Await();
    EXPECT_NE(job_thread, std::this_thread::get_id());
  }
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 3}));
}

TEST(CommitAhead, EndingWaitsForTheJobUnderWay) {
  std::atomic<bool> done{false};
  {
    CommitAhead commit_ahead;
    commit_ahead.Start([&done] {
      absl::SleepFor(absl::Milliseconds(50));
      done = true;
    });
  }
  EXPECT_TRUE(done.load());
}

TEST(CommitAhead, HasAThreadOnlyFromItsFirstJobToItsEnd) {
  const int64_t threads_before = ThreadCount();
  {
    CommitAhead commit_ahead;
    commit_ahead.Await();                      // No job: returns at once.
    EXPECT_EQ(ThreadCount(), threads_before);  // A read that commits nothing starts none.
    commit_ahead.Start([] {});
    commit_ahead.Await();
    EXPECT_EQ(ThreadCount(), threads_before + 1);
  }
  EXPECT_EQ(ThreadCount(), threads_before);
}

class PluginPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::path(::testing::TempDir()) / "cxhub_plugin_path";
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "a");
    std::filesystem::create_directories(root_ / "b");
    std::ofstream(root_ / "b" / "mail.so") << "x";
    std::ofstream(root_ / "outside.so") << "x";
    std::filesystem::create_symlink(root_ / "outside.so", root_ / "a" / "link.so");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::vector<std::string> Dirs() const { return {(root_ / "a").string(), (root_ / "b").string()}; }
  std::filesystem::path root_;
};

TEST_F(PluginPathTest, FindsTheFileInTheFirstDirectoryThatHasIt) {
  absl::StatusOr<std::string> path = FindPluginFile(Dirs(), "mail.so");
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(*path, std::filesystem::canonical(root_ / "b" / "mail.so").string());
}

TEST_F(PluginPathTest, RefusesPathsAndEscapes) {
  for (const char* name : {"../outside.so", "a/mail.so", "/etc/passwd", "..", "x..so"}) {
    EXPECT_EQ(FindPluginFile(Dirs(), name).status().code(), absl::StatusCode::kInvalidArgument)
        << name;
  }
  EXPECT_EQ(FindPluginFile(Dirs(), "link.so").status().code(), absl::StatusCode::kPermissionDenied);
  absl::Status missing = FindPluginFile(Dirs(), "nope.so").status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.message(), HasSubstr((root_ / "a").string()));
  EXPECT_EQ(FindPluginFile({}, "mail.so").status().code(), absl::StatusCode::kFailedPrecondition);
}

connector::v1::InteractionRecord Valid() {
  connector::v1::InteractionRecord record;
  record.set_external_id("x1");
  record.set_channel("email");
  record.set_kind(v1::MESSAGE);
  record.set_direction(v1::OUTBOUND);
  record.mutable_occur_time()->set_seconds(1772359200);
  record.mutable_occur_time()->set_nanos(500);
  v1::Identity* customer = record.add_customer_identities();
  customer->set_kind(v1::EMAIL);
  customer->set_value("ana@example.com");
  v1::Identity* business = record.add_business_identities();
  business->set_kind(v1::EMAIL);
  business->set_value("support@shop.example");
  return record;
}

// Why the host's ingestion path refuses `record`: the Record's conversion, then core's
// validation, named as in the Record.
std::string Reason(const connector::v1::InteractionRecord& record) {
  absl::StatusOr<RecordRequest> request = RecordRequestFromRecord(record, "mail", RecordLimits());
  if (!request.ok()) return std::string(request.status().message());
  return std::string(NameRecordField(ValidateRecordRequest(*request, RecordLimits())).message());
}

TEST(RecordConversion, ConvertsAValidRecord) {
  absl::StatusOr<RecordRequest> item = RecordRequestFromRecord(Valid(), "mail", RecordLimits());
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->interaction.source, "mail");
  EXPECT_EQ(item->interaction.external_id, "x1");
  EXPECT_EQ(item->interaction.direction, Direction::kOutbound);
  EXPECT_EQ(item->interaction.occur_time,
            absl::FromUnixSeconds(1772359200) + absl::Nanoseconds(500));
  EXPECT_EQ(item->interaction.attributes.at("business_identities"), "email:support@shop.example");
  ASSERT_EQ(item->identities.size(), 1u);
}

TEST(RecordConversion, NamesTheFieldThatIsWrong) {
  const auto reason = [](auto mutate) {
    connector::v1::InteractionRecord record = Valid();
    mutate(record);
    return Reason(record);
  };
  EXPECT_THAT(reason([](auto& r) { r.clear_external_id(); }),
              HasSubstr("interaction.external_id: required"));
  EXPECT_THAT(reason([](auto& r) { r.set_channel("E-Mail"); }), HasSubstr("interaction.channel"));
  EXPECT_THAT(reason([](auto& r) { r.set_kind(v1::INTERACTION_KIND_UNSPECIFIED); }),
              HasSubstr("interaction.kind: required"));
  EXPECT_THAT(reason([](auto& r) { r.mutable_occur_time()->set_nanos(-1); }),
              HasSubstr("interaction.occur_time"));
  EXPECT_THAT(reason([](auto& r) { r.clear_customer_identities(); }),
              HasSubstr("interaction.customer_identities"));
  EXPECT_THAT(reason([](auto& r) {
                r.set_kind(v1::SURVEY_RESPONSE);
                r.mutable_survey()->set_metric(v1::NPS);
                r.mutable_survey()->set_score(11);
              }),
              HasSubstr("interaction.survey.score"));
}

TEST(RecordConversion, CarriesAPurchaseAndNamesABadOne) {
  connector::v1::InteractionRecord record = Valid();
  record.set_kind(v1::PURCHASE);
  record.mutable_purchase()->set_amount_minor_units(11990);
  record.mutable_purchase()->set_currency("EUR");
  record.mutable_purchase()->set_order_id("NW-10511");
  absl::StatusOr<RecordRequest> item = RecordRequestFromRecord(record, "web", RecordLimits());
  ASSERT_TRUE(item.ok()) << item.status();
  ASSERT_TRUE(item->interaction.purchase.has_value());
  EXPECT_EQ(item->interaction.purchase->amount_minor_units, 11990);
  EXPECT_EQ(item->interaction.purchase->currency, "EUR");
  EXPECT_EQ(item->interaction.purchase->order_id, "NW-10511");
  EXPECT_EQ(Reason(record), "");

  // The host dead-letters what core refuses, with this reason.
  record.mutable_purchase()->set_currency("EURO");
  EXPECT_THAT(Reason(record), HasSubstr("interaction.purchase.currency"));
  record.mutable_purchase()->set_currency("EUR");
  record.mutable_purchase()->set_amount_minor_units(-1);
  EXPECT_THAT(Reason(record), HasSubstr("interaction.purchase.amount_minor_units"));
  record.set_kind(v1::VISIT);
  EXPECT_THAT(Reason(record),
              HasSubstr("interaction.purchase: only allowed when kind is PURCHASE"));
}

}  // namespace
}  // namespace cxhub
