// The dead letters of every connector: list, retry, delete.
//
// Retrying re-runs the host's ingestion on the dead letter's bytes when they are a serialized
// Record (the host could not normalize it: a bad identity, a missing field); on success the
// interaction is recorded and the dead letter deleted in one transaction. Raw source bytes that
// the plugin never turned into a Record cannot be re-parsed by the host (only the plugin knows
// their format): retrying one answers FAILED_PRECONDITION and changes nothing; fix the source
// and let the plugin read it again, or delete the dead letter.
#ifndef CXHUB_SERVER_CONNECTORS_DEAD_LETTER_QUEUE_H_
#define CXHUB_SERVER_CONNECTORS_DEAD_LETTER_QUEUE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/connectors/record_ingester.h"
#include "server/core/interaction_feed.h"
#include "server/core/store.h"

namespace cxhub {

struct DeadLetterPage {
  std::vector<DeadLetter> dead_letters;
  bool has_more = false;  // The next page starts after dead_letters.back().id.
};

// Thread-safe. Borrows everything.
class DeadLetterQueue {
 public:
  DeadLetterQueue(Store& store, const RecordIngester& ingester, InteractionFeed& feed)
      : store_(store), ingester_(ingester), feed_(feed) {}

  // Of one connector (or all, when empty), ids > after_id ascending, at most `limit` (> 0).
  absl::StatusOr<DeadLetterPage> List(const std::string& connector, DeadLetterId after_id,
                                      int limit);
  // NOT_FOUND if there is no such dead letter.
  absl::StatusOr<DeadLetter> Get(DeadLetterId id);
  // See above. A Record that is rejected again keeps its dead letter with retry_count + 1 and
  // the new reason, and the call fails with FAILED_PRECONDITION carrying that reason.
  absl::StatusOr<IngestResult> Retry(DeadLetterId id);
  // NOT_FOUND if there is no such dead letter.
  absl::Status Delete(DeadLetterId id);

 private:
  Store& store_;
  const RecordIngester& ingester_;
  InteractionFeed& feed_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_DEAD_LETTER_QUEUE_H_
