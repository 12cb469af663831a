// The first stage of cxctl's command line: arguments become words and flags by their shape.
#include "clients/cxctl/command_line_tokens.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

using Kind = CommandLineToken::Kind;

// Every token, as "word:TEXT", "short:TEXT", "long:NAME" or "long:NAME=VALUE".
std::vector<std::string> Describe(CommandLineTokens& tokens) {
  std::vector<std::string> out;
  while (std::optional<CommandLineToken> token = tokens.Next()) {
    switch (token->kind) {
      case Kind::kWord:
        out.push_back("word:" + token->text);
        break;
      case Kind::kShortFlag:
        out.push_back("short:" + token->text);
        break;
      case Kind::kLongFlag:
        out.push_back("long:" + token->name +
                      (token->inline_value.has_value() ? "=" + *token->inline_value : ""));
        break;
    }
  }
  return out;
}

TEST(CommandLineTokens, TellsWordsFromFlagsByTheirShape) {
  const std::vector<std::string> args = {"widgets", "-", "-x", "--tags", "--labels=a=b", "--e="};
  CommandLineTokens tokens(args);
  EXPECT_THAT(Describe(tokens), ::testing::ElementsAre("word:widgets", "word:-", "short:-x",
                                                       "long:tags", "long:labels=a=b", "long:e="));
}

TEST(CommandLineTokens, DoubleDashMakesEveryLaterArgumentAWord) {
  const std::vector<std::string> args = {"get", "--", "--name", "-h", "--"};
  CommandLineTokens tokens(args);
  EXPECT_THAT(Describe(tokens),
              ::testing::ElementsAre("word:get", "word:--name", "word:-h", "word:--"));
  EXPECT_FALSE(tokens.help_requested());
}

TEST(CommandLineTokens, HelpFlagsAreConsumedAndRecorded) {
  const std::vector<std::string> help = {"widgets", "--help", "get", "-h"};
  CommandLineTokens with_help(help);
  EXPECT_TRUE(with_help.help_requested());
  EXPECT_THAT(Describe(with_help), ::testing::ElementsAre("word:widgets", "word:get"));

  const std::vector<std::string> help_false = {"widgets", "--help=false"};
  CommandLineTokens without_help(help_false);
  EXPECT_FALSE(without_help.help_requested());
  EXPECT_THAT(Describe(without_help), ::testing::ElementsAre("word:widgets"));

  const std::vector<std::string> help_inline = {"--help=true"};
  EXPECT_TRUE(CommandLineTokens(help_inline).help_requested());
}

TEST(CommandLineTokens, AFlagValueIsTheNextArgumentWhateverItLooksLike) {
  const std::vector<std::string> args = {"--server", "--", "--tls", "--timeout"};
  CommandLineTokens tokens(args);
  ASSERT_EQ(tokens.Next()->name, "server");
  EXPECT_EQ(tokens.TakeValue(), "--");
  // The "--" was a value, so later flags are still flags.
  std::optional<CommandLineToken> tls = tokens.Next();
  ASSERT_TRUE(tls.has_value());
  EXPECT_EQ(tls->kind, Kind::kLongFlag);
  EXPECT_EQ(tls->name, "tls");
  ASSERT_EQ(tokens.Next()->name, "timeout");
  EXPECT_EQ(tokens.TakeValue(), std::nullopt);
  EXPECT_FALSE(tokens.Next().has_value());
}

}  // namespace
}  // namespace cxhub::cxctl
