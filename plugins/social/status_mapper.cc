#include "plugins/social/status_mapper.h"

#include <algorithm>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/social/mastodon_handle.h"

namespace cxhub::social {
namespace {

using ::cxhub::connector::v1::InteractionRecord;
using ::cxhub::connector::v1::Record;

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

void SetTime(absl::Time time, google::protobuf::Timestamp& out) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  out.set_seconds(seconds);
  out.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
}

}  // namespace

const plugin_common::HtmlToTextOptions& MastodonHtmlOptions() {
  static const plugin_common::HtmlToTextOptions* const options = [] {
    auto* mastodon = new plugin_common::HtmlToTextOptions;
    mastodon->paragraph_elements = {"p"};
    mastodon->line_elements = {"blockquote", "li", "ul", "ol", "pre", "div",
                               "h1",         "h2", "h3", "h4", "h5",  "h6"};
    mastodon->collect_links = true;
    mastodon->uncollected_link_classes = {"mention", "hashtag"};
    return mastodon;
  }();
  return *options;
}

StatusMapper::StatusMapper(StatusMapperConfig config) : config_(std::move(config)) {}

SocialMapping StatusMapper::Map(absl::string_view line, ThreadIndex& threads) {
  absl::StatusOr<MastodonEntity> entity = parser_.Parse(line);
  if (!entity.ok()) return DeadLetter(std::string(entity.status().message()));
  return MapEntity(*entity, threads);
}

SocialMapping StatusMapper::MapEntity(const MastodonEntity& entity, ThreadIndex& threads) const {
  const bool notification = entity.kind == MastodonEntity::Kind::kNotification;
  const std::string path = notification ? "$.status" : "$";
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

  absl::StatusOr<std::string> author =
      QualifyAcct(status.account.acct, status.account.url, config_.instance);
  if (!author.ok()) {
    return DeadLetter(absl::StrCat(path, ".account.acct: ", author.status().message()));
  }
  const bool outbound = *author == config_.brand_handle;

  // The customers: the author, or whom a brand post is addressed to.
  std::vector<std::string> mentioned;  // qualified, without duplicates, in order
  std::string reply_target;
  for (size_t i = 0; i < status.mentions.size(); ++i) {
    const MastodonMention& mention = status.mentions[i];
    absl::StatusOr<std::string> handle = QualifyAcct(mention.acct, mention.url, config_.instance);
    if (!handle.ok()) {
      return DeadLetter(absl::StrCat(path, ".mentions[", i, "].acct: ", handle.status().message()));
    }
    if (std::find(mentioned.begin(), mentioned.end(), *handle) == mentioned.end()) {
      mentioned.push_back(*handle);
    }
    if (status.in_reply_to_account_id && !mention.id.empty() &&
        mention.id == *status.in_reply_to_account_id) {
      reply_target = *handle;
    }
  }
  std::vector<std::string> customers;
  if (!outbound) {
    customers.push_back(*author);
  } else if (!reply_target.empty() && reply_target != config_.brand_handle) {
    customers.push_back(reply_target);
  } else {
    for (const std::string& handle : mentioned) {
      if (handle != config_.brand_handle) customers.push_back(handle);
    }
  }

  const std::string thread = threads.Assign(status.id, status.in_reply_to_id);
  if (customers.empty()) {
    return Skip(SocialMapping::Kind::kBrandPostWithoutCustomer,
                absl::StrCat("brand post ", status.id, " replies to and mentions no customer"));
  }

  const plugin_common::HtmlText text =
      plugin_common::HtmlToText(status.content, MastodonHtmlOptions());
  SocialMapping mapping;
  mapping.kind = SocialMapping::Kind::kInteractions;
  for (const std::string& customer : customers) {
    Record& record = mapping.records.emplace_back();
    InteractionRecord& post = *record.mutable_interaction();
    post.set_external_id(customers.size() == 1 ? status.id
                                               : absl::StrCat(status.id, "#", customer));
    post.set_channel("social");
    post.set_kind(cxhub::v1::POST);
    post.set_direction(outbound ? cxhub::v1::OUTBOUND : cxhub::v1::INBOUND);
    SetTime(status.created_at, *post.mutable_occur_time());
    cxhub::v1::Identity& who = *post.add_customer_identities();
    who.set_kind(cxhub::v1::SOCIAL);
    who.set_value(SocialIdentityValue(customer));
    if (!outbound && !status.account.display_name.empty()) {
      post.set_customer_display_name(status.account.display_name);
    }
    cxhub::v1::Identity& brand = *post.add_business_identities();
    brand.set_kind(cxhub::v1::SOCIAL);
    brand.set_value(SocialIdentityValue(config_.brand_handle));
    post.set_thread_id(thread);
    post.set_subject(status.spoiler_text);
    post.set_body(text.text);

    auto& attributes = *post.mutable_attributes();
    attributes["status_id"] = status.id;
    if (!status.uri.empty()) attributes["uri"] = status.uri;
    if (!status.url.empty()) attributes["url"] = status.url;
    attributes["visibility"] = status.visibility;
    if (status.visibility == "direct") attributes["private"] = "true";
    if (!status.language.empty()) attributes["language"] = status.language;
    if (status.sensitive) attributes["sensitive"] = "true";
    attributes["author"] = *author;
    if (status.in_reply_to_id) attributes["in_reply_to_id"] = *status.in_reply_to_id;
    if (!mentioned.empty()) attributes["mentions"] = absl::StrJoin(mentioned, " ");
    if (!text.links.empty()) attributes["links"] = absl::StrJoin(text.links, " ");
    for (size_t i = 0; i < status.media.size(); ++i) {
      const MastodonMedia& media = status.media[i];
      const std::string prefix = absl::StrCat("media.", i, ".");
      attributes[prefix + "type"] = media.type;
      if (!media.url.empty()) attributes[prefix + "url"] = media.url;
      if (!media.description.empty()) attributes[prefix + "description"] = media.description;
    }
    if (!status.media.empty()) attributes["media_count"] = absl::StrCat(status.media.size());
    if (notification) attributes["notification_id"] = entity.notification_id;
  }
  return mapping;
}

}  // namespace cxhub::social
