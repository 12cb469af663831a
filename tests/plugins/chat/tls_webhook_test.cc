// The webhook endpoint terminating TLS itself: a certificate and key made with openssl in the
// test, a delivery posted over HTTPS with curl.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "chat_test_files.h"
#include "gtest/gtest.h"
#include "tests/plugins/chat/webhook_test_client.h"

namespace cxhub::chat {
namespace {

using ::cxhub::chat::test::Endpoint;
using ::cxhub::chat::test::OpenWebhook;

// The standard output of `command`.
std::string Output(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[256];
  while (fgets(buffer, sizeof(buffer), pipe) != nullptr) output += buffer;
  pclose(pipe);
  return output;
}

TEST(TlsChatWebhook, AcceptsADeliveryOverHttps) {
  if (std::system("command -v openssl >/dev/null && command -v curl >/dev/null") != 0) {
    GTEST_SKIP() << "needs the openssl and curl programs";
  }
  test::TempDir dir;
  const std::string cert = dir.File("webhook.crt");
  const std::string key = dir.File("webhook.key");
  ASSERT_EQ(std::system(absl::StrCat("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "
                                     "/CN=127.0.0.1 -keyout ",
                                     key, " -out ", cert, " 2>/dev/null")
                            .c_str()),
            0);
  Endpoint endpoint = OpenWebhook(
      dir.File("spool.jsonl"), absl::StrCat("unsigned=true\ntls_cert=", cert, "\ntls_key=", key));
  std::ofstream(dir.File("body.json")) << test::MinimalMessage();
  const std::string url = absl::StrCat("https://127.0.0.1:", endpoint.port, "/");
  EXPECT_EQ(Output(absl::StrCat("curl -sk -o /dev/null -w '%{http_code}' --data-binary @",
                                dir.File("body.json"), " ", url)),
            "202");
  EXPECT_EQ(test::ReadWholeFile(dir.File("spool.jsonl")), test::MinimalMessage() + "\n");
  // Plain HTTP on the TLS port is not served.
  EXPECT_NE(Output(absl::StrCat("curl -s -m 5 -o /dev/null -w '%{http_code}' --data-binary @",
                                dir.File("body.json"), " http://127.0.0.1:", endpoint.port, "/")),
            "202");
}

}  // namespace
}  // namespace cxhub::chat
