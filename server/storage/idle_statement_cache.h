// The prepared statements of one connection that nobody uses right now, kept by SQL text for
// the next Prepare of the same text: parsing and planning (and on MySQL a round trip) cost more
// than most statements the store runs. Bounded: once full, the statement returned least
// recently goes, so SQL built from varying input (IN lists, batch sizes) cannot crowd out the
// statements in steady use for good.
//
// Not thread safe: one per connection, used by the connection's thread.
#ifndef CXHUB_SERVER_STORAGE_IDLE_STATEMENT_CACHE_H_
#define CXHUB_SERVER_STORAGE_IDLE_STATEMENT_CACHE_H_

#include <cstddef>
#include <functional>
#include <iterator>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "absl/strings/string_view.h"

namespace cxhub {

// `Handle` is a driver's statement (a pointer or a movable owner).
template <typename Handle>
class IdleStatementCache {
 public:
  // `discard` releases a statement the cache lets go of (finalize, close).
  IdleStatementCache(size_t capacity, std::function<void(Handle)> discard)
      : capacity_(capacity), discard_(std::move(discard)) {}
  ~IdleStatementCache() { Clear(); }

  IdleStatementCache(const IdleStatementCache&) = delete;
  IdleStatementCache& operator=(const IdleStatementCache&) = delete;

  // A kept statement of `sql`, now the caller's; nullopt when there is none.
  std::optional<Handle> Take(absl::string_view sql) {
    auto found = index_.find(std::string_view(sql.data(), sql.size()));
    if (found == index_.end()) return std::nullopt;
    auto entry = found->second;
    index_.erase(found);
    std::optional<Handle> handle(std::move(entry->second));
    entries_.erase(entry);
    return handle;
  }

  // Keeps `handle`, a statement of `sql` the caller is done with. Discards it when one of the
  // same text is kept already, else discards the least recently kept one if the cache is full.
  void Put(std::string sql, Handle handle) {
    if (capacity_ == 0 || index_.count(sql) != 0) {
      discard_(std::move(handle));
      return;
    }
    if (entries_.size() >= capacity_) {
      auto oldest = std::prev(entries_.end());
      index_.erase(oldest->first);
      discard_(std::move(oldest->second));
      entries_.erase(oldest);
    }
    entries_.emplace_front(std::move(sql), std::move(handle));
    // The key views the list node's string, which never moves.
    index_.emplace(entries_.front().first, entries_.begin());
  }

  // Discards every kept statement.
  void Clear() {
    index_.clear();
    for (auto& [sql, handle] : entries_) discard_(std::move(handle));
    entries_.clear();
  }

  size_t size() const { return entries_.size(); }

 private:
  using Entries = std::list<std::pair<std::string, Handle>>;

  const size_t capacity_;
  const std::function<void(Handle)> discard_;
  Entries entries_;  // Most recently kept first.
  std::unordered_map<std::string_view, typename Entries::iterator> index_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_IDLE_STATEMENT_CACHE_H_
