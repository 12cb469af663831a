#include "clients/cxctl/command_resolution.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "clients/cxctl/flag_schema.h"
#include "clients/cxctl/help_text.h"

namespace cxhub::cxctl {
namespace {

// Reads the tokens one by one into a ResolvedCommand; each step returns the error it found.
class Resolver {
 public:
  Resolver(const CommandTable& table, CommandLineTokens& tokens) : table_(table), tokens_(tokens) {
    command_.help = tokens.help_requested();
  }

  std::variant<ResolvedCommand, UsageError> Resolve() {
    while (std::optional<CommandLineToken> token = tokens_.Next()) {
      std::optional<UsageError> error = Take(*token);
      if (error.has_value()) return *std::move(error);
    }
    return std::move(command_);
  }

 private:
  std::optional<UsageError> Take(const CommandLineToken& token) {
    switch (token.kind) {
      case CommandLineToken::Kind::kWord:
        return TakeWord(token.text);
      case CommandLineToken::Kind::kShortFlag:
        return ErrorUnlessHelp(absl::StrCat("unknown flag ", token.text));
      case CommandLineToken::Kind::kLongFlag:
        return TakeLongFlag(token);
    }
    return std::nullopt;
  }

  std::optional<UsageError> TakeLongFlag(const CommandLineToken& token) {
    const std::string name = absl::StrReplaceAll(token.name, {{"_", "-"}});
    if (const CommonFlag* flag = FindCommonFlag(name.c_str())) {
      std::optional<std::string> value = ValueOf(token, flag->hint != nullptr);
      if (!value.has_value()) {
        return ErrorUnlessHelp(
            absl::StrCat("flag --", token.name, " needs a value (", flag->hint, ")"));
      }
      command_.common_flags[flag->name] = *std::move(value);
      return std::nullopt;
    }
    const FlagSpec* spec = FindRequestFlag(name);
    if (spec == nullptr) {
      return ErrorUnlessHelp(absl::StrCat("unknown flag --", token.name, WhereFlagsGo()));
    }
    std::optional<std::string> value = ValueOf(token, spec->kind != FlagKind::kBool);
    if (!value.has_value()) {
      return ErrorUnlessHelp(
          absl::StrCat("flag --", token.name, " needs a value (", ValueHint(*spec), ")"));
    }
    command_.request_flags.push_back({*spec, *std::move(value)});
    return std::nullopt;
  }

  // The value of a flag: given inline, "true" for a flag that takes none, else the next
  // argument; nullopt when that is missing.
  std::optional<std::string> ValueOf(const CommandLineToken& token, bool takes_value) {
    if (token.inline_value.has_value()) return token.inline_value;
    if (!takes_value) return "true";
    return tokens_.TakeValue();
  }

  const FlagSpec* FindRequestFlag(const std::string& name) const {
    for (const FlagSpec& flag : method_flags_) {
      if (flag.name == name) return &flag;
    }
    return nullptr;
  }

  std::string WhereFlagsGo() const {
    if (command_.method == nullptr) return " (give the command before its flags)";
    return absl::StrCat(" for 'cxctl ", command_.service->group, " ", command_.method->verb, "'");
  }

  std::optional<UsageError> TakeWord(const std::string& word) {
    if (command_.completion) {
      if (!command_.shell.empty()) {
        return UsageError{absl::StrCat("unexpected argument \"", word, "\""), ""};
      }
      command_.shell = word;
      return std::nullopt;
    }
    if (command_.service == nullptr) return TakeGroup(word);
    if (command_.method == nullptr) return TakeVerb(word);
    if (!command_.positional.has_value() &&
        PositionalField(command_.method->request_descriptor()) != nullptr) {
      command_.positional = word;
      return std::nullopt;
    }
    return ErrorUnlessHelp(absl::StrCat("unexpected argument \"", word, "\""));
  }

  std::optional<UsageError> TakeGroup(const std::string& word) {
    if (word == "help") {
      command_.help = true;
      return std::nullopt;
    }
    if (word == "completion") {
      command_.completion = true;
      return std::nullopt;
    }
    for (size_t s = 0; s < table_.service_count; ++s) {
      if (word == table_.services[s].group) command_.service = &table_.services[s];
    }
    if (command_.service != nullptr) return std::nullopt;
    return UsageError{absl::StrCat("unknown command group \"", word, "\""), RootHelp(table_)};
  }

  std::optional<UsageError> TakeVerb(const std::string& word) {
    // A subgroup ("customers suggestions") is named by its group, then its own word.
    const std::string subgroup = absl::StrCat(command_.service->group, " ", word);
    for (size_t s = 0; s < table_.service_count; ++s) {
      if (subgroup == table_.services[s].group) {
        command_.service = &table_.services[s];
        return std::nullopt;
      }
    }
    const ServiceSpec& service = *command_.service;
    for (size_t m = 0; m < service.method_count; ++m) {
      if (word == service.methods[m].verb) command_.method = &service.methods[m];
    }
    if (command_.method == nullptr) {
      return UsageError{absl::StrCat("unknown command \"", word, "\" in group ", service.group),
                        GroupHelp(service)};
    }
    method_flags_ = RequestFlags(
        command_.method->request_descriptor(),
        [this](const std::string& full_name) { return FindComment(table_, full_name); });
    return std::nullopt;
  }

  // A mistake in a flag or an extra word, shown with the help of what is named so far; none
  // when help was asked for, since the command line then only has to name the help page.
  std::optional<UsageError> ErrorUnlessHelp(std::string message) const {
    if (command_.help) return std::nullopt;
    return UsageError{std::move(message), HelpFor(table_, command_.service, command_.method)};
  }

  const CommandTable& table_;
  CommandLineTokens& tokens_;
  ResolvedCommand command_;
  std::vector<FlagSpec> method_flags_;  // The flags of command_.method's request.
};

}  // namespace

std::variant<ResolvedCommand, UsageError> ResolveCommand(const CommandTable& table,
                                                         CommandLineTokens& tokens) {
  return Resolver(table, tokens).Resolve();
}

}  // namespace cxhub::cxctl
