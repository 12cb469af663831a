#include "server/core/record_group_committer.h"

#include <algorithm>
#include <utility>

#include "server/core/call_deadline.h"
#include "server/core/conflict_retry.h"
#include "server/core/status_macros.h"

namespace cxhub {

absl::StatusOr<RecordResult> RecordGroupCommitter::Record(const RecordRequest& request) {
  Member mine;
  mine.request = &request;
  mine.deadline = CurrentCallDeadline();
  mu_.Lock();
  queue_.push_back(&mine);
  auto settled_or_free = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return mine.state != Member::State::kQueued || !committing_;
  };
  while (true) {
    mu_.Await(absl::Condition(&settled_or_free));
    if (mine.state != Member::State::kQueued) break;
    // Lead the next group: the oldest queued callers, this one among them unless too many.
    committing_ = true;
    const size_t size = std::min(queue_.size(), static_cast<size_t>(kMaxGroup));
    const std::vector<Member*> group(queue_.begin(), queue_.begin() + size);
    queue_.erase(queue_.begin(), queue_.begin() + size);
    mu_.Unlock();
    CommitGroup(group);
    mu_.Lock();
    committing_ = false;
  }
  const Member::State state = mine.state;
  mu_.Unlock();
  if (state == Member::State::kAlone) return RecordAlone(request);
  return std::move(mine.result);
}

void RecordGroupCommitter::CommitGroup(const std::vector<Member*>& group) {
  std::vector<absl::StatusOr<RecordResult>> results;
  absl::Status status;
  if (group.size() == 1) {
    results.push_back(RecordAlone(*group.front()->request));
  } else {
    absl::Time deadline = absl::InfinitePast();
    for (const Member* member : group) deadline = std::max(deadline, member->deadline);
    ScopedCallDeadline group_deadline(deadline);  // The group waits as long as its last caller.
    std::vector<const RecordRequest*> requests;
    for (const Member* member : group) requests.push_back(member->request);
    status = store_.Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(results, record_(writer, requests));
      if (results.size() == requests.size()) return absl::OkStatus();
      return absl::InternalError("not one result per record");
    });
  }
  absl::MutexLock lock(&mu_);
  for (size_t i = 0; i < group.size(); ++i) {
    Member& member = *group[i];
    const bool conflict = group.size() > 1 && status.ok() &&
                          results[i].status().code() == absl::StatusCode::kAlreadyExists;
    if (!status.ok() || conflict) {
      member.state = Member::State::kAlone;
      continue;
    }
    member.result = std::move(results[i]);
    member.state = Member::State::kDone;
  }
}

absl::StatusOr<RecordResult> RecordGroupCommitter::RecordAlone(const RecordRequest& request) {
  RecordResult result;
  const RecordRequest* const requests[] = {&request};
  CXHUB_RETURN_IF_ERROR(WriteRetryingOnConflict(store_, [&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(std::vector<absl::StatusOr<RecordResult>> results,
                           record_(writer, requests));
    if (results.size() != 1) return absl::InternalError("not one result per record");
    CXHUB_ASSIGN_OR_RETURN(result, std::move(results.front()));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace cxhub
