#include "tests/plugins/email/hostile_mail.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace cxhub::email::test {
namespace {

constexpr char kCustomerHead[] =
    "From: Ana Lima <ana@example.com>\nTo: support@northwind.example\n"
    "Date: Fri, 11 Sep 2026 19:00:00 +0100\n";

}  // namespace

std::string NestedBlockquoteMail(size_t html_bytes) {
  std::string html = "<html><body>";
  while (html.size() < html_bytes) html += "<blockquote>quoted line<br>\n";
  html += "</body></html>\n";
  return absl::StrCat(kCustomerHead,
                      "Subject: nested quotes\nMessage-ID: <blockquote-1@example.com>\n"
                      "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n",
                      html);
}

std::string BusinessFanOutMail(int recipients) {
  std::string to;
  for (int i = 0; i < recipients; ++i) {
    absl::StrAppend(&to, i == 0 ? "" : ",\n ", "c", i, "@example.com");
  }
  return absl::StrCat("From: support@northwind.example\nTo: ", to,
                      "\nDate: Fri, 11 Sep 2026 19:00:00 +0100\n"
                      "Subject: great offer\nMessage-ID: <fanout-1@spam.example>\n\nBuy now.\n");
}

std::string DefectiveMimeMail() {
  return absl::StrCat(kCustomerHead,
                      "Subject: broken but readable\nMessage-ID: <defects-1@example.com>\n"
                      "this line is not a header\n"
                      "MIME-Version: 1.0\nContent-Type: multipart/mixed\n\n"
                      "The order arrived damaged, please help.\n"
                      "--b1\nContent-Type: text/plain\n\ntruncated par");
}

std::string OversizedFieldsMail() {
  std::string parts;
  for (int i = 0; i < 20; ++i) {
    absl::StrAppend(&parts, "--b1\nContent-Type: application/octet-stream\n",
                    "Content-Disposition: attachment; filename=\"file", i, ".bin\"\n\nAAAA\n");
  }
  return absl::StrCat("From: \"Caf\xE9 \xFF\xFE Ana\" <ana@example.com>\n",
                      "To: support@northwind.example\nDate: Fri, 11 Sep 2026 19:00:00 +0100\n",
                      "Subject: ", std::string(1100, 's'), "\nMessage-ID: <",
                      std::string(1100, 'm'), "@example.com>\n",
                      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n",
                      "--b1\nContent-Type: text/plain\n\nsee attached\n", parts, "--b1--\n");
}

std::string LargeMail(size_t bytes, size_t line_bytes) {
  std::string mail =
      "From: Ana Lima <ana@example.com>\nTo: support@northwind.example\n"
      "Subject: the whole archive\nMessage-ID: <large-1@example.com>\n\n";
  const std::string line = std::string(line_bytes, 'x') + "\n";
  while (mail.size() < bytes) mail += line;
  return mail;
}

std::string PlainCustomerMail(const std::string& id) {
  return absl::StrCat(kCustomerHead, "Subject: question ", id, "\nMessage-ID: <", id,
                      "@example.com>\n\nIs the jacket waterproof?\n");
}

std::vector<std::string> HostileMailCases() {
  return {"blockquote", "fanout", "defects", "oversized"};
}

std::string HostileMail(const std::string& name) {
  if (name == "blockquote") return NestedBlockquoteMail(100 * 1024);
  if (name == "fanout") return BusinessFanOutMail(2000);
  if (name == "defects") return DefectiveMimeMail();
  if (name == "oversized") return OversizedFieldsMail();
  return "";
}

}  // namespace cxhub::email::test
