// The cost of the trust policy on resolution: RecordInteraction by identities (InteractionLog::
// Record, what the RPC calls once the request is validated) with the default trust policy and
// its guardrails, against the same path with every identity trusted and no guardrails (what
// resolution did before trust existed), in the same run, each on a fresh SQLite store.
//
//   identity_trust_benchmark [calls] [customers]     defaults: 5000 calls, 1000 customers
//
// Seeds `customers` customers (an email and a phone each), then makes `calls` calls of two
// kinds in turn, as rpc_benchmark's "Record by identities" does: an existing customer's
// verified email and phone (resolve), and a new verified email with a new phone (create). No
// call joins two customers, so both policies do the same store work apart from what trust
// adds (provenance columns, the join counts read). Prints calls/s of each policy, the second
// as a multiple of the first.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/merge_policy.h"
#include "server/storage/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using cxhub::Identity;
using cxhub::IdentityKind;
using cxhub::IdentityTrust;

int Arg(int argc, char** argv, int index, int fallback) {
  int value = 0;
  return index < argc && absl::SimpleAtoi(argv[index], &value) && value > 0 ? value : fallback;
}

Identity Asserted(IdentityKind kind, std::string value, IdentityTrust trust) {
  Identity identity{kind, std::move(value)};
  identity.trust = trust;
  return identity;
}

std::string Email(int n) { return absl::StrCat("customer", n, "@example.com"); }
std::string Phone(int n) { return absl::StrCat("+3519", 10000000 + n); }

cxhub::RecordRequest Request(int call, std::vector<Identity> identities) {
  cxhub::RecordRequest request;
  request.interaction.channel = "api";
  request.interaction.source = "bench";
  request.interaction.external_id = absl::StrCat("call-", call);
  request.interaction.occur_time = absl::FromUnixSeconds(1790935200 + call);
  request.interaction.body = "Where is my order?";
  request.identities = std::move(identities);
  return request;
}

// Seeds the customers, then times `calls` calls; exits on the first error.
absl::Duration Run(const fs::path& dir, const cxhub::MergePolicy& policy, int calls,
                   int customers) {
  cxhub::SqliteStoreOptions options;
  options.path = (dir / "bench.db").string();
  absl::StatusOr<std::unique_ptr<cxhub::Store>> store = cxhub::OpenSqliteStore(options);
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", std::string(store.status().message()).c_str());
    std::exit(1);
  }
  absl::StatusOr<cxhub::IdentityNormalizer> normalizer = cxhub::IdentityNormalizer::Create("PT");
  cxhub::InteractionFeed feed;
  cxhub::InteractionLog log(**store, *normalizer, cxhub::SystemClock(), feed, policy);
  const auto record = [&](int call, std::vector<Identity> identities) {
    absl::StatusOr<cxhub::RecordResult> result = log.Record(Request(call, std::move(identities)));
    if (!result.ok()) {
      std::fprintf(stderr, "record: %s\n", std::string(result.status().message()).c_str());
      std::exit(1);
    }
  };
  for (int c = 0; c < customers; ++c) {
    record(-1 - c, {Asserted(IdentityKind::kEmail, Email(c), IdentityTrust::kVerified),
                    Asserted(IdentityKind::kPhone, Phone(c), IdentityTrust::kVerified)});
  }
  const cxhub::bench::Stopwatch stopwatch;
  for (int i = 0; i < calls; ++i) {
    const int c = i % customers;
    const int who = i % 2 == 0 ? c : customers + i;  // Even: existing; odd: new.
    record(i, {Asserted(IdentityKind::kEmail, Email(who), IdentityTrust::kVerified),
               Asserted(IdentityKind::kPhone, Phone(who), IdentityTrust::kVerified)});
  }
  return stopwatch.Elapsed();
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = Arg(argc, argv, 1, 5000);
  const int customers = Arg(argc, argv, 2, 1000);
  const fs::path root = fs::temp_directory_path() / absl::StrCat("cxhub-trust-bench-", getpid());

  cxhub::MergePolicyOptions untrusting_nothing;
  untrusting_nothing.rules.push_back({"bench", {}, cxhub::MergeTrust::kAny});
  untrusting_nothing.max_customers_per_identity = INT_MAX;
  untrusting_nothing.max_merges_per_record = INT_MAX;
  fs::create_directories(root / "before");
  fs::create_directories(root / "trust");
  const absl::Duration before =
      Run(root / "before", cxhub::MergePolicy(untrusting_nothing), calls, customers);
  const absl::Duration trust =
      Run(root / "trust", cxhub::MergePolicy(cxhub::ConflictPolicy::kMerge), calls, customers);
  fs::remove_all(root);

  cxhub::bench::ResultTable table(
      absl::StrCat("RecordInteraction by identities (InteractionLog::Record), SQLite, ", customers,
                   " customers"),
      "calls");
  table.AddBaseline(cxhub::bench::Result("every identity merges, no guardrails", calls, before));
  table.Add(cxhub::bench::Result("default trust policy + guardrails", calls, trust));
  table.Print();
  return 0;
}
