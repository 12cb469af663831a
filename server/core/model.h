// The domain model of cxhub: plain values shared by core/, storage/ and api/.
// No gRPC, protobuf or SQL types appear here, so every layer can depend on it.
#ifndef CXHUB_SERVER_CORE_MODEL_H_
#define CXHUB_SERVER_CORE_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cxhub {

// Store-assigned ids are positive; 0 means "none".
using CustomerId = int64_t;
using TouchpointId = int64_t;
using InteractionId = int64_t;

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

struct Identity {
  IdentityKind kind = IdentityKind::kEmail;
  std::string value;  // Normalized (see identity_normalizer.h) once it reaches the store.

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

enum class SurveyMetric { kNps = 1, kCsat = 2, kCes = 3 };

struct Survey {
  SurveyMetric metric = SurveyMetric::kNps;
  int32_t score = 0;
  std::string comment;
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
  std::optional<Survey> survey;
  Attributes attributes;
  absl::Time create_time;
};

// What to do when the identities of one record belong to different customers.
enum class ConflictPolicy { kMerge, kFlag };

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MODEL_H_
