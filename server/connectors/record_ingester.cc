#include "server/connectors/record_ingester.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/connectors/record_conversion.h"
#include "server/core/customer_resolver.h"

namespace cxhub {

bool IsRecordRejection(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:  // A touchpoint or customer the record names is gone.
      return true;
    default:
      return false;
  }
}

absl::StatusOr<IngestResult> RecordIngester::Ingest(StoreWriter& writer, const std::string& source,
                                                    const connector::v1::Record& record) const {
  const CustomerResolver resolver(normalizer_, clock_, policy_);
  IngestResult result;

  if (record.has_identity_link()) {
    absl::StatusOr<std::vector<Identity>> identities = IdentitiesFromLink(record.identity_link());
    if (!identities.ok()) return identities.status();
    absl::StatusOr<Resolution> resolution =
        resolver.Resolve(writer, *identities, record.identity_link().display_name());
    if (!resolution.ok()) {
      return absl::Status(resolution.status().code(),
                          absl::StrCat("identity_link.", resolution.status().message()));
    }
    result.outcome = IngestOutcome::kLinked;
    result.customer_id = resolution->customer_id;
    return result;
  }
  if (!record.has_interaction()) {
    return absl::InvalidArgumentError("record: neither interaction nor identity_link is set");
  }

  absl::StatusOr<InteractionItem> item = InteractionItemFromRecord(record.interaction(), source);
  if (!item.ok()) return item.status();
  Interaction& row = item->interaction;

  absl::StatusOr<std::optional<Interaction>> existing =
      writer.FindInteractionBySource(row.source, row.external_id);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    result.customer_id = (*existing)->customer_id;
    result.interaction_id = (*existing)->id;
    if (!item->replaces_earlier) {
      result.outcome = IngestOutcome::kAlreadyRecorded;
      return result;
    }
    absl::StatusOr<InteractionId> replaced = writer.ReplaceInteractionContent(row);
    if (!replaced.ok()) return replaced.status();
    result.outcome = IngestOutcome::kReplaced;
    return result;
  }

  absl::StatusOr<Resolution> resolution =
      resolver.Resolve(writer, item->identities, item->display_name);
  if (!resolution.ok()) {
    return absl::Status(resolution.status().code(),
                        absl::StrCat("interaction.customer_", resolution.status().message()));
  }
  row.customer_id = resolution->customer_id;
  row.create_time = clock_.Now();
  absl::StatusOr<InteractionId> id = writer.InsertInteraction(row);
  if (!id.ok()) return id.status();
  result.outcome = IngestOutcome::kInserted;
  result.interaction_id = *id;
  result.customer_id = row.customer_id;
  return result;
}

}  // namespace cxhub
