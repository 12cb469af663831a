// The last stage of cxctl's command line, on the widget test table: --json, then the flags,
// then NAME make the request(s).
#include "clients/cxctl/request_builder.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cxctl/flag_schema.h"
#include "clients/cxctl/help_text.h"
#include "cxctl_test/v1/widget.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cxctl/table_lookup.h"

namespace cxhub::cxctl {
namespace {

using cxctl_test::v1::FrobnicateWidgetRequest;
using ::testing::HasSubstr;

const MethodSpec& Frobnicate() { return *FindMethod("widgets", "frobnicate"); }

// The flag of the frobnicate request called `name`, with `value`.
FlagValue Flag(const std::string& name, const std::string& value) {
  const CommentLookup comments = [](const std::string& full_name) {
    return FindComment(GeneratedCommandTable(), full_name);
  };
  for (FlagSpec& flag : RequestFlags(Frobnicate().request_descriptor(), comments)) {
    if (flag.name == name) return {std::move(flag), value};
  }
  ADD_FAILURE() << "no flag --" << name;
  return {};
}

std::vector<FrobnicateWidgetRequest> Build(const MethodSpec& method, const RequestInput& input,
                                           const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  absl::StatusOr<std::vector<std::unique_ptr<google::protobuf::Message>>> requests =
      BuildRequests(method, input, in);
  EXPECT_TRUE(requests.ok()) << requests.status();
  std::vector<FrobnicateWidgetRequest> out;
  if (!requests.ok()) return out;
  for (const auto& request : *requests) {
    out.emplace_back().CopyFrom(*request);
  }
  return out;
}

std::string ErrorOf(const RequestInput& input) {
  std::istringstream in;
  absl::StatusOr<std::vector<std::unique_ptr<google::protobuf::Message>>> requests =
      BuildRequests(Frobnicate(), input, in);
  EXPECT_EQ(requests.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(requests.status().message());
}

TEST(RequestBuilder, WithoutInputBuildsOneEmptyRequest) {
  const std::vector<FrobnicateWidgetRequest> requests = Build(Frobnicate(), {});
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].ByteSizeLong(), 0u);
}

TEST(RequestBuilder, FlagsGoOnTopOfTheJsonAndNameOnTopOfBoth) {
  const RequestInput input{
      R"({"name": "widgets/json", "intensity": 1, "widget": {"title": "From JSON"}})",
      {Flag("intensity", "5"), Flag("widget.tags", "a"), Flag("widget.tags", "b")},
      "widgets/name"};
  const std::vector<FrobnicateWidgetRequest> requests = Build(Frobnicate(), input);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].name(), "widgets/name");
  EXPECT_EQ(requests[0].intensity(), 5);
  EXPECT_EQ(requests[0].widget().title(), "From JSON");
  EXPECT_THAT(requests[0].widget().tags(), ::testing::ElementsAre("a", "b"));
}

TEST(RequestBuilder, JsonComesFromAFileOrStdin) {
  const std::string path = ::testing::TempDir() + "/request_builder.json";
  std::ofstream(path) << R"({"intensity": 7})";
  EXPECT_EQ(Build(Frobnicate(), {"@" + path, {}, std::nullopt})[0].intensity(), 7);

  // A unary call takes all of stdin as one document, line breaks and all.
  const std::vector<FrobnicateWidgetRequest> requests =
      Build(Frobnicate(), {"-", {}, std::nullopt}, "{\"intensity\":\n 8}\n");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].intensity(), 8);
}

TEST(RequestBuilder, AClientStreamTakesOneRequestPerLineOfStdin) {
  MethodSpec streaming = Frobnicate();
  streaming.client_streaming = true;
  const std::vector<FrobnicateWidgetRequest> requests =
      Build(streaming, {"-", {Flag("widget.title", "Same")}, "widgets/1"},
            "{\"intensity\": 1}\n\n  \n{\"intensity\": 2}\n");
  ASSERT_EQ(requests.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(requests[i].intensity(), i + 1);
    EXPECT_EQ(requests[i].widget().title(), "Same");
    EXPECT_EQ(requests[i].name(), "widgets/1");
  }
}

TEST(RequestBuilder, ErrorsNameTheFlag) {
  EXPECT_THAT(ErrorOf({"{not json", {}, std::nullopt}),
              HasSubstr("--json: not a valid cxctl_test.v1.FrobnicateWidgetRequest"));
  EXPECT_EQ(ErrorOf({"@/nonexistent/request.json", {}, std::nullopt}),
            "--json: cannot read /nonexistent/request.json");
  EXPECT_EQ(ErrorOf({std::nullopt, {Flag("intensity", "ten")}, std::nullopt}),
            "--intensity: \"ten\" is not a valid int32");
}

}  // namespace
}  // namespace cxhub::cxctl
