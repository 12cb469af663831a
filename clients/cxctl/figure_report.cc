#include "clients/cxctl/figure_report.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/cxctl/figure_bar.h"
#include "clients/cxctl/output_format.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kBarWidth = 40;
constexpr int kMaxDepth = 4;  // Deepest nesting searched for figures.
constexpr char kNoAnswers[] = "no answers";

bool IsSingularOf(const FieldDescriptor* field, FieldDescriptor::CppType type) {
  return field != nullptr && !field->is_repeated() && field->cpp_type() == type;
}

bool IsIntervalType(const Descriptor* type) {
  return IsSingularOf(type->FindFieldByName("low"), FieldDescriptor::CPPTYPE_DOUBLE) &&
         IsSingularOf(type->FindFieldByName("high"), FieldDescriptor::CPPTYPE_DOUBLE);
}

bool IsIntervalField(const FieldDescriptor* field) {
  return IsSingularOf(field, FieldDescriptor::CPPTYPE_MESSAGE) &&
         IsIntervalType(field->message_type());
}

std::vector<const FieldDescriptor*> FieldsOf(const Descriptor* type, FieldDescriptor::CppType cpp) {
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < type->field_count(); ++i) {
    if (IsSingularOf(type->field(i), cpp)) fields.push_back(type->field(i));
  }
  return fields;
}

bool IsFigureType(const Descriptor* type) {
  if (FieldsOf(type, FieldDescriptor::CPPTYPE_DOUBLE).empty()) return false;
  for (int i = 0; i < type->field_count(); ++i) {
    if (IsIntervalField(type->field(i))) return true;
  }
  return false;
}

bool HoldsFigures(const Descriptor* type, int depth = 0) {
  if (IsFigureType(type)) return true;
  if (depth >= kMaxDepth) return false;
  for (const FieldDescriptor* field : FieldsOf(type, FieldDescriptor::CPPTYPE_MESSAGE)) {
    if (HoldsFigures(field->message_type(), depth + 1)) return true;
  }
  return false;
}

bool IsFigureField(const FieldDescriptor* field) {
  return IsSingularOf(field, FieldDescriptor::CPPTYPE_MESSAGE) &&
         HoldsFigures(field->message_type());
}

bool IsSeriesField(const FieldDescriptor* field) {
  if (!field->is_repeated() || field->is_map() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return false;
  }
  const Descriptor* point = field->message_type();
  const FieldDescriptor* start = point->FindFieldByName("start_time");
  if (!IsSingularOf(start, FieldDescriptor::CPPTYPE_MESSAGE) ||
      start->message_type()->full_name() != "google.protobuf.Timestamp") {
    return false;
  }
  for (int i = 0; i < point->field_count(); ++i) {
    if (IsFigureField(point->field(i))) return true;
  }
  return false;
}

// The interval of the double field `value` of a figure, by the convention's names.
const FieldDescriptor* IntervalOf(const FieldDescriptor* value) {
  const Descriptor* figure = value->containing_type();
  std::vector<std::string> names = {value->name() + "_interval"};
  if (const size_t cut = value->name().rfind('_'); cut != std::string::npos) {
    names.push_back(value->name().substr(0, cut) + "_interval");
  }
  if (FieldsOf(figure, FieldDescriptor::CPPTYPE_DOUBLE).size() == 1) names.push_back("interval");
  for (const std::string& name : names) {
    const FieldDescriptor* field = figure->FindFieldByName(name);
    if (IsIntervalField(field)) return field;
  }
  return nullptr;
}

std::string Number(double value) { return absl::StrFormat("%.1f", value); }

std::string IntervalText(const Message& figure, const FieldDescriptor* value) {
  const FieldDescriptor* field = IntervalOf(value);
  const Reflection* r = figure.GetReflection();
  if (field == nullptr || !r->HasField(figure, field)) return "";
  const Message& interval = r->GetMessage(figure, field);
  const Descriptor* type = interval.GetDescriptor();
  return absl::StrCat(
      "[", Number(interval.GetReflection()->GetDouble(interval, type->FindFieldByName("low"))),
      ", ", Number(interval.GetReflection()->GetDouble(interval, type->FindFieldByName("high"))),
      "]");
}

// The sample size and the counts of a figure, as "n=10 promoters=2 ...".
std::string CountsText(const Message& figure) {
  std::vector<std::string> parts;
  const std::vector<const FieldDescriptor*> counts =
      FieldsOf(figure.GetDescriptor(), FieldDescriptor::CPPTYPE_INT64);
  for (size_t i = 0; i < counts.size(); ++i) {
    parts.push_back(absl::StrCat(i == 0 ? "n" : counts[i]->name(), "=",
                                 figure.GetReflection()->GetInt64(figure, counts[i])));
  }
  return absl::StrJoin(parts, " ");
}

std::optional<ChartRange> NaturalRange(const FieldDescriptor* value,
                                       const FigureReportOptions& options) {
  if (!options.comments) return std::nullopt;
  const std::string comment = options.comments(value->full_name());
  std::vector<absl::string_view> words = absl::StrSplit(
      absl::string_view(comment).substr(0, comment.find('\n')), ' ', absl::SkipEmpty());
  if (!words.empty() && absl::AsciiStrToLower(words[0]) == "from") words.erase(words.begin());
  if (words.size() < 3 || words[1] != "to") return std::nullopt;
  auto number = [](absl::string_view word, double* out) {
    word = absl::StripSuffix(absl::StripSuffix(word, "."), ",");
    return absl::SimpleAtod(absl::StripPrefix(word, "+"), out);
  };
  ChartRange range;
  if (!number(words[0], &range.low) || !number(words[2], &range.high)) return std::nullopt;
  if (range.low >= range.high) return std::nullopt;
  return range;
}

struct Row {
  std::string figure;
  std::string value;
  std::string interval;
  std::string n;
  // Too wide for the table (answers_by_score): printed below it as "figure: value".
  bool below_table = false;
};

void AddRows(const Message& message, const std::string& prefix, std::vector<Row>& rows);

void AddFigureRows(const Message& figure, const std::string& path, std::vector<Row>& rows) {
  const Reflection* r = figure.GetReflection();
  const std::vector<const FieldDescriptor*> counts =
      FieldsOf(figure.GetDescriptor(), FieldDescriptor::CPPTYPE_INT64);
  const std::string n = counts.empty() ? "" : absl::StrCat(r->GetInt64(figure, counts[0]));
  for (const FieldDescriptor* value :
       FieldsOf(figure.GetDescriptor(), FieldDescriptor::CPPTYPE_DOUBLE)) {
    rows.push_back({path + value->name(), Number(r->GetDouble(figure, value)),
                    IntervalText(figure, value), n});
  }
  for (size_t i = 1; i < counts.size(); ++i) {
    rows.push_back(
        {path + counts[i]->name(), absl::StrCat(r->GetInt64(figure, counts[i])), "", ""});
  }
}

// The rows of the figure fields of `message` (which holds figures), named `prefix` + path.
void AddRows(const Message& message, const std::string& prefix, std::vector<Row>& rows) {
  if (IsFigureType(message.GetDescriptor())) return AddFigureRows(message, prefix, rows);
  const Descriptor* type = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    const std::string path = prefix + field->name();
    if (IsFigureField(field)) {
      if (r->HasField(message, field)) {
        AddRows(r->GetMessage(message, field), path + ".", rows);
      } else if (field->real_containing_oneof() == nullptr) {
        rows.push_back({path, kNoAnswers, "", ""});
      }
    } else if (field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_INT64 &&
               r->FieldSize(message, field) > 0) {
      std::vector<int64_t> values;
      for (int k = 0; k < r->FieldSize(message, field); ++k) {
        values.push_back(r->GetRepeatedInt64(message, field, k));
      }
      rows.push_back({path, absl::StrJoin(values, " "), "", "", /*below_table=*/true});
    }
  }
}

// The first figure set in `message` (a figure itself, or its first set figure field's), or
// nullptr when none is.
const Message* FirstFigure(const Message& message, int depth = 0) {
  if (IsFigureType(message.GetDescriptor())) return &message;
  if (depth >= kMaxDepth) return nullptr;
  const Reflection* r = message.GetReflection();
  for (const FieldDescriptor* field :
       FieldsOf(message.GetDescriptor(), FieldDescriptor::CPPTYPE_MESSAGE)) {
    if (!IsFigureField(field) || !r->HasField(message, field)) continue;
    if (const Message* figure = FirstFigure(r->GetMessage(message, field), depth + 1)) {
      return figure;
    }
  }
  return nullptr;
}

const FieldDescriptor* Headline(const Message& figure) {
  return FieldsOf(figure.GetDescriptor(), FieldDescriptor::CPPTYPE_DOUBLE).front();
}

std::string PointStart(const Message& point, absl::TimeZone zone) {
  const Message& start = point.GetReflection()->GetMessage(
      point, point.GetDescriptor()->FindFieldByName("start_time"));
  const absl::Time time = absl::UnixEpoch() + SecondsAndNanos(start);
  const absl::TimeZone::CivilInfo civil = zone.At(time);
  const bool midnight = civil.cs == absl::CivilSecond(absl::CivilDay(civil.cs));
  return absl::FormatTime(midnight ? "%Y-%m-%d" : "%Y-%m-%d %H:%M", time, zone);
}

// The figures of a point after its headline one, as "mentioned: 40.0 n=3".
std::string OtherFigures(const Message& point, const FieldDescriptor* headline_field) {
  std::vector<std::string> parts;
  const Reflection* r = point.GetReflection();
  for (const FieldDescriptor* field :
       FieldsOf(point.GetDescriptor(), FieldDescriptor::CPPTYPE_MESSAGE)) {
    if (field == headline_field || !IsFigureField(field) || !r->HasField(point, field)) continue;
    const Message* figure = FirstFigure(r->GetMessage(point, field));
    if (figure == nullptr) continue;
    parts.push_back(absl::StrCat(
        field->name(), ": ", Number(figure->GetReflection()->GetDouble(*figure, Headline(*figure))),
        " ", CountsText(*figure)));
  }
  return absl::StrJoin(parts, "  ");
}

// The first field of `point` that holds figures: the one the chart draws.
const FieldDescriptor* ChartedField(const Descriptor* point) {
  for (int i = 0; i < point->field_count(); ++i) {
    if (IsFigureField(point->field(i))) return point->field(i);
  }
  return nullptr;
}

std::string SeriesChart(const Message& report, const FieldDescriptor* series,
                        const FigureReportOptions& options) {
  const Reflection* r = report.GetReflection();
  const FieldDescriptor* charted = ChartedField(series->message_type());
  std::vector<const Message*> figures;
  std::vector<double> values;
  std::optional<ChartRange> natural;
  for (int i = 0; i < r->FieldSize(report, series); ++i) {
    const Message& point = r->GetRepeatedMessage(report, series, i);
    const Message* figure = point.GetReflection()->HasField(point, charted)
                                ? FirstFigure(point.GetReflection()->GetMessage(point, charted))
                                : nullptr;
    figures.push_back(figure);
    if (figure == nullptr) continue;
    values.push_back(figure->GetReflection()->GetDouble(*figure, Headline(*figure)));
    if (!natural.has_value()) natural = NaturalRange(Headline(*figure), options);
  }
  const ChartRange range = ChartRangeOf(values, natural);
  std::vector<std::vector<std::string>> lines;
  for (int i = 0; i < r->FieldSize(report, series); ++i) {
    const Message& point = r->GetRepeatedMessage(report, series, i);
    const Message* figure = figures[i];
    std::vector<std::string> line = {PointStart(point, options.time_zone)};
    if (figure == nullptr) {
      line.insert(line.end(), {kNoAnswers, "", EmptyFigureBar(range, kBarWidth), ""});
    } else {
      const double value = figure->GetReflection()->GetDouble(*figure, Headline(*figure));
      line.insert(line.end(), {Number(value), IntervalText(*figure, Headline(*figure)),
                               FigureBar(value, range, kBarWidth), CountsText(*figure)});
    }
    const std::string others = OtherFigures(point, charted);
    if (!others.empty()) line.push_back(others);
    lines.push_back(std::move(line));
  }
  return absl::StrCat("\n", series->name(), " (", Number(range.low), " to ", Number(range.high),
                      ", ", options.time_zone.name(), "):\n",
                      lines.empty() ? "No points.\n" : AlignedColumns(lines));
}

std::optional<absl::TimeZone> TimeZoneIn(const Message& message, int depth) {
  const Reflection* r = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->name() == "time_zone" && IsSingularOf(field, FieldDescriptor::CPPTYPE_STRING)) {
      absl::TimeZone zone;
      if (absl::LoadTimeZone(r->GetString(message, field), &zone)) return zone;
    } else if (depth < kMaxDepth && IsSingularOf(field, FieldDescriptor::CPPTYPE_MESSAGE)) {
      if (std::optional<absl::TimeZone> zone =
              TimeZoneIn(r->GetMessage(message, field), depth + 1)) {
        return zone;
      }
    }
  }
  return std::nullopt;
}

// Empty cells at the end of a line leave blanks that only get in the way of a reader's diff.
std::string WithoutTrailingBlanks(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  for (std::string& line : lines) line.erase(line.find_last_not_of(' ') + 1);
  return absl::StrJoin(lines, "\n");
}

}  // namespace

bool IsFigureReport(const Descriptor* type) {
  for (int i = 0; i < type->field_count(); ++i) {
    if (IsFigureField(type->field(i)) || IsSeriesField(type->field(i))) return true;
  }
  return false;
}

std::string FigureReport(const Message& report, const FigureReportOptions& options) {
  // The fields that are neither figures nor series print as they would in any response.
  std::unique_ptr<Message> rest(report.New());
  rest->CopyFrom(report);
  const Descriptor* type = report.GetDescriptor();
  std::vector<const FieldDescriptor*> series;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (IsSeriesField(field)) series.push_back(field);
    if (IsFigureField(field) || IsSeriesField(field))
      rest->GetReflection()->ClearField(rest.get(), field);
  }
  std::vector<Row> rows;
  AddRows(report, "", rows);
  std::vector<std::vector<std::string>> table = {{"FIGURE", "VALUE", "95% INTERVAL", "N"}};
  std::string below;
  for (const Row& row : rows) {
    if (row.below_table) {
      absl::StrAppend(&below, row.figure, ": ", row.value, "\n");
    } else {
      table.push_back({row.figure, row.value, row.interval, row.n});
    }
  }
  std::string out = FieldLines(*rest);
  if (!rows.empty()) {
    if (!out.empty()) out += "\n";
    out += AlignedColumns(table);
    if (!below.empty()) out += "\n" + below;
  }
  for (const FieldDescriptor* field : series) out += SeriesChart(report, field, options);
  return WithoutTrailingBlanks(out);
}

absl::TimeZone RequestTimeZone(const Message& request) {
  return TimeZoneIn(request, 0).value_or(absl::UTCTimeZone());
}

}  // namespace cxhub::cxctl
