// Files for the social tests: the sample mastodon.jsonl and its lines, and generated statuses.
// Temporary folders come from tests/plugins/common/temp_dir.h.
#ifndef CXHUB_TESTS_PLUGINS_SOCIAL_SOCIAL_TEST_FILES_H_
#define CXHUB_TESTS_PLUGINS_SOCIAL_SOCIAL_TEST_FILES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::social::test {

using ::cxhub::plugin_common::test::ReadWholeFile;
using ::cxhub::plugin_common::test::TempDir;

inline std::string SampleMastodonPath() {
  return std::string(CXHUB_SAMPLES_DIR) + "/social/mastodon.jsonl";
}

// The sample's lines (without newlines), line 1 first.
inline std::vector<std::string> SampleLines() {
  std::vector<std::string> lines =
      absl::StrSplit(ReadWholeFile(SampleMastodonPath()), '\n', absl::SkipEmpty());
  return lines;
}

// Sample lines `first`..`last` (1-based, inclusive), each with its newline.
inline std::string SampleLineRange(int first, int last) {
  const std::vector<std::string> lines = SampleLines();
  std::string text;
  for (int line = first; line <= last; ++line) absl::StrAppend(&text, lines[line - 1], "\n");
  return text;
}

// The status ids of the sample's lines.
inline constexpr absl::string_view kLine1 = "117234175843915065";
inline constexpr absl::string_view kLine2 = "117234374511169850";
inline constexpr absl::string_view kLine3 = "117234424408152254";
inline constexpr absl::string_view kLine4 = "117234450446076081";
inline constexpr absl::string_view kLine5 = "117242501907817097";
inline constexpr absl::string_view kLine6 = "117242630261981820";  // the boost
inline constexpr absl::string_view kLine7 = "117242631989003430";
inline constexpr absl::string_view kLine9 = "117253649818454732";  // in notification 48213307

// A Status line (with its newline) by `acct` (profile on `host`), replying to `in_reply_to`
// (empty: a new post) whose author has account id `reply_account`, mentioning `mentions`
// (acct and account id pairs, without profile urls).
inline std::string StatusLine(
    absl::string_view id, absl::string_view acct, absl::string_view host,
    absl::string_view in_reply_to = "", absl::string_view reply_account = "",
    const std::vector<std::pair<std::string, std::string>>& mentions = {}) {
  const absl::string_view user = acct.substr(0, acct.find('@'));
  std::string mention_json = "[";
  for (const auto& [mention_acct, mention_id] : mentions) {
    if (mention_json.size() > 1) mention_json += ",";
    absl::StrAppend(&mention_json, R"({"id":")", mention_id, R"(","acct":")", mention_acct,
                    R"("})");
  }
  mention_json += "]";
  const auto quoted_or_null = [](absl::string_view text) {
    return text.empty() ? std::string("null") : absl::StrCat("\"", text, "\"");
  };
  return absl::StrCat(
      R"({"id":")", id, R"(","created_at":"2026-09-12T10:00:00.250Z","in_reply_to_id":)",
      quoted_or_null(in_reply_to), R"(,"in_reply_to_account_id":)", quoted_or_null(reply_account),
      R"(,"visibility":"public","language":"en","uri":"https://)", host, "/users/", user,
      "/statuses/", id, R"(","content":"<p>Hello &amp; thanks</p>","reblog":null,)",
      R"("account":{"id":"1","acct":")", acct, R"(","url":"https://)", host, "/@", user,
      R"(","display_name":"Someone"},"media_attachments":[],"mentions":)", mention_json, "}\n");
}

}  // namespace cxhub::social::test

#endif  // CXHUB_TESTS_PLUGINS_SOCIAL_SOCIAL_TEST_FILES_H_
