// Fitting a record to the host's limits (cxhub/connector_limits.h) before a plugin emits it, so
// that no record becomes a dead letter for its size or encoding alone.
//
// Every text field is made valid UTF-8 (invalid bytes become U+FFFD) and cut at a character
// boundary to its limit: names, subjects, identity values and attribute keys to
// CXHUB_LIMIT_FIELD_BYTES, bodies, comments and attribute values to CXHUB_LIMIT_BODY_BYTES. Ids
// (external_id, thread_id, global_id) over the limit keep their start and end with "#" and the
// FNV-1a 64 hash of the whole id, so two long ids that share a start stay apart and replays repeat
// the same id. Attributes beyond what the host accepts are dropped, last keys first. What was
// changed is marked in the record's attributes: "clipped" and "utf8_repaired" list the fields
// (comma- separated, e.g. "subject,external_id"), "attributes_dropped" counts the dropped
// attributes.
#ifndef CXHUB_PLUGINS_COMMON_RECORD_FITTING_H_
#define CXHUB_PLUGINS_COMMON_RECORD_FITTING_H_

#include "cxhub/connector/v1/record.pb.h"
#include "cxhub/connector_sdk.h"

namespace cxhub::plugin_common {

// Fits `record` in place; a record already within the limits is left unchanged.
void FitRecordToHostLimits(connector::v1::Record& record);

// Fits `record` (a copy, unless the caller moves it in) and emits it through `sink`; returns
// what Sink::Emit returns.
bool EmitWithinHostLimits(sdk::Sink& sink, connector::v1::Record record);

}  // namespace cxhub::plugin_common

#endif  // CXHUB_PLUGINS_COMMON_RECORD_FITTING_H_
