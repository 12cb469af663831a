#include "plugins/phone/cdr_mapper.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "plugins/common/fnv1a_hash.h"
#include "plugins/phone/cdr_record.h"

namespace cxhub::phone {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::cxhub::connector::v1::Record;

constexpr absl::string_view kTimeFormat = "%Y-%m-%d %H:%M:%S";

CdrMapping DeadLetter(std::string reason) {
  CdrMapping mapping;
  mapping.kind = CdrMapping::Kind::kDeadLetter;
  mapping.reason = std::move(reason);
  return mapping;
}

// Converts a civil time of the server's zone to UTC. In the hour repeated when clocks go back,
// the instant closest to `hint` wins (the uniqueid's epoch for start, the start for the others).
bool ToUtc(absl::string_view text, const absl::TimeZone& zone, const absl::Time* hint,
           absl::Time& out) {
  absl::Time as_utc;
  std::string error;
  if (text.size() != 19 ||
      !absl::ParseTime(kTimeFormat, text, absl::UTCTimeZone(), &as_utc, &error)) {
    return false;
  }
  const absl::TimeZone::TimeInfo info = zone.At(absl::ToCivilSecond(as_utc, absl::UTCTimeZone()));
  out = info.pre;
  if (info.kind == absl::TimeZone::TimeInfo::REPEATED && hint != nullptr &&
      absl::AbsDuration(info.post - *hint) < absl::AbsDuration(info.pre - *hint)) {
    out = info.post;
  }
  return true;
}

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

// Caller-name labels that carriers send instead of a name (CNAM placeholders).
bool IsPlaceholderName(absl::string_view name) {
  static constexpr absl::string_view kPlaceholders[] = {
      "WIRELESS CALLER", "UNKNOWN",        "UNKNOWN CALLER", "UNAVAILABLE", "ANONYMOUS",
      "PRIVATE",         "PRIVATE CALLER", "RESTRICTED",     "OUT OF AREA", "TOLL FREE CALL",
      "CELL PHONE",      "WITHHELD",       "NO CALLER ID"};
  const std::string upper = absl::AsciiStrToUpper(name);
  for (absl::string_view placeholder : kPlaceholders) {
    if (upper == placeholder) return true;
  }
  return false;
}

// The display name of an inbound caller from clid, or "" when clid names nobody.
std::string CallerName(absl::string_view clid, absl::string_view src, absl::string_view e164) {
  const CallerId caller = SplitCallerId(clid);
  if (caller.name.empty() || caller.name == src || caller.name == e164 ||
      caller.name == caller.number || IsPlaceholderName(caller.name) ||
      caller.name.find_first_not_of("+0123456789 ()-") == std::string::npos) {
    return "";
  }
  return caller.name;
}

// The times of a call, in UTC.
struct CallTimes {
  absl::Time start;
  std::optional<absl::Time> answer;  // answered calls only
  std::optional<absl::Time> end;
};

// The times of `cdr`, whose columns are civil times of `zone`. INVALID_ARGUMENT naming the column
// (the dead letter's reason) when one is not a time or the start is before 1970.
absl::StatusOr<CallTimes> ReadCallTimes(const CdrRecord& cdr, absl::TimeZone zone) {
  // The uniqueid starts with the UTC epoch of the call's start, the best hint for a repeated hour.
  absl::Time epoch_hint;
  const absl::Time* start_hint = nullptr;
  int64_t epoch_seconds = 0;
  if (absl::SimpleAtoi(cdr.uniqueid.substr(0, cdr.uniqueid.find('.')), &epoch_seconds)) {
    epoch_hint = absl::FromUnixSeconds(epoch_seconds);
    start_hint = &epoch_hint;
  }
  CallTimes times;
  if (!ToUtc(cdr.start, zone, start_hint, times.start)) {
    return absl::InvalidArgumentError(
        absl::StrCat("start '", cdr.start, "' is not YYYY-MM-DD HH:MM:SS"));
  }
  if (times.start < absl::UnixEpoch()) {
    return absl::InvalidArgumentError(absl::StrCat("start '", cdr.start, "' is before 1970"));
  }
  absl::Time at;
  if (!cdr.answer.empty()) {
    if (!ToUtc(cdr.answer, zone, &times.start, at)) {
      return absl::InvalidArgumentError(
          absl::StrCat("answer '", cdr.answer, "' is not YYYY-MM-DD HH:MM:SS"));
    }
    times.answer = at;
  }
  if (!cdr.end.empty()) {
    if (!ToUtc(cdr.end, zone, &times.start, at)) {
      return absl::InvalidArgumentError(
          absl::StrCat("end '", cdr.end, "' is not YYYY-MM-DD HH:MM:SS"));
    }
    times.end = at;
  }
  return times;
}

// The columns of `cdr` a call interaction keeps as attributes.
void AddCdrAttributes(const CdrRecord& cdr, bool outbound, const CallTimes& times,
                      google::protobuf::Map<std::string, std::string>& attributes) {
  attributes["disposition"] = cdr.disposition;
  attributes["billsec"] = absl::StrCat(cdr.billsec);
  attributes["src"] = cdr.src;
  attributes["dst"] = cdr.dst;
  attributes["clid"] = cdr.clid;
  attributes["extension"] = outbound ? cdr.src : cdr.dst;
  attributes["dcontext"] = cdr.dcontext;
  attributes["channel"] = cdr.channel;
  attributes["dstchannel"] = cdr.dstchannel;
  attributes["lastapp"] = cdr.lastapp;
  attributes["lastdata"] = cdr.lastdata;
  attributes["amaflags"] = cdr.amaflags;
  if (times.answer) attributes["answer_time"] = Rfc3339(*times.answer);
  if (times.end) attributes["end_time"] = Rfc3339(*times.end);
  if (!cdr.accountcode.empty()) attributes["accountcode"] = cdr.accountcode;
  if (cdr.has_uniqueid) attributes["uniqueid"] = cdr.uniqueid;
  if (!cdr.userfield.empty()) attributes["userfield"] = cdr.userfield;
}

}  // namespace

std::string LineExternalId(absl::string_view line) {
  return absl::StrFormat("cdr-line:%016x", plugin_common::Fnv1a64(line));
}

CdrMapper::CdrMapper(CdrMapperConfig config)
    : config_(std::move(config)), normalizer_(config_.default_region) {}

CdrMapping CdrMapper::Map(absl::string_view line) const {
  absl::StatusOr<CdrRecord> parsed = ParseCdrLine(line);
  if (!parsed.ok()) return DeadLetter(std::string(parsed.status().message()));
  const CdrRecord& cdr = *parsed;

  const bool src_is_extension = config_.extensions.Matches(cdr.src);
  const bool dst_is_extension = config_.extensions.Matches(cdr.dst);
  if (src_is_extension && dst_is_extension) {
    CdrMapping mapping;
    mapping.kind = CdrMapping::Kind::kInternalCall;
    mapping.reason = absl::StrCat(cdr.src, " -> ", cdr.dst);
    return mapping;
  }
  const bool outbound = src_is_extension;
  const absl::string_view customer_column = outbound ? "dst" : "src";
  const std::string& customer_number = outbound ? cdr.dst : cdr.src;
  absl::StatusOr<std::string> e164 = normalizer_.ToE164(customer_number);
  if (!e164.ok()) {
    return DeadLetter(absl::StrCat("customer number (", customer_column,
                                   "): ", e164.status().message(), "; no customer identity"));
  }

  std::string external_id = cdr.uniqueid;
  if (!cdr.has_uniqueid || absl::StripAsciiWhitespace(external_id).empty()) {
    external_id = LineExternalId(line);
  }

  absl::StatusOr<CallTimes> times = ReadCallTimes(cdr, config_.server_zone);
  if (!times.ok()) return DeadLetter(std::string(times.status().message()));

  CdrMapping mapping;
  mapping.kind = CdrMapping::Kind::kInteraction;
  InteractionRecord& interaction = *mapping.record.mutable_interaction();
  interaction.set_external_id(external_id);
  interaction.set_channel("phone");
  interaction.set_kind(cxhub::v1::CALL);
  interaction.set_direction(outbound ? cxhub::v1::OUTBOUND : cxhub::v1::INBOUND);
  const int64_t start_seconds = absl::ToUnixSeconds(times->start);
  interaction.mutable_occur_time()->set_seconds(start_seconds);
  cxhub::v1::Identity& identity = *interaction.add_customer_identities();
  identity.set_kind(cxhub::v1::PHONE);
  identity.set_value(*e164);
  // The caller's number is proved by the network (caller id); a number an agent dialled only
  // says whom we meant to reach.
  identity.set_trust(outbound ? cxhub::v1::CLAIMED : cxhub::v1::VERIFIED);
  // The business side: the extension or ring group the customer dialled, or the extension that
  // called out, as the PBX writes it ("100"): short numbers have no E.164 form.
  cxhub::v1::Identity& business = *interaction.add_business_identities();
  business.set_kind(cxhub::v1::PHONE);
  business.set_value(outbound ? cdr.src : cdr.dst);
  if (!outbound) {
    interaction.set_customer_display_name(CallerName(cdr.clid, cdr.src, *e164));
  }
  interaction.set_thread_id(external_id);
  interaction.mutable_duration()->set_seconds(cdr.duration);

  AddCdrAttributes(cdr, outbound, *times, *interaction.mutable_attributes());
  return mapping;
}

}  // namespace cxhub::phone
