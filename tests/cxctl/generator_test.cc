// protoc-gen-cxctl run on tests/cxctl/cxctl_test/v1/widget.proto at build time: the RPCs
// of a proto nobody wrote CLI code for become documented commands whose flags set every kind of
// field.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cxctl/cli.h"
#include "clients/cxctl/command_table.h"
#include "clients/cxctl/exit_codes.h"
#include "cxctl_test/v1/widget.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/cxctl/table_lookup.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunCli(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = Run(GeneratedCommandTable(), args, Environment{}, in, out, err);
  return {code, out.str(), err.str()};
}

ParsedCommand Parse(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  return ParseCommandLine(GeneratedCommandTable(), args, Environment{}, in);
}

cxctl_test::v1::FrobnicateWidgetRequest AsFrobnicate(const ParsedCommand& parsed) {
  cxctl_test::v1::FrobnicateWidgetRequest request;
  EXPECT_EQ(parsed.requests.size(), 1u);
  if (!parsed.requests.empty()) request.CopyFrom(*parsed.requests[0]);
  return request;
}

TEST(Generator, NewRpcBecomesACommandWithItsComment) {
  const MethodSpec* method = FindMethod("widgets", "frobnicate");
  ASSERT_NE(method, nullptr);
  EXPECT_STREQ(method->full_method, "/cxctl_test.v1.WidgetService/FrobnicateWidget");
  EXPECT_STREQ(method->request_type, "cxctl_test.v1.FrobnicateWidgetRequest");
  EXPECT_STREQ(method->response_type, "cxctl_test.v1.Widget");
  EXPECT_STREQ(method->comment,
               "Frobnicates a widget until it shines. Nobody wrote code for this command.");
  EXPECT_FALSE(method->server_streaming);
  EXPECT_EQ(method->request_descriptor(), cxctl_test::v1::FrobnicateWidgetRequest::descriptor());
}

TEST(Generator, NamesGroupsAndVerbsForPeople) {
  EXPECT_NE(FindMethod("widgets", "get"), nullptr);
  EXPECT_NE(FindMethod("widgets", "list"), nullptr);
  ASSERT_NE(FindMethod("widgets", "watch"), nullptr);
  EXPECT_TRUE(FindMethod("widgets", "watch")->server_streaming);
  EXPECT_NE(FindMethod("dead-letters", "retry"), nullptr);
  EXPECT_NE(FindMethod("dead-letters", "list"), nullptr);
  const CommandTable& table = GeneratedCommandTable();
  ASSERT_EQ(table.service_count, 2u);
  EXPECT_STREQ(table.services[0].comment, "Widgets: the things of the test catalog.");
}

TEST(Generator, CommandHelpShowsTheCommentsTypesAndRequiredFields) {
  const Result result = RunCli({"widgets", "frobnicate", "--help"});
  EXPECT_EQ(result.code, kExitOk);
  EXPECT_THAT(result.out, HasSubstr("Usage: cxctl widgets frobnicate NAME [flags]"));
  EXPECT_THAT(result.out, HasSubstr("Frobnicates a widget until it shines."));
  EXPECT_THAT(result.out, HasSubstr("--intensity int32  [Required]"));
  EXPECT_THAT(result.out, HasSubstr("How hard to frobnicate, 1 to 11. Required."));
  EXPECT_THAT(result.out, HasSubstr("--widget.title string  [Required with --widget.*]"));
  EXPECT_THAT(result.out, HasSubstr("--widget.color RED|BLUE"));
  EXPECT_THAT(result.out, HasSubstr("Like a ripe tomato."));
  EXPECT_THAT(result.out, HasSubstr("--widget.made-time RFC3339"));
  EXPECT_THAT(result.out, HasSubstr("--widget.warranty DURATION"));
  EXPECT_THAT(result.out, HasSubstr("--update-mask PATH,..."));
  EXPECT_THAT(result.out, HasSubstr("--widget.labels KEY=VALUE  [repeatable]"));
  EXPECT_THAT(result.out, HasSubstr("--widget.tags string  [repeatable]"));
  EXPECT_THAT(result.out, HasSubstr("--widget.main-part.label string"));
  // Output-only fields are not flags.
  EXPECT_THAT(result.out, Not(HasSubstr("--widget.create-time")));
}

TEST(Generator, GroupAndRootHelpShowTheServiceComments) {
  const Result group = RunCli({"widgets", "--help"});
  EXPECT_EQ(group.code, kExitOk);
  EXPECT_THAT(group.out, HasSubstr("Widgets: the things of the test catalog."));
  EXPECT_THAT(group.out, HasSubstr("frobnicate"));
  EXPECT_THAT(group.out, HasSubstr("Frobnicates a widget until it shines."));

  const Result root = RunCli({"--help"});
  EXPECT_EQ(root.code, kExitOk);
  EXPECT_THAT(root.out, HasSubstr("dead-letters"));
  EXPECT_THAT(root.out, HasSubstr("Dead letters: records that could not be ingested."));
  EXPECT_THAT(root.out, HasSubstr("4  NOT_FOUND"));
  EXPECT_EQ(RunCli({"help", "widgets", "frobnicate"}).out,
            RunCli({"widgets", "frobnicate", "--help"}).out);
}

TEST(Generator, CompletionScriptsKnowTheNewCommandAndItsFlags) {
  const Result bash = RunCli({"completion", "bash"});
  EXPECT_EQ(bash.code, kExitOk);
  EXPECT_THAT(bash.out, HasSubstr("widgets/frobnicate) candidates='--name --intensity"));
  EXPECT_THAT(bash.out, HasSubstr("--widget.color) COMPREPLY=($(compgen -W 'RED BLUE'"));
  EXPECT_THAT(bash.out, HasSubstr("complete -F _cxctl cxctl"));
  const Result zsh = RunCli({"completion", "zsh"});
  EXPECT_THAT(zsh.out, HasSubstr("#compdef cxctl"));
  EXPECT_THAT(zsh.out, HasSubstr("'frobnicate:Frobnicates a widget until it shines.'"));
  EXPECT_THAT(zsh.out, HasSubstr("'--intensity:How hard to frobnicate, 1 to 11.'"));

  // The bash script is valid bash.
  const std::string path = ::testing::TempDir() + "/cxctl.bash";
  std::ofstream(path) << bash.out;
  EXPECT_EQ(std::system(("bash -n " + path).c_str()), 0);
}

TEST(Generator, FlagsSetEveryKindOfField) {
  const ParsedCommand parsed = Parse({
      "widgets",
      "frobnicate",
      "widgets/7",  //
      "--intensity",
      "11",  //
      "--widget.title",
      "Sprocket",  //
      "--widget.color",
      "blue",  //
      "--widget.serial",
      "-42",               //
      "--widget.batch=7",  //
      "--widget.big",
      "18446744073709551615",  //
      "--widget.weight",
      "2.5",  //
      "--widget.ratio",
      "0.25",             //
      "--widget.active",  //
      "--widget.blob",
      "raw bytes",  //
      "--widget.tags",
      "a",
      "--widget.tags",
      "b,c",  //
      "--widget.palette",
      "RED",
      "--widget.palette",
      "Blue",  //
      "--widget.parts",
      "label=x,color=red,count=2",  //
      "--widget.parts",
      R"({"label": "y", "count": 3})",  //
      "--widget.labels",
      "k=v=w",
      "--widget.labels",
      "empty=",  //
      "--widget.counts",
      "n=3",  //
      "--widget.made-time",
      "2024-05-01T10:00:00.5+01:00",  //
      "--widget.warranty",
      "1.5s",  //
      "--widget.rating",
      "4",  //
      "--widget.extra",
      R"({"a": [1, "two"]})",  //
      "--widget.main-part.label",
      "m",  //
      "--widget.main_part.count",
      "9",  //
      "--widget.spare.title",
      "inner",  //
      "--update-mask",
      "title, main-part.label",  //
  });
  ASSERT_EQ(parsed.kind, ParsedCommand::Kind::kCall) << parsed.text;
  cxctl_test::v1::FrobnicateWidgetRequest expected;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        name: "widgets/7"
        intensity: 11
        widget {
          title: "Sprocket"
          color: BLUE
          serial: -42
          batch: 7
          big: 18446744073709551615
          weight: 2.5
          ratio: 0.25
          active: true
          blob: "raw bytes"
          tags: [ "a", "b,c" ]
          palette: [ RED, BLUE ]
          parts { label: "x" color: RED count: 2 }
          parts { label: "y" count: 3 }
          labels { key: "k" value: "v=w" }
          labels { key: "empty" value: "" }
          counts { key: "n" value: 3 }
          made_time { seconds: 1714554000 nanos: 500000000 }
          warranty { seconds: 1 nanos: 500000000 }
          rating { value: 4 }
          extra {
            fields {
              key: "a"
              value {
                list_value {
                  values { number_value: 1 }
                  values { string_value: "two" }
                }
              }
            }
          }
          main_part { label: "m" count: 9 }
          spare { title: "inner" }
        }
        update_mask { paths: [ "title", "main_part.label" ] }
      )pb",
      &expected));
  const cxctl_test::v1::FrobnicateWidgetRequest actual = AsFrobnicate(parsed);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(actual, expected))
      << actual.DebugString();
}

TEST(Generator, JsonAndFlagsCombine) {
  const ParsedCommand parsed =
      Parse({"widgets", "frobnicate", "--json", R"({"name": "widgets/1", "intensity": 3,
             "widget": {"title": "From JSON", "color": "RED"}})",
             "--intensity", "5"});
  ASSERT_EQ(parsed.kind, ParsedCommand::Kind::kCall) << parsed.text;
  const auto request = AsFrobnicate(parsed);
  EXPECT_EQ(request.name(), "widgets/1");
  EXPECT_EQ(request.intensity(), 5);  // The flag wins.
  EXPECT_EQ(request.widget().title(), "From JSON");
  EXPECT_EQ(request.widget().color(), cxctl_test::v1::RED);
}

struct BadFlag {
  std::vector<std::string> args;
  std::string error;  // Expected in the error message.
};

class GeneratorBadFlag : public ::testing::TestWithParam<BadFlag> {};

TEST_P(GeneratorBadFlag, IsAUsageErrorNamingTheFlag) {
  std::vector<std::string> args = {"widgets", "frobnicate"};
  args.insert(args.end(), GetParam().args.begin(), GetParam().args.end());
  const Result result = RunCli(args);
  EXPECT_EQ(result.code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr(GetParam().error));
  EXPECT_THAT(result.err, HasSubstr("Usage: cxctl widgets frobnicate NAME [flags]"));
  EXPECT_EQ(result.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Flags, GeneratorBadFlag,
    ::testing::Values(
        BadFlag{{"--nope", "1"}, "unknown flag --nope for 'cxctl widgets frobnicate'"},
        BadFlag{{"--intensity", "ten"}, "--intensity: \"ten\" is not a valid int32"},
        BadFlag{{"--intensity"}, "flag --intensity needs a value"},
        BadFlag{{"--widget.batch", "-1"}, "--widget.batch: \"-1\" is not a valid uint32"},
        BadFlag{{"--widget.active=maybe"}, "--widget.active: \"maybe\" is not a valid bool"},
        BadFlag{{"--widget.color", "green"}, "--widget.color: \"green\" is not one of RED, BLUE"},
        BadFlag{{"--widget.made-time", "yesterday"}, "--widget.made-time: \"yesterday\" is not"},
        BadFlag{{"--widget.warranty", "90"}, "--widget.warranty: \"90\" is not a duration"},
        BadFlag{{"--widget.labels", "novalue"}, "--widget.labels: \"novalue\" is not KEY=VALUE"},
        BadFlag{{"--widget.counts", "n=x"}, "--widget.counts: \"x\" is not a valid int32"},
        BadFlag{{"--widget.parts", "size=3"}, "--widget.parts: Part has no field \"size\""},
        BadFlag{{"--widget.create-time", "now"}, "unknown flag --widget.create-time"},
        BadFlag{{"--json", "{not json"},
                "--json: not a valid cxctl_test.v1.FrobnicateWidgetRequest"},
        BadFlag{{"--json", "@/nonexistent/request.json"}, "--json: cannot read"},
        BadFlag{{"--output", "yaml"}, "--output: \"yaml\" is not table or json"},
        BadFlag{{"--all"}, "--all works only with list commands"},
        BadFlag{{"--timeout", "soon"}, "--timeout: \"soon\" is not a duration"},
        BadFlag{{"widgets/1", "widgets/2"}, "unexpected argument \"widgets/2\""}));

TEST(Generator, UnknownCommandsAreUsageErrors) {
  Result result = RunCli({"gadgets", "list"});
  EXPECT_EQ(result.code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("unknown command group \"gadgets\""));
  result = RunCli({"widgets", "polish"});
  EXPECT_EQ(result.code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("unknown command \"polish\" in group widgets"));
  EXPECT_THAT(result.err, HasSubstr("Frobnicates a widget"));  // The group's help.
}

}  // namespace
}  // namespace cxhub::cxctl
