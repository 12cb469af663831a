// The interaction the RPC benchmarks record (cxload while seeding and under load, rpc_benchmark):
// an inbound support email of the size a real one has.
#ifndef CXHUB_BENCHMARKS_HARNESS_SAMPLE_INTERACTION_H_
#define CXHUB_BENCHMARKS_HARNESS_SAMPLE_INTERACTION_H_

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cxhub/v1/interaction.pb.h"

namespace cxhub::bench {

// Overwrites `interaction` with an email of `customer` (customers/{id}) at `occur_time`,
// identified by (`source`, `external_id`). Reuses the message's memory, so a caller that
// records one call after another can keep one message.
void FillSampleInteraction(absl::string_view customer, absl::string_view source,
                           absl::string_view external_id, absl::Time occur_time,
                           v1::Interaction& interaction);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_SAMPLE_INTERACTION_H_
