// The quoted tail of a reply: what the sender wrote is kept, what they quoted is cut.
#ifndef CXHUB_PLUGINS_EMAIL_QUOTED_REPLY_H_
#define CXHUB_PLUGINS_EMAIL_QUOTED_REPLY_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cxhub::email {

// Returns `text` (LF line ends) without its quoted reply tail, trailing blank lines removed:
//   - the trailing run of lines that are quoted ('>' first) or blank, together with the
//     attribution line(s) just above it ("On <date>, <name> wrote:", also "Am ... schrieb",
//     "Le ... a écrit", "Em ... escreveu", "El ... escribió", "Den ... skrev"; one attribution may
//     be folded over two lines);
//   - everything from an Outlook-style separator line ("-----Original Message-----",
//     "----- Mensagem original -----", or a "From: " header block after a line of underscores).
// Quotes interleaved with new text (inline answers) are kept. A text that is all quote is kept
// whole, since nothing else would be left.
std::string StripQuotedReply(absl::string_view text);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_QUOTED_REPLY_H_
