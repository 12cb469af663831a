#include "server/storage/sqlite_page_cache.h"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sqlite_driver.h"
#include "tests/storage/sqlite_test_table.h"
#include "tests/temp_dir.h"

namespace cxhub {
namespace {

// Where a B-tree rebalance parks a page while it swaps two (SQLite's lock byte page, 4 KiB
// pages).
constexpr uint32_t kParkingKey = 262145;

TEST(PageKeyBound, IsTheLargestKeyFetched) {
  PageKeyBound bound;
  EXPECT_FALSE(bound.MayHoldFrom(1));
  for (uint32_t key : {3, 10, 7}) bound.Fetched(key);
  EXPECT_EQ(bound.Max(), 10u);
  EXPECT_TRUE(bound.MayHoldFrom(10));
  EXPECT_FALSE(bound.MayHoldFrom(11));
}

TEST(PageKeyBound, ASwapThroughTheParkingKeyLeavesItAsItWas) {
  PageKeyBound bound;
  for (uint32_t key = 1; key <= 10; ++key) bound.Fetched(key);
  bound.Moved(4, kParkingKey);
  EXPECT_EQ(bound.Max(), kParkingKey);
  EXPECT_TRUE(bound.MayHoldFrom(11));
  bound.Moved(9, 4);
  bound.Moved(kParkingKey, 9);
  EXPECT_EQ(bound.Max(), 10u);
  EXPECT_FALSE(bound.MayHoldFrom(11));
}

TEST(PageKeyBound, APageLeftPastTheLimitNeedsTheTruncation) {
  PageKeyBound bound;
  for (uint32_t key = 1; key <= 10; ++key) bound.Fetched(key);
  bound.Moved(4, kParkingKey);
  ASSERT_TRUE(bound.MayHoldFrom(11));
  bound.Truncated(11);
  EXPECT_EQ(bound.Max(), 10u);
  EXPECT_FALSE(bound.MayHoldFrom(11));
}

TEST(PageKeyBound, TruncationsLowerIt) {
  PageKeyBound bound;
  bound.Fetched(20);
  bound.Moved(20, 30);
  bound.Truncated(11);
  EXPECT_EQ(bound.Max(), 10u);
  bound.Truncated(0);
  EXPECT_EQ(bound.Max(), 0u);
  EXPECT_FALSE(bound.MayHoldFrom(1));
}

// SQLite's own cache driven through the wrapper, as the pager does.
class TruncationTrackingPageCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(TrackTruncationInSqlitePageCache());
    ASSERT_EQ(sqlite3_initialize(), SQLITE_OK);
    cache_ = methods_.xCreate(4096, 64, /*bPurgeable=*/1);
    ASSERT_NE(cache_, nullptr);
    methods_.xCachesize(cache_, 100);
  }
  void TearDown() override { methods_.xDestroy(cache_); }

  // Makes the page at `key` and unpins it, as a page read and released.
  void Load(uint32_t key) {
    sqlite3_pcache_page* page = methods_.xFetch(cache_, key, 2);
    ASSERT_NE(page, nullptr) << key;
    pages_[key] = page;
    methods_.xUnpin(cache_, page, 0);
  }
  sqlite3_pcache_page* Pin(uint32_t key) { return methods_.xFetch(cache_, key, 0); }
  bool Holds(uint32_t key) {
    sqlite3_pcache_page* page = Pin(key);
    if (page != nullptr) methods_.xUnpin(cache_, page, 0);
    return page != nullptr;
  }
  // What a rebalance does to swap the pages at `a` and `b`.
  void Swap(uint32_t a, uint32_t b) {
    sqlite3_pcache_page* at_a = Pin(a);
    sqlite3_pcache_page* at_b = Pin(b);
    ASSERT_NE(at_a, nullptr);
    ASSERT_NE(at_b, nullptr);
    methods_.xRekey(cache_, at_a, a, kParkingKey);
    methods_.xRekey(cache_, at_b, b, a);
    methods_.xRekey(cache_, at_a, kParkingKey, b);
    methods_.xUnpin(cache_, at_a, 0);
    methods_.xUnpin(cache_, at_b, 0);
  }

  const sqlite3_pcache_methods2& methods_ = TruncationTrackingPageCache();
  sqlite3_pcache* cache_ = nullptr;
  std::map<uint32_t, sqlite3_pcache_page*> pages_;
};

TEST_F(TruncationTrackingPageCacheTest, SwappedPagesStayAndTheirBuffersMoveWithThem) {
  for (uint32_t key = 1; key <= 10; ++key) Load(key);
  Swap(4, 9);
  methods_.xTruncate(cache_, 11);
  for (uint32_t key = 1; key <= 10; ++key) EXPECT_TRUE(Holds(key)) << key;
  EXPECT_FALSE(Holds(kParkingKey));
  sqlite3_pcache_page* at_four = Pin(4);
  EXPECT_EQ(at_four->pBuf, pages_[9]->pBuf);
  methods_.xUnpin(cache_, at_four, 0);
}

TEST_F(TruncationTrackingPageCacheTest, DropsThePagesPastTheLimit) {
  for (uint32_t key = 1; key <= 10; ++key) Load(key);
  methods_.xTruncate(cache_, 6);
  for (uint32_t key = 1; key <= 5; ++key) EXPECT_TRUE(Holds(key)) << key;
  for (uint32_t key = 6; key <= 10; ++key) EXPECT_FALSE(Holds(key)) << key;
  EXPECT_EQ(methods_.xPagecount(cache_), 5);
}

TEST_F(TruncationTrackingPageCacheTest, DropsAPageLeftAtTheParkingKey) {
  for (uint32_t key = 1; key <= 10; ++key) Load(key);
  sqlite3_pcache_page* page = Pin(4);
  ASSERT_NE(page, nullptr);
  methods_.xRekey(cache_, page, 4, kParkingKey);
  methods_.xUnpin(cache_, page, 0);
  // Not looked up before the truncation: a look-up that finds it tells the bound of it.
  ASSERT_EQ(methods_.xPagecount(cache_), 10);
  methods_.xTruncate(cache_, 11);
  EXPECT_FALSE(Holds(kParkingKey));
  EXPECT_EQ(methods_.xPagecount(cache_), 9);
}

// A database through the driver, which installs the wrapper: growth rolled back, to a savepoint
// and whole, beside inserts in random key order (rebalances that swap pages), leaves the rows
// committed and a sound database.
TEST(SqlitePageCache, RolledBackGrowthLeavesTheCommittedRows) {
  const test::TempDir directory("sqlite_page_cache");
  absl::StatusOr<std::unique_ptr<Connection>> opened =
      OpenSqliteConnection({directory.File("test.db"), absl::Seconds(5), false});
  ASSERT_TRUE(opened.ok()) << opened.status();
  Connection& db = **opened;
  EXPECT_TRUE(TrackTruncationInSqlitePageCache());
  ASSERT_TRUE(db.ExecuteScript(test::kScatteredTable).ok());
  auto insert = [&](int first, int count) {
    return test::InsertScatteredRows(db, first, count, /*digits=*/200);
  };
  ASSERT_TRUE(db.BeginWrite().ok());
  ASSERT_TRUE(insert(1, 20000).ok());
  ASSERT_TRUE(db.Commit().ok());

  ASSERT_TRUE(db.BeginWrite().ok());
  ASSERT_TRUE(insert(20001, 5000).ok());
  ASSERT_TRUE(db.Savepoint("grown").ok());
  ASSERT_TRUE(insert(25001, 20000).ok());
  ASSERT_TRUE(db.RollbackToSavepoint("grown").ok());
  ASSERT_TRUE(db.ReleaseSavepoint("grown").ok());
  ASSERT_TRUE(db.Commit().ok());

  ASSERT_TRUE(db.BeginWrite().ok());
  ASSERT_TRUE(insert(50001, 20000).ok());
  ASSERT_TRUE(db.Rollback().ok());

  ASSERT_TRUE(db.BeginWrite().ok());
  ASSERT_TRUE(insert(80001, 3000).ok());
  ASSERT_TRUE(db.Commit().ok());

  EXPECT_EQ(test::FirstValue(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(test::FirstValue(db, "SELECT count(*) FROM t"), "28000");
  EXPECT_EQ(test::FirstValue(db, "SELECT count(*) FROM t WHERE id > 25000 AND id <= 80000"), "0");
  EXPECT_EQ(test::FirstValue(db, "SELECT count(*) FROM t INDEXED BY t_k WHERE k > ''"), "28000");
}

}  // namespace
}  // namespace cxhub
