// SQLite's own page cache, wrapped so that a commit no longer walks every cached page.
//
// At the end of each write transaction SQLite's pager asks the page cache to drop the pages past
// the database's last page (xTruncate). The default cache (pcache1, SQLite 3.40) knows only the
// largest page number it ever held since the last truncation, and when that lies more than its
// hash table's size past the limit it walks the whole table. A B-tree rebalance that swaps two
// pages parks one of them at the page number of the lock byte (1 GiB / page size + 1: 262,145
// with 4 KiB pages) for a moment, so after nearly every transaction that split a page the next
// commit walked every one of the writer's cached pages: with the writer's 64 MiB cache full,
// 20% of the group-commit thread's time under single RecordInteraction calls (perf, cxload
// --mix=record:1).
//
// The wrapper keeps its own bound on the page numbers the cache holds, which a page leaving the
// parking number lowers again, and passes a truncation on only when a page at or past the limit
// may be cached. Everything else goes to SQLite's cache unchanged.
#ifndef CXHUB_SERVER_STORAGE_SQLITE_PAGE_CACHE_H_
#define CXHUB_SERVER_STORAGE_SQLITE_PAGE_CACHE_H_

#include <cstdint>
#include <vector>

struct sqlite3_pcache_methods2;

namespace cxhub {

// An upper bound on the keys (page numbers) in one page cache, from what the cache was asked:
// no key above Max() is in it.
class PageKeyBound {
 public:
  // A fetch of `key` found or made a page.
  void Fetched(uint32_t key);
  // The page at `from` now has key `to`.
  void Moved(uint32_t from, uint32_t to);
  // Whether a truncation to keys below `limit` may drop a page.
  bool MayHoldFrom(uint32_t limit) const { return Max() >= limit; }
  // The cache dropped every page at or past `limit`.
  void Truncated(uint32_t limit);

  uint32_t Max() const;

 private:
  // The largest key fetched, lowered by truncations.
  uint32_t fetched_max_ = 0;
  // Keys above fetched_max_ that a page was moved to and has not left: the parking number, for
  // a moment during a rebalance. Rarely more than one.
  std::vector<uint32_t> moved_to_;
};

// Installs the wrapper as SQLite's page cache, once per process. It must run before SQLite
// initializes, so the SQLite driver calls it before its first open; when something initialized
// SQLite earlier the default cache stays, and this returns false.
bool TrackTruncationInSqlitePageCache();

// The wrapper's methods, over SQLite's own cache once TrackTruncationInSqlitePageCache() has
// returned true: for tests, which drive a cache through them directly.
const sqlite3_pcache_methods2& TruncationTrackingPageCache();

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_PAGE_CACHE_H_
