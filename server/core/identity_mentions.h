// Whether some bytes (a dead letter's payload: a plugin's raw source data or a serialized
// Record) mention a normalized identity, for erasure, which must not leave an erased person's
// data in the dead letters.
#ifndef CXHUB_SERVER_CORE_IDENTITY_MENTIONS_H_
#define CXHUB_SERVER_CORE_IDENTITY_MENTIONS_H_

#include "absl/strings/string_view.h"
#include "server/core/model.h"

namespace cxhub {

// True when `bytes` hold the identity's value, compared without case (an address is
// case-insensitive where people type it), or for a phone its digits without the "+" (how
// call logs write it), or for a social handle the account without its network ("@ana@host").
// Matching is on text: data that spells the identity another way (a national phone number)
// is not found.
bool MentionsIdentity(absl::string_view bytes, const Identity& identity);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_IDENTITY_MENTIONS_H_
