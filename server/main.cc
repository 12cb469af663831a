// cxhubd: the cxhub service. Usage: cxhubd --config config/cxhub.textproto
#include <csignal>
#include <cstdio>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "server/config_loader.h"
#include "server/server.h"

ABSL_FLAG(std::string, config, "config/cxhub.textproto",
          "Server configuration, a text-format cxhub.config.v1.ServerConfig");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "How long in-flight calls may run after SIGTERM or SIGINT");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("cxhubd --config FILE: serves the cxhub gRPC API");
  absl::ParseCommandLine(argc, argv);

  // Block the stop signals before any thread starts, so that only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  absl::StatusOr<cxhub::config::v1::ServerConfig> config =
      cxhub::LoadConfig(absl::GetFlag(FLAGS_config));
  if (!config.ok()) {
    std::cerr << "cxhubd: " << config.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<cxhub::Server>> server = cxhub::Server::Start(*config);
  if (!server.ok()) {
    std::cerr << "cxhubd: " << server.status().message() << "\n";
    return 1;
  }
  std::cerr << "cxhubd: serving on port " << (*server)->port() << " (" << config->listen_address()
            << ")" << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cerr << "cxhubd: " << (signal_number == SIGTERM ? "SIGTERM" : "SIGINT") << ", shutting down"
            << std::endl;
  (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
  std::cerr << "cxhubd: stopped" << std::endl;
  return 0;
}
