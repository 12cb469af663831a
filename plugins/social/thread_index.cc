#include "plugins/social/thread_index.h"

namespace cxhub::social {

std::string ThreadIndex::Assign(absl::string_view status_id,
                                const std::optional<std::string>& parent_id) {
  if (std::optional<std::string> known = RootOf(status_id)) return *known;
  std::string root;
  if (!parent_id) {
    root = std::string(status_id);
  } else if (std::optional<std::string> parent_root = RootOf(*parent_id)) {
    root = *std::move(parent_root);
  } else {
    root = *parent_id;
  }
  Remember({std::string(status_id), root});
  return root;
}

std::optional<std::string> ThreadIndex::RootOf(absl::string_view status_id) const {
  const auto found = roots_.find(std::string(status_id));
  if (found == roots_.end()) return std::nullopt;
  return found->second;
}

void ThreadIndex::Remember(ThreadEntry entry) {
  if (max_entries_ == 0 || roots_.count(entry.status_id) > 0) return;
  roots_.emplace(entry.status_id, entry.root_id);
  bytes_ += entry.status_id.size() + entry.root_id.size();
  entries_.push_back(std::move(entry));
  Evict();
}

void ThreadIndex::Evict() {
  while (!entries_.empty() && (entries_.size() > max_entries_ || bytes_ > kMaxThreadIndexBytes)) {
    const ThreadEntry& oldest = entries_.front();
    bytes_ -= oldest.status_id.size() + oldest.root_id.size();
    roots_.erase(oldest.status_id);
    entries_.pop_front();
  }
}

}  // namespace cxhub::social
