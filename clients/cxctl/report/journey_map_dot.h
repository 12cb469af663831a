// A journey map (cxhub.v1.JourneyMap) as a Graphviz DOT graph, read left to right: one node per
// touchpoint, with its interactions, customers and NPS, grouped in a cluster per journey stage in
// the order of the journey (awareness to loyalty); one edge per transition, its width and label
// the number of moves. The interactions with no touchpoint are a node in a cluster of their own,
// with no edges (they are never a step of a journey).
#ifndef CXHUB_CLIENTS_CXCTL_REPORT_JOURNEY_MAP_DOT_H_
#define CXHUB_CLIENTS_CXCTL_REPORT_JOURNEY_MAP_DOT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "cxhub/v1/journey.pb.h"

namespace cxhub::cxctl {

// The DOT source of `map`. Node identifiers are made by the writer (t0, t1, ...), so no name
// from the server is ever parsed as DOT; names appear only as escaped label text. Two touchpoints
// with the same display name are two nodes; a transition naming a touchpoint that is not among
// the stages gets a node labelled with its resource name. An empty map is a graph with one note.
std::string JourneyMapDot(const v1::JourneyMap& map);

// `text` as a DOT double-quoted string, quotes included ("a \"b\"").
std::string DotQuoted(absl::string_view text);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_REPORT_JOURNEY_MAP_DOT_H_
