// Turns one line of Mastodon entities into what the connector emits: interaction records, a
// skip (boost, another notification type, a brand post addressed to nobody), or a dead letter.
//
// Mapping (see plugins/social/README.md for the whole table):
//   - A Status, or the status of a `mention` Notification, is one POST on channel "social" with
//     external id = status id and occur_time = created_at (UTC).
//   - The author is a SOCIAL identity "mastodon:@user@instance" (mastodon_handle.h). Posts by the
//     brand account are OUTBOUND to the account they reply to (in_reply_to_account_id, resolved
//     to an acct through `mentions`), or, for a new post (or when that account is not among the
//     mentions), to each account they mention other than the brand: one record per account, with
//     external id "<status id>#<handle>" when there are several. Other posts are INBOUND from
//     their author.
//   - thread_id is the root of the in_reply_to_id chain (thread_index.h).
//   - Boosts (`reblog` not null) and notifications other than mentions are skipped.
// Dead letters: invalid JSON, missing required fields or wrong types (mastodon_entity.h), and
// accounts that cannot be qualified; the reason starts with the JSON path.
#ifndef CXHUB_PLUGINS_SOCIAL_STATUS_MAPPER_H_
#define CXHUB_PLUGINS_SOCIAL_STATUS_MAPPER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/common/html_to_text.h"
#include "plugins/social/mastodon_entity.h"
#include "plugins/social/thread_index.h"

namespace cxhub::social {

struct StatusMapperConfig {
  std::string instance;      // lower-case domain, e.g. "mastodon.example"
  std::string brand_handle;  // qualified, lower-case: "@northwind@mastodon.example"
};

struct SocialMapping {
  enum class Kind {
    kInteractions,              // `records` holds one or more interaction records
    kBoost,                     // skipped: a boost
    kOtherNotification,         // skipped: a notification that is not a mention
    kBrandPostWithoutCustomer,  // skipped: a brand post that replies to and mentions nobody
    kDeadLetter,
  };
  Kind kind = Kind::kDeadLetter;
  std::vector<cxhub::connector::v1::Record> records;
  // kDeadLetter: why, starting with the JSON path. Skips: what was skipped, for a debug log.
  std::string reason;
};

// How a status's HTML `content` reads as text (plugins/common/html_to_text.h). Mastodon renders a
// small, sanitized HTML subset; the text keeps what the author wrote:
//   - <p> paragraphs are separated by an empty line; <br> is a newline; other block elements
//     (blockquote, li, h1-h6, pre, ul, ol, div) start a new line.
//   - A mention `<a class="u-url mention">@<span>ana</span>` reads "@ana", a hashtag "#tag".
//   - Links read as the full URL the author typed: Mastodon shortens long URLs on screen by
//     wrapping the scheme and the tail in `<span class="invisible">` (and marks the cut with
//     `ellipsis`); those spans are kept, so the text holds "https://northwind.example/help", not
//     "northwind.example/help…".
//   - &nbsp; stays U+00A0.
//   - The href of every link that is neither a mention nor a hashtag is collected, in order,
//     without duplicates.
const plugin_common::HtmlToTextOptions& MastodonHtmlOptions();

class StatusMapper {
 public:
  explicit StatusMapper(StatusMapperConfig config);

  // Parses and maps one line (without its newline); remembers thread roots in `threads`. Never
  // fails: problems become dead letters. Not thread-safe (it reuses its parser).
  SocialMapping Map(absl::string_view line, ThreadIndex& threads);

  // Maps an entity already parsed.
  SocialMapping MapEntity(const MastodonEntity& entity, ThreadIndex& threads) const;

 private:
  StatusMapperConfig config_;
  MastodonEntityParser parser_;
};

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_STATUS_MAPPER_H_
