// cxctl's flags and help on the real cxhub.v1 command table: the commands the issue promises
// exist, and flags fill each request kind the protos use.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cxctl/cli.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/exit_codes.h"
#include "cxhub/v1/customer.pb.h"
#include "cxhub/v1/interaction.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunCli(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  const int code = Run(GeneratedCommandTable(), args, Environment{}, in, out, err);
  return {code, out.str(), err.str()};
}

ParsedCommand Parse(const std::vector<std::string>& args, const std::string& input = "",
                    const Environment& env = {}) {
  std::istringstream in(input);
  return ParseCommandLine(GeneratedCommandTable(), args, env, in);
}

template <typename T>
T RequestOf(const ParsedCommand& parsed) {
  T request;
  EXPECT_EQ(parsed.kind, ParsedCommand::Kind::kCall) << parsed.text;
  if (!parsed.requests.empty()) request.CopyFrom(*parsed.requests[0]);
  return request;
}

std::vector<std::string> Verbs(const std::string& group) {
  const CommandTable& table = GeneratedCommandTable();
  std::vector<std::string> verbs;
  for (size_t s = 0; s < table.service_count; ++s) {
    if (group != table.services[s].group) continue;
    for (size_t m = 0; m < table.services[s].method_count; ++m) {
      verbs.push_back(table.services[s].methods[m].verb);
      EXPECT_STRNE(table.services[s].methods[m].comment, "") << table.services[s].methods[m].method;
    }
  }
  return verbs;
}

TEST(CxctlCommands, EveryRpcIsACommandNamedForPeople) {
  EXPECT_THAT(Verbs("customers"),
              UnorderedElementsAreArray({"create", "get", "list", "update", "delete", "lookup",
                                         "add-identity", "remove-identity", "merge",
                                         // MergeLedgerService joins the customers group.
                                         "list-merges", "get-merge", "unmerge", "explain"}));
  EXPECT_THAT(Verbs("touchpoints"),
              UnorderedElementsAreArray({"create", "get", "list", "update", "delete", "create-rule",
                                         "get-rule", "list-rules", "update-rule", "delete-rule",
                                         "reassign"}));
  EXPECT_THAT(Verbs("interactions"),
              UnorderedElementsAreArray({"record", "batch-record", "get", "list", "watch"}));
  EXPECT_THAT(
      Verbs("analytics"),
      UnorderedElementsAreArray({"get-satisfaction", "get-retention", "get-lifetime-value",
                                 "get-journey-map", "get-complaint-themes", "get-visitor-intent"}));
}

TEST(CxctlCommands, LongRunningOperationsAreAGroupOfCommands) {
  EXPECT_THAT(Verbs("operations"),
              UnorderedElementsAreArray({"get", "list", "wait", "cancel", "delete"}));
}

TEST(CxctlCommands, SegmentsAreAGroupOfCommands) {
  EXPECT_THAT(Verbs("segments"),
              UnorderedElementsAreArray({"create", "get", "list", "update", "delete",
                                         "list-members", "count-members", "get-persona"}));
}

TEST(CxctlFlags, WaitNeedsACommandThatReturnsAnOperation) {
  const Result result = RunCli({"customers", "get", "customers/1", "--wait"});
  EXPECT_EQ(result.code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("--wait works only with commands that return a long-running"));
}

TEST(CxctlHelp, MergeHelpShowsMethodAndFieldComments) {
  const Result result = RunCli({"customers", "merge", "--help"});
  EXPECT_EQ(result.code, kExitOk);
  EXPECT_THAT(result.out, HasSubstr("Usage: cxctl customers merge NAME [flags]"));
  EXPECT_THAT(result.out, HasSubstr("Merges one customer into another"));
  EXPECT_THAT(result.out, HasSubstr("--merged-customer string  [Required]"));
  EXPECT_THAT(result.out, HasSubstr("The customer merged into the survivor, customers/{id}."));
  EXPECT_THAT(result.out, HasSubstr("/cxhub.v1.CustomerService/MergeCustomers"));
}

TEST(CxctlHelp, GroupHelpShowsTheServiceComment) {
  const Result result = RunCli({"customers", "--help"});
  EXPECT_EQ(result.code, kExitOk);
  EXPECT_THAT(result.out, HasSubstr("Customers: the people and accounts the business talks to"));
  EXPECT_THAT(result.out, HasSubstr("add-identity"));
}

TEST(CxctlHelp, RootHelpListsGroupsFlagsAndExitCodes) {
  const Result result = RunCli({"--help"});
  EXPECT_EQ(result.code, kExitOk);
  for (const char* text : {"customers", "touchpoints", "interactions", "--server HOST:PORT",
                           "--token-file", "--tls-ca", "--output", "2  usage", "6  UNAVAILABLE"}) {
    EXPECT_THAT(result.out, HasSubstr(text));
  }
  EXPECT_EQ(RunCli({}).out, result.out);
}

TEST(CxctlHelp, EnumFlagsListTheirValuesWithComments) {
  const Result result = RunCli({"customers", "lookup", "--help"});
  EXPECT_THAT(result.out,
              HasSubstr("--identity.kind EMAIL|PHONE|SOCIAL|CHAT|EXTERNAL  [Required]"));
  EXPECT_THAT(result.out, HasSubstr("A phone number, stored in E.164 form"));
}

TEST(CxctlFlags, CreateCustomerWithNestedRepeatedAndMapFlags) {
  const auto request = RequestOf<v1::CreateCustomerRequest>(
      Parse({"customers", "create", "--customer.display-name", "Marta Ferreira",
             "--customer.identities", "kind=email,value=marta@example.com",  //
             "--customer.identities", R"({"kind": "PHONE", "value": "912 345 678"})",
             "--customer.attributes", "plan=gold", "--customer.attributes", "country=PT"}));
  EXPECT_EQ(request.customer().display_name(), "Marta Ferreira");
  ASSERT_EQ(request.customer().identities_size(), 2);
  EXPECT_EQ(request.customer().identities(0).kind(), v1::EMAIL);
  EXPECT_EQ(request.customer().identities(0).value(), "marta@example.com");
  EXPECT_EQ(request.customer().identities(1).kind(), v1::PHONE);
  EXPECT_EQ(request.customer().attributes().at("plan"), "gold");
  EXPECT_EQ(request.customer().attributes().at("country"), "PT");
}

TEST(CxctlFlags, RecordInteractionWithEnumsTimestampDurationAndIdentities) {
  const auto request =
      RequestOf<v1::RecordInteractionRequest>(Parse({"interactions",
                                                     "record",
                                                     "--interaction.channel",
                                                     "phone",
                                                     "--interaction.kind",
                                                     "call",
                                                     "--interaction.direction",
                                                     "Inbound",
                                                     "--interaction.occur-time",
                                                     "2024-05-01T10:00:00Z",
                                                     "--interaction.duration",
                                                     "90s",
                                                     "--interaction.source",
                                                     "pbx",
                                                     "--interaction.external-id",
                                                     "1714557600.42",
                                                     "--interaction.survey.metric",
                                                     "nps",
                                                     "--interaction.survey.score",
                                                     "9",
                                                     "--customer-identities",
                                                     "kind=phone,value=+351912345678",
                                                     "--customer-display-name",
                                                     "Ana"}));
  EXPECT_EQ(request.interaction().channel(), "phone");
  EXPECT_EQ(request.interaction().kind(), v1::CALL);
  EXPECT_EQ(request.interaction().direction(), v1::INBOUND);
  EXPECT_EQ(request.interaction().occur_time().seconds(), 1714557600);
  EXPECT_EQ(request.interaction().duration().seconds(), 90);
  EXPECT_EQ(request.interaction().survey().metric(), v1::NPS);
  EXPECT_EQ(request.interaction().survey().score(), 9);
  ASSERT_EQ(request.customer_identities_size(), 1);
  EXPECT_EQ(request.customer_identities(0).value(), "+351912345678");
  EXPECT_EQ(request.customer_display_name(), "Ana");
}

TEST(CxctlFlags, UpdateTakesAFieldMaskAsACommaList) {
  const auto request = RequestOf<v1::UpdateCustomerRequest>(
      Parse({"customers", "update", "--customer.name", "customers/1", "--customer.display-name",
             "Ana", "--update-mask", "display_name,attributes"}));
  EXPECT_EQ(request.customer().name(), "customers/1");
  ASSERT_EQ(request.update_mask().paths_size(), 2);
  EXPECT_EQ(request.update_mask().paths(0), "display_name");
  EXPECT_EQ(request.update_mask().paths(1), "attributes");
}

TEST(CxctlFlags, PositionalNameSetsNameOrParent) {
  EXPECT_EQ(RequestOf<v1::GetCustomerRequest>(Parse({"customers", "get", "customers/42"})).name(),
            "customers/42");
  const auto list = RequestOf<v1::ListInteractionsRequest>(
      Parse({"interactions", "list", "customers/42", "--channel", "email", "--page-size", "20",
             "--start-time", "2024-01-01T00:00:00Z"}));
  EXPECT_EQ(list.parent(), "customers/42");
  EXPECT_EQ(list.channel(), "email");
  EXPECT_EQ(list.page_size(), 20);
  EXPECT_EQ(list.start_time().seconds(), 1704067200);
}

TEST(CxctlFlags, JsonFromFileAndStdin) {
  const std::string path = ::testing::TempDir() + "/merge.json";
  std::ofstream(path) << R"({"name": "customers/1", "mergedCustomer": "customers/2"})";
  auto merge =
      RequestOf<v1::MergeCustomersRequest>(Parse({"customers", "merge", "--json", "@" + path}));
  EXPECT_EQ(merge.name(), "customers/1");
  EXPECT_EQ(merge.merged_customer(), "customers/2");

  merge = RequestOf<v1::MergeCustomersRequest>(
      Parse({"customers", "merge", "--json", "-", "customers/9"},
            R"({"name": "customers/1", "merged_customer": "customers/3"})"));
  EXPECT_EQ(merge.name(), "customers/9");  // NAME wins over the JSON.
  EXPECT_EQ(merge.merged_customer(), "customers/3");
}

TEST(CxctlFlags, ConnectionComesFromFlagsThenEnvironment) {
  ParsedCommand parsed = Parse({"customers", "get", "customers/1"}, "", {"cx:1", "secret"});
  EXPECT_EQ(parsed.connection.server, "cx:1");
  EXPECT_EQ(parsed.connection.token, "secret");
  ASSERT_TRUE(parsed.connection.timeout.has_value());

  const std::string token_path = ::testing::TempDir() + "/token";
  std::ofstream(token_path) << "abc123\n";
  parsed = Parse({"--server", "cx:2", "customers", "get", "customers/1", "--token-file", token_path,
                  "--timeout", "5s", "--tls-ca", "/ca.pem", "--output=json"},
                 "", {"cx:1", "secret"});
  EXPECT_EQ(parsed.connection.server, "cx:2");
  EXPECT_EQ(parsed.connection.token, "abc123");
  EXPECT_EQ(*parsed.connection.timeout, absl::Seconds(5));
  EXPECT_EQ(parsed.connection.tls_ca_file, "/ca.pem");
  EXPECT_TRUE(parsed.json_output);

  parsed = Parse({"customers", "get", "customers/1"});
  EXPECT_EQ(parsed.connection.server, "localhost:50051");
  EXPECT_FALSE(Parse({"interactions", "watch"}).connection.timeout.has_value());
}

TEST(CxctlFlags, BadFlagNamesTheFlagAndShowsUsage) {
  const Result result = RunCli({"customers", "list", "--page-size", "many"});
  EXPECT_EQ(result.code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("--page-size: \"many\" is not a valid int32"));
  EXPECT_THAT(result.err, HasSubstr("Usage: cxctl customers list [flags]"));
}

}  // namespace
}  // namespace cxhub::cxctl
