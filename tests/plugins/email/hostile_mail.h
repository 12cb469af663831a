// Hostile and imperfect mail, as seen in the field, for the regression tests and the hostile
// mail benchmark: each function returns one RFC 5322 message (LF line ends).
#ifndef CXHUB_TESTS_PLUGINS_EMAIL_HOSTILE_MAIL_H_
#define CXHUB_TESTS_PLUGINS_EMAIL_HOSTILE_MAIL_H_

#include <cstddef>
#include <string>
#include <vector>

namespace cxhub::email::test {

// An HTML mail of about `html_bytes` of nested <blockquote> tags, each with a line of text.
std::string NestedBlockquoteMail(size_t html_bytes);

// A mail with `From: support@northwind.example` (a business address anyone can write) and
// `recipients` customer addresses in To:.
std::string BusinessFanOutMail(int recipients);

// Mail every client shows: a usable sender and date, but a multipart without a boundary, a
// truncated last part and a stray header line.
std::string DefectiveMimeMail();

// Fields over the host's limits: a 1,100-byte Message-ID and subject, 20 attachments and a
// sender name that is not valid UTF-8.
std::string OversizedFieldsMail();

// A mail from a customer without a Date, of at least `bytes` bytes: its body is lines of
// `line_bytes` characters (one line of the whole size with line_bytes >= bytes).
std::string LargeMail(size_t bytes, size_t line_bytes = 76);

// A short plain mail from a customer; `id` makes its Message-ID unique.
std::string PlainCustomerMail(const std::string& id);

// The cases above by name ("blockquote", "fanout", "defects", "oversized"), for the benchmark.
std::vector<std::string> HostileMailCases();
std::string HostileMail(const std::string& name);

}  // namespace cxhub::email::test

#endif  // CXHUB_TESTS_PLUGINS_EMAIL_HOSTILE_MAIL_H_
