// cxhubd started inside the cxload process, as the other benchmarks start it: on a fresh
// SQLite store in a temporary directory, plain text on loopback, without auth, with its metrics
// endpoint on a free loopback port (cxload reads the group commit's counters there).
#ifndef CXHUB_BENCHMARKS_CXLOAD_IN_PROCESS_SERVER_H_
#define CXHUB_BENCHMARKS_CXLOAD_IN_PROCESS_SERVER_H_

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/server.h"

namespace cxhub::cxload {

class InProcessServer {
 public:
  // Creates the directory and starts the server on a free port.
  static absl::StatusOr<std::unique_ptr<InProcessServer>> Start();

  // Shuts the server down (letting calls in flight finish for up to 5 s) and removes the
  // directory.
  ~InProcessServer();

  InProcessServer(const InProcessServer&) = delete;
  InProcessServer& operator=(const InProcessServer&) = delete;

  // host:port to call.
  const std::string& target() const { return target_; }
  const std::filesystem::path& database() const { return database_; }
  // host:port of the metrics endpoint.
  const std::string& metrics_address() const { return metrics_address_; }

 private:
  InProcessServer(std::filesystem::path directory, std::unique_ptr<Server> server);

  std::filesystem::path directory_;
  std::filesystem::path database_;
  std::unique_ptr<Server> server_;
  std::string target_;
  std::string metrics_address_;
};

}  // namespace cxhub::cxload

#endif  // CXHUB_BENCHMARKS_CXLOAD_IN_PROCESS_SERVER_H_
