#include "benchmarks/analytics/complaint_themes_timing.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "benchmarks/analytics/interaction_generator.h"
#include "benchmarks/analytics/range_scan.h"
#include "benchmarks/analytics/timed_calls.h"
#include "benchmarks/harness/latency_percentiles.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/core/complaint_themes.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub::bench {
namespace {

// A read of two months of texts takes seconds at a million interactions: a few calls suffice.
constexpr int kRepetitions = 3;

std::vector<ComplaintIntent> BenchIntents() {
  return {{"where-is-my-order",
           {"where is my order", "not arrived", "não chegou", "no ha llegado", "nicht angekommen",
            "pas reçu"}},
          {"refund", {"refund", "money back", "reembolso", "rückerstattung", "remboursement"}},
          {"damaged-item", {"damaged", "broken", "danificada", "roto", "beschädigt", "endommagé"}},
          {"cancel", {"cancel", "cancelar", "stornieren", "annuler"}}};
}

struct NamedQuery {
  std::string name;
  ComplaintThemesQuery query;
};

}  // namespace

absl::Status TimeComplaintThemes(Store& store, Connection& raw, const std::string& backend) {
  ComplaintThemes themes(store, BenchIntents());
  ComplaintThemesQuery month;
  month.end_time = GeneratedStart() + kGeneratedSpan;
  month.start_time = month.end_time - absl::Hours(24 * 30);
  ComplaintThemesQuery chat = month;
  chat.channel = "chat";
  ComplaintThemesQuery detractors = month;
  detractors.sources = {ComplaintSource::kDetractorComment};
  const std::vector<NamedQuery> queries = {{"top phrases of a month", month},
                                           {"top phrases of a month, chat", chat},
                                           {"top phrases of a month, detractors", detractors}};
  ResultTable table(absl::StrCat("Complaint themes (", backend, "), against the month before"),
                    "calls");
  CXHUB_ASSIGN_OR_RETURN(
      Result scan, TimeCalls("scan: the texts of both months", kRepetitions, [&] {
        return ScanInteractionRange(raw, "customer_id, subject, body",
                                    month.start_time - absl::Hours(24 * 30), month.end_time);
      }));
  table.AddBaseline(scan);
  for (const NamedQuery& named : queries) {
    std::vector<absl::Duration> latencies;
    std::vector<absl::Duration> cpu_times;
    int64_t interactions = 0;
    std::string top;
    Stopwatch total;
    for (int i = 0; i < kRepetitions; ++i) {
      Stopwatch call;
      const absl::Duration cpu_before = ProcessCpuTime();
      CXHUB_ASSIGN_OR_RETURN(const ComplaintThemesReport report, themes.Get(named.query));
      latencies.push_back(call.Elapsed());
      cpu_times.push_back(ProcessCpuTime() - cpu_before);
      interactions = report.interactions;
      top = report.two_word_phrases.empty() ? "" : report.two_word_phrases[0].text;
    }
    Result result(named.name, kRepetitions, total.Elapsed());
    result.latency = ComputeLatencyPercentiles(latencies);
    std::sort(cpu_times.begin(), cpu_times.end());
    result.note = absl::StrFormat("median %.0f ms, cpu %.0f ms  (%d texts; top pair \"%s\")",
                                  absl::ToDoubleMilliseconds(result.latency->p50),
                                  absl::ToDoubleMilliseconds(cpu_times[cpu_times.size() / 2]),
                                  interactions, top);
    table.Add(result);
  }
  table.Print();
  return absl::OkStatus();
}

}  // namespace cxhub::bench
