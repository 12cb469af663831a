// Graphviz's `dot` (Debian's graphviz package) run as a child process to lay out a DOT graph as
// SVG.
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_GRAPHVIZ_SVG_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_GRAPHVIZ_SVG_H_

#include <string>

#include "absl/status/statusor.h"

namespace cxhub::cxctl {

// The SVG document `dot -Tsvg` makes of `dot_source`. `dot_program` is the path or the name (in
// PATH) of the program. NOT_FOUND when it cannot be started (Graphviz not installed);
// INVALID_ARGUMENT with dot's message when it refuses the graph.
absl::StatusOr<std::string> RenderDotAsSvg(const std::string& dot_source,
                                           const std::string& dot_program = "dot");

// `svg` (a whole SVG document, as dot writes it) without the XML declaration, DOCTYPE and
// comments before its <svg> element, so it can be placed inside an HTML page.
std::string InlineSvg(const std::string& svg);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_GRAPHVIZ_SVG_H_
