// A mailbox in the mix of ../shared/samples/email, generated, for the email benchmarks: five
// shapes in turn,
//   - plain UTF-8 text with a "From " line in the body (escaped in the mbox);
//   - quoted-printable ISO-8859-1 with RFC 2047 encoded words in From and Subject;
//   - multipart/alternative with a quoted-printable HTML part (every other one without a
//     text/plain alternative, so the HTML is turned into text);
//   - a multipart/mixed reply with a base64 attachment (about 3 KB);
//   - a reply from the business with a quoted tail ("On ... wrote:" and "> " lines);
// about 1.4 KB a message on average. Message i is the same in every run.
#ifndef CXHUB_BENCHMARKS_PLUGINS_EMAIL_GENERATED_MAILBOX_H_
#define CXHUB_BENCHMARKS_PLUGINS_EMAIL_GENERATED_MAILBOX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cxhub::bench {

struct GeneratedMail {
  std::string from_line;  // "From sender date"
  std::string content;    // the RFC 5322 bytes, unescaped
};

// Message `i`, sent at `when`.
GeneratedMail GeneratedMailMessage(int64_t i, absl::Time when);

// When message 0 is sent; message i is sent 61 s x i later.
absl::Time GeneratedMailStart();

// Appends messages [first, first + count) to the mboxrd file `path` (created if missing); returns
// the bytes of their content, unescaped, and appends each content to `contents` if not null.
absl::StatusOr<uint64_t> AppendGeneratedMbox(const std::string& path, int64_t first, int64_t count,
                                             std::vector<std::string>* contents = nullptr);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_PLUGINS_EMAIL_GENERATED_MAILBOX_H_
