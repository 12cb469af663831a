#include "server/core/interaction_recorder.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/field_violation.h"
#include "server/core/mentioned_score_detector.h"
#include "server/core/record_validation.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// NOT_FOUND "<what> <id> does not exist" for a row the request names; other errors unchanged.
absl::Status NamedNotFound(const absl::Status& status, absl::string_view what, int64_t id) {
  if (!absl::IsNotFound(status)) return status;
  return absl::NotFoundError(absl::StrCat(what, " ", id, " does not exist"));
}

// FAILED_PRECONDITION when one of `identities` is suppressed (an erased person's); OK without
// a suppression list.
absl::Status CheckNotSuppressed(const SuppressionList* suppression, StoreReader& reader,
                                const std::vector<Identity>& identities, absl::string_view field) {
  if (suppression == nullptr) return absl::OkStatus();
  return suppression->Check(reader, identities, field);
}

}  // namespace

absl::StatusOr<RecordResult> InteractionRecorder::Record(StoreWriter& writer,
                                                         const RecordRequest& request) const {
  CXHUB_RETURN_IF_ERROR(
      CheckNotSuppressed(suppression_, writer, request.identities, "customer_identities"));
  CXHUB_RETURN_IF_ERROR(ValidateRecordRequest(request, limits_));
  CXHUB_RETURN_IF_ERROR(CheckRatedInteraction(writer, request.interaction));
  const Interaction& in = request.interaction;
  CXHUB_ASSIGN_OR_RETURN(std::optional<Interaction> existing,
                         writer.FindInteractionBySource(in.source, in.external_id));
  if (!existing.has_value() && !in.global_key.empty()) {
    // The same message read by another source (another mailbox's connector): a replay.
    CXHUB_ASSIGN_OR_RETURN(std::optional<Interaction> elsewhere,
                           writer.FindInteractionByGlobalKey(in.global_key));
    if (elsewhere.has_value()) {
      RecordResult result;
      result.interaction = *std::move(elsewhere);
      result.already_recorded = true;
      return result;
    }
  }
  if (!existing.has_value()) return Insert(writer, request);

  if (request.replaces_earlier) return Replace(writer, request, *std::move(existing));
  RecordResult result;
  result.interaction = *std::move(existing);
  result.already_recorded = true;
  return result;
}

absl::StatusOr<RecordResult> InteractionRecorder::Replace(StoreWriter& writer,
                                                          const RecordRequest& request,
                                                          Interaction existing) const {
  Interaction content = request.interaction;
  content.customer_id = existing.customer_id;
  if (content.touchpoint_id == 0 && HasExplicitTouchpoint(existing)) {
    content.touchpoint_id = existing.touchpoint_id;
  }
  content.mentioned_score = FindMentionedScore(content);
  CXHUB_RETURN_IF_ERROR(AssignTouchpoint(writer, content));
  CXHUB_RETURN_IF_ERROR(writer.ReplaceInteractionContent(content).status());
  RecordResult result;
  result.interaction = std::move(existing);
  result.replaced = true;
  return result;
}

absl::Status InteractionRecorder::AssignTouchpoint(StoreReader& reader, Interaction& row) const {
  if (row.touchpoint_id != 0) {
    row.touchpoint_rule_id = 0;
    return absl::OkStatus();
  }
  return assigner_.Assign(reader, row);
}

absl::StatusOr<RecordResult> InteractionRecorder::Insert(StoreWriter& writer,
                                                         const RecordRequest& request) const {
  RecordResult result;
  Interaction row = request.interaction;
  row.mentioned_score = FindMentionedScore(row);
  if (row.customer_id != 0) {
    absl::StatusOr<CustomerId> resolved = writer.ResolveCustomerId(row.customer_id);
    if (!resolved.ok()) return NamedNotFound(resolved.status(), "customer", row.customer_id);
    row.customer_id = *resolved;
  } else {
    IdentityProvenance assertion = request.assertion;
    if (assertion.source.empty()) {
      assertion.source = row.source;
      assertion.asserted_by = row.external_id;
    }
    MergeCause cause;
    cause.source = row.source;
    cause.external_id = row.external_id;
    cause.actor = request.actor;
    absl::StatusOr<Resolution> resolution = resolver_.Resolve(
        writer, request.identities, request.customer_display_name, assertion, cause);
    // The resolver names the identities "identities"; the request calls them customer_.
    if (!resolution.ok()) return NestFieldViolation(resolution.status(), "customer_");
    row.customer_id = resolution->customer_id;
    result.customer_created = resolution->created;
    result.merged = std::move(resolution->merged);
    result.conflicting = std::move(resolution->conflicting);
    row.recorded_identities = std::move(resolution->identities);
    result.suggestions = std::move(resolution->suggestions);
  }
  if (row.touchpoint_id != 0) {
    absl::Status touchpoint = writer.GetTouchpoint(row.touchpoint_id).status();
    if (!touchpoint.ok()) return NamedNotFound(touchpoint, "touchpoint", row.touchpoint_id);
  }
  CXHUB_RETURN_IF_ERROR(AssignTouchpoint(writer, row));
  row.id = 0;
  row.create_time = clock_.Now();
  CXHUB_ASSIGN_OR_RETURN(row.id, writer.InsertInteraction(row));
  result.interaction = std::move(row);
  return result;
}

absl::StatusOr<Resolution> InteractionRecorder::Link(StoreWriter& writer,
                                                     const std::vector<Identity>& identities,
                                                     const std::string& display_name,
                                                     const IdentityProvenance& assertion,
                                                     const MergeCause& cause) const {
  CXHUB_RETURN_IF_ERROR(CheckNotSuppressed(suppression_, writer, identities, "identities"));
  CXHUB_RETURN_IF_ERROR(CheckLength(display_name, "display_name", limits_.max_field_bytes));
  CXHUB_RETURN_IF_ERROR(CheckIdentities(identities, "identities", limits_, /*required=*/true));
  return resolver_.Resolve(writer, identities, display_name, assertion, cause);
}

}  // namespace cxhub
