// Threading and subject fields shared by all messages of an email conversation.
#ifndef CXHUB_PLUGINS_EMAIL_THREAD_FIELDS_H_
#define CXHUB_PLUGINS_EMAIL_THREAD_FIELDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cxhub::email {

// `subject` without its reply and forward prefixes, repeated and in any case: "Re:", "RE:",
// "Fwd:", "Fw:", "AW:", "WG:", "SV:", "VS:", "Antw:", "Enc:", "Res:", with an optional counter
// ("Re[2]:", "Re^2:") and "[External]"-style tags left alone. White space is collapsed.
std::string NormalizeSubject(absl::string_view subject);

// The thread root: the first References entry, else the first In-Reply-To entry, else the
// message's own id. Ids are without angle brackets.
std::string ThreadRoot(const std::vector<std::string>& references,
                       const std::vector<std::string>& in_reply_to,
                       const std::string& own_message_id);

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_THREAD_FIELDS_H_
