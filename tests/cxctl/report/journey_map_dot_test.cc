// The journey map as DOT: names escaped, repeated names kept apart, the no-touchpoint stage
// apart, an empty map still a graph; and dot itself accepts what the writer makes.
#include "clients/cxctl/report/journey_map_dot.h"

#include <string>

#include "absl/strings/match.h"
#include "clients/cxctl/report/graphviz_svg.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cxctl/report/occurrences.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::JourneyMapStage* AddStage(v1::JourneyMap& map, const std::string& touchpoint,
                              const std::string& name, v1::JourneyStage stage,
                              int64_t interactions) {
  v1::JourneyMapStage* added = map.add_stages();
  added->set_touchpoint(touchpoint);
  added->set_display_name(name);
  added->set_stage(stage);
  added->set_interactions(interactions);
  added->set_customers(interactions / 2);
  return added;
}

void AddMove(v1::JourneyMap& map, const std::string& from, const std::string& to, int64_t moves) {
  v1::JourneyTransition* move = map.add_transitions();
  move->set_from_touchpoint(from);
  move->set_to_touchpoint(to);
  move->set_moves(moves);
}

TEST(JourneyMapDot, EscapesNamesAsLabelTextNeverAsDot) {
  v1::JourneyMap map;
  AddStage(map, "touchpoints/1", "Order \"now\" <b>&</b> 'go' \\ {x}", v1::JOURNEY_STAGE_PURCHASE,
           4);
  const std::string dot = JourneyMapDot(map);
  EXPECT_THAT(dot, HasSubstr("Order &quot;now&quot; &lt;b&gt;&amp;&lt;/b&gt; &#39;go&#39; \\ {x}"));
  EXPECT_THAT(dot, Not(HasSubstr("<b>")));
  EXPECT_THAT(dot, HasSubstr("4 interactions, 2 customers"));
  EXPECT_EQ(DotQuoted("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c d\"");
}

TEST(JourneyMapDot, TwoTouchpointsOfTheSameNameAreTwoNodes) {
  v1::JourneyMap map;
  AddStage(map, "touchpoints/1", "Help", v1::JOURNEY_STAGE_SERVICE, 4);
  AddStage(map, "touchpoints/2", "Help", v1::JOURNEY_STAGE_SERVICE, 2);
  AddMove(map, "touchpoints/1", "touchpoints/2", 3);
  const std::string dot = JourneyMapDot(map);
  EXPECT_THAT(dot, HasSubstr("t0 [label="));
  EXPECT_THAT(dot, HasSubstr("t1 [label="));
  EXPECT_THAT(dot, HasSubstr("t0 -> t1 ["));
  EXPECT_THAT(dot, HasSubstr("label=\"3\""));
  EXPECT_EQ(Occurrences(dot, "<B>Help</B>"), 2);
}

TEST(JourneyMapDot, GroupsByStageInJourneyOrderAndKeepsNoTouchpointApart) {
  v1::JourneyMap map;
  AddStage(map, "touchpoints/9", "Help", v1::JOURNEY_STAGE_SERVICE, 6);
  AddStage(map, "", "", v1::JOURNEY_STAGE_UNSPECIFIED, 5);
  AddStage(map, "touchpoints/3", "Order", v1::JOURNEY_STAGE_PURCHASE, 3);
  AddMove(map, "touchpoints/3", "touchpoints/9", 2);
  // A transition to a touchpoint the stages do not list still has a node.
  AddMove(map, "touchpoints/9", "touchpoints/77", 1);
  const std::string dot = JourneyMapDot(map);
  const size_t purchase = dot.find("label=\"Purchase\"");
  const size_t service = dot.find("label=\"Service\"");
  ASSERT_NE(purchase, std::string::npos);
  ASSERT_NE(service, std::string::npos);
  EXPECT_LT(purchase, service);
  EXPECT_THAT(dot, HasSubstr("cluster_no_touchpoint"));
  EXPECT_THAT(dot, HasSubstr("<B>No touchpoint</B><BR/>5 interactions"));
  EXPECT_THAT(dot, Not(HasSubstr("no_touchpoint ->")));
  EXPECT_THAT(dot, Not(HasSubstr("-> no_touchpoint")));
  EXPECT_THAT(dot, HasSubstr("<B>touchpoints/77</B>"));
}

TEST(JourneyMapDot, ShowsNpsWhereThereIsOne) {
  v1::JourneyMap map;
  v1::JourneyMapStage* stage =
      AddStage(map, "touchpoints/1", "Order", v1::JOURNEY_STAGE_PURCHASE, 4);
  stage->mutable_nps()->set_score(25);
  stage->mutable_nps()->set_answers(4);
  AddStage(map, "touchpoints/2", "Help", v1::JOURNEY_STAGE_SERVICE, 4);
  const std::string dot = JourneyMapDot(map);
  EXPECT_EQ(Occurrences(dot, "NPS "), 1);
  EXPECT_THAT(dot, HasSubstr("NPS +25 (n=4)"));
}

TEST(JourneyMapDot, AnEmptyMapIsAGraphThatSaysSo) {
  const std::string dot = JourneyMapDot(v1::JourneyMap());
  EXPECT_TRUE(absl::StartsWith(dot, "digraph journey_map {"));
  EXPECT_THAT(dot, HasSubstr("No interactions in the range"));
  EXPECT_TRUE(absl::EndsWith(dot, "}\n"));
}

TEST(JourneyMapDot, GraphvizDrawsItAsSvg) {
  v1::JourneyMap map;
  AddStage(map, "touchpoints/1", "Order <&> \"x\"", v1::JOURNEY_STAGE_PURCHASE, 4);
  AddStage(map, "touchpoints/2", "Help", v1::JOURNEY_STAGE_SERVICE, 2);
  AddStage(map, "", "", v1::JOURNEY_STAGE_UNSPECIFIED, 1);
  AddMove(map, "touchpoints/1", "touchpoints/2", 3);
  absl::StatusOr<std::string> svg = RenderDotAsSvg(JourneyMapDot(map));
  ASSERT_TRUE(svg.ok()) << svg.status();
  const std::string inline_svg = InlineSvg(*svg);
  EXPECT_TRUE(absl::StartsWith(inline_svg, "<svg")) << inline_svg.substr(0, 200);
  EXPECT_THAT(inline_svg, HasSubstr("Order &lt;&amp;&gt; &quot;x&quot;"));
  EXPECT_THAT(inline_svg, HasSubstr("No touchpoint"));
  EXPECT_TRUE(RenderDotAsSvg(JourneyMapDot(v1::JourneyMap())).ok());
}

TEST(GraphvizSvg, NamesTheProgramItCannotRunAndReportsDotsComplaint) {
  absl::StatusOr<std::string> missing = RenderDotAsSvg("digraph {}", "/nonexistent/dot");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/dot"));
  absl::StatusOr<std::string> refused = RenderDotAsSvg("digraph { a -> ");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("syntax error"));
}

}  // namespace
}  // namespace cxhub::cxctl
