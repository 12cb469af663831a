#include "server/api/page_token.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace cxhub {
namespace {

// Layout (all integers little-endian):
//   u8 version (1) | u8 collection | payload | u32 checksum of everything before it
// Payload: customers, touchpoints: i64 last id.
//          interactions: i64 unix seconds | i32 nanos | i64 id | u64 filter fingerprint.
//          touchpoint rules: i32 priority | i64 id | i64 parent touchpoint (0: all).
//          operations: i64 last id | u64 fingerprint of the filter text.
//          segments: i64 last id.
//          segment members: i64 last customer id | u64 segment id.
constexpr uint8_t kVersion = 1;
enum class Collection : uint8_t {
  kCustomers = 1,
  kTouchpoints = 2,
  kInteractions = 3,
  kTouchpointRules = 4,
  kOperations = 5,
  kAuditEntries = 6,
  kSegments = 7,
  kSegmentMembers = 8,
  kMergeSuggestions = 9,
  kMerges = 16,
};
constexpr size_t kHeaderBytes = 2;
constexpr size_t kChecksumBytes = 4;
constexpr size_t kIdPayloadBytes = 8;
constexpr size_t kInteractionPayloadBytes = 8 + 4 + 8 + 8;
constexpr size_t kTouchpointRulePayloadBytes = 4 + 8 + 8;
constexpr size_t kBoundIdPayloadBytes = 8 + 8;
// Longer tokens are rejected before decoding anything.
constexpr size_t kMaxTokenChars = 128;

// FNV-1a, 64 bit: stable across builds and platforms, unlike std::hash.
class Fnv64 {
 public:
  void Add(absl::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  void AddU64(uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      const char byte = static_cast<char>((value >> (8 * i)) & 0xff);
      Add(absl::string_view(&byte, 1));
    }
  }
  uint64_t hash() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

void PutU64(std::string* out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void PutU32(std::string* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t GetU64(const std::string& in, size_t offset) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value |= static_cast<uint64_t>(static_cast<unsigned char>(in[offset + i])) << (8 * i);
  }
  return value;
}

uint32_t GetU32(const std::string& in, size_t offset) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= static_cast<uint32_t>(static_cast<unsigned char>(in[offset + i])) << (8 * i);
  }
  return value;
}

uint32_t Checksum(absl::string_view bytes) {
  Fnv64 fnv;
  fnv.Add(bytes);
  return static_cast<uint32_t>(fnv.hash() ^ (fnv.hash() >> 32));
}

std::string Seal(Collection collection, const std::string& payload) {
  std::string raw;
  raw.push_back(static_cast<char>(kVersion));
  raw.push_back(static_cast<char>(collection));
  raw += payload;
  PutU32(&raw, Checksum(raw));
  return absl::WebSafeBase64Escape(raw);
}

absl::Status Invalid(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("page_token: ", why));
}

// Checks everything but the payload's meaning; returns the payload.
absl::StatusOr<std::string> Open(absl::string_view token, Collection collection,
                                 size_t payload_bytes) {
  std::string raw;
  if (token.size() > kMaxTokenChars || !absl::WebSafeBase64Unescape(token, &raw) ||
      raw.size() != kHeaderBytes + payload_bytes + kChecksumBytes) {
    return Invalid("malformed; pass next_page_token as it was returned");
  }
  const size_t checksum_at = raw.size() - kChecksumBytes;
  if (GetU32(raw, checksum_at) != Checksum(absl::string_view(raw).substr(0, checksum_at))) {
    return Invalid("malformed; pass next_page_token as it was returned");
  }
  if (static_cast<uint8_t>(raw[0]) != kVersion) return Invalid("unsupported token version");
  if (static_cast<uint8_t>(raw[1]) != static_cast<uint8_t>(collection)) {
    return Invalid("was issued by a different List method");
  }
  return raw.substr(kHeaderBytes, payload_bytes);
}

std::string EncodeId(Collection collection, int64_t last_id) {
  std::string payload;
  PutU64(&payload, static_cast<uint64_t>(last_id));
  return Seal(collection, payload);
}

absl::StatusOr<int64_t> DecodeId(Collection collection, absl::string_view token) {
  if (token.empty()) return 0;
  absl::StatusOr<std::string> payload = Open(token, collection, kIdPayloadBytes);
  if (!payload.ok()) return payload.status();
  const auto id = static_cast<int64_t>(GetU64(*payload, 0));
  if (id <= 0) return Invalid("malformed; pass next_page_token as it was returned");
  return id;
}

// A last id bound to what was listed (a filter's fingerprint, a parent's id): a token replayed
// for another binding is refused with `mismatch`.
std::string EncodeBoundId(Collection collection, int64_t last_id, uint64_t binding) {
  std::string payload;
  PutU64(&payload, static_cast<uint64_t>(last_id));
  PutU64(&payload, binding);
  return Seal(collection, payload);
}

absl::StatusOr<int64_t> DecodeBoundId(Collection collection, absl::string_view token,
                                      uint64_t binding, absl::string_view mismatch) {
  if (token.empty()) return 0;
  absl::StatusOr<std::string> payload = Open(token, collection, kBoundIdPayloadBytes);
  if (!payload.ok()) return payload.status();
  const auto id = static_cast<int64_t>(GetU64(*payload, 0));
  if (id <= 0) return Invalid("malformed; pass next_page_token as it was returned");
  if (GetU64(*payload, 8) != binding) return Invalid(mismatch);
  return id;
}

}  // namespace

std::string EncodeCustomerPageToken(CustomerId last_id) {
  return EncodeId(Collection::kCustomers, last_id);
}

absl::StatusOr<CustomerId> DecodeCustomerPageToken(absl::string_view token) {
  return DecodeId(Collection::kCustomers, token);
}

std::string EncodeTouchpointPageToken(TouchpointId last_id) {
  return EncodeId(Collection::kTouchpoints, last_id);
}

absl::StatusOr<TouchpointId> DecodeTouchpointPageToken(absl::string_view token) {
  return DecodeId(Collection::kTouchpoints, token);
}

std::string EncodeAuditPageToken(AuditEntryId last_id) {
  return EncodeId(Collection::kAuditEntries, last_id);
}

absl::StatusOr<AuditEntryId> DecodeAuditPageToken(absl::string_view token) {
  return DecodeId(Collection::kAuditEntries, token);
}

uint64_t InteractionFilterFingerprint(const InteractionFilter& filter) {
  Fnv64 fnv;
  fnv.AddU64(static_cast<uint64_t>(filter.customer_id));
  // Length first, so that field boundaries cannot shift.
  fnv.AddU64(filter.channel.size());
  fnv.Add(filter.channel);
  fnv.AddU64(static_cast<uint64_t>(filter.touchpoint_id));
  fnv.AddU64(filter.kind.has_value() ? static_cast<uint64_t>(*filter.kind) : 0);
  for (const std::optional<absl::Time>& time : {filter.start_time, filter.end_time}) {
    if (time.has_value()) {
      fnv.AddU64(1);
      fnv.AddU64(static_cast<uint64_t>(absl::ToUnixSeconds(*time)));
      const absl::Duration sub_second = *time - absl::FromUnixSeconds(absl::ToUnixSeconds(*time));
      fnv.AddU64(static_cast<uint64_t>(absl::ToInt64Nanoseconds(sub_second)));
    } else {
      fnv.AddU64(0);
    }
  }
  return fnv.hash();
}

std::string EncodeInteractionPageToken(const InteractionCursor& cursor, uint64_t fingerprint) {
  // Floor to whole seconds, so the nanos part is in [0, 1e9) also before 1970.
  const absl::Time floor = absl::FromUnixSeconds(absl::ToUnixSeconds(cursor.occur_time));
  const int64_t nanos = absl::ToInt64Nanoseconds(cursor.occur_time - floor);
  std::string payload;
  PutU64(&payload, static_cast<uint64_t>(absl::ToUnixSeconds(cursor.occur_time)));
  PutU32(&payload, static_cast<uint32_t>(nanos));
  PutU64(&payload, static_cast<uint64_t>(cursor.id));
  PutU64(&payload, fingerprint);
  return Seal(Collection::kInteractions, payload);
}

absl::StatusOr<std::optional<InteractionCursor>> DecodeInteractionPageToken(absl::string_view token,
                                                                            uint64_t fingerprint) {
  if (token.empty()) return std::nullopt;
  absl::StatusOr<std::string> payload =
      Open(token, Collection::kInteractions, kInteractionPayloadBytes);
  if (!payload.ok()) return payload.status();
  const auto seconds = static_cast<int64_t>(GetU64(*payload, 0));
  const uint32_t nanos = GetU32(*payload, 8);
  const auto id = static_cast<int64_t>(GetU64(*payload, 12));
  if (nanos >= 1000000000 || id <= 0) {
    return Invalid("malformed; pass next_page_token as it was returned");
  }
  if (GetU64(*payload, 20) != fingerprint) {
    return Invalid("was issued for a different filter; keep the filter while paging");
  }
  InteractionCursor cursor;
  cursor.occur_time = absl::FromUnixSeconds(seconds) + absl::Nanoseconds(nanos);
  cursor.id = id;
  return cursor;
}

std::string EncodeTouchpointRulePageToken(const TouchpointRuleCursor& cursor, TouchpointId parent) {
  std::string payload;
  PutU32(&payload, static_cast<uint32_t>(cursor.priority));
  PutU64(&payload, static_cast<uint64_t>(cursor.id));
  PutU64(&payload, static_cast<uint64_t>(parent));
  return Seal(Collection::kTouchpointRules, payload);
}

absl::StatusOr<std::optional<TouchpointRuleCursor>> DecodeTouchpointRulePageToken(
    absl::string_view token, TouchpointId parent) {
  if (token.empty()) return std::nullopt;
  absl::StatusOr<std::string> payload =
      Open(token, Collection::kTouchpointRules, kTouchpointRulePayloadBytes);
  if (!payload.ok()) return payload.status();
  TouchpointRuleCursor cursor;
  cursor.priority = static_cast<int32_t>(GetU32(*payload, 0));
  cursor.id = static_cast<int64_t>(GetU64(*payload, 4));
  if (cursor.id <= 0) return Invalid("malformed; pass next_page_token as it was returned");
  if (static_cast<int64_t>(GetU64(*payload, 12)) != parent) {
    return Invalid("was issued for a different parent; keep the parent while paging");
  }
  return cursor;
}

namespace {

uint64_t FilterFingerprint(absl::string_view filter) {
  Fnv64 fnv;
  fnv.Add(filter);
  return fnv.hash();
}

}  // namespace

std::string EncodeOperationPageToken(OperationId last_id, absl::string_view filter) {
  return EncodeBoundId(Collection::kOperations, last_id, FilterFingerprint(filter));
}

absl::StatusOr<OperationId> DecodeOperationPageToken(absl::string_view token,
                                                     absl::string_view filter) {
  return DecodeBoundId(Collection::kOperations, token, FilterFingerprint(filter),
                       "was issued for a different filter; keep the filter while paging");
}

std::string EncodeSegmentPageToken(SegmentId last_id) {
  return EncodeId(Collection::kSegments, last_id);
}

absl::StatusOr<SegmentId> DecodeSegmentPageToken(absl::string_view token) {
  return DecodeId(Collection::kSegments, token);
}

std::string EncodeSegmentMemberPageToken(CustomerId last_id, SegmentId segment) {
  return EncodeBoundId(Collection::kSegmentMembers, last_id, static_cast<uint64_t>(segment));
}

absl::StatusOr<CustomerId> DecodeSegmentMemberPageToken(absl::string_view token,
                                                        SegmentId segment) {
  return DecodeBoundId(Collection::kSegmentMembers, token, static_cast<uint64_t>(segment),
                       "was issued for a different segment; keep the parent while paging");
}

std::string EncodeMergePageToken(MergeId last_id, CustomerId customer) {
  return EncodeBoundId(Collection::kMerges, last_id, static_cast<uint64_t>(customer));
}

absl::StatusOr<MergeId> DecodeMergePageToken(absl::string_view token, CustomerId customer) {
  return DecodeBoundId(Collection::kMerges, token, static_cast<uint64_t>(customer),
                       "was issued for a different customer; keep the customer while paging");
}

std::string EncodeMergeSuggestionPageToken(MergeSuggestionId last_id, int state_filter) {
  return EncodeBoundId(Collection::kMergeSuggestions, last_id, static_cast<uint64_t>(state_filter));
}

absl::StatusOr<MergeSuggestionId> DecodeMergeSuggestionPageToken(absl::string_view token,
                                                                 int state_filter) {
  return DecodeBoundId(Collection::kMergeSuggestions, token, static_cast<uint64_t>(state_filter),
                       "was issued for a different state; keep the filter while paging");
}

}  // namespace cxhub
