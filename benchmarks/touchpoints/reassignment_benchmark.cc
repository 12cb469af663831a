// The time of a touchpoint reassignment (TouchpointService.ReassignTouchpoints) over N recorded
// interactions, beside the same rows' touchpoint set in batches through the same store without
// rules or an operation, in the same run.
//
//   reassignment_benchmark [interactions]    default 1000000; SQLite in a temporary directory
//
// N email interactions are recorded at the touchpoint "Email desk" by its rule; the rule then
// moves to "Support", and the rows of the table are:
//   reassignment            OperationRunner + TouchpointReassignment, 500 interactions per
//                           write transaction, every one re-evaluated and moved (the whole
//                           operation: start, batches, cursor and counters, wait until done)
//   scan + set, 500/Write   ListInteractionsSince and SetInteractionTouchpoint of every row,
//                           500 per write transaction, no rules, no operation row (the baseline)
//   scan only, 500/Read     ListInteractionsSince alone, 500 per read transaction
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/model.h"
#include "server/core/operation_runner.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/core/touchpoint_assigner.h"
#include "server/core/touchpoint_reassignment.h"
#include "server/storage/sqlite_store.h"

namespace cxhub {
namespace {

constexpr int kBatch = TouchpointReassignment::kDefaultBatchSize;
constexpr int kCustomers = 1000;
constexpr int kRecordBatch = 5000;

struct Fixture {
  TouchpointId email_desk = 0;
  TouchpointId support = 0;
  TouchpointRuleId email_desk_rule = 0;
};

absl::StatusOr<TouchpointRuleId> InsertEmailRule(StoreWriter& writer, TouchpointId touchpoint) {
  TouchpointRule rule;
  rule.touchpoint_id = touchpoint;
  rule.channels = {"email"};
  return writer.InsertTouchpointRule(rule);
}

absl::StatusOr<Fixture> CreateTouchpoints(Store& store) {
  Fixture fixture;
  CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
    Touchpoint touchpoint;
    touchpoint.stage = JourneyStage::kService;
    touchpoint.display_name = "Email desk";
    CXHUB_ASSIGN_OR_RETURN(fixture.email_desk, writer.InsertTouchpoint(touchpoint));
    touchpoint.display_name = "Support";
    CXHUB_ASSIGN_OR_RETURN(fixture.support, writer.InsertTouchpoint(touchpoint));
    CXHUB_ASSIGN_OR_RETURN(fixture.email_desk_rule, InsertEmailRule(writer, fixture.email_desk));
    return absl::OkStatus();
  }));
  return fixture;
}

// `count` emails spread over kCustomers customers, at the Email desk by its rule.
absl::Status RecordInteractions(Store& store, const Fixture& fixture, int64_t count) {
  std::vector<CustomerId> customers;
  CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
    for (int i = 0; i < kCustomers; ++i) {
      Customer customer;
      customer.identities = {{IdentityKind::kEmail, absl::StrCat("c", i, "@example.com")}};
      CXHUB_ASSIGN_OR_RETURN(CustomerId id, writer.InsertCustomer(customer));
      customers.push_back(id);
    }
    return absl::OkStatus();
  }));
  for (int64_t first = 0; first < count; first += kRecordBatch) {
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      for (int64_t n = first; n < first + kRecordBatch && n < count; ++n) {
        Interaction interaction;
        interaction.customer_id = customers[n % kCustomers];
        interaction.channel = "email";
        interaction.touchpoint_id = fixture.email_desk;
        interaction.touchpoint_rule_id = fixture.email_desk_rule;
        interaction.occur_time = absl::FromUnixSeconds(1700000000 + n);
        interaction.subject = absl::StrCat("Order ", n, " did not arrive");
        interaction.body = "Hello, my parcel has not arrived yet. Could you look into it?";
        interaction.source = "bench";
        interaction.external_id = absl::StrCat("m-", n);
        CXHUB_RETURN_IF_ERROR(writer.InsertInteraction(interaction).status());
      }
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

// The Email desk's rule goes; Support takes every email.
absl::Status MoveEmailToSupport(Store& store, const Fixture& fixture) {
  return store.Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_RETURN_IF_ERROR(writer.DeleteTouchpointRule(fixture.email_desk_rule));
    return InsertEmailRule(writer, fixture.support).status();
  });
}

absl::StatusOr<Operation> Reassign(Store& store) {
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  if (!normalizer.ok()) return normalizer.status();
  TouchpointAssigner assigner(*normalizer);
  TouchpointReassignment work(assigner);
  OperationRunner runner(store, SystemClock());
  runner.Register(kReassignTouchpointsKind, work);
  CXHUB_ASSIGN_OR_RETURN(Operation started, runner.Start(kReassignTouchpointsKind));
  for (;;) {
    CXHUB_ASSIGN_OR_RETURN(Operation operation, runner.Wait(started.id, absl::Minutes(10)));
    if (operation.done()) return operation;
  }
}

// Every interaction back at `touchpoint`, batch by batch in id order; returns how many.
absl::StatusOr<int64_t> ScanAndSet(Store& store, TouchpointId touchpoint) {
  int64_t set = 0;
  InteractionId after = 0;
  for (bool more = true; more;) {
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(std::vector<Interaction> batch,
                             writer.ListInteractionsSince(after, 0, kBatch));
      for (const Interaction& interaction : batch) {
        CXHUB_RETURN_IF_ERROR(writer.SetInteractionTouchpoint(interaction.id, touchpoint, 0));
      }
      more = batch.size() == static_cast<size_t>(kBatch);
      if (!batch.empty()) after = batch.back().id;
      set += static_cast<int64_t>(batch.size());
      return absl::OkStatus();
    }));
  }
  return set;
}

absl::StatusOr<int64_t> ScanOnly(Store& store) {
  int64_t read = 0;
  InteractionId after = 0;
  for (bool more = true; more;) {
    CXHUB_RETURN_IF_ERROR(store.Read([&](StoreReader& reader) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(std::vector<Interaction> batch,
                             reader.ListInteractionsSince(after, 0, kBatch));
      more = batch.size() == static_cast<size_t>(kBatch);
      if (!batch.empty()) after = batch.back().id;
      read += static_cast<int64_t>(batch.size());
      return absl::OkStatus();
    }));
  }
  return read;
}

absl::Status Run(const std::string& directory, int64_t count) {
  SqliteStoreOptions options;
  options.path = directory + "/cxhub.db";
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(options));
  CXHUB_ASSIGN_OR_RETURN(const Fixture fixture, CreateTouchpoints(*store));
  bench::Stopwatch stopwatch;
  CXHUB_RETURN_IF_ERROR(RecordInteractions(*store, fixture, count));
  std::printf("recorded %lld interactions in %.1f s\n", static_cast<long long>(count),
              absl::ToDoubleSeconds(stopwatch.Elapsed()));
  CXHUB_RETURN_IF_ERROR(MoveEmailToSupport(*store, fixture));

  bench::ResultTable table("Touchpoint reassignment (SQLite)", "interactions");
  stopwatch.Restart();
  CXHUB_ASSIGN_OR_RETURN(const Operation done, Reassign(*store));
  if (done.state != OperationState::kSucceeded) return done.error;
  table.Add({"reassignment", done.processed, stopwatch.Elapsed(), std::nullopt,
             absl::StrCat(done.changed, " changed")});

  stopwatch.Restart();
  CXHUB_ASSIGN_OR_RETURN(const int64_t set, ScanAndSet(*store, fixture.email_desk));
  table.AddBaseline({"scan + set, 500/Write", set, stopwatch.Elapsed()});

  stopwatch.Restart();
  CXHUB_ASSIGN_OR_RETURN(const int64_t read, ScanOnly(*store));
  table.Add({"scan only, 500/Read", read, stopwatch.Elapsed()});
  table.Print();
  return absl::OkStatus();
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) {
  const std::optional<int64_t> count =
      cxhub::bench::CountArgument(argc, argv, 1000000, "[interactions]");
  if (!count.has_value()) return 2;
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / absl::StrCat("cxhub_reassignment_bench_", getpid());
  std::filesystem::create_directories(directory);
  const absl::Status status = cxhub::Run(directory.string(), *count);
  std::filesystem::remove_all(directory);
  if (!status.ok()) {
    std::fprintf(stderr, "reassignment_benchmark: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
