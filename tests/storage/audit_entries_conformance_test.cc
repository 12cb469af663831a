// The audit_entries table on every backend (store_backends.cc): entries come back as written,
// newest first, paged by id; the rows survive the transaction that wrote them only.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/store.h"
#include "tests/storage/backend_test.h"

namespace cxhub::testing {
namespace {

class AuditEntriesConformanceTest : public BackendTest {
 protected:
  AuditEntryId Insert(const std::string& method, int seconds) {
    AuditEntry entry;
    entry.token_name = "admin-person";
    entry.method = method;
    entry.resource = "customers/7 customers/9";
    entry.time = absl::FromUnixSeconds(1700000000 + seconds) + absl::Microseconds(3);
    entry.status_code = 7;
    AuditEntryId id = 0;
    const absl::Status status = store().Write([&](StoreWriter& writer) -> absl::Status {
      absl::StatusOr<AuditEntryId> inserted = writer.InsertAuditEntry(entry);
      if (inserted.ok()) id = *inserted;
      return inserted.status();
    });
    EXPECT_TRUE(status.ok()) << status;
    return id;
  }

  std::vector<AuditEntry> List(AuditEntryId before_id, int limit) {
    std::vector<AuditEntry> entries;
    const absl::Status status = store().Read([&](StoreReader& reader) -> absl::Status {
      absl::StatusOr<std::vector<AuditEntry>> listed = reader.ListAuditEntries(before_id, limit);
      if (listed.ok()) entries = *std::move(listed);
      return listed.status();
    });
    EXPECT_TRUE(status.ok()) << status;
    return entries;
  }
};

TEST_P(AuditEntriesConformanceTest, EntriesComeBackAsWrittenNewestFirst) {
  const AuditEntryId first = Insert("/cxhub.v1.CustomerService/MergeCustomers", 1);
  const AuditEntryId second = Insert("/cxhub.v1.CustomerService/DeleteCustomer", 2);
  EXPECT_GT(second, first);
  const std::vector<AuditEntry> entries = List(0, 10);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].id, second);
  EXPECT_EQ(entries[0].method, "/cxhub.v1.CustomerService/DeleteCustomer");
  EXPECT_EQ(entries[1].id, first);
  EXPECT_EQ(entries[1].token_name, "admin-person");
  EXPECT_EQ(entries[1].resource, "customers/7 customers/9");
  EXPECT_EQ(entries[1].time, absl::FromUnixSeconds(1700000001) + absl::Microseconds(3));
  EXPECT_EQ(entries[1].status_code, 7);
}

TEST_P(AuditEntriesConformanceTest, PagesOlderEntriesBeforeAnId) {
  std::vector<AuditEntryId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Insert(absl::StrCat("/m/", i), i));
  const std::vector<AuditEntry> first_page = List(0, 2);
  ASSERT_EQ(first_page.size(), 2u);
  EXPECT_EQ(first_page[1].id, ids[3]);
  const std::vector<AuditEntry> second_page = List(first_page.back().id, 10);
  ASSERT_EQ(second_page.size(), 3u);
  EXPECT_EQ(second_page[0].id, ids[2]);
  EXPECT_EQ(second_page[2].id, ids[0]);
  EXPECT_TRUE(List(ids[0], 10).empty());
}

TEST_P(AuditEntriesConformanceTest, AnEntryOfARolledBackTransactionIsNotKept) {
  const absl::Status status = store().Write([&](StoreWriter& writer) -> absl::Status {
    AuditEntry entry;
    entry.method = "/m/rolled-back";
    if (absl::Status inserted = writer.InsertAuditEntry(entry).status(); !inserted.ok()) {
      return inserted;
    }
    return absl::FailedPreconditionError("roll back");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(List(0, 10).empty());
}

CXHUB_INSTANTIATE_BACKEND_TEST(AuditEntriesConformanceTest);

}  // namespace
}  // namespace cxhub::testing
