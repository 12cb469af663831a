#include "plugins/social/status_mapper.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/common/proto_timestamp.h"
#include "plugins/social/mastodon_handle.h"

namespace cxhub::social {
namespace {

using ::cxhub::connector::v1::InteractionRecord;

SocialMapping DeadLetter(std::string reason) {
  SocialMapping mapping;
  mapping.kind = SocialMapping::Kind::kDeadLetter;
  mapping.reason = std::move(reason);
  return mapping;
}

SocialMapping Skip(SocialMapping::Kind kind, std::string reason) {
  SocialMapping mapping;
  mapping.kind = kind;
  mapping.reason = std::move(reason);
  return mapping;
}

// Who a status involves, with handles qualified ("@ana@mastodon.example").
struct StatusParties {
  std::string author;
  bool outbound = false;               // the brand wrote it
  std::vector<std::string> mentioned;  // without duplicates, in order
  std::vector<std::string> customers;  // whom the post is filed under
};

// The parties of `status` (at `path` in its line). The customers are the author, or whom a brand
// post replies to, else the customers it mentions. INVALID_ARGUMENT naming the path of an acct
// that cannot be qualified.
absl::StatusOr<StatusParties> FindParties(const MastodonStatus& status, absl::string_view path,
                                          const StatusMapperConfig& config) {
  StatusParties parties;
  absl::StatusOr<std::string> author =
      QualifyAcct(status.account.acct, status.account.url, config.instance);
  if (!author.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ".account.acct: ", author.status().message()));
  }
  parties.author = *std::move(author);
  parties.outbound = parties.author == config.brand_handle;
  std::string reply_target;
  for (size_t i = 0; i < status.mentions.size(); ++i) {
    const MastodonMention& mention = status.mentions[i];
    absl::StatusOr<std::string> handle = QualifyAcct(mention.acct, mention.url, config.instance);
    if (!handle.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".mentions[", i, "].acct: ", handle.status().message()));
    }
    if (std::find(parties.mentioned.begin(), parties.mentioned.end(), *handle) ==
        parties.mentioned.end()) {
      parties.mentioned.push_back(*handle);
    }
    if (status.in_reply_to_account_id && !mention.id.empty() &&
        mention.id == *status.in_reply_to_account_id) {
      reply_target = *handle;
    }
  }
  if (!parties.outbound) {
    parties.customers.push_back(parties.author);
  } else if (!reply_target.empty() && reply_target != config.brand_handle) {
    parties.customers.push_back(reply_target);
  } else {
    for (const std::string& handle : parties.mentioned) {
      if (handle != config.brand_handle) parties.customers.push_back(handle);
    }
  }
  return parties;
}

// What the post of `status` filed under `customer` says about the status itself: channel, kind,
// direction, time, identities, subject and the status's attributes.
void FillPost(const MastodonStatus& status, const StatusParties& parties,
              const std::string& customer, const std::string& brand_handle,
              InteractionRecord& post) {
  post.set_channel("social");
  post.set_kind(cxhub::v1::POST);
  post.set_direction(parties.outbound ? cxhub::v1::OUTBOUND : cxhub::v1::INBOUND);
  plugin_common::SetTimestamp(status.created_at, *post.mutable_occur_time());
  cxhub::v1::Identity& who = *post.add_customer_identities();
  who.set_kind(cxhub::v1::SOCIAL);
  who.set_value(SocialIdentityValue(customer));
  // The account is the network's: the one that posted, or the one the brand replied to.
  who.set_trust(cxhub::v1::VERIFIED);
  if (!parties.outbound && !status.account.display_name.empty()) {
    post.set_customer_display_name(status.account.display_name);
  }
  cxhub::v1::Identity& brand = *post.add_business_identities();
  brand.set_kind(cxhub::v1::SOCIAL);
  brand.set_value(SocialIdentityValue(brand_handle));
  post.set_subject(status.spoiler_text);

  auto& attributes = *post.mutable_attributes();
  attributes["status_id"] = status.id;
  if (!status.uri.empty()) attributes["uri"] = status.uri;
  if (!status.url.empty()) attributes["url"] = status.url;
  attributes["visibility"] = status.visibility;
  if (status.visibility == "direct") attributes["private"] = "true";
  if (!status.language.empty()) attributes["language"] = status.language;
  if (status.sensitive) attributes["sensitive"] = "true";
  attributes["author"] = parties.author;
  if (status.in_reply_to_id) attributes["in_reply_to_id"] = *status.in_reply_to_id;
  if (!parties.mentioned.empty()) attributes["mentions"] = absl::StrJoin(parties.mentioned, " ");
  for (size_t i = 0; i < status.media.size(); ++i) {
    const MastodonMedia& media = status.media[i];
    const std::string prefix = absl::StrCat("media.", i, ".");
    attributes[prefix + "type"] = media.type;
    if (!media.url.empty()) attributes[prefix + "url"] = media.url;
    if (!media.description.empty()) attributes[prefix + "description"] = media.description;
  }
  if (!status.media.empty()) attributes["media_count"] = absl::StrCat(status.media.size());
}

}  // namespace

const plugin_common::HtmlToTextOptions& MastodonHtmlOptions() {
  // A static object, not a leaked pointer: the plugin can be unloaded (dlclose), which destroys
  // it; a pointer would be lost then and reported as a leak.
  static const plugin_common::HtmlToTextOptions options = [] {
    plugin_common::HtmlToTextOptions mastodon;
    mastodon.paragraph_elements = {"p"};
    mastodon.line_elements = {"blockquote", "li", "ul", "ol", "pre", "div",
                              "h1",         "h2", "h3", "h4", "h5",  "h6"};
    mastodon.collect_links = true;
    mastodon.uncollected_link_classes = {"mention", "hashtag"};
    return mastodon;
  }();
  return options;
}

StatusMapper::StatusMapper(StatusMapperConfig config) : config_(std::move(config)) {}

SocialMapping StatusMapper::Map(absl::string_view line, ThreadIndex& threads) {
  absl::StatusOr<MastodonEntity> entity = parser_.Parse(line);
  if (!entity.ok()) return DeadLetter(std::string(entity.status().message()));
  return MapEntity(*entity, threads);
}

SocialMapping StatusMapper::MapEntity(const MastodonEntity& entity, ThreadIndex& threads) const {
  const bool notification = entity.kind == MastodonEntity::Kind::kNotification;
  if (notification && entity.notification_type != "mention") {
    return Skip(SocialMapping::Kind::kOtherNotification,
                absl::StrCat("notification ", entity.notification_id, " of type '",
                             entity.notification_type, "'"));
  }
  const MastodonStatus& status = entity.status;
  if (status.is_boost) {
    return Skip(SocialMapping::Kind::kBoost,
                absl::StrCat("boost ", status.id, " of status ", status.boosted_id));
  }
  absl::StatusOr<StatusParties> parties =
      FindParties(status, notification ? "$.status" : "$", config_);
  if (!parties.ok()) return DeadLetter(std::string(parties.status().message()));
  const std::string thread = threads.Assign(status.id, status.in_reply_to_id);
  if (parties->customers.empty()) {
    return Skip(SocialMapping::Kind::kBrandPostWithoutCustomer,
                absl::StrCat("brand post ", status.id, " replies to and mentions no customer"));
  }

  const plugin_common::HtmlText text =
      plugin_common::HtmlToText(status.content, MastodonHtmlOptions());
  SocialMapping mapping;
  mapping.kind = SocialMapping::Kind::kInteractions;
  for (const std::string& customer : parties->customers) {
    InteractionRecord& post = *mapping.records.emplace_back().mutable_interaction();
    post.set_external_id(parties->customers.size() == 1 ? status.id
                                                        : absl::StrCat(status.id, "#", customer));
    FillPost(status, *parties, customer, config_.brand_handle, post);
    post.set_thread_id(thread);
    post.set_body(text.text);
    auto& attributes = *post.mutable_attributes();
    if (!text.links.empty()) attributes["links"] = absl::StrJoin(text.links, " ");
    if (notification) attributes["notification_id"] = entity.notification_id;
  }
  return mapping;
}

}  // namespace cxhub::social
