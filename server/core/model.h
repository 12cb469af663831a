// The domain model of cxhub: plain values shared by core/, storage/ and api/.
// No gRPC, protobuf or SQL types appear here, so every layer can depend on it.
#ifndef CXHUB_SERVER_CORE_MODEL_H_
#define CXHUB_SERVER_CORE_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub {

// Store-assigned ids are positive; 0 means "none".
using CustomerId = int64_t;
using TouchpointId = int64_t;
using InteractionId = int64_t;
using TouchpointRuleId = int64_t;

using Attributes = std::map<std::string, std::string>;

enum class IdentityKind { kEmail = 1, kPhone = 2, kSocial = 3, kChat = 4, kExternal = 5 };

// The kind's lower-case name ("email", "phone", ...), for messages and attributes.
inline absl::string_view IdentityKindName(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kEmail:
      return "email";
    case IdentityKind::kPhone:
      return "phone";
    case IdentityKind::kSocial:
      return "social";
    case IdentityKind::kChat:
      return "chat";
    case IdentityKind::kExternal:
      return "external";
  }
  return "unknown";
}

// How far the channel proved that the customer holds an identity. Ordered: trust only rises.
enum class IdentityTrust {
  kUnspecified = 0,  // Not stated (taken as claimed), or stored before provenance was kept.
  kClaimed = 1,      // Typed into a form or a contact card.
  kVerified = 2,     // Proved by the channel: mail from the address, a call from the number.
};

// cxhub.v1.IdentityTrust's numbers (VERIFIED 1, CLAIMED 2), for the adapters of the API and
// of the connector records, which both read and write them.
inline IdentityTrust IdentityTrustFromProtoNumber(int number) {
  switch (number) {
    case 1:
      return IdentityTrust::kVerified;
    case 2:
      return IdentityTrust::kClaimed;
    default:
      return IdentityTrust::kUnspecified;
  }
}
inline int IdentityTrustProtoNumber(IdentityTrust trust) {
  switch (trust) {
    case IdentityTrust::kVerified:
      return 1;
    case IdentityTrust::kClaimed:
      return 2;
    case IdentityTrust::kUnspecified:
      break;
  }
  return 0;
}

// Who asserted an identity: the source ("support-mail", "api"), the record or call
// ("<msg-id@host>", "RecordInteraction by crm-sync") and when.
struct IdentityProvenance {
  std::string source;
  std::string asserted_by;
  absl::Time assert_time = absl::UnixEpoch();
};

struct Identity {
  Identity() = default;
  // Implicit: {IdentityKind::kEmail, "ana@example.pt"} reads as an identity.
  Identity(IdentityKind identity_kind, std::string identity_value)  // NOLINT
      : kind(identity_kind), value(std::move(identity_value)) {}

  IdentityKind kind = IdentityKind::kEmail;
  std::string value;  // Normalized (see identity_normalizer.h) once it reaches the store.
  // Not part of what the identity is (== and < ignore them). On a write, as asserted; read
  // from the store, the highest trust seen and the assertion that gave it.
  IdentityTrust trust = IdentityTrust::kUnspecified;
  IdentityProvenance provenance;

  friend bool operator==(const Identity& a, const Identity& b) {
    return a.kind == b.kind && a.value == b.value;
  }
  friend bool operator<(const Identity& a, const Identity& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.value < b.value;
  }
};

struct Customer {
  CustomerId id = 0;
  std::string display_name;
  std::vector<Identity> identities;  // Sorted by (kind, value).
  Attributes attributes;
  std::vector<CustomerId> merged_ids;  // Customers merged into this one, ascending.
  absl::Time create_time;
  absl::Time update_time;
};

enum class JourneyStage {
  kAwareness = 1,
  kConsideration = 2,
  kPurchase = 3,
  kService = 4,
  kLoyalty = 5
};

struct Touchpoint {
  TouchpointId id = 0;
  std::string display_name;
  std::string description;
  JourneyStage stage = JourneyStage::kService;
  bool controlled = false;
  std::vector<std::string> channels;
  absl::Time create_time;
  absl::Time update_time;
};

enum class InteractionKind {
  kMessage = 1,
  kCall = 2,
  kPost = 3,
  kSurveyResponse = 4,
  kPurchase = 5,
  kTicket = 6,
  kVisit = 7,
};

enum class Direction { kInbound = 1, kOutbound = 2 };

// Why a visit came to the website (visit_intent.h). Stored as these numbers.
enum class VisitIntent { kNone = 0, kTransactional = 1, kInformational = 2 };

enum class SurveyMetric { kNps = 1, kCsat = 2, kCes = 3 };

struct Survey {
  SurveyMetric metric = SurveyMetric::kNps;
  int32_t score = 0;
  std::string comment;
  std::string question;
  std::string touchpoint_tag;  // The survey's own name for where it was asked ("checkout").
  std::string rated_thread_id;
  InteractionId rated_interaction_id = 0;  // 0: none.
};

// A rating the customer wrote unasked ("8 out of 10"), found in an inbound message.
struct MentionedScore {
  SurveyMetric metric = SurveyMetric::kNps;  // kNps for a score out of 10, kCsat out of 5.
  int32_t score = 0;
  int32_t scale = 10;
  std::string quote;  // The words it was read from.
};

// The order a purchase interaction records. Amounts are integers in the currency's minor units
// (11990 for 119.90 EUR, 500 for 500 JPY), so sums are exact.
struct Purchase {
  int64_t amount_minor_units = 0;  // 0 or more.
  std::string currency;            // An ISO 4217 code: "EUR".
  std::string order_id;            // The order in the seller's system; may be empty.
};

// Which interactions belong to a touchpoint (see TouchpointRule in touchpoint.proto): every
// criterion that is not empty must match; a list matches when one of its values does.
struct TouchpointRule {
  TouchpointRuleId id = 0;
  TouchpointId touchpoint_id = 0;
  int32_t priority = 0;  // Lower first; ties in id order.
  std::string description;
  std::vector<std::string> channels;
  std::vector<std::string> sources;
  std::vector<Identity> contacted;  // Business identities, normalized where they can be.
  std::vector<std::string> words;
  Attributes attributes;  // Every one must be present with this value.
  std::vector<std::string> survey_touchpoint_tags;
  std::vector<InteractionKind> kinds;
  absl::Time create_time;
  absl::Time update_time;
};

struct Interaction {
  InteractionId id = 0;  // Also the commit sequence: ids grow in commit order.
  CustomerId customer_id = 0;
  std::string channel;
  TouchpointId touchpoint_id = 0;  // 0: none.
  InteractionKind kind = InteractionKind::kMessage;
  Direction direction = Direction::kInbound;
  absl::Time occur_time;
  std::string thread_id;
  std::string subject;
  std::string body;
  absl::Duration duration;
  std::string source;
  std::string external_id;
  // "<channel>:<global id>" for channels whose ids are the same wherever they are read (an
  // email's Message-ID): unique across sources. Empty: none.
  std::string global_key;
  std::optional<Survey> survey;
  Attributes attributes;
  absl::Time create_time;
  std::optional<MentionedScore> mentioned_score;
  // The rule that chose touchpoint_id; 0 when the caller gave the touchpoint (or none matched).
  TouchpointRuleId touchpoint_rule_id = 0;
  std::optional<Purchase> purchase;  // Exactly on kPurchase interactions.
  // The normalized identities the record named: where an unmerge places an interaction
  // recorded after the merge. Empty when recorded by customer id (or before the store kept
  // them). Written by inserts; the store's reads leave it empty.
  std::vector<Identity> recorded_identities;
};

using SegmentId = int64_t;

// The kinds of SegmentCondition (see SegmentCondition in segment.proto for their meaning).
enum class SegmentConditionKind {
  kAttribute = 1,         // attribute_key present; equal to attribute_value unless it is empty.
  kChannel = 2,           // An interaction on `channel` in the window.
  kTouchpoint = 3,        // An interaction at `touchpoint_id` in the window.
  kActivity = 4,          // An interaction in the window (none, when `inactive`).
  kInteractionCount = 5,  // Interactions matching the criteria set, compared to `count`.
  kScore = 6,             // The last survey answer of `metric` in [min_score, max_score].
};

enum class CountComparison { kAtLeast = 1, kAtMost = 2 };

// One condition of a segment: `kind` says which fields it reads; the others stay at their
// defaults.
struct SegmentCondition {
  SegmentConditionKind kind = SegmentConditionKind::kActivity;
  std::string attribute_key;
  std::string attribute_value;                      // Empty: any value.
  std::string channel;                              // kChannel; kInteractionCount (empty: any).
  TouchpointId touchpoint_id = 0;                   // kTouchpoint; kInteractionCount (0: any).
  std::optional<InteractionKind> interaction_kind;  // kInteractionCount; nullopt: any.
  std::optional<Direction> direction;               // kInteractionCount; nullopt: either.
  std::optional<VisitIntent> visit_intent;          // kInteractionCount: visits only; nullopt: any.
  CountComparison comparison = CountComparison::kAtLeast;  // kInteractionCount.
  int64_t count = 0;                                       // kInteractionCount.
  bool inactive = false;                                   // kActivity.
  SurveyMetric metric = SurveyMetric::kNps;                // kScore.
  int32_t min_score = 0;                                   // kScore, inclusive.
  int32_t max_score = 10;                                  // kScore, inclusive.
  // The window [now - within_days, now) of the request's time; 0: ever (kActivity needs one).
  int32_t within_days = 0;
};

// A saved rule over customers: the live customers matching every condition (all of them with
// no condition). A segment with a description is a persona.
struct Segment {
  SegmentId id = 0;
  std::string display_name;
  std::string description;
  std::vector<SegmentCondition> conditions;
  absl::Time create_time;
  absl::Time update_time;
};

// What to do when the identities of one record belong to different customers: kMerge merges
// as the trust policy allows (merge_policy.h), kFlag never merges on a record.
enum class ConflictPolicy { kMerge, kFlag };

using MergeSuggestionId = int64_t;

enum class MergeSuggestionState { kOpen = 1, kAccepted = 2, kRejected = 3 };

// Why the trust policy suggested a merge instead of making it (merge_suggestion.proto).
enum class MergeSuggestionReason {
  kClaimedIdentity = 1,
  kSourceNotTrusted = 2,
  kIdentityJoinsTooMany = 3,
  kRecordMergesTooMany = 4,
};

// Two existing customers a record said were one person, not merged by the trust policy.
struct MergeSuggestion {
  MergeSuggestionId id = 0;
  MergeSuggestionState state = MergeSuggestionState::kOpen;
  MergeSuggestionReason reason = MergeSuggestionReason::kClaimedIdentity;
  CustomerId customer_id = 0;        // Where the record went.
  CustomerId other_customer_id = 0;  // The owner of `identity`, left apart.
  Identity identity;                 // As asserted (trust and provenance set).
  absl::Time create_time;
  std::optional<absl::Time> decide_time;  // Set once accepted or rejected.
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MODEL_H_
