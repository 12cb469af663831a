#include "plugins/common/record_fitting.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_limits.h"
#include "plugins/common/fnv1a_hash.h"
#include "plugins/common/utf8_clip.h"
#include "plugins/common/utf8_repair.h"

namespace cxhub::plugin_common {
namespace {

using connector::v1::InteractionRecord;

constexpr size_t kFieldBytes = CXHUB_LIMIT_FIELD_BYTES;
constexpr size_t kBodyBytes = CXHUB_LIMIT_BODY_BYTES;
// Room kept among the host's attributes for the marks this file adds.
constexpr size_t kMarkAttributes = 3;

// What was changed, by field name, for the marks.
struct Changes {
  std::vector<std::string> clipped;
  std::vector<std::string> repaired;
  size_t dropped_attributes = 0;
};

// True when `text` is not valid UTF-8; `repaired` then holds it repaired (RepairUtf8). Valid text,
// which most fields are, is recognized without a copy.
bool NeedsRepair(absl::string_view text, std::string& repaired) {
  if (IsValidUtf8(text)) return false;
  repaired = RepairUtf8(text);
  return true;
}

// The name of a field in the marks: `field`, or `field[key]` for an element.
std::string FieldName(absl::string_view field, absl::string_view key) {
  return key.empty() ? std::string(field) : absl::StrCat(field, "[", key, "]");
}

// Repairs and clips `text` (named FieldName(field, key) in the marks) to `max_bytes`. The name
// is built only when something changes: most records need nothing.
void FitText(std::string& text, size_t max_bytes, absl::string_view field, Changes& changes,
             absl::string_view key = "") {
  std::string repaired;
  if (NeedsRepair(text, repaired)) {
    changes.repaired.push_back(FieldName(field, key));
    text = std::move(repaired);
  }
  if (text.size() > max_bytes) {
    changes.clipped.push_back(FieldName(field, key));
    text.resize(ClipUtf8(text, max_bytes).size());
  }
}

// An id over the limit: its start, "#", the hash of the whole id (stable, unique enough).
void FitId(std::string& id, absl::string_view field, Changes& changes) {
  std::string repaired = id;
  if (NeedsRepair(id, repaired)) changes.repaired.emplace_back(field);
  if (repaired.size() <= kFieldBytes) {
    id = std::move(repaired);
    return;
  }
  changes.clipped.emplace_back(field);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016" PRIx64, Fnv1a64(id));
  id = absl::StrCat(ClipUtf8(repaired, kFieldBytes - sizeof hash), "#", hash);
}

void FitIdentities(google::protobuf::RepeatedPtrField<v1::Identity>& identities,
                   absl::string_view field, Changes& changes) {
  for (int i = 0; i < identities.size(); ++i) {
    FitText(*identities[i].mutable_value(), kFieldBytes, field, changes, absl::StrCat(i));
  }
}

// True when every key is within the limits and there is room for the marks.
bool KeysFit(const google::protobuf::Map<std::string, std::string>& attributes) {
  if (attributes.size() > CXHUB_LIMIT_ATTRIBUTES - kMarkAttributes) return false;
  for (const auto& [key, value] : attributes) {
    std::string repaired;
    if (key.size() > kFieldBytes || NeedsRepair(key, repaired)) return false;
  }
  return true;
}

void FitAttributes(google::protobuf::Map<std::string, std::string>& attributes, Changes& changes) {
  if (KeysFit(attributes)) {  // the usual case: values only, in place
    for (auto& [key, value] : attributes) FitText(value, kBodyBytes, "attributes", changes, key);
    return;
  }
  google::protobuf::Map<std::string, std::string> fitted;
  std::vector<std::string> keys;
  for (const auto& [key, value] : attributes) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  const size_t room = CXHUB_LIMIT_ATTRIBUTES - kMarkAttributes;
  if (keys.size() > room) {
    changes.dropped_attributes = keys.size() - room;
    keys.resize(room);
  }
  for (const std::string& key : keys) {
    std::string fitted_key = key;
    FitText(fitted_key, kFieldBytes, "attribute key", changes);
    std::string value = attributes.at(key);
    FitText(value, kBodyBytes, "attributes", changes, fitted_key);
    fitted[fitted_key] = std::move(value);
  }
  attributes.swap(fitted);
}

void FitInteraction(InteractionRecord& interaction, Changes& changes) {
  FitId(*interaction.mutable_external_id(), "external_id", changes);
  FitId(*interaction.mutable_thread_id(), "thread_id", changes);
  FitId(*interaction.mutable_global_id(), "global_id", changes);
  FitText(*interaction.mutable_subject(), kFieldBytes, "subject", changes);
  FitText(*interaction.mutable_customer_display_name(), kFieldBytes, "customer_display_name",
          changes);
  FitText(*interaction.mutable_body(), kBodyBytes, "body", changes);
  FitIdentities(*interaction.mutable_customer_identities(), "customer_identities", changes);
  FitIdentities(*interaction.mutable_business_identities(), "business_identities", changes);
  if (interaction.has_survey()) {
    FitText(*interaction.mutable_survey()->mutable_comment(), kBodyBytes, "survey.comment",
            changes);
    FitText(*interaction.mutable_survey()->mutable_question(), kBodyBytes, "survey.question",
            changes);
  }
  if (interaction.has_purchase()) {
    FitText(*interaction.mutable_purchase()->mutable_order_id(), kFieldBytes, "purchase.order_id",
            changes);
  }
  FitAttributes(*interaction.mutable_attributes(), changes);
}

// Adds `names` to the comma-separated list in attribute `key`, clipped like any value.
void Mark(google::protobuf::Map<std::string, std::string>& attributes, absl::string_view key,
          const std::vector<std::string>& names) {
  if (names.empty()) return;
  std::string& list = attributes[std::string(key)];
  list = absl::StrCat(list, list.empty() ? "" : ",", absl::StrJoin(names, ","));
  list.resize(ClipUtf8(list, kFieldBytes).size());
}

}  // namespace

void FitRecordToHostLimits(connector::v1::Record& record) {
  Changes changes;
  if (record.has_identity_link()) {
    FitIdentities(*record.mutable_identity_link()->mutable_identities(), "identities", changes);
    FitText(*record.mutable_identity_link()->mutable_display_name(), kFieldBytes, "display_name",
            changes);
    return;
  }
  if (!record.has_interaction()) return;
  InteractionRecord& interaction = *record.mutable_interaction();
  FitInteraction(interaction, changes);
  auto& attributes = *interaction.mutable_attributes();
  Mark(attributes, "clipped", changes.clipped);
  Mark(attributes, "utf8_repaired", changes.repaired);
  if (changes.dropped_attributes > 0) {
    attributes["attributes_dropped"] = absl::StrCat(changes.dropped_attributes);
  }
}

bool EmitWithinHostLimits(sdk::Sink& sink, connector::v1::Record record) {
  FitRecordToHostLimits(record);
  return sink.Emit(record);
}

}  // namespace cxhub::plugin_common
