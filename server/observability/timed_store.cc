#include "server/observability/timed_store.h"

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "server/observability/latency_buckets.h"

namespace cxhub {
namespace {

class TimedStore final : public Store {
 public:
  TimedStore(std::unique_ptr<Store> store, const std::string& backend,
             std::shared_ptr<prometheus::Registry> registry)
      : store_(std::move(store)), registry_(std::move(registry)) {
    auto& family = prometheus::BuildHistogram()
                       .Name("cxhub_store_transaction_seconds")
                       .Help("Duration of store transactions, by backend and kind (read|write).")
                       .Register(*registry_);
    read_seconds_ = &family.Add({{"backend", backend}, {"kind", "read"}}, LatencyBuckets());
    write_seconds_ = &family.Add({{"backend", backend}, {"kind", "write"}}, LatencyBuckets());
  }

  absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    const auto start = std::chrono::steady_clock::now();
    absl::Status status = store_->Read(fn);
    read_seconds_->Observe(SecondsSince(start));
    return status;
  }

  absl::Status ReadLatest(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    const auto start = std::chrono::steady_clock::now();
    absl::Status status = store_->ReadLatest(fn);
    read_seconds_->Observe(SecondsSince(start));
    return status;
  }

  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    const auto start = std::chrono::steady_clock::now();
    absl::Status status = store_->Write(fn);
    write_seconds_->Observe(SecondsSince(start));
    return status;
  }

  StoreStatistics Statistics() override { return store_->Statistics(); }

 private:
  static double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  std::unique_ptr<Store> store_;
  std::shared_ptr<prometheus::Registry> registry_;  // Owns the histograms.
  prometheus::Histogram* read_seconds_;
  prometheus::Histogram* write_seconds_;
};

}  // namespace

std::unique_ptr<Store> MakeTimedStore(std::unique_ptr<Store> store, const std::string& backend,
                                      std::shared_ptr<prometheus::Registry> registry) {
  return std::make_unique<TimedStore>(std::move(store), backend, std::move(registry));
}

}  // namespace cxhub
