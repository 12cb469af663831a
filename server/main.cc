// cxhubd: the cxhub service. Usage: cxhubd --config config/cxhub.textproto
#include <csignal>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "server/config_loader.h"
#include "server/core/clock.h"
#include "server/core/logger.h"
#include "server/log_options_from_config.h"
#include "server/process_settings.h"
#include "server/server.h"

ABSL_FLAG(std::string, config, "config/cxhub.textproto",
          "Server configuration, a text-format cxhub.config.v1.ServerConfig");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "How long in-flight calls may run after SIGTERM or SIGINT");

int main(int argc, char** argv) {
  using cxhub::LogLevel;
  absl::SetProgramUsageMessage("cxhubd --config FILE: serves the cxhub gRPC API");
  absl::ParseCommandLine(argc, argv);
  cxhub::ApplyServingProcessSettings();

  // Block the signals handled below before any thread starts, so that only sigwait sees them.
  sigset_t handled_signals;
  sigemptyset(&handled_signals);
  sigaddset(&handled_signals, SIGTERM);
  sigaddset(&handled_signals, SIGINT);
  sigaddset(&handled_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &handled_signals, nullptr);

  absl::StatusOr<cxhub::config::v1::ServerConfig> config =
      cxhub::LoadConfig(absl::GetFlag(FLAGS_config));
  if (!config.ok()) {
    // The configured format is not known yet.
    cxhub::DefaultLogger().Log(LogLevel::kError, "config_refused",
                               {{"message", config.status().message()}});
    return 2;
  }
  const cxhub::Logger logger(cxhub::LogOptionsFromConfig(config->log()), cxhub::StderrLogSink(),
                             cxhub::SystemClock());
  absl::StatusOr<std::unique_ptr<cxhub::Server>> server = cxhub::Server::Start(*config);
  if (!server.ok()) {
    logger.Log(LogLevel::kError, "start_failed", {{"message", server.status().message()}});
    return 1;
  }
  logger.Log(LogLevel::kInfo, "serving",
             {{"port", (*server)->port()}, {"listen_address", config->listen_address()}});

  int signal_number = 0;
  // SIGHUP rereads the tokens file; connections and calls in flight go on.
  while (sigwait(&handled_signals, &signal_number) == 0 && signal_number == SIGHUP) {
    if (absl::Status status = (*server)->ReloadTokens(); status.ok()) {
      logger.Log(LogLevel::kInfo, "tokens_reloaded");
    } else {
      logger.Log(LogLevel::kError, "tokens_reload_failed", {{"message", status.message()}});
    }
  }
  logger.Log(LogLevel::kInfo, "shutting_down",
             {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
  logger.Log(LogLevel::kInfo, "stopped");
  return 0;
}
