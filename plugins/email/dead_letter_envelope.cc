#include "plugins/email/dead_letter_envelope.h"

#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace cxhub::email {
namespace {

constexpr absl::string_view kFieldName = "X-Cxhub-Dead-Letter: ";

// Takes "<key>=<value>; " off the front of `line` into `value`; the last pair runs to the end.
bool TakePair(absl::string_view& line, absl::string_view key, bool last, absl::string_view& value) {
  if (!absl::ConsumePrefix(&line, key) || !absl::ConsumePrefix(&line, "=")) return false;
  const size_t end = last ? line.size() : line.find("; ");
  if (end == absl::string_view::npos) return false;
  value = line.substr(0, end);
  line.remove_prefix(last ? end : end + 2);
  return true;
}

std::optional<DeadLetterEnvelope> ParseEnvelope(absl::string_view line) {
  absl::string_view bytes, time, time_source, source;
  if (!absl::ConsumePrefix(&line, kFieldName) || !TakePair(line, "bytes", false, bytes) ||
      !TakePair(line, "fallback_time", false, time) ||
      !TakePair(line, "fallback_time_source", false, time_source) ||
      !TakePair(line, "source", true, source)) {
    return std::nullopt;
  }
  DeadLetterEnvelope envelope;
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(bytes, &envelope.message_bytes)) return std::nullopt;
  if (!time.empty()) {
    if (!absl::SimpleAtoi(time, &seconds)) return std::nullopt;
    envelope.fallback_time = seconds;
  }
  envelope.fallback_time_source = std::string(time_source);
  envelope.source = std::string(source);
  return envelope;
}

}  // namespace

std::string SealDeadLetter(const DeadLetterEnvelope& envelope, absl::string_view message,
                           size_t max_raw_bytes) {
  std::string raw = absl::StrCat(
      kFieldName, "bytes=", envelope.message_bytes, "; fallback_time=",
      envelope.fallback_time.has_value() ? absl::StrCat(*envelope.fallback_time) : "",
      "; fallback_time_source=", envelope.fallback_time_source, "; source=", envelope.source, "\n");
  const size_t room = max_raw_bytes > raw.size() ? max_raw_bytes - raw.size() : 0;
  raw.append(message.data(), std::min(room, message.size()));
  return raw;
}

OpenedDeadLetter OpenDeadLetter(absl::string_view raw) {
  OpenedDeadLetter opened;
  opened.message = raw;
  const size_t end = raw.find('\n');
  if (!absl::StartsWith(raw, kFieldName) || end == absl::string_view::npos) return opened;
  opened.envelope = ParseEnvelope(raw.substr(0, end));
  if (opened.envelope.has_value()) opened.message = raw.substr(end + 1);
  return opened;
}

}  // namespace cxhub::email
