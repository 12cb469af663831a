// Settings of the whole process that serves, made once before Server::Start (by cxhubd, and by
// the benchmarks that start the server in-process, so that they measure what cxhubd runs; cxload
// makes them as a client of another cxhubd too).
#ifndef CXHUB_SERVER_PROCESS_SETTINGS_H_
#define CXHUB_SERVER_PROCESS_SETTINGS_H_

namespace cxhub {

// Turns off Abseil's mutex deadlock detection. Debian's Abseil is built with it on, so every
// absl::Mutex acquisition (gRPC's own among them) updates a lock-order graph: about 3% of a
// loaded server's CPU by perf, 5-12% of cxload's calls/s. Tests leave it on, where a lock-order
// cycle should abort.
void ApplyServingProcessSettings();

}  // namespace cxhub

#endif  // CXHUB_SERVER_PROCESS_SETTINGS_H_
