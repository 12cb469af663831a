#include "clients/cxctl/help_text.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cxctl/comment_summary.h"
#include "clients/cxctl/common_flags.h"
#include "clients/cxctl/exit_codes.h"
#include "clients/cxctl/flag_schema.h"
#include "clients/cxctl/output_format.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

constexpr size_t kWidth = 100;

// Re-flows `text` (a comment, lines joined) into lines of at most kWidth columns, each
// starting with `indent` spaces.
std::string Wrap(const std::string& text, size_t indent) {
  std::string out;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" \n"), absl::SkipEmpty())) {
    if (!line.empty() && indent + line.size() + 1 + word.size() > kWidth) {
      absl::StrAppend(&out, std::string(indent, ' '), line, "\n");
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", word);
  }
  if (!line.empty()) absl::StrAppend(&out, std::string(indent, ' '), line, "\n");
  return out;
}

// Two columns: `left` padded to `width`, then `right` wrapped under itself.
std::string Row(const std::string& left, size_t width, const std::string& right) {
  std::string wrapped = Wrap(right, width);
  if (wrapped.empty()) return left + "\n";
  if (left.size() + 2 > width) return left + "\n" + wrapped;
  return left + std::string(width - left.size(), ' ') + wrapped.substr(width);
}

CommentLookup Lookup(const CommandTable& table) {
  return [&table](const std::string& name) { return FindComment(table, name); };
}

std::string CommonFlagsHelp() {
  std::string out = "Flags of every command:\n";
  size_t count = 0;
  const CommonFlag* flags = CommonFlags(&count);
  for (size_t i = 0; i < count; ++i) {
    std::string left = absl::StrCat("  --", flags[i].name);
    if (flags[i].hint != nullptr) absl::StrAppend(&left, " ", flags[i].hint);
    out += Row(left, 30, flags[i].help);
  }
  return out;
}

}  // namespace

std::string FindComment(const CommandTable& table, const std::string& full_name) {
  const CommentSpec* begin = table.comments;
  const CommentSpec* end = table.comments + table.comment_count;
  const CommentSpec* it =
      std::lower_bound(begin, end, full_name, [](const CommentSpec& spec, const std::string& name) {
        return std::strcmp(spec.full_name, name.c_str()) < 0;
      });
  return it != end && full_name == it->full_name ? it->comment : "";
}

std::string HelpFor(const CommandTable& table, const ServiceSpec* service,
                    const MethodSpec* method) {
  if (method != nullptr) return CommandHelp(table, *service, *method);
  if (service != nullptr) return GroupHelp(*service);
  return RootHelp(table);
}

std::string CommandUsage(const ServiceSpec& service, const MethodSpec& method) {
  std::string usage = absl::StrCat("cxctl ", service.group, " ", method.verb);
  const FieldDescriptor* positional = PositionalField(method.request_descriptor());
  if (positional != nullptr)
    absl::StrAppend(&usage, " ", absl::AsciiStrToUpper(positional->name()));
  return usage + " [flags]";
}

std::string RootHelp(const CommandTable& table) {
  std::string out =
      "cxctl: the cxhub admin CLI. Every command is an RPC of the cxhub.v1 API, and this help is "
      "its documentation.\n\n"
      "Usage: cxctl GROUP COMMAND [NAME] [flags]\n\n"
      "Command groups:\n";
  for (size_t s = 0; s < table.service_count; ++s) {
    out += Row("  " + std::string(table.services[s].group), 18,
               FirstSentence(table.services[s].comment));
  }
  out += "\nOther commands:\n";
  out += Row("  help GROUP [COMMAND]", 26, "Show the help of a group or a command.");
  out += Row("  completion bash|zsh", 26, "Print a shell completion script.");
  out += Row("  report html|journey-map", 26,
             "Write the HTML report of a period, or its journey map as DOT or SVG (cxctl report "
             "--help).");
  out += Row("  tokens issue --name NAME --role reader|writer|admin", 26,
             "Print a new token and the line that admits it in cxhubd's tokens file.");
  out += "\n" + CommonFlagsHelp();
  out += "\nExit codes:\n";
  out += ExitCodeHelp();
  out +=
      "\nRun 'cxctl GROUP --help' for a group's commands and 'cxctl GROUP COMMAND --help' for "
      "a command's flags.\n";
  return out;
}

std::string GroupHelp(const ServiceSpec& service) {
  std::string out = absl::StrCat("Usage: cxctl ", service.group, " COMMAND [NAME] [flags]\n\n");
  out += Wrap(service.comment, 0);
  out += "\nCommands:\n";
  size_t width = 0;
  for (size_t m = 0; m < service.method_count; ++m) {
    width = std::max(width, std::strlen(service.methods[m].verb));
  }
  for (size_t m = 0; m < service.method_count; ++m) {
    const MethodSpec& method = service.methods[m];
    std::string comment = method.comment;
    if (method.server_streaming) comment += " (Streams until interrupted.)";
    out += Row(absl::StrCat("  ", method.verb), width + 5, comment);
  }
  out += absl::StrCat("\nRun 'cxctl ", service.group,
                      " COMMAND --help' for a command's flags, 'cxctl --help' for the flags of "
                      "every command and the exit codes.\n");
  return out;
}

std::string CommandHelp(const CommandTable& table, const ServiceSpec& service,
                        const MethodSpec& method) {
  const Descriptor* request = method.request_descriptor();
  std::string out = absl::StrCat("Usage: ", CommandUsage(service, method), "\n\n");
  out += Wrap(method.comment, 0);
  if (method.server_streaming) {
    out +=
        "Prints each message as it arrives until the server ends the stream or you press "
        "Ctrl-C.\n";
  }
  out += absl::StrCat("\nCalls ", method.full_method, " (", method.request_type, " -> ",
                      method.response_type, ").\n");
  const FieldDescriptor* positional = PositionalField(request);
  if (positional != nullptr) {
    out += absl::StrCat("\nArguments:\n  ", absl::AsciiStrToUpper(positional->name()),
                        "  The value of --", FlagWord(positional->name()), ".\n");
  }
  out += "\nFlags:\n";
  const std::vector<FlagSpec> flags = RequestFlags(request, Lookup(table));
  if (flags.empty()) out += "  (none)\n";
  for (const FlagSpec& flag : flags) {
    const std::string comment = FindComment(table, flag.field()->full_name());
    std::string line = absl::StrCat("  --", flag.name, " ", ValueHint(flag));
    if (CommentSaysRequired(comment)) {
      // Required inside an optional message: required only when that message is given.
      std::string optional_parent;
      for (size_t i = 0; i + 1 < flag.path.size(); ++i) {
        if (!CommentSaysRequired(FindComment(table, flag.path[i]->full_name()))) {
          optional_parent = flag.name.substr(0, flag.name.rfind('.'));
        }
      }
      line += optional_parent.empty() ? "  [Required]"
                                      : absl::StrCat("  [Required with --", optional_parent, ".*]");
    }
    if (flag.repeated) line += "  [repeatable]";
    out += line + "\n";
    out += Wrap(comment, 8);
    if (flag.kind == FlagKind::kEnum) {
      const auto* type = flag.field()->enum_type();
      for (int i = 0; i < type->value_count(); ++i) {
        const auto* value = type->value(i);
        const std::string value_comment = FindComment(table, value->full_name());
        if (value->number() == 0 || value_comment.empty()) continue;
        out += Row(absl::StrCat("          ", value->name()), 30, value_comment);
      }
    }
    if (flag.kind == FlagKind::kMessage) {
      const Descriptor* element = flag.field()->message_type();
      std::string fields;
      for (int i = 0; i < element->field_count(); ++i) {
        const FieldDescriptor* field = element->field(i);
        FlagSpec sub{field->name(), {field}, LeafKind(field), field->is_repeated()};
        absl::StrAppend(&fields, i == 0 ? "" : ", ", field->name(), "=", ValueHint(sub));
      }
      out += Wrap(absl::StrCat("Each element: ", fields, "; or a JSON object."), 8);
    }
  }
  if (ListedField(method.response_descriptor()) != nullptr) {
    out += "\nAdd --all to follow next_page_token and print every page.\n";
  }
  out += "\n" + CommonFlagsHelp();
  out += "\nSee 'cxctl --help' for the exit codes.\n";
  return out;
}

}  // namespace cxhub::cxctl
