// How the cost of a write grows with its customers' history (issue 18). A write keeps the
// activity aggregates of each customer it touches (customer_activity and its spells,
// sql_activity_spells.h), which read what the customer has stored. Two sets of 100 customers in
// one store: one with a single earlier interaction each (the baseline), one with [spells]
// earlier interactions each, every one more than the activity window after the one before, so
// that each is a spell of its own in each scope. Then InsertInteractions of 100 interactions, one
// per customer of a set, [writes] times for each set, the sets in turn. A ratio near 1x means a
// write costs the same whatever the history behind it.
//
//   spell_history_benchmark [spells [writes]]   default 200 50; SQLite in a temporary directory
//   CXHUB_BENCH_MYSQL=host:port:user:password:database spell_history_benchmark ...
//                                               also MySQL, in a fresh database <database>_spells
//   CXHUB_BENCH_SQLITE=off ...                  MySQL only
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/harness/bench_stores.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "tests/storage/insert_interactions.h"

namespace cxhub {
namespace {

constexpr int kCustomers = 100;
// Earlier interactions this far apart are separate spells under the store's default window.
constexpr absl::Duration kSpellSpacing = absl::Hours(24 * (kDefaultActivityWindowDays + 1));

// One interaction for each of `customers` at `when`, in one transaction.
absl::Status WriteOneEach(Store& store, const std::vector<CustomerId>& customers, absl::Time when,
                          absl::string_view key) {
  std::vector<Interaction> rows(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) {
    rows[i].customer_id = customers[i];
    rows[i].channel = "email";
    rows[i].kind = InteractionKind::kMessage;
    rows[i].direction = Direction::kInbound;
    rows[i].occur_time = when;
    rows[i].create_time = when;
    rows[i].subject = "Where is my order?";
    rows[i].body = std::string(200, 'x');
    rows[i].source = "spells";
    rows[i].external_id = absl::StrCat(key, "-", i);
  }
  return InsertEveryInteraction(store, rows);
}

absl::Status Run(const bench::BenchStore& backend, int spells, int writes) {
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, backend.open());
  CXHUB_ASSIGN_OR_RETURN(
      const std::vector<CustomerId> customers,
      bench::InsertGeneratedCustomers(*store, 2 * int64_t{kCustomers}, 2 * int64_t{kCustomers}));
  const std::vector<CustomerId> short_history(customers.begin(), customers.begin() + kCustomers);
  const std::vector<CustomerId> long_history(customers.begin() + kCustomers, customers.end());
  const absl::Time now = absl::Now();
  const absl::Time first = now - kSpellSpacing * (spells + 1);
  bench::Stopwatch seeding;
  CXHUB_RETURN_IF_ERROR(WriteOneEach(*store, short_history, first, "short-seed"));
  for (int k = 0; k < spells; ++k) {
    CXHUB_RETURN_IF_ERROR(
        WriteOneEach(*store, long_history, first + kSpellSpacing * k, absl::StrCat("seed-", k)));
  }
  std::printf("%s: seeded %d earlier interactions for each of %d customers in %.1f s\n",
              backend.name.c_str(), spells, kCustomers, absl::ToDoubleSeconds(seeding.Elapsed()));

  absl::Duration short_time;
  absl::Duration long_time;
  for (int w = 0; w < writes; ++w) {
    const absl::Time when = now + absl::Seconds(w);
    bench::Stopwatch stopwatch;
    CXHUB_RETURN_IF_ERROR(WriteOneEach(*store, short_history, when, absl::StrCat("short-", w)));
    short_time += stopwatch.Elapsed();
    stopwatch.Restart();
    CXHUB_RETURN_IF_ERROR(WriteOneEach(*store, long_history, when, absl::StrCat("long-", w)));
    long_time += stopwatch.Elapsed();
  }
  const int64_t written = int64_t{writes} * kCustomers;
  bench::ResultTable table(
      absl::StrCat(backend.name, ": InsertInteractions of ", kCustomers,
                   " interactions (one per customer), ", writes, " per set, the sets in turn"),
      "interactions");
  table.AddBaseline({"customers with 1 spell per scope", written, short_time});
  table.Add({absl::StrCat("customers with ", spells, " spells per scope"), written, long_time});
  table.Print();
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  const std::optional<int64_t> spells = bench::WholeArgument(argc, argv, 1, 200);
  const std::optional<int64_t> writes = bench::WholeArgument(argc, argv, 2, 50);
  if (!spells.has_value() || !writes.has_value()) {
    std::fprintf(stderr, "usage: %s [spells [writes]]\n", argv[0]);
    return 2;
  }
  return bench::RunOnEachStore(
      "spell_history_benchmark", "spells", [&](const bench::BenchStore& backend) {
        return Run(backend, static_cast<int>(*spells), static_cast<int>(*writes));
      });
}

}  // namespace
}  // namespace cxhub

int main(int argc, char** argv) { return cxhub::Main(argc, argv); }
