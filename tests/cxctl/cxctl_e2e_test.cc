// The real cxctl binary against a real cxhubd (cxhub::Server on a temporary SQLite store)
// started in this process: what an administrator types, with the exit codes scripts rely on.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"
#include "cxhub/v1/analytics.pb.h"
#include "cxhub/v1/customer.pb.h"
#include "cxhub/v1/interaction.pb.h"
#include "cxhub/v1/merge_ledger.pb.h"
#include "cxhub/v1/privacy.pb.h"
#include "cxhub/v1/segment.pb.h"
#include "cxhub/v1/touchpoint.pb.h"
#include "gmock/gmock.h"
#include "google/longrunning/operations.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "server/server.h"

extern char** environ;

namespace cxhub {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(CXCTL_PATH));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  return argv;
}

// Runs cxctl with `args`, `input` on its stdin and `env` added to the environment.
Result RunCxctl(const std::vector<std::string>& args, const std::string& input = "",
                const std::vector<std::string>& env = {}) {
  static std::atomic<int> counter{0};
  const std::string base =
      absl::StrCat(::testing::TempDir(), "/cxctl_run_", getpid(), "_", ++counter);
  std::ofstream(base + ".in") << input;
  std::vector<std::string> environment(env);
  for (char** var = environ; *var != nullptr; ++var) {
    if (!absl::StartsWith(*var, "CXHUB_")) environment.emplace_back(*var);
  }
  std::vector<char*> envp;
  for (std::string& var : environment) envp.push_back(var.data());
  envp.push_back(nullptr);
  std::vector<char*> argv = Argv(args);

  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open((base + ".in").c_str(), O_RDONLY);
    const int out = open((base + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open((base + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(CXCTL_PATH, argv.data(), envp.data());
    _exit(127);
  }
  Result result;
  int status = 0;
  waitpid(pid, &status, 0);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(base + ".out");
  result.err = ReadFile(base + ".err");
  for (const char* suffix : {".in", ".out", ".err"}) std::filesystem::remove(base + suffix);
  return result;
}

template <typename T>
T FromJson(const std::string& json) {
  T message;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in: " << json;
  return message;
}

class CxctlEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.mutable_security()->set_plaintext(true);
    config.mutable_security()->set_auth_disabled(true);
    // A directory of its own, removed at the end: a file named by the process id alone was left
    // behind by every run, and a later run given the same id would start on its data.
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "cxctl_e2e_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "cannot create a temporary directory";
    temp_dir_ = new std::string(pattern);
    config.mutable_store()->mutable_sqlite()->set_path(
        (std::filesystem::path(*temp_dir_) / "cxhub.db").string());
    config.set_default_phone_region("PT");
    absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      server_->Shutdown(absl::Seconds(1));
      server_->Wait();
      delete server_;
      server_ = nullptr;
    }
    if (temp_dir_ != nullptr) {
      std::error_code ignored;
      std::filesystem::remove_all(*temp_dir_, ignored);
      delete temp_dir_;
      temp_dir_ = nullptr;
    }
  }

  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static std::string Address() { return absl::StrCat("127.0.0.1:", server_->port()); }

  // cxctl with --server pointing at the test server.
  static Result Cx(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {"--server", Address()});
    return RunCxctl(args, input);
  }

  // `cxctl interactions record` of a message on `channel` that happens now, for `identity`.
  static Result RecordMessageNow(const std::string& channel, const std::string& direction,
                                 const std::string& source, const std::string& external_id,
                                 const std::string& identity) {
    return Cx({"interactions", "record", "--interaction.channel", channel, "--interaction.kind",
               "message", "--interaction.direction", direction, "--interaction.occur-time", "now",
               "--interaction.source", source, "--interaction.external-id", external_id,
               "--customer-identities", identity});
  }

  static v1::Customer CreateCustomer(const std::string& display_name, const std::string& email) {
    const Result result =
        Cx({"customers", "create", "--customer.display-name", display_name, "--customer.identities",
            "kind=email,value=" + email, "--output", "json"});
    EXPECT_EQ(result.code, 0) << result.err;
    return FromJson<v1::Customer>(result.out);
  }

  static Server* server_;
  static std::string* temp_dir_;
};

Server* CxctlEndToEnd::server_ = nullptr;
std::string* CxctlEndToEnd::temp_dir_ = nullptr;

TEST_F(CxctlEndToEnd, CreatesAndGetsACustomerInJsonAndTable) {
  const Result created = Cx({"customers", "create", "--customer.display-name", "Ana Silva",
                             "--customer.identities", "kind=email,value= Ana.Silva@Example.COM ",
                             "--customer.attributes", "plan=gold", "--output", "json"});
  ASSERT_EQ(created.code, 0) << created.err;
  EXPECT_EQ(std::count(created.out.begin(), created.out.end(), '\n'), 1) << created.out;
  const v1::Customer customer = FromJson<v1::Customer>(created.out);
  EXPECT_THAT(customer.name(), StartsWith("customers/"));
  EXPECT_EQ(customer.display_name(), "Ana Silva");
  ASSERT_EQ(customer.identities_size(), 1);
  EXPECT_EQ(customer.identities(0).value(), "ana.silva@example.com");
  EXPECT_EQ(customer.attributes().at("plan"), "gold");

  const Result json = Cx({"customers", "get", customer.name(), "--output=json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(FromJson<v1::Customer>(json.out).name(), customer.name());

  const Result table = Cx({"customers", "get", customer.name()});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("display_name:"));
  EXPECT_THAT(table.out, HasSubstr("Ana Silva"));
  EXPECT_THAT(table.out, HasSubstr("identities[0].kind:"));
  EXPECT_THAT(table.out, HasSubstr("attributes.plan:"));
}

TEST_F(CxctlEndToEnd, ListsPageByPageAndAllAtOnce) {
  for (int i = 0; i < 5; ++i) {
    CreateCustomer(absl::StrCat("Paged ", i), absl::StrCat("paged", i, "@example.com"));
  }
  const Result first = Cx({"customers", "list", "--page-size", "2", "--output", "json"});
  ASSERT_EQ(first.code, 0) << first.err;
  const auto page1 = FromJson<v1::ListCustomersResponse>(first.out);
  EXPECT_EQ(page1.customers_size(), 2);
  ASSERT_FALSE(page1.next_page_token().empty());

  const Result second = Cx({"customers", "list", "--page-size", "2", "--page-token",
                            page1.next_page_token(), "--output", "json"});
  ASSERT_EQ(second.code, 0) << second.err;
  const auto page2 = FromJson<v1::ListCustomersResponse>(second.out);
  ASSERT_EQ(page2.customers_size(), 2);
  EXPECT_NE(page2.customers(0).name(), page1.customers(0).name());

  const Result all = Cx({"customers", "list", "--page-size", "2", "--all", "--output", "json"});
  ASSERT_EQ(all.code, 0) << all.err;
  const auto everything = FromJson<v1::ListCustomersResponse>(all.out);
  EXPECT_GE(everything.customers_size(), 5);
  EXPECT_TRUE(everything.next_page_token().empty());
  EXPECT_EQ(everything.customers(2).name(), page2.customers(0).name());

  const Result table = Cx({"customers", "list", "--page-size", "2"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, StartsWith("NAME"));
  EXPECT_THAT(table.out, HasSubstr("DISPLAY_NAME"));
  EXPECT_THAT(table.out, HasSubstr("More: --page-token "));
}

TEST_F(CxctlEndToEnd, MergesTwoCustomers) {
  const v1::Customer survivor = CreateCustomer("Rui", "rui@example.com");
  const v1::Customer merged = CreateCustomer("Rui Costa", "rui.costa@example.com");
  const Result result = Cx({"customers", "merge", survivor.name(), "--merged-customer",
                            merged.name(), "--output", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  const auto customer = FromJson<v1::Customer>(result.out);
  EXPECT_EQ(customer.name(), survivor.name());
  EXPECT_EQ(customer.identities_size(), 2);

  const Result get = Cx({"customers", "get", merged.name(), "--output", "json"});
  ASSERT_EQ(get.code, 0) << get.err;
  EXPECT_EQ(FromJson<v1::Customer>(get.out).name(), survivor.name());
}

TEST_F(CxctlEndToEnd, ExplainsAMergeAndUnmergesIt) {
  const v1::Customer survivor = CreateCustomer("Lia", "lia@example.com");
  const v1::Customer merged = CreateCustomer("Lia Sousa", "lia.sousa@example.com");
  ASSERT_EQ(Cx({"customers", "merge", survivor.name(), "--merged-customer", merged.name()}).code,
            0);

  const Result explain = Cx({"customers", "explain", merged.name()});
  ASSERT_EQ(explain.code, 0) << explain.err;
  EXPECT_THAT(explain.out, StartsWith(survivor.name() + "  Lia\n"));
  EXPECT_THAT(explain.out, HasSubstr("EMAIL  lia.sousa@example.com"));
  EXPECT_THAT(explain.out,
              HasSubstr(absl::StrCat("merge  ", merged.name(), " into ", survivor.name())));
  EXPECT_THAT(explain.out, HasSubstr("call MergeCustomers"));

  const Result merges =
      Cx({"customers", "list-merges", "--customer", merged.name(), "--output", "json"});
  ASSERT_EQ(merges.code, 0) << merges.err;
  const auto listed = FromJson<v1::ListMergesResponse>(merges.out);
  ASSERT_EQ(listed.merges_size(), 1);
  const Result unmerge = Cx({"customers", "unmerge", listed.merges(0).name()});
  ASSERT_EQ(unmerge.code, 0) << unmerge.err;
  const Result get = Cx({"customers", "get", merged.name(), "--output", "json"});
  ASSERT_EQ(get.code, 0) << get.err;
  EXPECT_EQ(FromJson<v1::Customer>(get.out).name(), merged.name());
  EXPECT_THAT(Cx({"customers", "explain", merged.name()}).out,
              HasSubstr("unmerged: a merge of this customer was undone"));
}

TEST_F(CxctlEndToEnd, RecordsAnInteractionWithIdentitiesAndListsIt) {
  const std::vector<std::string> record = {"interactions",
                                           "record",
                                           "--interaction.channel",
                                           "email",
                                           "--interaction.kind",
                                           "message",
                                           "--interaction.direction",
                                           "inbound",
                                           "--interaction.occur-time",
                                           "2024-05-01T10:00:00Z",
                                           "--interaction.subject",
                                           "Where is my order?",
                                           "--interaction.source",
                                           "e2e",
                                           "--interaction.external-id",
                                           "msg-1",
                                           "--customer-identities",
                                           "kind=email,value=new.buyer@example.com",
                                           "--customer-identities",
                                           "kind=phone,value=912 345 678",
                                           "--customer-display-name",
                                           "New Buyer",
                                           "--output",
                                           "json"};
  const Result first = Cx(record);
  ASSERT_EQ(first.code, 0) << first.err;
  const auto response = FromJson<v1::RecordInteractionResponse>(first.out);
  EXPECT_TRUE(response.customer_created());
  EXPECT_FALSE(response.already_recorded());
  const std::string customer = response.interaction().customer();
  EXPECT_THAT(customer, StartsWith("customers/"));

  const Result again = Cx(record);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_TRUE(FromJson<v1::RecordInteractionResponse>(again.out).already_recorded());

  const Result lookup = Cx({"customers", "lookup", "--identity.kind", "phone", "--identity.value",
                            "+351912345678", "--output", "json"});
  ASSERT_EQ(lookup.code, 0) << lookup.err;
  EXPECT_EQ(FromJson<v1::Customer>(lookup.out).name(), customer);

  const Result list =
      Cx({"interactions", "list", customer, "--channel", "email", "--output", "json"});
  ASSERT_EQ(list.code, 0) << list.err;
  const auto interactions = FromJson<v1::ListInteractionsResponse>(list.out);
  ASSERT_EQ(interactions.interactions_size(), 1);
  EXPECT_EQ(interactions.interactions(0).subject(), "Where is my order?");

  const Result table = Cx({"interactions", "list", customer});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Where is my order?"));
  EXPECT_THAT(table.out, HasSubstr("2024-05-01T10:00:00Z"));
}

TEST_F(CxctlEndToEnd, CreatesFromJsonOnStdin) {
  const Result result = Cx({"customers", "create", "--json", "-", "--output", "json"},
                           R"({"customer": {"displayName": "From Stdin",
                               "identities": [{"kind": "EXTERNAL", "value": "crm:4711"}]}})");
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(FromJson<v1::Customer>(result.out).display_name(), "From Stdin");
}

TEST_F(CxctlEndToEnd, WatchPrintsStreamedInteractions) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  std::vector<std::string> args = {"--server", Address(),  "interactions",
                                   "watch",    "--output", "json"};
  std::vector<char*> argv = Argv(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], 1);
    close(pipe_fds[0]);
    execv(CXCTL_PATH, argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);

  // The watch sees only what is recorded after it started: record until a line arrives.
  std::string received;
  for (int attempt = 0; attempt < 40 && received.find('\n') == std::string::npos; ++attempt) {
    const Result recorded =
        RecordMessageNow("chat", "outbound", "e2e-watch", absl::StrCat("watch-", attempt),
                         "kind=chat,value=chatwoot:1:77");
    ASSERT_EQ(recorded.code, 0) << recorded.err;
    pollfd fd{pipe_fds[0], POLLIN, 0};
    while (poll(&fd, 1, 250) > 0) {
      char buffer[4096];
      const ssize_t n = read(pipe_fds[0], buffer, sizeof(buffer));
      if (n <= 0) break;
      received.append(buffer, static_cast<size_t>(n));
      if (received.find('\n') != std::string::npos) break;
    }
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipe_fds[0]);

  ASSERT_NE(received.find('\n'), std::string::npos) << "watch printed nothing";
  const auto interaction = FromJson<v1::Interaction>(received.substr(0, received.find('\n')));
  EXPECT_EQ(interaction.source(), "e2e-watch");
  EXPECT_EQ(interaction.channel(), "chat");
}

TEST_F(CxctlEndToEnd, NotFoundExitsWith4) {
  const Result result = Cx({"customers", "get", "customers/987654321"});
  EXPECT_EQ(result.code, 4);
  EXPECT_THAT(result.err, HasSubstr("NOT_FOUND"));
  EXPECT_EQ(result.out, "");
}

TEST_F(CxctlEndToEnd, InvalidArgumentExitsWith3) {
  const Result result = Cx({"interactions", "record", "--interaction.kind", "message",
                            "--interaction.source", "e2e", "--interaction.external-id", "bad-1"});
  EXPECT_EQ(result.code, 3) << result.err;
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT"));
}

TEST_F(CxctlEndToEnd, IdentityOfAnotherCustomerExitsWith5) {
  CreateCustomer("Owner", "owner@example.com");
  const Result result = Cx({"customers", "create", "--customer.display-name", "Thief",
                            "--customer.identities", "kind=email,value=owner@example.com"});
  EXPECT_EQ(result.code, 5) << result.err;
  EXPECT_THAT(result.err, HasSubstr("ALREADY_EXISTS"));
}

TEST_F(CxctlEndToEnd, BadFlagExitsWith2NamingTheFlag) {
  const Result result = Cx({"customers", "list", "--page-sise", "2"});
  EXPECT_EQ(result.code, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown flag --page-sise"));
  EXPECT_THAT(result.err, HasSubstr("Usage: cxctl customers list [flags]"));
}

TEST_F(CxctlEndToEnd, UnreachableServerExitsWith6) {
  const Result result =
      RunCxctl({"--server", "127.0.0.1:1", "customers", "get", "customers/1", "--timeout", "5s"});
  EXPECT_EQ(result.code, 6);
  EXPECT_THAT(result.err, HasSubstr("UNAVAILABLE"));
}

TEST_F(CxctlEndToEnd, ServerComesFromTheEnvironment) {
  const Result result = RunCxctl({"customers", "list", "--output", "json"}, "",
                                 {"CXHUB_SERVER=" + Address(), "CXHUB_TOKEN=test-token"});
  EXPECT_EQ(result.code, 0) << result.err;
  FromJson<v1::ListCustomersResponse>(result.out);
}

TEST_F(CxctlEndToEnd, HelpAndCompletionNeedNoServer) {
  Result result = RunCxctl({"customers", "merge", "--help"});
  EXPECT_EQ(result.code, 0);
  EXPECT_THAT(result.out, HasSubstr("Merges one customer into another"));
  result = RunCxctl({"completion", "bash"});
  EXPECT_EQ(result.code, 0);
  EXPECT_THAT(result.out, HasSubstr("customers/merge)"));
}

TEST_F(CxctlEndToEnd, WaitFollowsAReassignmentToItsEndWithProgressOnStderr) {
  for (int i = 0; i < 3; ++i) {
    const Result recorded =
        RecordMessageNow("email", "inbound", "e2e-reassign", absl::StrCat("reassign-", i),
                         "kind=email,value=reassigned@example.com");
    ASSERT_EQ(recorded.code, 0) << recorded.err;
  }
  const Result waited = Cx({"touchpoints", "reassign", "--wait", "--output", "json"});
  ASSERT_EQ(waited.code, 0) << waited.err;
  const auto done = FromJson<google::longrunning::Operation>(waited.out);
  EXPECT_TRUE(done.done());
  v1::ReassignTouchpointsResponse response;
  ASSERT_TRUE(done.response().UnpackTo(&response)) << waited.out;
  EXPECT_GE(response.processed(), 3);
  // Not a terminal: plain progress lines, the last one complete.
  EXPECT_THAT(waited.err, HasSubstr(done.name() + " ["));
  EXPECT_THAT(waited.err, HasSubstr("100% "));
  EXPECT_EQ(waited.err.find('\r'), std::string::npos);

  const Result again = Cx({"operations", "wait", done.name(), "--output", "json"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(FromJson<google::longrunning::Operation>(again.out).name(), done.name());
  EXPECT_THAT(again.err, HasSubstr("100% "));

  const Result table = Cx({"operations", "get", done.name()});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("done:"));
}

TEST_F(CxctlEndToEnd, SatisfactionPrintsATableAndADailyChart) {
  // New York days (UTC-5 in early March): the 3rd scores 0, 3, 9 (NPS -33.3), the 4th has no
  // answers, the 5th scores 10, 10 (NPS +100).
  const std::vector<std::pair<std::string, int>> answers = {{"2025-03-03T14:00:00Z", 0},
                                                            {"2025-03-03T15:00:00Z", 3},
                                                            {"2025-03-04T04:00:00Z", 9},
                                                            {"2025-03-05T12:00:00Z", 10},
                                                            {"2025-03-06T04:59:00Z", 10}};
  for (size_t i = 0; i < answers.size(); ++i) {
    const Result recorded =
        Cx({"interactions", "record", "--json", "-", "--output", "json"},
           absl::StrCat(R"({"interaction": {"channel": "survey", "kind": "SURVEY_RESPONSE",
                         "direction": "INBOUND", "source": "e2e-figures", "externalId": "nps-)",
                        i, R"(", "occurTime": ")", answers[i].first,
                        R"(", "survey": {"metric": "NPS", "score": )", answers[i].second,
                        R"(}}, "customerIdentities": [{"kind": "EMAIL", "value": "figures)", i,
                        R"(@example.com"}]})"));
    ASSERT_EQ(recorded.code, 0) << recorded.err;
  }
  const std::vector<std::string> query = {"analytics",
                                          "get-satisfaction",
                                          "--metric",
                                          "NPS",
                                          "--channel",
                                          "survey",
                                          "--start-time",
                                          "2025-03-03T05:00:00Z",
                                          "--end-time",
                                          "2025-03-06T05:00:00Z",
                                          "--series.granularity",
                                          "GRANULARITY_DAY",
                                          "--series.time-zone",
                                          "America/New_York"};
  const Result table = Cx(query);
  ASSERT_EQ(table.code, 0) << table.err;
  auto line = [&table](const std::string& start) {
    for (absl::string_view text : absl::StrSplit(table.out, '\n')) {
      if (absl::StartsWith(text, start)) return std::string(text);
    }
    return std::string();
  };
  EXPECT_THAT(line("surveyed.nps.score "), HasSubstr("20.0")) << table.out;
  EXPECT_THAT(line("surveyed.nps.score "), ::testing::EndsWith(" 5")) << table.out;
  EXPECT_THAT(line("surveyed.nps.promoters "), HasSubstr("3")) << table.out;
  EXPECT_THAT(line("mentioned "), HasSubstr("no answers")) << table.out;
  const std::string third = line("2025-03-03 ");
  EXPECT_THAT(third, HasSubstr("-33.3")) << table.out;
  EXPECT_THAT(third, HasSubstr("n=3 promoters=1 passives=0 detractors=2")) << table.out;
  ASSERT_NE(third.find('|'), std::string::npos) << table.out;
  EXPECT_NE(third.rfind('#', third.find('|')), std::string::npos) << table.out;
  EXPECT_EQ(third.find('#', third.find('|')), std::string::npos) << table.out;
  EXPECT_THAT(line("2025-03-04 "), HasSubstr("no answers")) << table.out;
  EXPECT_THAT(line("2025-03-05 "), HasSubstr("100.0")) << table.out;

  std::vector<std::string> json_query = query;
  json_query.insert(json_query.end(), {"--output", "json"});
  const Result json = Cx(json_query);
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(std::count(json.out.begin(), json.out.end(), '\n'), 1) << json.out;
  const auto report = FromJson<v1::SatisfactionReport>(json.out);
  EXPECT_EQ(report.surveyed().nps().promoters(), 3);
  EXPECT_EQ(report.series_size(), 3);
  EXPECT_FALSE(report.series(1).has_surveyed());
}

// `cxctl tokens issue` makes a token and its tokens-file line; a server that reads that file
// admits cxctl with the token ($CXHUB_TOKEN) at the token's role, and no one without it.
TEST(CxctlTokens, IssuedTokenIsAdmittedAtItsRoleAndOthersAreRefused) {
  const Result issued = RunCxctl({"tokens", "issue", "--name", "ops", "--role", "reader"});
  ASSERT_EQ(issued.code, 0) << issued.err;
  std::string token;
  std::string line;
  for (absl::string_view text : absl::StrSplit(issued.out, '\n')) {
    if (absl::ConsumePrefix(&text, "token: ")) token = std::string(text);
    if (absl::StartsWith(text, "ops reader ")) line = std::string(text);
  }
  ASSERT_EQ(token.size(), 64u) << issued.out;
  ASSERT_FALSE(line.empty()) << issued.out;
  EXPECT_EQ(issued.out.find(token, issued.out.find(line)), std::string::npos)
      << "the file line must hold the hash, not the token";

  const std::string dir = absl::StrCat(::testing::TempDir(), "/cxctl_tokens_", getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/tokens") << line << "\n";
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.mutable_security()->set_plaintext(true);
  config.mutable_security()->set_tokens_file(dir + "/tokens");
  config.mutable_store()->mutable_sqlite()->set_path(dir + "/cxhub.db");
  config.set_default_phone_region("PT");
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());

  Result result =
      RunCxctl({"--server", address, "customers", "list"}, "", {"CXHUB_TOKEN=" + token});
  EXPECT_EQ(result.code, 0) << result.err;
  result = RunCxctl({"--server", address, "customers", "list"});
  EXPECT_EQ(result.code, 7) << result.err;
  EXPECT_THAT(result.err, HasSubstr("UNAUTHENTICATED"));
  result = RunCxctl({"--server", address, "customers", "create", "--customer.display-name", "X"},
                    "", {"CXHUB_TOKEN=" + token});
  EXPECT_EQ(result.code, 7) << result.err;
  EXPECT_THAT(result.err, HasSubstr("requires writer"));
  (*server)->Shutdown(absl::Seconds(1));
  std::filesystem::remove_all(dir);
}

TEST(CxctlTokens, IssueWithoutANameOrWithAnUnknownRoleIsAUsageError) {
  EXPECT_EQ(RunCxctl({"tokens", "issue", "--role", "reader"}).code, 2);
  EXPECT_EQ(RunCxctl({"tokens", "issue", "--name", "ops", "--role", "root"}).code, 2);
}

TEST_F(CxctlEndToEnd, SegmentsCommandsCreateListMembersCountAndDescribeAPersona) {
  const v1::Customer member = CreateCustomer("Segment Member", "segment.member@example.com");
  const Result tagged =
      Cx({"customers", "update", "--customer.name", member.name(), "--customer.attributes",
          "cohort=cxctl-segment", "--update-mask", "attributes"});
  ASSERT_EQ(tagged.code, 0) << tagged.err;
  const Result created = Cx({"segments", "create", "--json", "-", "--output", "json"},
                            R"({"segment": {"displayName": "Cohort", "description": "Tagged",
                                "conditions": [{"attribute": {"key": "cohort",
                                                              "value": "cxctl-segment"}}]}})");
  ASSERT_EQ(created.code, 0) << created.err;
  const auto segment = FromJson<v1::Segment>(created.out);
  EXPECT_THAT(segment.name(), StartsWith("segments/"));

  const Result members =
      Cx({"segments", "list-members", "--parent", segment.name(), "--output", "json"});
  ASSERT_EQ(members.code, 0) << members.err;
  const auto listed = FromJson<v1::ListSegmentMembersResponse>(members.out);
  ASSERT_EQ(listed.members_size(), 1);
  EXPECT_EQ(listed.members(0), member.name());

  const Result counts = Cx({"segments", "count-members", "--name", "segments/-"});
  ASSERT_EQ(counts.code, 0) << counts.err;
  EXPECT_THAT(counts.out, HasSubstr("Cohort"));

  const Result persona =
      Cx({"segments", "get-persona", "--name", segment.name(), "--output", "json"});
  ASSERT_EQ(persona.code, 0) << persona.err;
  EXPECT_EQ(FromJson<v1::Persona>(persona.out).members(), 1);
  EXPECT_EQ(Cx({"segments", "get", "segments/987654"}).code, 4);
}

TEST_F(CxctlEndToEnd, ExportsACustomerToAFileOfJsonLines) {
  const v1::Customer customer = CreateCustomer("Rui Costa", "rui.costa@example.pt");
  ASSERT_EQ(RecordMessageNow("email", "inbound", "cli-export", "rui-1",
                             "kind=email,value=rui.costa@example.pt")
                .code,
            0);
  const std::string path = absl::StrCat(::testing::TempDir(), "/cxctl_export_", getpid(), ".jsonl");
  const Result exported = Cx(
      {"privacy", "export-customer", customer.name(), "--output", "json", "--output-file", path});
  ASSERT_EQ(exported.code, 0) << exported.err;
  EXPECT_EQ(exported.out, "");
  const std::vector<std::string> lines = absl::StrSplit(ReadFile(path), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << ReadFile(path);
  const v1::ExportCustomerResponse first = FromJson<v1::ExportCustomerResponse>(lines[0]);
  EXPECT_EQ(first.customer().name(), customer.name());
  const v1::ExportCustomerResponse second = FromJson<v1::ExportCustomerResponse>(lines[1]);
  EXPECT_EQ(second.interaction().external_id(), "rui-1");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace cxhub
