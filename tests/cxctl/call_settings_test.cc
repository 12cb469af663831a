// The third stage of cxctl's command line, on the widget test table: the common flags and the
// environment become the connection, deadline, output format and paging of the call.
#include "clients/cxctl/call_settings.h"

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cxctl/table_lookup.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;

const MethodSpec& Get() { return *FindMethod("widgets", "get"); }

std::string ErrorOf(const CommonFlagValues& flags, const MethodSpec& method = Get()) {
  absl::StatusOr<CallSettings> settings = ReadCallSettings(flags, Environment{}, method);
  EXPECT_FALSE(settings.ok());
  EXPECT_EQ(settings.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(settings.status().message());
}

TEST(CallSettings, DefaultsWithoutFlagsOrEnvironment) {
  absl::StatusOr<CallSettings> settings = ReadCallSettings({}, Environment{}, Get());
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->connection.server, "localhost:50051");
  EXPECT_FALSE(settings->connection.tls);
  EXPECT_EQ(settings->connection.token, "");
  EXPECT_EQ(settings->connection.timeout, absl::Seconds(30));
  EXPECT_FALSE(settings->json_output);
  EXPECT_FALSE(settings->all_pages);
}

TEST(CallSettings, StreamsHaveNoDeadlineUnlessGivenOne) {
  const MethodSpec& watch = *FindMethod("widgets", "watch");
  absl::StatusOr<CallSettings> settings = ReadCallSettings({}, Environment{}, watch);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_FALSE(settings->connection.timeout.has_value());

  settings = ReadCallSettings({{"timeout", "2m"}}, Environment{}, watch);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->connection.timeout, absl::Minutes(2));
}

TEST(CallSettings, FlagsWinOverTheEnvironment) {
  const Environment env{"env:1", "env-token"};
  absl::StatusOr<CallSettings> settings = ReadCallSettings({}, env, Get());
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->connection.server, "env:1");
  EXPECT_EQ(settings->connection.token, "env-token");

  const std::string token_path = ::testing::TempDir() + "/call_settings_token";
  std::ofstream(token_path) << "  flag-token\n";
  settings = ReadCallSettings({{"server", "flag:2"},
                               {"token-file", token_path},
                               {"tls", "true"},
                               {"tls-ca", "/ca.pem"},
                               {"output", "json"}},
                              env, Get());
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->connection.server, "flag:2");
  EXPECT_EQ(settings->connection.token, "flag-token");
  EXPECT_TRUE(settings->connection.tls);
  EXPECT_EQ(settings->connection.tls_ca_file, "/ca.pem");
  EXPECT_TRUE(settings->json_output);
}

TEST(CallSettings, OutputFileNamesWhereTheOutputGoes) {
  absl::StatusOr<CallSettings> settings =
      ReadCallSettings({{"output-file", "/tmp/export.jsonl"}}, Environment{}, Get());
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->output_file, "/tmp/export.jsonl");
  settings = ReadCallSettings({}, Environment{}, Get());
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->output_file, "");
}

TEST(CallSettings, AllFollowsPagesOfListCommandsOnly) {
  absl::StatusOr<CallSettings> settings =
      ReadCallSettings({{"all", "true"}}, Environment{}, *FindMethod("widgets", "list"));
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_TRUE(settings->all_pages);
  EXPECT_EQ(ErrorOf({{"all", "true"}}), "--all works only with list commands");
}

TEST(CallSettings, BadValuesNameTheirFlag) {
  EXPECT_EQ(ErrorOf({{"tls", "Maybe"}}), "--tls: \"maybe\" is not true or false");
  EXPECT_EQ(ErrorOf({{"all", "2"}}), "--all: \"2\" is not true or false");
  EXPECT_EQ(ErrorOf({{"timeout", "0s"}}), "--timeout: \"0s\" is not a duration like 30s or 2m");
  EXPECT_EQ(ErrorOf({{"output", "yaml"}}), "--output: \"yaml\" is not table or json");
  EXPECT_THAT(ErrorOf({{"token-file", "/nonexistent/token"}}),
              HasSubstr("--token-file: cannot read /nonexistent/token"));
}

}  // namespace
}  // namespace cxhub::cxctl
