#include "benchmarks/cxload/in_process_server.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/harness/bench_server_config.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub::cxload {
namespace {

constexpr char kDatabaseFile[] = "cxload.db";

}  // namespace

absl::StatusOr<std::unique_ptr<InProcessServer>> InProcessServer::Start() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cxhub_cxload_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp ", pattern, ": ", std::strerror(errno)));
  }
  const std::filesystem::path directory = pattern;
  config::v1::ServerConfig config =
      bench::LoopbackSqliteServerConfig((directory / kDatabaseFile).string());
  config.mutable_metrics()->set_listen_address("127.0.0.1:0");
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(config);
  if (!server.ok()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
    return server.status();
  }
  return std::unique_ptr<InProcessServer>(new InProcessServer(directory, *std::move(server)));
}

InProcessServer::InProcessServer(std::filesystem::path directory, std::unique_ptr<Server> server)
    : directory_(std::move(directory)),
      database_(directory_ / kDatabaseFile),
      server_(std::move(server)),
      target_(absl::StrCat("127.0.0.1:", server_->port())),
      metrics_address_(absl::StrCat("127.0.0.1:", server_->metrics_port())) {}

InProcessServer::~InProcessServer() {
  server_->Shutdown(absl::Seconds(5));
  server_->Wait();
  std::error_code ignored;  // A directory left behind in /tmp is no reason to fail the run.
  std::filesystem::remove_all(directory_, ignored);
}

}  // namespace cxhub::cxload
