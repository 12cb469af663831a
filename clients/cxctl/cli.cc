#include "clients/cxctl/cli.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cxctl/command_line_tokens.h"
#include "clients/cxctl/command_resolution.h"
#include "clients/cxctl/exit_codes.h"
#include "clients/cxctl/explanation_text.h"
#include "clients/cxctl/figure_report.h"
#include "clients/cxctl/help_text.h"
#include "clients/cxctl/operation_progress.h"
#include "clients/cxctl/operation_waiter.h"
#include "clients/cxctl/output_format.h"
#include "clients/cxctl/progress_bar.h"
#include "clients/cxctl/request_builder.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

ParsedCommand UsageErrorResult(std::string error, std::string usage) {
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

ParsedCommand CompletionScript(const CommandTable& table, const std::string& shell) {
  if (shell == "bash") return Text(table.bash_completion);
  if (shell == "zsh") return Text(table.zsh_completion);
  return UsageErrorResult("completion takes bash or zsh", RootHelp(table));
}

// The call a resolved command names: its settings and request(s), or the usage error of the
// first flag that does not fit.
ParsedCommand CallOf(const CommandTable& table, ResolvedCommand command, const Environment& env,
                     std::istream& in) {
  const MethodSpec& method = *command.method;
  const std::string usage = CommandHelp(table, *command.service, method);
  absl::StatusOr<CallSettings> settings = ReadCallSettings(command.common_flags, env, method);
  if (!settings.ok()) return UsageErrorResult(std::string(settings.status().message()), usage);
  RequestInput input;
  if (auto json = command.common_flags.find("json"); json != command.common_flags.end()) {
    input.json = json->second;
  }
  input.flags = std::move(command.request_flags);
  input.positional = std::move(command.positional);
  absl::StatusOr<std::vector<std::unique_ptr<Message>>> requests = BuildRequests(method, input, in);
  if (!requests.ok()) return UsageErrorResult(std::string(requests.status().message()), usage);

  ParsedCommand parsed;
  parsed.kind = ParsedCommand::Kind::kCall;
  parsed.service = command.service;
  parsed.method = &method;
  parsed.requests = *std::move(requests);
  parsed.connection = std::move(settings->connection);
  parsed.json_output = settings->json_output;
  parsed.output_file = settings->output_file;
  parsed.all_pages = settings->all_pages;
  parsed.wait_operation = settings->wait_operation;
  parsed.stderr_is_terminal = env.stderr_is_terminal;
  parsed.figure_options.comments = [table = &table](const std::string& full_name) {
    return FindComment(*table, full_name);
  };
  if (!parsed.requests.empty()) {
    parsed.figure_options.time_zone = RequestTimeZone(*parsed.requests[0]);
  }
  if (parsed.wait_operation && IsWaitOperationMethod(method)) {
    LimitWaitRequest(*parsed.requests[0]);
  }
  return parsed;
}

void PrintResponse(const Message& response, const ParsedCommand& parsed, bool streamed,
                   std::ostream& out) {
  if (parsed.json_output) {
    out << JsonLine(response) << "\n";
  } else if (ListedField(response.GetDescriptor()) != nullptr) {
    out << ListTable(response);
  } else if (IsCustomerExplanation(response.GetDescriptor())) {
    out << ExplanationText(response);
    if (streamed) out << "\n";
  } else if (IsFigureReport(response.GetDescriptor())) {
    out << FigureReport(response, parsed.figure_options);
    if (streamed) out << "\n";
  } else {
    out << FieldLines(response);
    if (streamed) out << "\n";
  }
  out.flush();
}

int Fail(const grpc::Status& status, std::ostream& err) {
  err << "cxctl: " << StatusCodeName(status.error_code()) << ": " << status.error_message() << "\n";
  return ExitCodeForStatus(status.error_code());
}

// Follows next_page_token from `response`, appending each further page's resources to it, and
// clears the token at the end. Returns the exit code.
int FollowPages(const RpcClient& client, const MethodSpec& method, Message& request,
                Message* response, std::ostream& err) {
  const FieldDescriptor* page_token = request.GetDescriptor()->FindFieldByName("page_token");
  const FieldDescriptor* next = response->GetDescriptor()->FindFieldByName("next_page_token");
  std::string token = response->GetReflection()->GetString(*response, next);
  std::set<std::string> seen;
  while (!token.empty()) {
    if (!seen.insert(token).second) {
      err << "cxctl: the server returned the page token \"" << token << "\" twice\n";
      return kExitOther;
    }
    request.GetReflection()->SetString(&request, page_token, token);
    std::unique_ptr<Message> page(response->New());
    const grpc::Status status = client.Unary(method.full_method, request, page.get());
    if (!status.ok()) return Fail(status, err);
    token = page->GetReflection()->GetString(*page, next);
    response->MergeFrom(*page);
  }
  response->GetReflection()->ClearField(response, next);
  return kExitOk;
}

// Follows the long-running operation `operation` until it is done and prints it. Returns the
// exit code: that of the operation's error when it failed.
int WaitAndPrint(const RpcClient& client, const ParsedCommand& parsed, Message& operation,
                 std::ostream& out, std::ostream& err) {
  ProgressBar bar(err, parsed.stderr_is_terminal);
  const grpc::Status status = WaitUntilDone(client, operation, bar);
  bar.Finish();
  if (!status.ok()) return Fail(status, err);
  PrintResponse(operation, parsed, /*streamed=*/false, out);
  const OperationProgress progress = ReadOperationProgress(operation);
  if (progress.error_code == 0) return kExitOk;
  return Fail(
      grpc::Status(static_cast<grpc::StatusCode>(progress.error_code), progress.error_message),
      err);
}

int CallUnary(const RpcClient& client, ParsedCommand& parsed, const Message& prototype,
              std::ostream& out, std::ostream& err) {
  const MethodSpec& method = *parsed.method;
  std::unique_ptr<Message> response(prototype.New());
  const grpc::Status status = client.Unary(method.full_method, *parsed.requests[0], response.get());
  if (!status.ok()) return Fail(status, err);
  if (parsed.wait_operation) return WaitAndPrint(client, parsed, *response, out, err);
  if (parsed.all_pages) {
    const int code = FollowPages(client, method, *parsed.requests[0], response.get(), err);
    if (code != kExitOk) return code;
  }
  PrintResponse(*response, parsed, /*streamed=*/false, out);
  return kExitOk;
}

int CallStreaming(const RpcClient& client, const ParsedCommand& parsed, const Message& prototype,
                  std::ostream& out, std::ostream& err) {
  const grpc::Status status = client.Stream(
      parsed.method->full_method, parsed.requests, prototype, [&](const Message& response) {
        PrintResponse(response, parsed, /*streamed=*/true, out);
        return static_cast<bool>(out);
      });
  return status.ok() ? kExitOk : Fail(status, err);
}

}  // namespace

ParsedCommand ParseCommandLine(const CommandTable& table, const std::vector<std::string>& args,
                               const Environment& env, std::istream& in) {
  CommandLineTokens tokens(args);
  std::variant<ResolvedCommand, UsageError> resolved = ResolveCommand(table, tokens);
  if (auto* error = std::get_if<UsageError>(&resolved)) {
    return UsageErrorResult(std::move(error->message), std::move(error->usage));
  }
  ResolvedCommand& command = std::get<ResolvedCommand>(resolved);
  if (command.completion) return CompletionScript(table, command.shell);
  if (command.help || command.method == nullptr) {
    return Text(HelpFor(table, command.service, command.method));
  }
  return CallOf(table, std::move(command), env, in);
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
  const Message* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(
      parsed.method->response_descriptor());
  std::ofstream file;
  if (!parsed.output_file.empty()) {
    file.open(parsed.output_file, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "cxctl: --output-file: cannot write " << parsed.output_file << "\n";
      return kExitUsage;
    }
  }
  std::ostream& destination = parsed.output_file.empty() ? out : file;
  if (parsed.method->server_streaming || parsed.method->client_streaming) {
    return CallStreaming(*client, parsed, *prototype, destination, err);
  }
  return CallUnary(*client, parsed, *prototype, destination, err);
}

}  // namespace cxhub::cxctl
