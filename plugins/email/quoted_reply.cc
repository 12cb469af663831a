#include "plugins/email/quoted_reply.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace cxhub::email {
namespace {

bool IsBlank(absl::string_view line) { return absl::StripAsciiWhitespace(line).empty(); }

bool IsQuoted(absl::string_view line) { return absl::StartsWith(line, ">"); }

// "On Tue, Sep 08, 2026 at 11:30:45AM +0100, Support wrote:" and its siblings in other
// languages, where the verb may also come before the name ("Am ... schrieb Support <...>:").
bool IsAttribution(absl::string_view line) {
  line = absl::StripAsciiWhitespace(line);
  static constexpr absl::string_view kOpeners[] = {"On ",  "Am ", "Le ", "Em ",    "El ",
                                                   "Den ", "Op ", "Il ", "W dniu "};
  static constexpr absl::string_view kVerbs[] = {" wrote",    " schrieb",    " a écrit",
                                                 " escreveu", " escribió",   " skrev",
                                                 " schreef",  " ha scritto", " napisał"};
  bool opened = false;
  for (absl::string_view opener : kOpeners) {
    if (absl::StartsWith(line, opener)) opened = true;
  }
  if (!opened) return false;
  for (absl::string_view verb : kVerbs) {
    if (absl::EndsWith(line, verb)) return true;
    if (absl::EndsWith(line, ":") && absl::StrContains(line, verb)) return true;
  }
  return false;
}

bool IsOutlookSeparator(absl::string_view line) {
  absl::string_view stripped = absl::StripAsciiWhitespace(line);
  std::string lower = absl::AsciiStrToLower(stripped);
  if (absl::StartsWith(lower, "-----") && (absl::StrContains(lower, "original message") ||
                                           absl::StrContains(lower, "mensagem original") ||
                                           absl::StrContains(lower, "ursprüngliche nachricht") ||
                                           absl::StrContains(lower, "message d'origine") ||
                                           absl::StrContains(lower, "mensaje original"))) {
    return true;
  }
  return false;
}

}  // namespace

std::string StripQuotedReply(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  size_t cut = lines.size();

  // An Outlook separator, or a line of underscores followed by a "From:" line, cuts the rest.
  for (size_t i = 0; i < lines.size(); ++i) {
    bool underscores = absl::StartsWith(absl::StripAsciiWhitespace(lines[i]), "________") &&
                       i + 1 < lines.size() && absl::StartsWith(lines[i + 1], "From: ");
    if (i > 0 && (IsOutlookSeparator(lines[i]) || underscores)) {
      cut = i;
      break;
    }
  }

  // The trailing run of quoted or blank lines before the cut.
  size_t start = cut;
  bool saw_quote = false;
  while (start > 0 && (IsQuoted(lines[start - 1]) || IsBlank(lines[start - 1]))) {
    saw_quote = saw_quote || IsQuoted(lines[start - 1]);
    --start;
  }
  if (saw_quote) {
    // Take in the attribution just above it (maybe folded over two lines).
    if (start > 0 && IsAttribution(lines[start - 1])) {
      --start;
    } else if (start > 1 && IsAttribution(absl::StrCat(lines[start - 2], " ", lines[start - 1]))) {
      start -= 2;
    }
    cut = start;
  }

  while (cut > 0 && IsBlank(lines[cut - 1])) --cut;
  if (cut == 0) {
    // Nothing but quotes: keep the text.
    return std::string(absl::StripTrailingAsciiWhitespace(text));
  }
  lines.resize(cut);
  return absl::StrJoin(lines, "\n");
}

}  // namespace cxhub::email
