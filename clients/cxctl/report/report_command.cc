#include "clients/cxctl/report/report_command.h"

#include <cstring>
#include <fstream>
#include <map>
#include <ostream>
#include <set>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "clients/cxctl/command_line_tokens.h"
#include "clients/cxctl/common_flags.h"
#include "clients/cxctl/exit_codes.h"
#include "clients/cxctl/report/graphviz_svg.h"
#include "clients/cxctl/report/html_report.h"
#include "clients/cxctl/report/journey_map_dot.h"
#include "clients/cxctl/report/report_source.h"

namespace cxhub::cxctl {
namespace {

constexpr char kUsage[] =
    "Usage:\n"
    "  cxctl report journey-map --start T --end T [--format dot|svg] [--out FILE]\n"
    "  cxctl report html --start T --end T [--time-zone ZONE] [--granularity day|week|month]\n"
    "                    [--out FILE]\n\n"
    "journey-map prints the journey map of [start, end) (AnalyticsService.GetJourneyMap) as\n"
    "Graphviz DOT, or as SVG drawn by Graphviz's dot.\n"
    "html writes one self-contained HTML page (inline CSS and SVG, no script, nothing loaded from\n"
    "the network): the NPS, CSAT and CES of the period overall, per touchpoint and per channel,\n"
    "the NPS and CSAT series as charts, churn, lifetime value, the journey map and the top\n"
    "complaint phrases and intents. A part the server does not provide says so in the page.\n\n"
    "Flags:\n"
    "  --start T, --end T    The period, end excluded: RFC 3339 (2026-09-01T00:00:00Z) or a\n"
    "                        date (2026-09-01), midnight in --time-zone. Required.\n"
    "  --time-zone ZONE      IANA zone of the dates and of the series' days (default UTC).\n"
    "  --granularity G       day (default), week or month: the points of the charts.\n"
    "  --format F            journey-map: dot (default) or svg.\n"
    "  --out FILE            Write there instead of stdout.\n"
    "  --dot PROGRAM         Graphviz's dot (default: dot in PATH).\n"
    "  --server, --tls, --tls-ca, --tls-cert, --tls-key, --token-file, --timeout: as for every\n"
    "                        command (cxctl --help).\n";

const std::set<std::string> kOwnFlags = {"start",  "end", "time-zone", "granularity",
                                         "format", "out", "dot"};
const std::set<std::string> kConnectionFlags = {"server",  "tls-ca",     "tls-cert",
                                                "tls-key", "token-file", "timeout"};

struct ReportCommandLine {
  std::string verb;  // "html", "journey-map"
  std::map<std::string, std::string> flags;
  CommonFlagValues connection_flags;
  bool help = false;
};

absl::StatusOr<ReportCommandLine> Tokenize(const std::vector<std::string>& args) {
  CommandLineTokens tokens(args);
  ReportCommandLine line;
  line.help = tokens.help_requested();
  tokens.Next();  // "report"
  while (std::optional<CommandLineToken> token = tokens.Next()) {
    if (token->kind == CommandLineToken::Kind::kWord && line.verb.empty()) {
      line.verb = token->text;
      continue;
    }
    if (token->kind != CommandLineToken::Kind::kLongFlag) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", token->text, "\""));
    }
    const std::string& name = token->name;
    if (name == "tls") {
      line.connection_flags["tls"] = token->inline_value.value_or("true");
      continue;
    }
    if (!kOwnFlags.count(name) && !kConnectionFlags.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    std::optional<std::string> value = token->inline_value;
    if (!value.has_value()) value = tokens.TakeValue();
    if (!value.has_value())
      return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
    (kOwnFlags.count(name) ? line.flags[name] : line.connection_flags[name]) = *value;
  }
  return line;
}

absl::StatusOr<absl::Time> ParseReportTime(const std::string& name, const std::string& text,
                                           absl::TimeZone zone) {
  absl::Time time;
  std::string ignored;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &ignored)) return time;
  if (absl::ParseTime("%Y-%m-%d", text, zone, &time, &ignored)) return time;
  return absl::InvalidArgumentError(
      absl::StrCat("--", name, ": \"", text, "\" is not a date (2026-09-01) or an RFC 3339 time"));
}

absl::StatusOr<ReportPeriod> Period(const std::map<std::string, std::string>& flags) {
  ReportPeriod period;
  if (auto zone = flags.find("time-zone"); zone != flags.end()) {
    if (!absl::LoadTimeZone(zone->second, &period.time_zone)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--time-zone: \"", zone->second, "\" is not a known time zone"));
    }
  }
  for (const char* name : {"start", "end"}) {
    auto it = flags.find(name);
    if (it == flags.end())
      return absl::InvalidArgumentError(absl::StrCat("--", name, " is required"));
    absl::StatusOr<absl::Time> time = ParseReportTime(name, it->second, period.time_zone);
    if (!time.ok()) return time.status();
    (std::strcmp(name, "start") == 0 ? period.start : period.end) = *time;
  }
  if (period.end <= period.start) return absl::InvalidArgumentError("--end must be after --start");
  const std::map<std::string, v1::Granularity> granularities = {{"day", v1::GRANULARITY_DAY},
                                                                {"week", v1::GRANULARITY_WEEK},
                                                                {"month", v1::GRANULARITY_MONTH}};
  if (auto it = flags.find("granularity"); it != flags.end()) {
    auto granularity = granularities.find(it->second);
    if (granularity == granularities.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--granularity: \"", it->second, "\" is not day, week or month"));
    }
    period.granularity = granularity->second;
  }
  return period;
}

const MethodSpec* FindMethod(const CommandTable& table, const char* full_method) {
  for (size_t s = 0; s < table.service_count; ++s) {
    const ServiceSpec& service = table.services[s];
    for (size_t m = 0; m < service.method_count; ++m) {
      if (std::strcmp(service.methods[m].full_method, full_method) == 0) return &service.methods[m];
    }
  }
  return nullptr;
}

std::string FlagOr(const std::map<std::string, std::string>& flags, const std::string& name,
                   const std::string& fallback) {
  auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second;
}

int FailWith(const absl::Status& status, std::ostream& err) {
  const int code = static_cast<int>(status.code());
  err << "cxctl: " << StatusCodeName(code) << ": " << status.message() << "\n";
  return ExitCodeForStatus(code);
}

// Writes `text` to --out, or to `out` when it is not given or "-".
int Emit(const ReportCommandLine& line, const std::string& text, std::ostream& out,
         std::ostream& err) {
  const std::string path = FlagOr(line.flags, "out", "-");
  if (path == "-") {
    out << text;
    out.flush();
    return kExitOk;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "cxctl: cannot write " << path << "\n";
    return kExitOther;
  }
  return kExitOk;
}

absl::StatusOr<std::string> Render(const ReportCommandLine& line, const RpcClient& client,
                                   const ReportPeriod& period, const std::string& server) {
  const std::string dot = FlagOr(line.flags, "dot", "dot");
  if (line.verb == "html") {
    absl::StatusOr<ReportContent> content = ReadReportContent(client, period, dot);
    if (!content.ok()) return content.status();
    content->server = server;
    return HtmlReport(*content);
  }
  absl::StatusOr<v1::JourneyMap> map = ReadJourneyMap(client, period);
  if (!map.ok()) return map.status();
  if (FlagOr(line.flags, "format", "dot") == "dot") return JourneyMapDot(*map);
  return RenderDotAsSvg(JourneyMapDot(*map), dot);
}

int UsageError(const std::string& message, std::ostream& err) {
  err << "cxctl: " << message << "\n\n" << kUsage;
  return kExitUsage;
}

}  // namespace

bool IsReportCommand(const std::vector<std::string>& args) {
  return !args.empty() && args[0] == "report";
}

int RunReportCommand(const CommandTable& table, const std::vector<std::string>& args,
                     const Environment& env, std::ostream& out, std::ostream& err) {
  absl::StatusOr<ReportCommandLine> line = Tokenize(args);
  if (!line.ok()) return UsageError(std::string(line.status().message()), err);
  if (line->help) {
    out << kUsage;
    return kExitOk;
  }
  if (line->verb != "html" && line->verb != "journey-map") {
    return UsageError(line->verb.empty() ? "report takes html or journey-map"
                                         : absl::StrCat("unknown report \"", line->verb, "\""),
                      err);
  }
  const std::string format = FlagOr(line->flags, "format", "dot");
  if (line->verb == "journey-map" && format != "dot" && format != "svg") {
    return UsageError(absl::StrCat("--format: \"", format, "\" is not dot or svg"), err);
  }
  absl::StatusOr<ReportPeriod> period = Period(line->flags);
  if (!period.ok()) return UsageError(std::string(period.status().message()), err);
  const MethodSpec* method = FindMethod(table, "/cxhub.v1.AnalyticsService/GetSatisfaction");
  if (method == nullptr) return UsageError("this cxctl has no AnalyticsService", err);
  absl::StatusOr<CallSettings> settings = ReadCallSettings(line->connection_flags, env, *method);
  if (!settings.ok()) return UsageError(std::string(settings.status().message()), err);
  absl::StatusOr<RpcClient> client = RpcClient::Open(settings->connection);
  if (!client.ok()) return UsageError(std::string(client.status().message()), err);
  absl::StatusOr<std::string> text = Render(*line, *client, *period, settings->connection.server);
  if (!text.ok()) return FailWith(text.status(), err);
  return Emit(*line, *text, out, err);
}

}  // namespace cxhub::cxctl
