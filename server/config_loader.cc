#include "server/config_loader.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "server/api/request_limits.h"
#include "server/api/touchpoint_validation.h"
#include "server/complaint_intents_config.h"
#include "server/core/field_violation.h"
#include "server/security_config.h"

namespace cxhub {
namespace {

using config::v1::ServerConfig;

// Collects protobuf's text-format parse errors so they can be returned as a Status.
class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_.push_back(absl::StrCat(line + 1, ":", column + 1, ": ", message));
  }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::vector<std::string> errors_;
};

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("config: ", field, ": ", problem));
}

// A field violation as a config error: "config: <field>: <problem>".
absl::Status ConfigError(const absl::Status& status) {
  if (status.ok()) return status;
  return absl::InvalidArgumentError(absl::StrCat("config: ", status.message()));
}

// Each declared touchpoint valid as on CreateTouchpoint, named once, with rules valid as on
// CreateTouchpointRule.
absl::Status ValidateTouchpointDeclarations(const ServerConfig& config) {
  const RequestLimits limits;
  for (int i = 0; i < config.touchpoints_size(); ++i) {
    const config::v1::TouchpointDeclaration& declaration = config.touchpoints(i);
    const std::string field = absl::StrCat("touchpoints[", i, "]");
    v1::CreateTouchpointRequest create;
    if (declaration.has_touchpoint()) *create.mutable_touchpoint() = declaration.touchpoint();
    absl::Status touchpoint = ValidateRequest(create, limits);
    if (!touchpoint.ok()) return ConfigError(NestFieldViolation(touchpoint, field + "."));
    for (int j = 0; j < i; ++j) {
      if (config.touchpoints(j).touchpoint().display_name() ==
          declaration.touchpoint().display_name()) {
        return Invalid(absl::StrCat(field, ".touchpoint.display_name"),
                       absl::StrCat(QuoteValue(declaration.touchpoint().display_name()),
                                    " is declared twice"));
      }
    }
    for (int j = 0; j < declaration.rules_size(); ++j) {
      absl::Status rule = ValidateTouchpointRule(declaration.rules(j),
                                                 absl::StrCat(field, ".rules[", j, "]"), limits);
      if (!rule.ok()) return ConfigError(rule);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServerConfig> ParseConfig(const std::string& text, const std::string& origin) {
  ServerConfig config;
  ErrorCollector errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &config)) {
    return absl::InvalidArgumentError(
        absl::StrCat(origin, ":", absl::StrJoin(errors.errors(), "; ")));
  }
  if (absl::Status status = ValidateConfig(config); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(origin, ": ", status.message()));
  }
  return config;
}

absl::StatusOr<ServerConfig> LoadConfig(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read config file ", path));
  std::stringstream text;
  text << file.rdbuf();
  return ParseConfig(text.str(), path);
}

namespace {

// The replica name goes into lease rows and logs: printable, short, no spaces.
absl::Status ValidateCluster(const config::v1::ClusterConfig& cluster) {
  const std::string& replica = cluster.replica();
  if (replica.size() > 200) return Invalid("cluster.replica", "at most 200 bytes");
  for (char c : replica) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-' &&
        c != '@' && c != ':') {
      return Invalid("cluster.replica", "letters, digits, '.', '_', '-', '@' and ':' only");
    }
  }
  const uint32_t lease = cluster.lease_seconds() > 0 ? cluster.lease_seconds() : 15;
  if (lease > 3600) return Invalid("cluster.lease_seconds", "at most 3600");
  if (cluster.lease_renew_seconds() >= lease) {
    return Invalid("cluster.lease_renew_seconds",
                   absl::StrCat("must be below lease_seconds (", lease, ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateConfig(const ServerConfig& config) {
  if (config.listen_address().empty()) return Invalid("listen_address", "required");
  switch (config.store().backend_case()) {
    case config::v1::StoreConfig::kSqlite:
      if (config.store().sqlite().path().empty()) return Invalid("store.sqlite.path", "required");
      break;
    case config::v1::StoreConfig::kMysql: {
      const config::v1::MysqlStore& mysql = config.store().mysql();
      if (mysql.host().empty()) return Invalid("store.mysql.host", "required");
      if (mysql.port() > 65535) return Invalid("store.mysql.port", "must be at most 65535");
      if (mysql.user().empty()) return Invalid("store.mysql.user", "required");
      if (mysql.database().empty()) return Invalid("store.mysql.database", "required");
      if (!mysql.password_file().empty() && !mysql.password_env().empty()) {
        return Invalid("store.mysql.password_file", "give password_file or password_env, not both");
      }
      break;
    }
    case config::v1::StoreConfig::BACKEND_NOT_SET:
      return Invalid("store", "one of sqlite or mysql is required");
  }
  if (config.default_phone_region().empty()) return Invalid("default_phone_region", "required");
  if (!config::v1::ConflictPolicy_IsValid(config.identity_conflict_policy())) {
    return Invalid("identity_conflict_policy", "unknown value");
  }
  const config::v1::Limits& limits = config.limits();
  if (limits.max_page_size() > 10000) return Invalid("limits.max_page_size", "at most 10000");
  if (limits.max_batch_size() > 10000) return Invalid("limits.max_batch_size", "at most 10000");
  if (limits.max_field_bytes() > (1u << 20)) {
    return Invalid("limits.max_field_bytes", "at most 1048576");
  }
  if (limits.max_body_bytes() > (64u << 20)) {
    return Invalid("limits.max_body_bytes", "at most 67108864");
  }
  if (config.analytics().activity_window_days() > 3660) {
    return Invalid("analytics.activity_window_days", "at most 3660 (ten years)");
  }
  if (absl::Status status = ValidateComplaintIntents(config.analytics()); !status.ok()) {
    return status;
  }
  for (int i = 0; i < config.connectors_size(); ++i) {
    const config::v1::ConnectorInstance& connector = config.connectors(i);
    std::string field = absl::StrCat("connectors[", i, "]");
    if (connector.name().empty()) return Invalid(absl::StrCat(field, ".name"), "required");
    if (connector.plugin().empty()) return Invalid(absl::StrCat(field, ".plugin"), "required");
    for (int j = 0; j < i; ++j) {
      if (config.connectors(j).name() == connector.name()) {
        return Invalid(absl::StrCat(field, ".name"),
                       absl::StrCat("\"", connector.name(), "\" is used twice"));
      }
    }
  }
  if (absl::Status status = ValidateCluster(config.cluster()); !status.ok()) return status;
  if (absl::Status status = ValidateTouchpointDeclarations(config); !status.ok()) return status;
  return ValidateSecurityConfig(config);
}

}  // namespace cxhub
