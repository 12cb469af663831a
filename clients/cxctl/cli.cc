#include "clients/cxctl/cli.h"

#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cxctl/common_flags.h"
#include "clients/cxctl/exit_codes.h"
#include "clients/cxctl/flag_schema.h"
#include "clients/cxctl/help_text.h"
#include "clients/cxctl/output_format.h"
#include "clients/cxctl/request_flags.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr char kDefaultServer[] = "localhost:50051";
constexpr absl::Duration kDefaultTimeout = absl::Seconds(30);

ParsedCommand UsageError(std::string error, std::string usage) {
  ParsedCommand parsed;
  parsed.kind = ParsedCommand::Kind::kUsageError;
  parsed.text = std::move(error);
  parsed.usage = std::move(usage);
  return parsed;
}

ParsedCommand Text(std::string text) {
  ParsedCommand parsed;
  parsed.kind = ParsedCommand::Kind::kText;
  parsed.text = std::move(text);
  return parsed;
}

std::string Normalized(const std::string& flag_name) {
  return absl::StrReplaceAll(flag_name, {{"_", "-"}});
}

bool IsListMethod(const MethodSpec& method) {
  return ListedField(method.response_descriptor()) != nullptr &&
         method.request_descriptor()->FindFieldByName("page_token") != nullptr;
}

absl::StatusOr<std::string> ReadJsonSource(const std::string& value, std::istream& in) {
  if (value == "-") {
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  if (absl::StartsWith(value, "@")) {
    std::ifstream file(value.substr(1), std::ios::binary);
    if (!file) {
      return absl::InvalidArgumentError(absl::StrCat("--json: cannot read ", value.substr(1)));
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }
  return value;
}

std::string PlainMessage(const absl::Status& status) { return std::string(status.message()); }

}  // namespace

ParsedCommand ParseCommandLine(const CommandTable& table, const std::vector<std::string>& args,
                               const Environment& env, std::istream& in) {
  bool help = false;
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "-h" || arg == "--help" || arg == "--help=true") help = true;
  }

  const ServiceSpec* service = nullptr;
  const MethodSpec* method = nullptr;
  std::vector<FlagSpec> flags;
  std::map<std::string, std::string> common;                   // Common flag values by name.
  std::vector<std::pair<const FlagSpec*, std::string>> given;  // Request flags, in order.
  std::string positional;
  bool has_positional = false;
  bool completion = false;
  std::string shell;

  auto usage_here = [&]() {
    if (method != nullptr) return CommandHelp(table, *service, *method);
    if (service != nullptr) return GroupHelp(*service);
    return RootHelp(table);
  };

  bool only_positionals = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!only_positionals && arg == "--") {
      only_positionals = true;
      continue;
    }
    if (!only_positionals && (arg == "-h" || absl::StartsWith(arg, "--help"))) continue;
    if (!only_positionals && arg.size() > 1 && arg[0] == '-') {
      if (!absl::StartsWith(arg, "--")) {
        if (help) continue;
        return UsageError(absl::StrCat("unknown flag ", arg), usage_here());
      }
      const size_t equals = arg.find('=');
      const std::string name =
          arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
      const bool has_inline = equals != std::string::npos;
      const std::string inline_value = has_inline ? arg.substr(equals + 1) : "";

      if (const CommonFlag* flag = FindCommonFlag(Normalized(name).c_str())) {
        std::string value = inline_value;
        if (flag->hint == nullptr) {
          if (!has_inline) value = "true";
        } else if (!has_inline) {
          if (i + 1 >= args.size()) {
            if (help) continue;
            return UsageError(absl::StrCat("flag --", name, " needs a value (", flag->hint, ")"),
                              usage_here());
          }
          value = args[++i];
        }
        common[flag->name] = value;
        continue;
      }
      const FlagSpec* spec = nullptr;
      for (const FlagSpec& candidate : flags) {
        if (candidate.name == Normalized(name)) spec = &candidate;
      }
      if (spec == nullptr) {
        if (help) continue;
        std::string where =
            method != nullptr ? absl::StrCat(" for 'cxctl ", service->group, " ", method->verb, "'")
                              : " (give the command before its flags)";
        return UsageError(absl::StrCat("unknown flag --", name, where), usage_here());
      }
      std::string value = inline_value;
      if (!has_inline) {
        if (spec->kind == FlagKind::kBool) {
          value = "true";
        } else if (i + 1 >= args.size()) {
          if (help) continue;
          return UsageError(
              absl::StrCat("flag --", name, " needs a value (", ValueHint(*spec), ")"),
              usage_here());
        } else {
          value = args[++i];
        }
      }
      given.emplace_back(spec, value);
      continue;
    }

    // A word.
    if (completion) {
      if (!shell.empty()) return UsageError(absl::StrCat("unexpected argument \"", arg, "\""), "");
      shell = arg;
    } else if (service == nullptr) {
      if (arg == "help") {
        help = true;
        continue;
      }
      if (arg == "completion") {
        completion = true;
        continue;
      }
      for (size_t s = 0; s < table.service_count; ++s) {
        if (arg == table.services[s].group) service = &table.services[s];
      }
      if (service == nullptr) {
        return UsageError(absl::StrCat("unknown command group \"", arg, "\""), RootHelp(table));
      }
    } else if (method == nullptr) {
      for (size_t m = 0; m < service->method_count; ++m) {
        if (arg == service->methods[m].verb) method = &service->methods[m];
      }
      if (method == nullptr) {
        return UsageError(absl::StrCat("unknown command \"", arg, "\" in group ", service->group),
                          GroupHelp(*service));
      }
      flags = RequestFlags(method->request_descriptor(), [&table](const std::string& full_name) {
        return FindComment(table, full_name);
      });
    } else if (!has_positional && PositionalField(method->request_descriptor()) != nullptr) {
      positional = arg;
      has_positional = true;
    } else {
      if (help) continue;
      return UsageError(absl::StrCat("unexpected argument \"", arg, "\""), usage_here());
    }
  }

  if (completion) {
    if (shell == "bash") return Text(table.bash_completion);
    if (shell == "zsh") return Text(table.zsh_completion);
    return UsageError("completion takes bash or zsh", RootHelp(table));
  }
  if (help || service == nullptr) return Text(usage_here());
  if (method == nullptr) return Text(GroupHelp(*service));

  ParsedCommand parsed;
  parsed.kind = ParsedCommand::Kind::kCall;
  parsed.service = service;
  parsed.method = method;
  const std::string usage = CommandHelp(table, *service, *method);

  // Connection and output.
  ConnectionOptions& connection = parsed.connection;
  connection.server = common.count("server") ? common["server"]
                      : env.server.empty()   ? kDefaultServer
                                             : env.server;
  connection.tls_ca_file = common["tls-ca"];
  connection.tls_cert_file = common["tls-cert"];
  connection.tls_key_file = common["tls-key"];
  for (const char* name : {"tls", "all"}) {
    const std::string value = absl::AsciiStrToLower(common[name]);
    if (!value.empty() && value != "true" && value != "false") {
      return UsageError(absl::StrCat("--", name, ": \"", value, "\" is not true or false"), usage);
    }
  }
  connection.tls = common["tls"] == "true";
  parsed.all_pages = common["all"] == "true";
  if (parsed.all_pages && !IsListMethod(*method)) {
    return UsageError("--all works only with list commands", usage);
  }
  if (common.count("token-file")) {
    std::ifstream file(common["token-file"]);
    if (!file) {
      return UsageError(absl::StrCat("--token-file: cannot read ", common["token-file"]), usage);
    }
    std::ostringstream text;
    text << file.rdbuf();
    connection.token = std::string(absl::StripAsciiWhitespace(text.str()));
  } else {
    connection.token = env.token;
  }
  if (common.count("timeout")) {
    absl::Duration timeout;
    if (!absl::ParseDuration(common["timeout"], &timeout) || timeout <= absl::ZeroDuration()) {
      return UsageError(
          absl::StrCat("--timeout: \"", common["timeout"], "\" is not a duration like 30s or 2m"),
          usage);
    }
    connection.timeout = timeout;
  } else if (!method->server_streaming && !method->client_streaming) {
    connection.timeout = kDefaultTimeout;
  }
  const std::string output = common.count("output") ? common["output"] : "table";
  if (output != "table" && output != "json") {
    return UsageError(absl::StrCat("--output: \"", output, "\" is not table or json"), usage);
  }
  parsed.json_output = output == "json";

  // The request(s): JSON first, then the flags and NAME on top.
  const Descriptor* type = method->request_descriptor();
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  std::vector<std::string> json_documents;
  if (common.count("json")) {
    absl::StatusOr<std::string> json = ReadJsonSource(common["json"], in);
    if (!json.ok()) return UsageError(PlainMessage(json.status()), usage);
    if (method->client_streaming && common["json"] == "-") {
      for (absl::string_view line : absl::StrSplit(*json, '\n', absl::SkipWhitespace())) {
        json_documents.emplace_back(line);
      }
    } else {
      json_documents.push_back(*json);
    }
  }
  if (json_documents.empty()) json_documents.emplace_back();
  for (const std::string& document : json_documents) {
    std::unique_ptr<Message> request(prototype->New());
    if (!document.empty()) {
      absl::Status status = MergeJson(document, "--json", request.get());
      if (!status.ok()) return UsageError(PlainMessage(status), usage);
    }
    for (const auto& [flag, value] : given) {
      absl::Status status = ApplyFlag(*flag, value, request.get());
      if (!status.ok()) return UsageError(PlainMessage(status), usage);
    }
    if (has_positional) {
      const FieldDescriptor* field = PositionalField(type);
      request->GetReflection()->SetString(request.get(), field, positional);
    }
    parsed.requests.push_back(std::move(request));
  }
  return parsed;
}

int Run(const CommandTable& table, const std::vector<std::string>& args, const Environment& env,
        std::istream& in, std::ostream& out, std::ostream& err) {
  ParsedCommand parsed = ParseCommandLine(table, args, env, in);
  switch (parsed.kind) {
    case ParsedCommand::Kind::kText:
      out << parsed.text;
      return kExitOk;
    case ParsedCommand::Kind::kUsageError:
      err << "cxctl: " << parsed.text << "\n";
      if (!parsed.usage.empty()) err << "\n" << parsed.usage;
      return kExitUsage;
    case ParsedCommand::Kind::kCall:
      break;
  }
  absl::StatusOr<RpcClient> client = RpcClient::Open(parsed.connection);
  if (!client.ok()) {
    err << "cxctl: " << client.status().message() << "\n";
    return kExitUsage;
  }
  const MethodSpec& method = *parsed.method;
  const Message* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(
      method.response_descriptor());
  auto print = [&](const Message& response, bool streamed) {
    if (parsed.json_output) {
      out << JsonLine(response) << "\n";
    } else if (ListedField(response.GetDescriptor()) != nullptr) {
      out << ListTable(response);
    } else {
      out << FieldLines(response);
      if (streamed) out << "\n";
    }
    out.flush();
  };
  auto fail = [&](const grpc::Status& status) {
    err << "cxctl: " << StatusCodeName(status.error_code()) << ": " << status.error_message()
        << "\n";
    return ExitCodeForStatus(status.error_code());
  };

  if (method.server_streaming || method.client_streaming) {
    const grpc::Status status = client->Stream(method.full_method, parsed.requests, *prototype,
                                               [&](const Message& response) {
                                                 print(response, true);
                                                 return static_cast<bool>(out);
                                               });
    return status.ok() ? kExitOk : fail(status);
  }

  std::unique_ptr<Message> response(prototype->New());
  grpc::Status status = client->Unary(method.full_method, *parsed.requests[0], response.get());
  if (!status.ok()) return fail(status);
  if (parsed.all_pages) {
    // Follow next_page_token, appending each page's resources to the first response.
    const FieldDescriptor* page_token =
        parsed.requests[0]->GetDescriptor()->FindFieldByName("page_token");
    const FieldDescriptor* next = response->GetDescriptor()->FindFieldByName("next_page_token");
    std::string token = response->GetReflection()->GetString(*response, next);
    std::set<std::string> seen;
    while (!token.empty()) {
      if (!seen.insert(token).second) {
        err << "cxctl: the server returned the page token \"" << token << "\" twice\n";
        return kExitOther;
      }
      parsed.requests[0]->GetReflection()->SetString(parsed.requests[0].get(), page_token, token);
      std::unique_ptr<Message> page(prototype->New());
      status = client->Unary(method.full_method, *parsed.requests[0], page.get());
      if (!status.ok()) return fail(status);
      token = page->GetReflection()->GetString(*page, next);
      response->MergeFrom(*page);
    }
    response->GetReflection()->ClearField(response.get(), next);
  }
  print(*response, false);
  return kExitOk;
}

}  // namespace cxhub::cxctl
