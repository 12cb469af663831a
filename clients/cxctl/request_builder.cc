#include "clients/cxctl/request_builder.h"

#include <istream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "clients/cxctl/flag_file.h"
#include "clients/cxctl/flag_schema.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::Message;

absl::StatusOr<std::string> ReadJsonSource(const std::string& value, std::istream& in) {
  if (value == "-") {
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  if (absl::StartsWith(value, "@")) return ReadFlagFile("json", value.substr(1));
  return value;
}

// The JSON documents to start the requests from: none without --json (one empty request), one
// per line for a client stream read from stdin, else one.
absl::StatusOr<std::vector<std::string>> JsonDocuments(const MethodSpec& method,
                                                       const std::optional<std::string>& source,
                                                       std::istream& in) {
  std::vector<std::string> documents;
  if (source.has_value()) {
    absl::StatusOr<std::string> json = ReadJsonSource(*source, in);
    if (!json.ok()) return json.status();
    if (method.client_streaming && *source == "-") {
      for (absl::string_view line : absl::StrSplit(*json, '\n', absl::SkipWhitespace())) {
        documents.emplace_back(line);
      }
    } else {
      documents.push_back(*std::move(json));
    }
  }
  if (documents.empty()) documents.emplace_back();
  return documents;
}

absl::StatusOr<std::unique_ptr<Message>> BuildRequest(const Message& prototype,
                                                      const std::string& json,
                                                      const RequestInput& input) {
  std::unique_ptr<Message> request(prototype.New());
  if (!json.empty()) {
    absl::Status status = MergeJson(json, "--json", request.get());
    if (!status.ok()) return status;
  }
  for (const FlagValue& given : input.flags) {
    absl::Status status = ApplyFlag(given.flag, given.value, request.get());
    if (!status.ok()) return status;
  }
  if (input.positional.has_value()) {
    request->GetReflection()->SetString(request.get(), PositionalField(request->GetDescriptor()),
                                        *input.positional);
  }
  return request;
}

}  // namespace

absl::StatusOr<std::vector<std::unique_ptr<Message>>> BuildRequests(const MethodSpec& method,
                                                                    const RequestInput& input,
                                                                    std::istream& in) {
  const Descriptor* type = method.request_descriptor();
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  absl::StatusOr<std::vector<std::string>> documents = JsonDocuments(method, input.json, in);
  if (!documents.ok()) return documents.status();
  std::vector<std::unique_ptr<Message>> requests;
  for (const std::string& document : *documents) {
    absl::StatusOr<std::unique_ptr<Message>> request = BuildRequest(*prototype, document, input);
    if (!request.ok()) return request.status();
    requests.push_back(*std::move(request));
  }
  return requests;
}

}  // namespace cxhub::cxctl
