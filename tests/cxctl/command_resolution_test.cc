// The second stage of cxctl's command line, on the widget test table: which command the words
// name, which values the flags give, and which mistakes are usage errors.
#include "clients/cxctl/command_resolution.h"

#include <string>
#include <variant>
#include <vector>

#include "clients/cxctl/help_text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::variant<ResolvedCommand, UsageError> Resolve(const std::vector<std::string>& args) {
  CommandLineTokens tokens(args);
  return ResolveCommand(GeneratedCommandTable(), tokens);
}

ResolvedCommand Resolved(const std::vector<std::string>& args) {
  std::variant<ResolvedCommand, UsageError> result = Resolve(args);
  if (const auto* error = std::get_if<UsageError>(&result)) {
    ADD_FAILURE() << error->message;
    return ResolvedCommand{};
  }
  return std::get<ResolvedCommand>(std::move(result));
}

UsageError ErrorOf(const std::vector<std::string>& args) {
  std::variant<ResolvedCommand, UsageError> result = Resolve(args);
  if (!std::holds_alternative<UsageError>(result)) {
    ADD_FAILURE() << "resolved without an error";
    return UsageError{};
  }
  return std::get<UsageError>(std::move(result));
}

std::vector<std::string> FlagsGiven(const ResolvedCommand& command) {
  std::vector<std::string> out;
  for (const FlagValue& given : command.request_flags) {
    out.push_back(given.flag.name + "=" + given.value);
  }
  return out;
}

TEST(CommandResolution, NamesTheGroupTheCommandAndItsName) {
  const ResolvedCommand command = Resolved({"widgets", "get", "widgets/1"});
  ASSERT_NE(command.method, nullptr);
  EXPECT_STREQ(command.service->group, "widgets");
  EXPECT_STREQ(command.method->verb, "get");
  EXPECT_EQ(command.positional, "widgets/1");
  EXPECT_FALSE(command.help);
}

TEST(CommandResolution, CommonFlagsStandAnywhereAndTheLastWins) {
  const ResolvedCommand command =
      Resolved({"--server", "a:1", "widgets", "--output=json", "get", "--server=b:2", "--tls"});
  EXPECT_THAT(
      command.common_flags,
      UnorderedElementsAre(Pair("server", "b:2"), Pair("output", "json"), Pair("tls", "true")));
}

TEST(CommandResolution, RequestFlagsKeepTheirOrderAndTakeUnderscores) {
  const ResolvedCommand command =
      Resolved({"widgets", "frobnicate", "--intensity", "3", "--widget.active",
                "--widget.made_time", "now", "--intensity=4"});
  EXPECT_THAT(FlagsGiven(command), ::testing::ElementsAre("intensity=3", "widget.active=true",
                                                          "widget.made-time=now", "intensity=4"));
}

TEST(CommandResolution, FlagsOfACommandComeAfterIt) {
  const UsageError error = ErrorOf({"--intensity", "3", "widgets", "frobnicate"});
  EXPECT_EQ(error.message, "unknown flag --intensity (give the command before its flags)");
  EXPECT_EQ(error.usage, RootHelp(GeneratedCommandTable()));
}

TEST(CommandResolution, ErrorsNameTheFlagAndShowTheHelpOfWhatIsNamed) {
  UsageError error = ErrorOf({"widgets", "frobnicate", "--intensity"});
  EXPECT_EQ(error.message, "flag --intensity needs a value (int32)");
  EXPECT_THAT(error.usage, HasSubstr("Usage: cxctl widgets frobnicate NAME [flags]"));

  error = ErrorOf({"widgets", "-v"});
  EXPECT_EQ(error.message, "unknown flag -v");
  EXPECT_THAT(error.usage, HasSubstr("Usage: cxctl widgets COMMAND"));

  error = ErrorOf({"widgets", "polish"});
  EXPECT_EQ(error.message, "unknown command \"polish\" in group widgets");
  EXPECT_THAT(error.usage, HasSubstr("Frobnicates a widget"));
}

TEST(CommandResolution, HelpPassesOverMistakesInFlagsButNotUnknownGroups) {
  const ResolvedCommand command =
      Resolved({"widgets", "frobnicate", "--nope", "-x", "a", "b", "--help"});
  EXPECT_TRUE(command.help);
  EXPECT_STREQ(command.method->verb, "frobnicate");

  EXPECT_TRUE(Resolved({"help", "widgets", "--nope"}).help);
  EXPECT_EQ(ErrorOf({"help", "gadgets"}).message, "unknown command group \"gadgets\"");
}

TEST(CommandResolution, CompletionTakesOneShell) {
  const ResolvedCommand command = Resolved({"completion", "zsh"});
  EXPECT_TRUE(command.completion);
  EXPECT_EQ(command.shell, "zsh");

  const UsageError error = ErrorOf({"completion", "bash", "zsh"});
  EXPECT_EQ(error.message, "unexpected argument \"zsh\"");
  EXPECT_EQ(error.usage, "");
}

}  // namespace
}  // namespace cxhub::cxctl
