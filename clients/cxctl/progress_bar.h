// Shows how far a long-running operation has got, on stderr: a bar redrawn in place on a
// terminal, else one plain line per change (for logs and pipes).
#ifndef CXHUB_CLIENTS_CXCTL_PROGRESS_BAR_H_
#define CXHUB_CLIENTS_CXCTL_PROGRESS_BAR_H_

#include <ostream>
#include <string>

#include "clients/cxctl/operation_progress.h"

namespace cxhub::cxctl {

// Not thread-safe. Borrows `out`.
class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

  // Shows `progress` unless it says nothing new.
  void Update(const OperationProgress& progress);
  // Ends the bar's line (on a terminal), so what follows starts on a line of its own.
  void Finish();

 private:
  std::ostream& out_;
  const bool terminal_;
  std::string last_;  // What was last shown.
};

// "operations/7 [##########----------]  50% 500/1000", or without the bar when the total is
// not known: "operations/7 500 processed"; "operations/7 running" with no figures at all.
std::string ProgressLine(const OperationProgress& progress);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_PROGRESS_BAR_H_
