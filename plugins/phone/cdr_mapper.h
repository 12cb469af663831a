// Turns one cdr_csv line into what the connector emits: an interaction record, a skipped internal
// call, or a dead letter with its reason.
//
// Mapping (see plugins/phone/README.md for the whole table):
//   src an extension, dst not      -> OUTBOUND, the customer is dst
//   src not an extension           -> INBOUND, the customer is src
//   src and dst both extensions    -> internal: skipped, not a dead letter
// The customer number becomes E.164; a withheld or unparseable one makes the line a dead letter.
// The business side (dst inbound, src outbound: the extension or ring group) is the record's
// business identity, PHONE as written ("100").
// start/answer/end are civil times in the Asterisk server's zone and become UTC. The external id
// and thread id are the uniqueid, or "cdr-line:<hash of the line>" when the column is absent.
#ifndef CXHUB_PLUGINS_PHONE_CDR_MAPPER_H_
#define CXHUB_PLUGINS_PHONE_CDR_MAPPER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/phone/extension_pattern.h"
#include "plugins/phone/phone_number_normalizer.h"

namespace cxhub::phone {

struct CdrMapperConfig {
  std::string default_region;    // libphonenumber region, e.g. "PT"
  absl::TimeZone server_zone;    // the Asterisk server's zone
  ExtensionPatterns extensions;  // the business's own numbers
};

struct CdrMapping {
  enum class Kind { kInteraction, kInternalCall, kDeadLetter };
  Kind kind = Kind::kDeadLetter;
  cxhub::connector::v1::Record record;  // kInteraction only
  std::string reason;                   // kDeadLetter: why; kInternalCall: "103 -> 101"
};

class CdrMapper {
 public:
  explicit CdrMapper(CdrMapperConfig config);

  // Maps one line (without its line terminator). Never fails: problems become dead letters.
  CdrMapping Map(absl::string_view line) const;

 private:
  CdrMapperConfig config_;
  PhoneNumberNormalizer normalizer_;
};

// The external id of a line without a uniqueid column: "cdr-line:" and 16 hex digits of a 64-bit
// FNV-1a hash of the line. Stable across versions and machines.
std::string LineExternalId(absl::string_view line);

}  // namespace cxhub::phone

#endif  // CXHUB_PLUGINS_PHONE_CDR_MAPPER_H_
