#include "clients/cxctl/report/journey_map_dot.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cxctl/report/journey_stage_name.h"
#include "clients/cxctl/report/markup_text.h"

namespace cxhub::cxctl {
namespace {

constexpr double kMinPenWidth = 1.0;
constexpr double kMaxPenWidth = 6.0;

// Graphviz HTML-like label text: markup-escaped, and never empty (an empty <B></B> is an error).
std::string LabelText(absl::string_view text) {
  return text.empty() ? "&#160;" : MarkupEscape(text);
}

std::string StageNodeLabel(const v1::JourneyMapStage& stage) {
  const bool none = stage.touchpoint().empty();
  const std::string name = none                           ? "No touchpoint"
                           : stage.display_name().empty() ? stage.touchpoint()
                                                          : stage.display_name();
  std::string label = absl::StrCat("<<B>", LabelText(name), "</B><BR/>", stage.interactions(),
                                   " interactions, ", stage.customers(), " customers");
  if (stage.has_nps()) {
    absl::StrAppend(&label, absl::StrFormat("<BR/>NPS %+.0f (n=%d)", stage.nps().score(),
                                            stage.nps().answers()));
  }
  if (!none && (stage.journeys_starting() > 0 || stage.journeys_ending() > 0)) {
    absl::StrAppend(&label, "<BR/>", stage.journeys_starting(), " start, ", stage.journeys_ending(),
                    " end here");
  }
  return label + ">";
}

// Assigns node identifiers t0, t1, ... to touchpoint resource names, in first-seen order.
class NodeIds {
 public:
  // The identifier of `touchpoint`, and whether it was new.
  std::pair<std::string, bool> Of(const std::string& touchpoint) {
    auto [it, added] = ids_.emplace(touchpoint, absl::StrCat("t", ids_.size()));
    return {it->second, added};
  }

 private:
  std::map<std::string, std::string> ids_;
};

void AppendStageClusters(const v1::JourneyMap& map, NodeIds& ids, std::string& dot) {
  std::map<int, std::vector<const v1::JourneyMapStage*>> by_stage;  // Journey order.
  const v1::JourneyMapStage* without_touchpoint = nullptr;
  for (const v1::JourneyMapStage& stage : map.stages()) {
    if (stage.touchpoint().empty()) {
      without_touchpoint = &stage;
    } else {
      by_stage[stage.stage()].push_back(&stage);
    }
  }
  for (const auto& [stage, nodes] : by_stage) {
    absl::StrAppend(&dot, "  subgraph cluster_stage_", stage, " {\n    label=",
                    DotQuoted(JourneyStageName(static_cast<v1::JourneyStage>(stage))),
                    "; style=rounded; color=\"#9aa5b1\";\n");
    for (const v1::JourneyMapStage* node : nodes) {
      const auto [id, added] = ids.Of(node->touchpoint());
      if (!added) continue;  // Listed twice by the server: drawn once.
      absl::StrAppend(&dot, "    ", id, " [label=", StageNodeLabel(*node), "];\n");
    }
    dot += "  }\n";
  }
  if (without_touchpoint != nullptr) {
    absl::StrAppend(&dot,
                    "  subgraph cluster_no_touchpoint {\n"
                    "    label=\"Not at a touchpoint\"; style=dashed; color=\"#9aa5b1\";\n"
                    "    no_touchpoint [style=\"dashed\", label=",
                    StageNodeLabel(*without_touchpoint), "];\n  }\n");
  }
}

void AppendTransitions(const v1::JourneyMap& map, NodeIds& ids, std::string& dot) {
  int64_t most = 1;
  for (const v1::JourneyTransition& move : map.transitions()) most = std::max(most, move.moves());
  for (const v1::JourneyTransition& move : map.transitions()) {
    std::string ends[2];
    const std::string* touchpoints[2] = {&move.from_touchpoint(), &move.to_touchpoint()};
    for (int i = 0; i < 2; ++i) {
      const auto [id, added] = ids.Of(*touchpoints[i]);
      if (added) {
        absl::StrAppend(&dot, "  ", id, " [label=<<B>", LabelText(*touchpoints[i]), "</B>>];\n");
      }
      ends[i] = id;
    }
    const double width = kMinPenWidth + (kMaxPenWidth - kMinPenWidth) *
                                            static_cast<double>(move.moves()) /
                                            static_cast<double>(most);
    absl::StrAppend(&dot, "  ", ends[0], " -> ", ends[1],
                    absl::StrFormat(" [penwidth=%.2f, weight=%d, label=\"%d\"];\n", width,
                                    move.moves(), move.moves()));
  }
}

}  // namespace

std::string DotQuoted(absl::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

std::string JourneyMapDot(const v1::JourneyMap& map) {
  std::string dot =
      "digraph journey_map {\n"
      "  rankdir=LR;\n"
      "  graph [fontname=\"DejaVu Sans\", fontsize=11, nodesep=0.3, ranksep=0.6];\n"
      "  node [shape=box, style=\"rounded\", fontname=\"DejaVu Sans\", fontsize=10];\n"
      "  edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"#3e6fa8\"];\n";
  if (map.stages().empty() && map.transitions().empty()) {
    dot += "  empty [shape=plaintext, label=\"No interactions in the range\"];\n";
  }
  NodeIds ids;
  AppendStageClusters(map, ids, dot);
  AppendTransitions(map, ids, dot);
  return dot + "}\n";
}

}  // namespace cxhub::cxctl
