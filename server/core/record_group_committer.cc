#include "server/core/record_group_committer.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/synchronization/notification.h"
#include "server/core/call_deadline.h"
#include "server/core/conflict_retry.h"
#include "server/core/status_macros.h"

namespace cxhub {

void RecordGroupCommitter::RecordAsync(const RecordRequest& request, absl::Time deadline,
                                       Done done) {
  bool start_committing = false;
  {
    absl::MutexLock lock(&mu_);
    queue_.push_back(Member{&request, deadline, std::move(done)});
    start_committing = !committing_;
    committing_ = true;
  }
  if (start_committing) committer_.Run([this] { CommitQueued(); });
}

absl::StatusOr<RecordResult> RecordGroupCommitter::Record(const RecordRequest& request) {
  std::optional<absl::StatusOr<RecordResult>> answer;
  absl::Notification answered;
  RecordAsync(request, CurrentCallDeadline(), [&](absl::StatusOr<RecordResult> result) {
    answer = std::move(result);
    answered.Notify();
  });
  answered.WaitForNotification();
  return *std::move(answer);
}

void RecordGroupCommitter::CommitQueued() {
  while (true) {
    std::vector<Member> group;
    {
      absl::MutexLock lock(&mu_);
      if (queue_.empty()) {
        committing_ = false;  // The next caller gives CommitQueued again.
        return;
      }
      const size_t size = std::min(queue_.size(), static_cast<size_t>(kMaxGroup));
      group.reserve(size);
      for (size_t i = 0; i < size; ++i) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitGroup(group);
  }
}

GroupCommitStatistics RecordGroupCommitter::statistics() {
  GroupCommitStatistics statistics;
  statistics.transactions = transactions_.load(std::memory_order_relaxed);
  statistics.records = records_.load(std::memory_order_relaxed);
  statistics.queued = queued();
  return statistics;
}

void RecordGroupCommitter::CommitGroup(std::vector<Member>& group) {
  transactions_.fetch_add(1, std::memory_order_relaxed);
  records_.fetch_add(static_cast<int64_t>(group.size()), std::memory_order_relaxed);
  if (group.size() == 1) {
    Member& member = group.front();
    Answer(std::move(member.done), RecordAlone(member));
    return;
  }
  absl::Time deadline = absl::InfinitePast();
  for (const Member& member : group) deadline = std::max(deadline, member.deadline);
  std::vector<absl::StatusOr<RecordResult>> results;
  absl::Status status;
  {
    const ScopedCallDeadline group_deadline(deadline);  // As long as its last caller waits.
    std::vector<const RecordRequest*> requests;
    requests.reserve(group.size());
    for (const Member& member : group) requests.push_back(member.request);
    status = store_.Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(results, record_(writer, requests));
      if (results.size() == requests.size()) return absl::OkStatus();
      return absl::InternalError("not one result per record");
    });
  }
  // The committed first: those recorded alone make the others wait no longer.
  std::vector<Member*> alone;
  for (size_t i = 0; i < group.size(); ++i) {
    const bool conflict =
        status.ok() && results[i].status().code() == absl::StatusCode::kAlreadyExists;
    if (!status.ok() || conflict) {
      alone.push_back(&group[i]);
    } else {
      Answer(std::move(group[i].done), std::move(results[i]));
    }
  }
  for (Member* member : alone) Answer(std::move(member->done), RecordAlone(*member));
}

void RecordGroupCommitter::Answer(Done done, absl::StatusOr<RecordResult> result) {
  answers_.Run([done = std::move(done), result = std::move(result)]() mutable {
    std::move(done)(std::move(result));
  });
}

absl::StatusOr<RecordResult> RecordGroupCommitter::RecordAlone(const Member& member) {
  const ScopedCallDeadline deadline(member.deadline);
  RecordResult result;
  const RecordRequest* const requests[] = {member.request};
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
