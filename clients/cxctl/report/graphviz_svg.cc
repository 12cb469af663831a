#include "clients/cxctl/report/graphviz_svg.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/cxctl/report/child_process.h"

namespace cxhub::cxctl {

absl::StatusOr<std::string> RenderDotAsSvg(const std::string& dot_source,
                                           const std::string& dot_program) {
  absl::StatusOr<ChildProcessResult> run = RunChildProcess({dot_program, "-Tsvg"}, dot_source);
  if (!run.ok()) {
    return absl::NotFoundError(
        absl::StrCat(run.status().message(), " (Graphviz: apt-get install graphviz)"));
  }
  if (run->exit_code != 0) {
    return absl::InvalidArgumentError(absl::StrCat(dot_program, " exited with ", run->exit_code,
                                                   ": ", absl::StripAsciiWhitespace(run->err)));
  }
  return std::move(run->out);
}

std::string InlineSvg(const std::string& svg) {
  const size_t start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

}  // namespace cxhub::cxctl
