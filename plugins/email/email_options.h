// The email connector's options: a small line format, validated with messages naming the line.
//
//   # comment lines and blank lines are ignored; one key=value per line
//   mbox=/var/mail/support              an mboxrd file (repeatable)
//   maildir=/home/orders/Maildir        a Maildir folder with new/ and cur/ (repeatable)
//   business_address=support@northwind.example   (repeatable; or a comma-separated list)
//   business_domain=northwind.example            (repeatable; or a comma-separated list;
//                                                 subdomains belong to the business too)
//   sent_mail=/home/support/Maildir/.Sent   a configured source that holds the business's own
//                                       sent mail (repeatable): only mail read from one of these
//                                       (or carrying a trusted relay header) from a business
//                                       address is outbound
//   trusted_relay_header=X-Northwind-Relay[: value]   a header the business's own mail relay adds
//                                       to what it sends (and removes from what it receives);
//                                       with a value, the header must carry it (repeatable)
//   max_outbound_recipients=100         outbound mail makes one record per external recipient,
//                                       for at most this many (1..10000)
//   checkpoint_every=100                checkpoint after this many messages (1..100000)
//   max_body_bytes=262144               body longer than this is cut at a UTF-8 boundary
//   max_full_body_bytes=65536           cap of the "full_body" attribute (0: never kept)
//   maildir_settle_seconds=300          how late a Maildir file may arrive with an older ctime
//   max_message_bytes=52428800          a Maildir file or mbox message larger than this (50 MiB,
//                                       the largest limit of the common mail providers) is not
//                                       read: it becomes a dead letter that keeps its first bytes
//                                       (1024..1073741824)
//
// At least one source and at least one business address or domain are required; keys are
// case-sensitive; white space around keys and values is trimmed; a path may not contain a tab
// or a newline (the cursor is tab-separated).
#ifndef CXHUB_PLUGINS_EMAIL_EMAIL_OPTIONS_H_
#define CXHUB_PLUGINS_EMAIL_EMAIL_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub::email {

enum class SourceKind { kMbox, kMaildir };

struct SourceConfig {
  SourceKind kind = SourceKind::kMbox;
  std::string path;
};

// Which addresses are the business's own (support mailboxes, agents).
class BusinessDirectory {
 public:
  // `address` and `domain` are lower-cased here.
  void AddAddress(absl::string_view address);
  void AddDomain(absl::string_view domain);
  // True when `address` (any case) is a configured address or its domain is a configured domain
  // or a subdomain of one.
  bool IsBusiness(absl::string_view address) const;
  bool empty() const { return addresses_.empty() && domains_.empty(); }

 private:
  std::set<std::string> addresses_;
  std::set<std::string> domains_;
};

// A header that marks mail sent through the business's own relay.
struct RelayHeader {
  std::string name;
  std::string value;  // empty: any value
};

struct EmailOptions {
  std::vector<SourceConfig> sources;
  BusinessDirectory business;
  std::set<std::string> sent_mail_sources;  // paths of sources that hold sent mail
  std::vector<RelayHeader> trusted_relay_headers;
  int max_outbound_recipients = 100;
  int checkpoint_every = 100;
  size_t max_body_bytes = 262144;
  size_t max_full_body_bytes = 65536;
  int64_t maildir_settle_seconds = 300;
  uint64_t max_message_bytes = uint64_t{50} << 20;
};

// Parses and validates `text` (the format above). INVALID_ARGUMENT naming the line otherwise.
// Does not touch the file system.
absl::StatusOr<EmailOptions> ParseEmailOptions(absl::string_view text);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_EMAIL_OPTIONS_H_
