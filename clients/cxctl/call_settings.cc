#include "clients/cxctl/call_settings.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/cxctl/flag_file.h"
#include "clients/cxctl/operation_progress.h"
#include "clients/cxctl/operation_waiter.h"
#include "clients/cxctl/output_format.h"

namespace cxhub::cxctl {
namespace {

constexpr char kDefaultServer[] = "localhost:50051";
constexpr absl::Duration kDefaultTimeout = absl::Seconds(30);

// The value of a common flag, "" when it was not given.
std::string ValueOf(const CommonFlagValues& flags, const std::string& name) {
  auto it = flags.find(name);
  return it == flags.end() ? "" : it->second;
}

bool Given(const CommonFlagValues& flags, const std::string& name) {
  return flags.find(name) != flags.end();
}

// A flag that takes no value may still be given one; it must then be true or false.
absl::Status CheckBoolFlag(const CommonFlagValues& flags, const std::string& name) {
  const std::string value = absl::AsciiStrToLower(ValueOf(flags, name));
  if (!value.empty() && value != "true" && value != "false") {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, ": \"", value, "\" is not true or false"));
  }
  return absl::OkStatus();
}

bool IsListMethod(const MethodSpec& method) {
  return ListedField(method.response_descriptor()) != nullptr &&
         method.request_descriptor()->FindFieldByName("page_token") != nullptr;
}

absl::StatusOr<std::string> Token(const CommonFlagValues& flags, const Environment& env) {
  if (!Given(flags, "token-file")) return env.token;
  absl::StatusOr<std::string> text = ReadFlagFile("token-file", ValueOf(flags, "token-file"));
  if (!text.ok()) return text.status();
  return std::string(absl::StripAsciiWhitespace(*text));
}

absl::StatusOr<std::optional<absl::Duration>> Timeout(const CommonFlagValues& flags,
                                                      const MethodSpec& method) {
  if (!Given(flags, "timeout")) {
    if (method.server_streaming || method.client_streaming) return std::nullopt;
    return kDefaultTimeout;
  }
  const std::string text = ValueOf(flags, "timeout");
  absl::Duration timeout;
  if (!absl::ParseDuration(text, &timeout) || timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--timeout: \"", text, "\" is not a duration like 30s or 2m"));
  }
  return timeout;
}

absl::StatusOr<bool> JsonOutput(const CommonFlagValues& flags) {
  const std::string output = Given(flags, "output") ? ValueOf(flags, "output") : "table";
  if (output != "table" && output != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("--output: \"", output, "\" is not table or json"));
  }
  return output == "json";
}

}  // namespace

absl::StatusOr<CallSettings> ReadCallSettings(const CommonFlagValues& flags, const Environment& env,
                                              const MethodSpec& method) {
  CallSettings settings;
  ConnectionOptions& connection = settings.connection;
  connection.server = Given(flags, "server") ? ValueOf(flags, "server")
                      : env.server.empty()   ? kDefaultServer
                                             : env.server;
  connection.tls_ca_file = ValueOf(flags, "tls-ca");
  connection.tls_cert_file = ValueOf(flags, "tls-cert");
  connection.tls_key_file = ValueOf(flags, "tls-key");
  for (const char* name : {"tls", "all", "wait"}) {
    if (absl::Status status = CheckBoolFlag(flags, name); !status.ok()) return status;
  }
  // Only "true" exactly turns these on: CheckBoolFlag lets "TRUE" through, which means false.
  connection.tls = ValueOf(flags, "tls") == "true";
  settings.all_pages = ValueOf(flags, "all") == "true";
  if (settings.all_pages && !IsListMethod(method)) {
    return absl::InvalidArgumentError("--all works only with list commands");
  }
  settings.wait_operation = ValueOf(flags, "wait") == "true" || IsWaitOperationMethod(method);
  if (settings.wait_operation && !IsOperationType(method.response_descriptor())) {
    return absl::InvalidArgumentError(
        "--wait works only with commands that return a long-running operation");
  }
  absl::StatusOr<std::string> token = Token(flags, env);
  if (!token.ok()) return token.status();
  connection.token = *std::move(token);
  absl::StatusOr<std::optional<absl::Duration>> timeout = Timeout(flags, method);
  if (!timeout.ok()) return timeout.status();
  connection.timeout = *timeout;
  absl::StatusOr<bool> json_output = JsonOutput(flags);
  if (!json_output.ok()) return json_output.status();
  settings.json_output = *json_output;
  settings.output_file = ValueOf(flags, "output-file");
  return settings;
}

}  // namespace cxhub::cxctl
