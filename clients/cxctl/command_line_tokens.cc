#include "clients/cxctl/command_line_tokens.h"

#include "absl/strings/match.h"

namespace cxhub::cxctl {
namespace {

bool IsHelpFlag(const std::string& arg) { return arg == "-h" || absl::StartsWith(arg, "--help"); }

CommandLineToken LongFlag(const std::string& arg) {
  CommandLineToken token{CommandLineToken::Kind::kLongFlag, arg, "", std::nullopt};
  const size_t equals = arg.find('=');
  if (equals == std::string::npos) {
    token.name = arg.substr(2);
  } else {
    token.name = arg.substr(2, equals - 2);
    token.inline_value = arg.substr(equals + 1);
  }
  return token;
}

}  // namespace

CommandLineTokens::CommandLineTokens(const std::vector<std::string>& args) : args_(args) {
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "-h" || arg == "--help" || arg == "--help=true") help_requested_ = true;
  }
}

std::optional<CommandLineToken> CommandLineTokens::Next() {
  while (next_ < args_.size()) {
    const std::string& arg = args_[next_++];
    if (only_words_) return CommandLineToken{CommandLineToken::Kind::kWord, arg, "", std::nullopt};
    if (arg == "--") {
      only_words_ = true;
      continue;
    }
    if (IsHelpFlag(arg)) continue;
    if (arg.size() < 2 || arg[0] != '-') {
      return CommandLineToken{CommandLineToken::Kind::kWord, arg, "", std::nullopt};
    }
    if (!absl::StartsWith(arg, "--")) {
      return CommandLineToken{CommandLineToken::Kind::kShortFlag, arg, "", std::nullopt};
    }
    return LongFlag(arg);
  }
  return std::nullopt;
}

std::optional<std::string> CommandLineTokens::TakeValue() {
  if (next_ >= args_.size()) return std::nullopt;
  return args_[next_++];
}

}  // namespace cxhub::cxctl
