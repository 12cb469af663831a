#include "server/api/connector_conversion.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/api/field_errors.h"

namespace cxhub {
namespace {

constexpr absl::string_view kConnectors = "connectors/";
constexpr absl::string_view kDeadLetters = "/deadLetters/";
constexpr absl::string_view kConnectorTokenTag = "cxhub.connectors.v1:";
constexpr absl::string_view kDeadLetterTokenTag = "cxhub.deadLetters.v1:";
constexpr size_t kMaxTokenChars = 2048;

bool IsConnectorId(absl::string_view id) {
  return !id.empty() && id.size() <= 1024 && !absl::StrContains(id, '/');
}

// Canonical positive decimal: digits only, no leading zero, no overflow.
bool ParsePositiveId(absl::string_view digits, int64_t* id) {
  if (digits.empty() || digits[0] == '0') return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return absl::SimpleAtoi(digits, id) && *id > 0;
}

void ToTimestamp(absl::Time time, google::protobuf::Timestamp* out) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  out->set_seconds(seconds);
  out->set_nanos(
      static_cast<int32_t>((time - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
}

void ToDuration(absl::Duration duration, google::protobuf::Duration* out) {
  const int64_t seconds = absl::IDivDuration(duration, absl::Seconds(1), &duration);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(duration / absl::Nanoseconds(1)));
}

bool IsSet(absl::Time time) {
  return time != absl::InfinitePast() && time != absl::InfiniteFuture();
}

v1::Connector::State StateToProto(ConnectorStatus status) {
  switch (status) {
    case ConnectorStatus::kIdle:
      return v1::Connector::IDLE;
    case ConnectorStatus::kRunning:
      return v1::Connector::RUNNING;
    case ConnectorStatus::kPaused:
      return v1::Connector::PAUSED;
    case ConnectorStatus::kFailed:
      return v1::Connector::FAILED;
    case ConnectorStatus::kStalled:
      return v1::Connector::STALLED;
  }
  return v1::Connector::STATE_UNSPECIFIED;
}

absl::Status BadToken() {
  return InvalidFieldError("page_token", "not a token from a previous page of this request");
}

}  // namespace

std::string ConnectorName(absl::string_view connector) {
  return absl::StrCat(kConnectors, connector);
}

std::string DeadLetterName(absl::string_view connector, DeadLetterId id) {
  return absl::StrCat(kConnectors, connector, kDeadLetters, id);
}

absl::StatusOr<std::string> ParseConnectorName(absl::string_view name, absl::string_view field,
                                               bool allow_any) {
  if (name.empty()) return InvalidFieldError(field, "required");
  absl::string_view rest = name;
  if (!absl::ConsumePrefix(&rest, kConnectors) || !IsConnectorId(rest) ||
      (rest == kAnyConnector && !allow_any)) {
    return InvalidFieldError(
        field, absl::StrCat("expected connectors/{connector}", allow_any ? " or connectors/-" : "",
                            ", got ", QuoteValue(name)));
  }
  return std::string(rest);
}

absl::StatusOr<DeadLetterKey> ParseDeadLetterName(absl::string_view name, absl::string_view field) {
  if (name.empty()) return InvalidFieldError(field, "required");
  absl::string_view rest = name;
  DeadLetterKey key;
  const size_t split = rest.rfind(kDeadLetters);
  if (!absl::ConsumePrefix(&rest, kConnectors) || split == absl::string_view::npos ||
      split < kConnectors.size()) {
    return InvalidFieldError(field,
                             absl::StrCat("expected connectors/{connector}/deadLetters/{id}, "
                                          "got ",
                                          QuoteValue(name)));
  }
  const absl::string_view connector = name.substr(kConnectors.size(), split - kConnectors.size());
  const absl::string_view id = name.substr(split + kDeadLetters.size());
  if (!IsConnectorId(connector) || connector == kAnyConnector || !ParsePositiveId(id, &key.id)) {
    return InvalidFieldError(field,
                             absl::StrCat("expected connectors/{connector}/deadLetters/{id}, "
                                          "got ",
                                          QuoteValue(name)));
  }
  key.connector = std::string(connector);
  return key;
}

std::string EncodeConnectorPageToken(absl::string_view last_name) {
  return absl::WebSafeBase64Escape(absl::StrCat(kConnectorTokenTag, last_name));
}

absl::StatusOr<std::string> DecodeConnectorPageToken(absl::string_view token) {
  if (token.empty()) return std::string();
  std::string raw;
  if (token.size() > kMaxTokenChars || !absl::WebSafeBase64Unescape(token, &raw)) {
    return BadToken();
  }
  absl::string_view rest = raw;
  if (!absl::ConsumePrefix(&rest, kConnectorTokenTag) || rest.empty()) return BadToken();
  return std::string(rest);
}

std::string EncodeDeadLetterPageToken(absl::string_view parent, DeadLetterId last_id) {
  return absl::WebSafeBase64Escape(absl::StrCat(kDeadLetterTokenTag, last_id, ":", parent));
}

absl::StatusOr<DeadLetterId> DecodeDeadLetterPageToken(absl::string_view token,
                                                       absl::string_view parent) {
  if (token.empty()) return DeadLetterId{0};
  std::string raw;
  if (token.size() > kMaxTokenChars || !absl::WebSafeBase64Unescape(token, &raw)) {
    return BadToken();
  }
  absl::string_view rest = raw;
  if (!absl::ConsumePrefix(&rest, kDeadLetterTokenTag)) return BadToken();
  const size_t colon = rest.find(':');
  DeadLetterId id = 0;
  if (colon == absl::string_view::npos || !ParsePositiveId(rest.substr(0, colon), &id) ||
      rest.substr(colon + 1) != parent) {
    return BadToken();
  }
  return id;
}

void ConnectorToProto(const ConnectorView& view, absl::Time now, v1::Connector* out) {
  out->set_name(ConnectorName(view.config.name));
  out->set_plugin(view.config.plugin);
  out->set_plugin_name(view.plugin_name);
  out->set_plugin_version(view.plugin_version);
  for (const std::string& channel : view.channels) out->add_channels(channel);
  out->set_state(StateToProto(view.status));
  out->set_state_message(view.message);
  if (IsSet(view.last_run_time)) ToTimestamp(view.last_run_time, out->mutable_last_run_time());
  if (IsSet(view.cursor_time)) {
    ToTimestamp(view.cursor_time, out->mutable_cursor_time());
    ToDuration(std::max(now - view.cursor_time, absl::ZeroDuration()), out->mutable_cursor_age());
  }
  out->set_records_in(view.counters.records_in);
  out->set_dead_lettered(view.counters.dead_lettered);
  out->set_errors(view.counters.errors);
  out->set_skipped(view.counters.skipped);
  out->set_suppressed(view.counters.suppressed);
  out->set_lease_owner(view.lease_owner);
  if (IsSet(view.lease_expire_time)) {
    ToTimestamp(view.lease_expire_time, out->mutable_lease_expire_time());
  }
  ToDuration(view.config.poll_interval, out->mutable_poll_interval());
  if (IsSet(view.next_run_time)) ToTimestamp(view.next_run_time, out->mutable_next_run_time());
  out->set_consecutive_failures(view.consecutive_failures);
}

void DeadLetterToProto(const DeadLetter& dead_letter, v1::DeadLetter* out) {
  out->set_name(DeadLetterName(dead_letter.connector, dead_letter.id));
  out->set_reason(dead_letter.reason);
  out->set_payload(dead_letter.payload == DeadLetterPayload::kRecord ? v1::DeadLetter::RECORD
                                                                     : v1::DeadLetter::SOURCE);
  out->set_raw(dead_letter.raw);
  ToTimestamp(dead_letter.create_time, out->mutable_create_time());
  out->set_retry_count(dead_letter.retry_count);
}

}  // namespace cxhub
