#include "server/storage/sqlite_page_cache.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <new>

namespace cxhub {

void PageKeyBound::Fetched(uint32_t key) { fetched_max_ = std::max(fetched_max_, key); }

void PageKeyBound::Moved(uint32_t from, uint32_t to) {
  // Keys are unique in a cache: nothing is at `from` any more.
  moved_to_.erase(std::remove(moved_to_.begin(), moved_to_.end(), from), moved_to_.end());
  if (to > fetched_max_) moved_to_.push_back(to);
}

void PageKeyBound::Truncated(uint32_t limit) {
  if (limit == 0) {
    fetched_max_ = 0;
    moved_to_.clear();
    return;
  }
  fetched_max_ = std::min(fetched_max_, limit - 1);
  moved_to_.erase(std::remove_if(moved_to_.begin(), moved_to_.end(),
                                 [limit](uint32_t key) { return key >= limit; }),
                  moved_to_.end());
}

uint32_t PageKeyBound::Max() const {
  const auto moved = std::max_element(moved_to_.begin(), moved_to_.end());
  return moved == moved_to_.end() ? fetched_max_ : std::max(fetched_max_, *moved);
}

namespace {

// SQLite's own cache, which every call below ends in.
sqlite3_pcache_methods2 default_cache;

// What xCreate hands SQLite: the default cache's object and the bound on its keys. SQLite calls
// a cache from the one connection that owns it, so the bound needs no lock.
struct TrackedCache {
  sqlite3_pcache* inner;
  PageKeyBound bound;
};

TrackedCache& Tracked(sqlite3_pcache* cache) { return *reinterpret_cast<TrackedCache*>(cache); }

int Init(void* /*arg*/) { return default_cache.xInit(default_cache.pArg); }

void Shutdown(void* /*arg*/) { default_cache.xShutdown(default_cache.pArg); }

sqlite3_pcache* Create(int page_size, int extra_size, int purgeable) {
  sqlite3_pcache* inner = default_cache.xCreate(page_size, extra_size, purgeable);
  if (inner == nullptr) return nullptr;
  auto* tracked = new (std::nothrow) TrackedCache{inner, {}};
  if (tracked == nullptr) {
    default_cache.xDestroy(inner);
    return nullptr;
  }
  return reinterpret_cast<sqlite3_pcache*>(tracked);
}

void CacheSize(sqlite3_pcache* cache, int pages) {
  default_cache.xCachesize(Tracked(cache).inner, pages);
}

int PageCount(sqlite3_pcache* cache) { return default_cache.xPagecount(Tracked(cache).inner); }

sqlite3_pcache_page* Fetch(sqlite3_pcache* cache, unsigned key, int create) {
  TrackedCache& tracked = Tracked(cache);
  sqlite3_pcache_page* page = default_cache.xFetch(tracked.inner, key, create);
  // A look-up that finds nothing leaves the cache as it was.
  if (page != nullptr) tracked.bound.Fetched(key);
  return page;
}

void Unpin(sqlite3_pcache* cache, sqlite3_pcache_page* page, int discard) {
  default_cache.xUnpin(Tracked(cache).inner, page, discard);
}

void Rekey(sqlite3_pcache* cache, sqlite3_pcache_page* page, unsigned from, unsigned to) {
  TrackedCache& tracked = Tracked(cache);
  default_cache.xRekey(tracked.inner, page, from, to);
  tracked.bound.Moved(from, to);
}

void Truncate(sqlite3_pcache* cache, unsigned limit) {
  TrackedCache& tracked = Tracked(cache);
  if (!tracked.bound.MayHoldFrom(limit)) return;
  default_cache.xTruncate(tracked.inner, limit);
  tracked.bound.Truncated(limit);
}

void Destroy(sqlite3_pcache* cache) {
  TrackedCache* tracked = &Tracked(cache);
  default_cache.xDestroy(tracked->inner);
  delete tracked;
}

void Shrink(sqlite3_pcache* cache) { default_cache.xShrink(Tracked(cache).inner); }

// In sqlite3_pcache_methods2's order: version 1, no argument of its own, then each method.
const sqlite3_pcache_methods2 kTracking = {
    1,      nullptr, &Init,  &Shutdown, &Create,  &CacheSize, &PageCount,
    &Fetch, &Unpin,  &Rekey, &Truncate, &Destroy, &Shrink,
};

bool Install() {
  // Both calls fail with SQLITE_MISUSE once SQLite has initialized.
  if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &default_cache) != SQLITE_OK) return false;
  return sqlite3_config(SQLITE_CONFIG_PCACHE2, &kTracking) == SQLITE_OK;
}

}  // namespace

const sqlite3_pcache_methods2& TruncationTrackingPageCache() { return kTracking; }

bool TrackTruncationInSqlitePageCache() {
  static const bool installed = Install();  // Once per process, thread-safe.
  return installed;
}

}  // namespace cxhub
