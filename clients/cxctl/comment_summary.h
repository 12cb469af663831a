// One-line summaries of proto comments, for the help pages (help_text.h) and the completion
// menus (protoc-gen-cxctl), so both shorten a comment the same way.
#ifndef CXHUB_CLIENTS_CXCTL_COMMENT_SUMMARY_H_
#define CXHUB_CLIENTS_CXCTL_COMMENT_SUMMARY_H_

#include <string>

namespace cxhub::cxctl {

// The comment up to the end of its first sentence (a ". "), line breaks made spaces; the whole
// comment on one line when it has a single sentence.
std::string FirstSentence(const std::string& comment);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMMENT_SUMMARY_H_
