// The dead letters of every connector: list, retry, delete.
//
// Retrying re-runs the host's ingestion on the dead letter's bytes when they are a serialized
// Record (the host could not normalize it: a bad identity, a missing field); on success the
// interaction is recorded and the dead letter deleted in one transaction. Raw source bytes that
// the plugin never turned into a Record go back to the connector's plugin (SourceReparser: the
// plugin's ABI 1.1 reparse, as the plugin is now, e.g. after an upgrade that fixed its parser);
// the records it makes of them are ingested and the dead letter deleted in one transaction, so a
// retry ingests once. A plugin without reparse makes the retry answer UNIMPLEMENTED naming the
// plugin; one that still cannot read the bytes keeps the dead letter (see Retry).
#ifndef CXHUB_SERVER_CONNECTORS_DEAD_LETTER_QUEUE_H_
#define CXHUB_SERVER_CONNECTORS_DEAD_LETTER_QUEUE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/connectors/record_ingester.h"
#include "server/core/interaction_feed.h"
#include "server/core/store.h"

namespace cxhub {

// What a connector's plugin makes of a source dead letter's raw bytes today.
struct ReparsedSource {
  std::vector<std::string> records;  // serialized cxhub.connector.v1.Record messages
  std::vector<std::string> reasons;  // why (part of) the bytes still cannot be read
};

// Hands raw source bytes back to the plugin of a connector instance. The connector host
// implements it; thread-safe.
class SourceReparser {
 public:
  virtual ~SourceReparser() = default;
  // NOT_FOUND when `connector` is not configured; UNIMPLEMENTED (naming the plugin) when its
  // plugin cannot parse dead letters again; the plugin's own error otherwise.
  virtual absl::StatusOr<ReparsedSource> Reparse(const std::string& connector,
                                                 absl::string_view raw) = 0;
};

struct DeadLetterPage {
  std::vector<DeadLetter> dead_letters;
  bool has_more = false;  // The next page starts after dead_letters.back().id.
};

// Thread-safe. Borrows everything.
class DeadLetterQueue {
 public:
  // `reparser` may be null: source dead letters then cannot be retried (FAILED_PRECONDITION).
  DeadLetterQueue(Store& store, const RecordIngester& ingester, InteractionFeed& feed,
                  SourceReparser* reparser = nullptr)
      : store_(store), ingester_(ingester), feed_(feed), reparser_(reparser) {}

  // Of one connector (or all, when empty), ids > after_id ascending, at most `limit` (> 0).
  absl::StatusOr<DeadLetterPage> List(const std::string& connector, DeadLetterId after_id,
                                      int limit);
  // NOT_FOUND if there is no such dead letter.
  absl::StatusOr<DeadLetter> Get(DeadLetterId id);
  // See above. A Record that is rejected again keeps its dead letter with retry_count + 1 and
  // the new reason, and the call fails with FAILED_PRECONDITION carrying that reason. Source
  // bytes the plugin still cannot read (it dead-letters them again) leave the dead letter as it
  // is and fail with FAILED_PRECONDITION "... still cannot re-parse it: <the plugin's reason>".
  // For source bytes that map to several records the result is the first one's.
  absl::StatusOr<IngestResult> Retry(DeadLetterId id);
  // NOT_FOUND if there is no such dead letter.
  absl::Status Delete(DeadLetterId id);

 private:
  // Ingests `records` (serialized) for the dead letter `id` and deletes it, in one transaction;
  // when one is rejected the dead letter is updated instead (reason, retry_count + 1).
  absl::StatusOr<IngestResult> IngestAndDelete(DeadLetterId id,
                                               const std::vector<std::string>& records);
  absl::StatusOr<IngestResult> RetrySource(const DeadLetter& dead_letter);

  Store& store_;
  const RecordIngester& ingester_;
  InteractionFeed& feed_;
  SourceReparser* reparser_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_DEAD_LETTER_QUEUE_H_
