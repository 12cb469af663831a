// A cxhub.connector.v1.Record as the host ingests it: turned into model values for core's one
// ingestion path. Whatever is wrong with a record is a field violation (field_violation.h),
// "<field>: <problem>", which becomes the reason of its dead letter.
#ifndef CXHUB_SERVER_CONNECTORS_RECORD_CONVERSION_H_
#define CXHUB_SERVER_CONNECTORS_RECORD_CONVERSION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "server/core/interaction_recorder.h"
#include "server/core/model.h"
#include "server/core/record_limits.h"

namespace cxhub {

// Converts `record` into a request for core's one ingestion path (InteractionRecorder), which
// validates it; `source` is the connector instance's name. Only what the model cannot hold is
// checked here (enum values, times, identity kinds, a survey naming a rated interaction, whose
// id a connector cannot know: it names the rated thread instead) and the business identities,
// which become attributes["business_identities"] as "kind:value" joined by ", " (at most
// limits.max_identities, values within limits.max_field_bytes).
absl::StatusOr<RecordRequest> RecordRequestFromRecord(
    const connector::v1::InteractionRecord& record, const std::string& source,
    const RecordLimits& limits);

// An IdentityLink's identities (kinds known); InteractionRecorder::Link checks the rest.
absl::StatusOr<std::vector<Identity>> IdentitiesFromLink(const connector::v1::IdentityLink& link);

// Names a field violation of core's ingestion path (named as in RecordInteractionRequest) as
// the Record names it: everything sits under "interaction.".
absl::Status NameRecordField(const absl::Status& status);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CONNECTORS_RECORD_CONVERSION_H_
