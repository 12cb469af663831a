// Mastodon's status HTML (`content`) turned into the text a reader sees, plus the links in it.
//
// Mastodon renders statuses as a small, sanitized HTML subset. The text keeps what the author
// wrote:
//   - <p> paragraphs are separated by a blank line ("\n\n"); <br> is a newline; other block
//     elements (blockquote, li, h1-h6, pre, ul, ol) start a new line.
//   - Tags are removed and their text kept: a mention `<a class="u-url mention">@<span>ana</span>`
//     reads "@ana", a hashtag reads "#tag".
//   - Links read as the full URL the author typed: Mastodon shortens long URLs on screen by
//     wrapping the scheme and the tail in `<span class="invisible">` (and marks the cut with
//     `ellipsis`); those spans are kept, so the text holds "https://northwind.example/help", not
//     the shortened "northwind.example/help…".
//   - Character references are decoded: named (&amp; &lt; &gt; &quot; &apos; &nbsp;), decimal
//     (&#39;) and hex (&#x27;). Invalid code points become U+FFFD; unknown names stay as written.
//   - Runs of white space in the markup collapse to one space, as a browser shows them; the
//     result has no leading or trailing white space. <script>, <style> and comments are dropped.
// Never fails; malformed markup is read leniently (a '<' that starts no tag is text).
#ifndef CXHUB_PLUGINS_SOCIAL_MASTODON_HTML_H_
#define CXHUB_PLUGINS_SOCIAL_MASTODON_HTML_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cxhub::social {

struct MastodonText {
  std::string text;
  // The href of every link that is neither a mention nor a hashtag, in order, without
  // duplicates.
  std::vector<std::string> links;
};

MastodonText MastodonHtmlToText(absl::string_view html);

// Decodes the character references in `text` (as above) and appends the result to `out`.
void AppendDecodedEntities(absl::string_view text, std::string& out);

}  // namespace cxhub::social

#endif  // CXHUB_PLUGINS_SOCIAL_MASTODON_HTML_H_
