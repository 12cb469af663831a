// Which reply chain a status belongs to: status id -> id of the chain's root status.
//
// A status that replies to nothing is its own root. A reply takes its parent's root when the
// parent was seen (remembered) before; when the parent is unknown (posted before the data starts,
// or forgotten), the parent id itself is the root, so that replies to one unseen post still
// share a thread. Roots are never revised afterwards (records already emitted keep theirs).
//
// Memory is bounded: at most `max_entries` statuses and kMaxThreadIndexBytes of ids; the oldest
// remembered status is forgotten first. The entries travel in the connector's cursor.
// Not thread-safe.
#ifndef CXHUB_PLUGINS_SOCIAL_THREAD_INDEX_H_
#define CXHUB_PLUGINS_SOCIAL_THREAD_INDEX_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "absl/strings/string_view.h"

namespace cxhub::social {

// The bytes of ids (status id plus root id per entry) the index keeps at most, so that its cursor
// form stays well under the host's 64 KiB cursor limit.
inline constexpr size_t kMaxThreadIndexBytes = 40 * 1024;

struct ThreadEntry {
  std::string status_id;
  std::string root_id;

  bool operator==(const ThreadEntry& other) const {
    return status_id == other.status_id && root_id == other.root_id;
  }
};

class ThreadIndex {
 public:
  explicit ThreadIndex(size_t max_entries) : max_entries_(max_entries) {}

  // The root of status `status_id`, which replies to `parent_id` (nullopt: to nothing), and
  // remembers it. A status already remembered keeps the root it was given first.
  std::string Assign(absl::string_view status_id, const std::optional<std::string>& parent_id);

  // The remembered root of `status_id`, if any.
  std::optional<std::string> RootOf(absl::string_view status_id) const;

  // Remembers `entry` as the newest one (for restoring from a cursor); ignored when known.
  void Remember(ThreadEntry entry);

  // Oldest first.
  const std::deque<ThreadEntry>& entries() const { return entries_; }
  size_t max_entries() const { return max_entries_; }

 private:
  void Evict();

  size_t max_entries_;
  size_t bytes_ = 0;
  std::deque<ThreadEntry> entries_;
  std::unordered_map<std::string, std::string> roots_;
};

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_THREAD_INDEX_H_
