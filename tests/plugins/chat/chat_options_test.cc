#include "plugins/chat/chat_options.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::chat {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ChatOptions, ParsesEverySetting) {
  absl::StatusOr<ChatOptions> options = ParseChatOptions(
      "# relay output\nfile=/srv/a.jsonl\nfiles=/srv/b.jsonl, /srv/a.jsonl\naccount_id=7\n"
      "identifier_system=crm; listen=127.0.0.1:8091; spool=/var/spool/cxhub/chat.jsonl\n"
      "max_body_bytes=1000; checkpoint_every=5; unsigned=true");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->files, ElementsAre("/srv/a.jsonl", "/srv/b.jsonl"));
  EXPECT_EQ(options->account_id, 7);
  EXPECT_EQ(options->identifier_system, "crm");
  EXPECT_TRUE(options->listen);
  EXPECT_EQ(options->listen_address, "127.0.0.1");
  EXPECT_EQ(options->listen_port, 8091);
  EXPECT_EQ(options->max_body_bytes, 1000u);
  EXPECT_EQ(options->checkpoint_every, 5);
  EXPECT_THAT(options->Sources(),
              ElementsAre("/srv/a.jsonl", "/srv/b.jsonl", "/var/spool/cxhub/chat.jsonl"));
}

TEST(ChatOptions, RefusesBadSettingsNamingThem) {
  const auto error = [](absl::string_view text) {
    return std::string(ParseChatOptions(text).status().message());
  };
  EXPECT_THAT(error("file=/a"), HasSubstr("account_id is required"));
  EXPECT_THAT(error("account_id=7"), HasSubstr("at least one file=<path> or spool=<path>"));
  EXPECT_THAT(error("file=/a;account_id=x"), HasSubstr("account_id 'x'"));
  EXPECT_THAT(error("file=/a;account_id=7;account_id=8"), HasSubstr("'account_id' is given twice"));
  EXPECT_THAT(error("file=/a;account_id=7;colour=red"), HasSubstr("unknown option 'colour'"));
  EXPECT_THAT(error("file=/a;account_id=7;listen=127.0.0.1:8091"), HasSubstr("listen needs spool"));
  EXPECT_THAT(error("account_id=7;spool=/s;listen=localhost:80"),
              HasSubstr("listen 'localhost:80' is not <IPv4 address>:<port>"));
  EXPECT_THAT(error("account_id=7;spool=/s;listen=0.0.0.0:8091"), HasSubstr("is not loopback"));
  EXPECT_TRUE(
      ParseChatOptions("account_id=7;spool=/s;listen=0.0.0.0:8091;allow_remote=true;unsigned=true")
          .ok());
  EXPECT_THAT(error("account_id=7;spool=/s;max_body_bytes=100000"), HasSubstr("max_body_bytes"));
  EXPECT_THAT(error("account_id=7;file=/s;spool=/s"), HasSubstr("both a file and the spool"));
  EXPECT_THAT(error("account_id=7;file=/s;checkpoint_every=0"), HasSubstr("checkpoint_every"));
}

TEST(ChatOptions, ListeningNeedsASecretFileOrAnExplicitUnsigned) {
  const auto error = [](absl::string_view text) {
    return std::string(ParseChatOptions(text).status().message());
  };
  EXPECT_THAT(error("account_id=7;spool=/s;listen=127.0.0.1:8091"),
              HasSubstr("listen needs secret_file=<path>"));
  EXPECT_THAT(error("account_id=7;spool=/s;listen=127.0.0.1:8091;secret_file=/k;unsigned=true"),
              HasSubstr("contradict"));
  EXPECT_THAT(error("account_id=7;spool=/s;listen=127.0.0.1:8091;unsigned=yes"),
              HasSubstr("unsigned 'yes' is not true or false"));
  EXPECT_THAT(error("account_id=7;spool=/s;listen=127.0.0.1:8091;unsigned=true;tls_cert=/c"),
              HasSubstr("tls_cert and tls_key go together"));
  absl::StatusOr<ChatOptions> options = ParseChatOptions(
      "account_id=7;spool=/s;listen=127.0.0.1:8091;secret_file=/etc/cxhub/chatwoot.secret;"
      "tls_cert=/c.pem;tls_key=/k.pem;max_connections=10;max_connections_per_ip=2");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->secret_file, "/etc/cxhub/chatwoot.secret");
  EXPECT_FALSE(options->unsigned_deliveries);
  EXPECT_EQ(options->tls_cert, "/c.pem");
  EXPECT_EQ(options->tls_key, "/k.pem");
  EXPECT_EQ(options->max_connections, 10u);
  EXPECT_EQ(options->max_connections_per_ip, 2u);
}

}  // namespace
}  // namespace cxhub::chat
