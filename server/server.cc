#include "server/server.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "server/api/access_checked_service.h"
#include "server/api/access_control.h"
#include "server/api/analytics_service.h"
#include "server/api/audit_interceptor.h"
#include "server/api/audit_service.h"
#include "server/api/call_deadline_tracking.h"
#include "server/api/call_observer_interceptor.h"
#include "server/api/connector_service.h"
#include "server/api/customer_service.h"
#include "server/api/interaction_service.h"
#include "server/api/merge_ledger_service.h"
#include "server/api/merge_suggestion_service.h"
#include "server/api/operations_service.h"
#include "server/api/privacy_service.h"
#include "server/api/reflection_access_interceptor.h"
#include "server/api/request_limits.h"
#include "server/api/segment_service.h"
#include "server/api/server_credentials.h"
#include "server/api/touchpoint_conversion.h"
#include "server/api/touchpoint_rule_conversion.h"
#include "server/api/touchpoint_service.h"
#include "server/api/watch_interactions_reactor.h"
#include "server/auth/method_access.h"
#include "server/auth/token_registry.h"
#include "server/complaint_intents_config.h"
#include "server/config_loader.h"
#include "server/connectors/connector_host.h"
#include "server/core/audit_log.h"
#include "server/core/clock.h"
#include "server/core/complaint_themes.h"
#include "server/core/concurrency_limit.h"
#include "server/core/customer_directory.h"
#include "server/core/customer_erasure.h"
#include "server/core/customer_export.h"
#include "server/core/field_violation.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/interaction_watchers.h"
#include "server/core/journey_maps.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/logger.h"
#include "server/core/merge_ledger.h"
#include "server/core/merge_suggestions.h"
#include "server/core/operation_runner.h"
#include "server/core/persona_figures.h"
#include "server/core/reserved_sources.h"
#include "server/core/retention_figures.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/segment_catalog.h"
#include "server/core/status_macros.h"
#include "server/core/suppression_list.h"
#include "server/core/thread_pool.h"
#include "server/core/touchpoint_assigner.h"
#include "server/core/touchpoint_catalog.h"
#include "server/core/touchpoint_reassignment.h"
#include "server/core/touchpoint_rule_catalog.h"
#include "server/core/visit_intent_figures.h"
#include "server/health_monitor.h"
#include "server/load_limits_from_config.h"
#include "server/log_options_from_config.h"
#include "server/merge_policy_from_config.h"
#include "server/observability/metrics_endpoint.h"
#include "server/privacy_from_config.h"
#include "server/store_from_config.h"

namespace cxhub {
namespace {

using config::v1::ServerConfig;

int ActivityWindowDays(const config::v1::AnalyticsConfig& analytics) {
  const uint32_t days = analytics.activity_window_days();
  return days > 0 ? static_cast<int>(days) : kDefaultActivityWindowDays;
}

RequestLimits LimitsFromConfig(const config::v1::Limits& limits) {
  RequestLimits result;
  if (limits.max_page_size() > 0) {
    result.max_page_size = static_cast<int32_t>(limits.max_page_size());
  }
  if (limits.max_batch_size() > 0) {
    result.max_batch_size = static_cast<int32_t>(limits.max_batch_size());
  }
  if (limits.max_field_bytes() > 0) {
    result.max_field_bytes = static_cast<int32_t>(limits.max_field_bytes());
  }
  if (limits.max_body_bytes() > 0) {
    result.max_body_bytes = static_cast<int32_t>(limits.max_body_bytes());
  }
  if (limits.max_attributes() > 0) {
    result.max_attributes = static_cast<int32_t>(limits.max_attributes());
  }
  if (result.default_page_size > result.max_page_size) {
    result.default_page_size = result.max_page_size;
  }
  return result;
}

// The connector host's part of the config: plugin_dirs and connectors.
ConnectorHostOptions ConnectorOptionsFromConfig(const ServerConfig& config) {
  ConnectorHostOptions options;
  options.plugin_dirs.assign(config.plugin_dirs().begin(), config.plugin_dirs().end());
  for (const config::v1::ConnectorInstance& instance : config.connectors()) {
    ConnectorConfig connector;
    connector.name = instance.name();
    connector.plugin = instance.plugin();
    connector.options = instance.options();
    if (instance.poll_interval_seconds() > 0) {
      connector.poll_interval = absl::Seconds(instance.poll_interval_seconds());
    }
    options.connectors.push_back(std::move(connector));
  }
  const config::v1::ClusterConfig& cluster = config.cluster();
  if (!cluster.replica().empty()) options.replica = cluster.replica();
  if (cluster.lease_seconds() > 0) options.lease_duration = absl::Seconds(cluster.lease_seconds());
  options.lease_renew_interval = cluster.lease_renew_seconds() > 0
                                     ? absl::Seconds(cluster.lease_renew_seconds())
                                     : options.lease_duration / 3;
  return options;
}

// The touchpoints the config declares, with their rules (validated by ValidateConfig).
std::vector<TouchpointDeclaration> DeclarationsFromConfig(const ServerConfig& config) {
  std::vector<TouchpointDeclaration> declarations;
  for (const config::v1::TouchpointDeclaration& declared : config.touchpoints()) {
    TouchpointDeclaration& declaration = declarations.emplace_back();
    declaration.touchpoint = TouchpointFromProto(declared.touchpoint());
    for (const v1::TouchpointRule& rule : declared.rules()) {
      declaration.rules.push_back(TouchpointRuleFromProto(rule));
    }
  }
  return declarations;
}

// `options` with the suppression list its ingestion checks.
ConnectorHostOptions WithSuppression(ConnectorHostOptions options,
                                     const SuppressionList& suppression) {
  options.suppression = &suppression;
  return options;
}

// Owns everything a running server needs, in construction order; members are destroyed in
// reverse, so the gRPC server goes before the services and the store it calls into.
class RunningServer final : public Server {
 public:
  int port() const override { return port_; }
  int metrics_port() const override { return metrics_port_; }

  void Shutdown(absl::Duration grace) override {
    {
      absl::MutexLock lock(&mu_);
      if (shut_down_) return;
      shut_down_ = true;
    }
    if (health_monitor_ != nullptr) health_monitor_->Stop();  // NOT_SERVING before anything.
    feed_.Shutdown();  // Ends Watch streams, which would otherwise hold Shutdown to its deadline.
    // Ends WaitOperation calls for the same reason, and stops the workers between two batches;
    // unfinished operations resume at the next start.
    operations_.Stop();
    if (grpc_server_ != nullptr) {
      grpc_server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
      grpc_server_->Wait();
    }
    connector_host_.Shutdown(grace);  // Stops reads at their next callback, joins threads.
    watchers_.Stop();
    if (metrics_ != nullptr) metrics_->Stop();  // Its collectors read the host and the store.
    absl::MutexLock lock(&mu_);
    store_.reset();
    done_ = true;
  }

  void Wait() override {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&done_));
  }

  absl::Status ReloadTokens() override {
    if (tokens_ == nullptr) return absl::OkStatus();  // security.auth_disabled
    return tokens_->Reload();
  }

  ~RunningServer() override { Shutdown(absl::ZeroDuration()); }

 private:
  friend class Server;
  RunningServer(std::unique_ptr<Store> store, IdentityNormalizer normalizer, MergePolicy policy,
                RequestLimits limits, ConnectorHostOptions connector_options,
                int activity_window_days, std::vector<ComplaintIntent> complaint_intents,
                PrivacySettings privacy, int point_read_threads)
      : store_(std::move(store)),
        normalizer_(std::move(normalizer)),
        suppression_(normalizer_, std::move(privacy.suppression_key)),
        reserved_sources_(privacy.reserved_sources),
        directory_(*store_, normalizer_, SystemClock(), &suppression_),
        catalog_(*store_, SystemClock()),
        rule_catalog_(*store_, SystemClock(), limits),
        log_(*store_, normalizer_, SystemClock(), feed_, policy, limits, &suppression_,
             &reserved_sources_),
        watchers_(*store_, feed_, absl::Seconds(2), &WatchInteractionsReactor::Encode),
        reassignment_assigner_(normalizer_),
        reassignment_(reassignment_assigner_),
        operations_(*store_, SystemClock()),
        limits_(limits),
        read_pool_(point_read_threads > 0
                       ? std::make_unique<ThreadPool>("cx-reads", point_read_threads)
                       : nullptr),
        customer_service_(directory_, limits_, read_pool_.get()),
        touchpoint_service_(catalog_, rule_catalog_, operations_, limits_),
        interaction_service_(log_, watchers_, limits_, read_pool_.get()),
        connector_host_(*store_, normalizer_, SystemClock(), feed_, std::move(policy),
                        WithSuppression(std::move(connector_options), suppression_)),
        connector_service_(connector_host_, limits_),
        operations_service_(operations_, limits_),
        satisfaction_(*store_),
        retention_(*store_, activity_window_days),
        lifetime_value_(*store_, SystemClock(), activity_window_days),
        complaint_themes_(*store_, std::move(complaint_intents)),
        journey_maps_(*store_),
        visit_intent_(*store_),
        analytics_service_(satisfaction_, retention_, lifetime_value_, complaint_themes_,
                           journey_maps_, visit_intent_, limits_),
        segments_(*store_, SystemClock()),
        personas_(*store_, satisfaction_, lifetime_value_, SystemClock()),
        segment_service_(segments_, personas_, limits_),
        audit_log_(*store_, SystemClock()),
        audit_service_(audit_log_, limits_),
        merge_ledger_(*store_, SystemClock()),
        merge_ledger_service_(merge_ledger_, limits_),
        erasure_(*store_, normalizer_, suppression_, SystemClock()),
        export_(*store_),
        privacy_service_(erasure_, export_, limits_),
        merge_suggestions_(*store_, SystemClock()),
        merge_suggestion_service_(merge_suggestions_, limits_) {
    operations_.Register(kReassignTouchpointsKind, reassignment_);
  }

  // The role table, the tokens (unless security.auth_disabled) and the access check.
  absl::Status SetUpAccess(const config::v1::SecurityConfig& security) {
    absl::StatusOr<MethodAccessTable> table =
        MethodAccessTable::FromDescriptors(ProtectedServiceNames());
    if (!table.ok()) return table.status();
    access_table_.emplace(*std::move(table));
    if (!security.auth_disabled()) {
      absl::StatusOr<std::unique_ptr<TokenRegistry>> tokens =
          TokenRegistry::Load(security.tokens_file());
      if (!tokens.ok()) {
        return absl::Status(tokens.status().code(), absl::StrCat("config: security.tokens_file: ",
                                                                 tokens.status().message()));
      }
      tokens_ = *std::move(tokens);
    }
    access_.emplace(*access_table_, tokens_.get());
    return absl::OkStatus();
  }

  // Every cxhub service and google.longrunning.Operations behind the access check (health and
  // reflection are registered by gRPC itself), the interceptors, then listens.
  absl::Status ServeGrpc(const ServerConfig& config) {
    CXHUB_RETURN_IF_ERROR(SetUpAccess(config.security()));
    calls_in_flight_.emplace(limits_.max_concurrent_calls, kCallsInFlightLimitName);
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
        ServerCredentialsFromConfig(config.security());
    if (!credentials.ok()) return credentials.status();
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    InstallCallDeadlineTracking();  // Before the first grpc::Server is built.
    grpc::ServerBuilder builder;
    grpc::ResourceQuota quota("cxhubd");
    quota.SetMaxThreads(ServerThreadQuota(limits_));
    builder.SetResourceQuota(quota);
    // gRPC sets SO_REUSEPORT by default: a second cxhubd started on a taken address would
    // share it, the kernel splitting connections between the two (seen in the chaos test: an
    // orphaned replica answered half the calls from another database). Refused instead.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.AddListeningPort(config.listen_address(), *credentials, &port_);
    const std::pair<grpc::Service*, std::string> services[] = {
        {&customer_service_, v1::CustomerService::service_full_name()},
        {&touchpoint_service_, v1::TouchpointService::service_full_name()},
        {&interaction_service_, v1::InteractionService::service_full_name()},
        {&connector_service_, v1::ConnectorService::service_full_name()},
        {&operations_service_, google::longrunning::Operations::service_full_name()},
        {&analytics_service_, v1::AnalyticsService::service_full_name()},
        {&segment_service_, v1::SegmentService::service_full_name()},
        {&audit_service_, v1::AuditService::service_full_name()},
        {&merge_ledger_service_, v1::MergeLedgerService::service_full_name()},
        {&privacy_service_, v1::PrivacyService::service_full_name()},
        {&merge_suggestion_service_, v1::MergeSuggestionService::service_full_name()}};
    for (const auto& [service, name] : services) {
      checked_services_.push_back(AccessChecked(*service, name, *access_, *calls_in_flight_));
      if (checked_services_.back() == nullptr) {
        return absl::InternalError(absl::StrCat("no descriptor for service ", name));
      }
      builder.RegisterService(checked_services_.back().get());
    }
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    if (metrics_ != nullptr) interceptors = MakeCallObserverInterceptors(metrics_->calls());
    interceptors.push_back(MakeReflectionAccessInterceptorFactory(*access_));
    interceptors.push_back(MakeAuditInterceptorFactory(*access_, audit_log_));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
    grpc_server_ = builder.BuildAndStart();
    if (grpc_server_ == nullptr || port_ == 0) {
      return absl::UnavailableError(
          absl::StrCat("config: listen_address: cannot listen on ", config.listen_address()));
    }
    return absl::OkStatus();
  }

  // Health follows the store's probe; see health_monitor.h.
  void StartHealthMonitor(const ServerConfig& config) {
    grpc::HealthCheckServiceInterface* health = grpc_server_->GetHealthCheckService();
    if (health == nullptr) return;
    std::vector<std::string> services = {v1::CustomerService::service_full_name(),
                                         v1::TouchpointService::service_full_name(),
                                         v1::InteractionService::service_full_name(),
                                         v1::ConnectorService::service_full_name(),
                                         google::longrunning::Operations::service_full_name(),
                                         v1::AnalyticsService::service_full_name(),
                                         v1::AuditService::service_full_name(),
                                         v1::SegmentService::service_full_name(),
                                         v1::MergeLedgerService::service_full_name(),
                                         v1::PrivacyService::service_full_name(),
                                         v1::MergeSuggestionService::service_full_name()};
    const uint32_t seconds = config.health_probe_interval_seconds();
    health_monitor_ = std::make_unique<HealthMonitor>(*store_, connector_host_, SystemClock(),
                                                      *health, std::move(services),
                                                      absl::Seconds(seconds > 0 ? seconds : 5));
    health_monitor_->Start();
  }

  std::unique_ptr<Store> store_;
  IdentityNormalizer normalizer_;
  SuppressionList suppression_;
  ReservedSources reserved_sources_;
  InteractionFeed feed_;
  CustomerDirectory directory_;
  TouchpointCatalog catalog_;
  TouchpointRuleCatalog rule_catalog_;
  InteractionLog log_;
  InteractionWatchers watchers_;  // Reads the store for Watch streams until Shutdown stops it.
  TouchpointAssigner reassignment_assigner_;
  TouchpointReassignment reassignment_;
  OperationRunner operations_;
  RequestLimits limits_;
  // Where the point reads of a store across the network run; null for the embedded store, whose
  // reads run where the call arrived. The gRPC server's Wait returns once their calls are done.
  std::unique_ptr<ThreadPool> read_pool_;
  CustomerServiceImpl customer_service_;
  TouchpointServiceImpl touchpoint_service_;
  InteractionServiceImpl interaction_service_;
  ConnectorHost connector_host_;
  ConnectorServiceImpl connector_service_;
  OperationsServiceImpl operations_service_;
  SatisfactionFigures satisfaction_;
  RetentionFigures retention_;
  LifetimeValueFigures lifetime_value_;
  ComplaintThemes complaint_themes_;
  JourneyMaps journey_maps_;
  VisitIntentFigures visit_intent_;
  AnalyticsServiceImpl analytics_service_;
  SegmentCatalog segments_;
  PersonaFigures personas_;
  SegmentServiceImpl segment_service_;
  AuditLog audit_log_;
  AuditServiceImpl audit_service_;
  MergeLedger merge_ledger_;
  MergeLedgerServiceImpl merge_ledger_service_;
  CustomerErasure erasure_;
  CustomerExport export_;
  PrivacyServiceImpl privacy_service_;
  MergeSuggestions merge_suggestions_;
  MergeSuggestionServiceImpl merge_suggestion_service_;
  std::unique_ptr<TokenRegistry> tokens_;  // Null when security.auth_disabled.
  std::optional<MethodAccessTable> access_table_;
  std::optional<AccessControl> access_;
  std::optional<ConcurrencyLimit> calls_in_flight_;  // Every unary call holds a slot.
  // What the gRPC server serves: each service above behind the access check.
  std::vector<std::unique_ptr<grpc::Service>> checked_services_;
  std::unique_ptr<MetricsEndpoint> metrics_;  // Null unless config.metrics is set.
  std::unique_ptr<grpc::Server> grpc_server_;
  std::unique_ptr<HealthMonitor> health_monitor_;
  int port_ = 0;
  int metrics_port_ = 0;

  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerConfig& config) {
  if (absl::Status status = ValidateConfig(config); !status.ok()) return status;
  absl::StatusOr<IdentityNormalizer> normalizer =
      IdentityNormalizer::Create(config.default_phone_region());
  if (!normalizer.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("config: default_phone_region: ", normalizer.status().message()));
  }
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenStoreFromConfig(config.store(), absl::Hours(24) * ActivityWindowDays(config.analytics()),
                          config.security().mysql_tls());
  if (!store.ok()) return store.status();
  std::unique_ptr<MetricsEndpoint> metrics;
  if (config.has_metrics()) {
    absl::StatusOr<std::unique_ptr<MetricsEndpoint>> started = MetricsEndpoint::Start(
        MetricsListenAddress(config.metrics()), StoreBackendName(config.store()));
    if (!started.ok()) return started.status();
    metrics = *std::move(started);
    *store = metrics->ObserveStore(*std::move(store));
  }

  absl::StatusOr<PrivacySettings> privacy = PrivacySettingsFromConfig(config);
  if (!privacy.ok()) return privacy.status();
  RequestLimits limits = LimitsFromConfig(config.limits());
  ApplyLoadLimits(config.load_limits(), limits);
  ConnectorHostOptions connector_options = ConnectorOptionsFromConfig(config);
  // Records from connectors respect the same limits as those recorded through the API.
  connector_options.record_limits = limits;
  connector_options.logger =
      std::make_shared<Logger>(LogOptionsFromConfig(config.log()), StderrLogSink(), SystemClock());
  absl::StatusOr<MergePolicy> merge_policy = MergePolicyFromConfig(config);
  if (!merge_policy.ok()) return merge_policy.status();
  std::unique_ptr<RunningServer> server(
      new RunningServer(*std::move(store), *std::move(normalizer), *std::move(merge_policy), limits,
                        std::move(connector_options), ActivityWindowDays(config.analytics()),
                        ComplaintIntentsFromConfig(config.analytics()), *std::move(privacy),
                        PointReadThreads(config.store())));
  if (metrics != nullptr) {
    metrics->ObserveConnectors(server->connector_host_);
    metrics->ObserveWatch(server->feed_);
    metrics->ObserveGroupCommit(server->log_);
    metrics->ObserveMergeGuardrails();
    server->metrics_port_ = metrics->port();
    server->metrics_ = std::move(metrics);
  }
  // Before any connector records: their first interactions follow the declared rules.
  absl::StatusOr<std::vector<std::string>> declared =
      server->rule_catalog_.Declare(DeclarationsFromConfig(config));
  if (!declared.ok()) {
    // A field violation names its declaration ("touchpoints[0].rules[1]..."); a store error
    // does not.
    const bool named = FieldViolationOf(declared.status()).has_value();
    return absl::Status(
        declared.status().code(),
        absl::StrCat("config: ", named ? "" : "touchpoints: ", declared.status().message()));
  }
  if (absl::Status status = server->connector_host_.Start(); !status.ok()) return status;
  // Long work a previous run left unfinished goes on where its last batch ended.
  if (absl::Status status = server->operations_.ResumeUnfinished(); !status.ok()) return status;

  if (absl::Status status = server->ServeGrpc(config); !status.ok()) return status;
  server->StartHealthMonitor(config);
  return server;
}

}  // namespace cxhub
