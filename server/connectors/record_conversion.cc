#include "server/connectors/record_conversion.h"

#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace cxhub {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckLength(absl::string_view value, absl::string_view field, size_t max) {
  if (value.size() > max) {
    return Invalid(field, absl::StrCat("longer than ", max, " bytes (", value.size(), ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Identity>> ConvertIdentities(
    const google::protobuf::RepeatedPtrField<v1::Identity>& identities, absl::string_view field,
    bool required) {
  if (required && identities.empty()) return Invalid(field, "at least one identity is required");
  if (identities.size() > kMaxRecordIdentities) {
    return Invalid(field, absl::StrCat("more than ", kMaxRecordIdentities, " identities"));
  }
  std::vector<Identity> out;
  for (int i = 0; i < identities.size(); ++i) {
    const v1::Identity& identity = identities[i];
    const std::string element = absl::StrCat(field, "[", i, "]");
    if (identity.kind() < static_cast<int>(IdentityKind::kEmail) ||
        identity.kind() > static_cast<int>(IdentityKind::kExternal)) {
      return Invalid(absl::StrCat(element, ".kind"),
                     identity.kind() == 0 ? "required" : "unknown kind");
    }
    if (absl::StripAsciiWhitespace(identity.value()).empty()) {
      return Invalid(absl::StrCat(element, ".value"), "required");
    }
    if (absl::Status status =
            CheckLength(identity.value(), absl::StrCat(element, ".value"), kMaxRecordFieldBytes);
        !status.ok()) {
      return status;
    }
    out.push_back({static_cast<IdentityKind>(identity.kind()), identity.value()});
  }
  return out;
}

absl::Status CheckSlug(absl::string_view channel, absl::string_view field) {
  if (channel.empty()) return Invalid(field, "required");
  bool ok = channel.size() <= 32;
  for (char c : channel) ok = ok && (absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_');
  if (!ok) return Invalid(field, absl::StrCat("must match [a-z0-9_]{1,32}, got \"", channel, "\""));
  return absl::OkStatus();
}

// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

}  // namespace

absl::StatusOr<InteractionItem> InteractionItemFromRecord(
    const connector::v1::InteractionRecord& record, const std::string& source) {
  InteractionItem item;
  Interaction& row = item.interaction;

  if (record.external_id().empty()) return Invalid("interaction.external_id", "required");
  for (const auto& [value, field] :
       {std::pair<absl::string_view, absl::string_view>{record.external_id(),
                                                        "interaction.external_id"},
        {record.customer_display_name(), "interaction.customer_display_name"},
        {record.thread_id(), "interaction.thread_id"},
        {record.subject(), "interaction.subject"}}) {
    if (absl::Status status = CheckLength(value, field, kMaxRecordFieldBytes); !status.ok()) {
      return status;
    }
  }
  if (absl::Status status = CheckLength(record.body(), "interaction.body", kMaxRecordBodyBytes);
      !status.ok()) {
    return status;
  }
  if (absl::Status status = CheckSlug(record.channel(), "interaction.channel"); !status.ok()) {
    return status;
  }
  if (record.kind() < static_cast<int>(InteractionKind::kMessage) ||
      record.kind() > static_cast<int>(InteractionKind::kVisit)) {
    return Invalid("interaction.kind", record.kind() == 0 ? "required" : "unknown kind");
  }
  if (record.direction() != static_cast<int>(Direction::kInbound) &&
      record.direction() != static_cast<int>(Direction::kOutbound)) {
    return Invalid("interaction.direction",
                   record.direction() == 0 ? "required" : "unknown direction");
  }
  if (!record.has_occur_time()) return Invalid("interaction.occur_time", "required");
  const google::protobuf::Timestamp& time = record.occur_time();
  if (time.seconds() < kMinSeconds || time.seconds() > kMaxSeconds || time.nanos() < 0 ||
      time.nanos() > 999999999) {
    return Invalid("interaction.occur_time", absl::StrCat("out of range (seconds ", time.seconds(),
                                                          ", nanos ", time.nanos(), ")"));
  }
  if (record.has_duration()) {
    const google::protobuf::Duration& duration = record.duration();
    if (duration.seconds() < 0 || duration.nanos() < 0 || duration.nanos() > 999999999 ||
        duration.seconds() > 315576000000) {
      return Invalid("interaction.duration", "must be non-negative and at most 10000 years");
    }
    row.duration = absl::Seconds(duration.seconds()) + absl::Nanoseconds(duration.nanos());
  }
  if (record.attributes_size() > kMaxRecordAttributes) {
    return Invalid("interaction.attributes",
                   absl::StrCat("more than ", kMaxRecordAttributes, " entries"));
  }
  for (const auto& [key, value] : record.attributes()) {
    if (key.empty() || key.size() > kMaxRecordFieldBytes || value.size() > kMaxRecordBodyBytes) {
      return Invalid(absl::StrCat("interaction.attributes[\"", key, "\"]"),
                     "key must be non-empty and short, value at most 1 MiB");
    }
    row.attributes[key] = value;
  }
  if (record.has_survey()) {
    const v1::Survey& survey = record.survey();
    int low = 0;
    int high = 0;
    switch (survey.metric()) {
      case v1::NPS:
        low = 0, high = 10;
        break;
      case v1::CSAT:
        low = 1, high = 5;
        break;
      case v1::CES:
        low = 1, high = 7;
        break;
      default:
        return Invalid("interaction.survey.metric",
                       survey.metric() == 0 ? "required" : "unknown metric");
    }
    if (survey.score() < low || survey.score() > high) {
      return Invalid("interaction.survey.score",
                     absl::StrCat("must be in [", low, ", ", high, "], got ", survey.score()));
    }
    if (absl::Status status =
            CheckLength(survey.comment(), "interaction.survey.comment", kMaxRecordBodyBytes);
        !status.ok()) {
      return status;
    }
    row.survey =
        Survey{static_cast<SurveyMetric>(survey.metric()), survey.score(), survey.comment()};
  }

  absl::StatusOr<std::vector<Identity>> customer =
      ConvertIdentities(record.customer_identities(), "interaction.customer_identities", true);
  if (!customer.ok()) return customer.status();
  absl::StatusOr<std::vector<Identity>> business =
      ConvertIdentities(record.business_identities(), "interaction.business_identities", false);
  if (!business.ok()) return business.status();
  if (!business->empty()) {
    row.attributes["business_identities"] =
        absl::StrJoin(*business, ", ", [](std::string* out, const Identity& identity) {
          absl::StrAppend(out, IdentityKindName(identity.kind), ":", identity.value);
        });
  }

  row.channel = record.channel();
  row.kind = static_cast<InteractionKind>(record.kind());
  row.direction = static_cast<Direction>(record.direction());
  row.occur_time = absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
  row.thread_id = record.thread_id();
  row.subject = record.subject();
  row.body = record.body();
  row.source = source;
  row.external_id = record.external_id();
  item.identities = *std::move(customer);
  item.display_name = record.customer_display_name();
  item.replaces_earlier = record.replaces_earlier();
  return item;
}

absl::StatusOr<std::vector<Identity>> IdentitiesFromLink(const connector::v1::IdentityLink& link) {
  if (absl::Status status =
          CheckLength(link.display_name(), "identity_link.display_name", kMaxRecordFieldBytes);
      !status.ok()) {
    return status;
  }
  return ConvertIdentities(link.identities(), "identity_link.identities", true);
}

std::string ToValidUtf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = bytes[i];
    size_t length = 0;
    uint32_t min = 0;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, min = 0x10000;
    }
    bool valid = length > 0 && i + length <= text.size();
    uint32_t code = length == 1 ? lead : (lead & (0x7F >> length));
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (bytes[i + k] & 0xC0) == 0x80;
      code = (code << 6) | (bytes[i + k] & 0x3F);
    }
    if (valid && length > 1) {
      valid = code >= min && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    }
    if (valid) {
      out.append(text.data() + i, length);
      i += length;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

}  // namespace cxhub
