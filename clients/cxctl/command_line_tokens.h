// The first stage of reading a cxctl command line: the arguments as a stream of words and
// flags. It knows the shapes of arguments only, not which flags exist or take a value, so the
// next stage (command_resolution.h) asks for a flag's value when it knows the flag needs one.
//
//   "--name=value", "--name"   a long flag, with or without an inline value
//   "-x"                       a short flag (cxctl has none, so it is an error unless in help)
//   "-h", "--help", "--help=…" help; consumed here, see help_requested()
//   "--"                       consumed here; every later argument is a word
//   anything else, and "-"     a word
#ifndef CXHUB_CLIENTS_CXCTL_COMMAND_LINE_TOKENS_H_
#define CXHUB_CLIENTS_CXCTL_COMMAND_LINE_TOKENS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cxhub::cxctl {

struct CommandLineToken {
  enum class Kind {
    kWord,
    kLongFlag,   // "--name" or "--name=value".
    kShortFlag,  // "-x".
  };
  Kind kind = Kind::kWord;
  std::string text;                         // The argument as given.
  std::string name;                         // kLongFlag: between "--" and "=" (as typed).
  std::optional<std::string> inline_value;  // kLongFlag: after the first "=", if any.
};

// Reads the arguments once, front to back. The arguments must outlive the reader.
class CommandLineTokens {
 public:
  explicit CommandLineTokens(const std::vector<std::string>& args);

  // Whether "-h", "--help" or "--help=true" comes before any "--", wherever it stands.
  bool help_requested() const { return help_requested_; }

  // The next word or flag; nullopt when the arguments are used up.
  std::optional<CommandLineToken> Next();

  // The argument after the flag just read, taken as that flag's value whatever it looks like
  // ("--timeout -- x" gives the timeout "--"); nullopt when there is none.
  std::optional<std::string> TakeValue();

 private:
  const std::vector<std::string>& args_;
  size_t next_ = 0;
  bool only_words_ = false;  // After "--".
  bool help_requested_ = false;
};

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMMAND_LINE_TOKENS_H_
