// Files for the chat tests: the sample chatwoot.jsonl and chatwoot-csat.jsonl and their lines, and
// a small hand-written message event to mutate. Temporary folders come from
// tests/plugins/common/temp_dir.h.
#ifndef CXHUB_TESTS_PLUGINS_CHAT_CHAT_TEST_FILES_H_
#define CXHUB_TESTS_PLUGINS_CHAT_CHAT_TEST_FILES_H_

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::chat::test {

using ::cxhub::plugin_common::test::ReadWholeFile;
using ::cxhub::plugin_common::test::TempDir;

inline std::string SampleChatPath() {
  return std::string(CXHUB_SAMPLES_DIR) + "/chat/chatwoot.jsonl";
}

// The sample's lines (without newlines), line 1 first.
inline std::vector<std::string> SampleLines() {
  std::vector<std::string> lines =
      absl::StrSplit(ReadWholeFile(SampleChatPath()), '\n', absl::SkipEmpty());
  return lines;
}

inline std::string SampleCsatPath() {
  return std::string(CXHUB_SAMPLES_DIR) + "/chat/chatwoot-csat.jsonl";
}

// The CSAT sample's lines (without newlines), line 1 first.
inline std::vector<std::string> SampleCsatLines() {
  std::vector<std::string> lines =
      absl::StrSplit(ReadWholeFile(SampleCsatPath()), '\n', absl::SkipEmpty());
  return lines;
}

// Sample lines `first`..`last` (1-based, inclusive), each with its newline.
inline std::string SampleText(int first, int last) {
  const std::vector<std::string> lines = SampleLines();
  std::string text;
  for (int line = first; line <= last; ++line) text += lines[line - 1] + "\n";
  return text;
}

// A minimal valid message_created event for account 7 (message 1001, conversation 50, contact
// 6001 with an email), to be varied by the tests.
inline std::string MinimalMessage() {
  return R"({"event":"message_created","account":{"id":7},"id":1001,"message_type":"incoming",)"
         R"("private":false,"content":"Hello","created_at":"2026-09-12T10:00:00Z",)"
         R"("conversation":{"id":50,"status":"open","meta":{"sender":{"id":6001,)"
         R"("name":"Ana","email":"ana@example.com","phone_number":null,"identifier":null}}}})";
}

}  // namespace cxhub::chat::test

#endif  // CXHUB_TESTS_PLUGINS_CHAT_CHAT_TEST_FILES_H_
