// cxhubd as a library: opens the store named by the config, serves every cxhub.v1 service,
// gRPC health and server reflection, and shuts down gracefully. main.cc and the integration
// tests both start the server through this.
#ifndef CXHUB_SERVER_SERVER_H_
#define CXHUB_SERVER_SERVER_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cxhub/config/v1/config.pb.h"

namespace cxhub {

class Server {
 public:
  // Validates the config (INVALID_ARGUMENT naming the field), opens the store (applying
  // migrations) and starts serving. listen_address "127.0.0.1:0" picks a free port.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const config::v1::ServerConfig& config);

  virtual ~Server() = default;
  // The port actually bound.
  virtual int port() const = 0;
  // The port the metrics endpoint bound; 0 when config.metrics is unset.
  virtual int metrics_port() const = 0;
  // Stops accepting calls, ends open Watch streams, lets in-flight calls finish for up to
  // `grace`, then cancels the rest and closes the store. Idempotent.
  virtual void Shutdown(absl::Duration grace) = 0;
  // Blocks until Shutdown has completed.
  virtual void Wait() = 0;
  // Rereads security.tokens_file (on SIGHUP): calls in flight and open connections go on; a
  // file that does not parse keeps the tokens in force and returns the error. OK without
  // reading anything when authentication is disabled.
  virtual absl::Status ReloadTokens() = 0;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_SERVER_H_
