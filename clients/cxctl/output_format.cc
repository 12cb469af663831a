#include "clients/cxctl/output_format.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr size_t kMaxCell = 48;

bool IsType(const FieldDescriptor* field, const char* full_name) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         field->message_type()->full_name() == full_name;
}

// Whether a field prints as one value: scalars, enums, Timestamp, Duration, FieldMask.
bool IsScalarLike(const FieldDescriptor* field) {
  return field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
         IsType(field, "google.protobuf.Timestamp") || IsType(field, "google.protobuf.Duration") ||
         IsType(field, "google.protobuf.FieldMask");
}

std::string MessageValue(const Message& message) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  const std::string& name = type->full_name();
  if (name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration") {
    const absl::Duration value = SecondsAndNanos(message);
    if (name == "google.protobuf.Duration") return absl::FormatDuration(value);
    // RFC 3339 in UTC, written with "Z" as proto3 JSON does.
    return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E*SZ", absl::UnixEpoch() + value,
                            absl::UTCTimeZone());
  }
  if (name == "google.protobuf.FieldMask") {
    const FieldDescriptor* paths = type->FindFieldByName("paths");
    std::vector<std::string> parts;
    for (int i = 0; i < r->FieldSize(message, paths); ++i) {
      parts.push_back(r->GetRepeatedString(message, paths, i));
    }
    return absl::StrJoin(parts, ",");
  }
  return JsonLine(message);
}

// The value of a non-repeated scalar-like field, or element `index` of a repeated one.
std::string Value(const Message& message, const FieldDescriptor* field, int index) {
  const Reflection* r = message.GetReflection();
  const bool rep = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(message, field, index)
                              : r->GetInt32(message, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(message, field, index)
                              : r->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(message, field, index)
                              : r->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(message, field, index)
                              : r->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r->GetRepeatedFloat(message, field, index)
                              : r->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(message, field, index)
                              : r->GetDouble(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(message, field, index) : r->GetEnum(message, field))->name();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageValue(rep ? r->GetRepeatedMessage(message, field, index)
                              : r->GetMessage(message, field));
  }
  return "";
}

// Columns line up by characters, not bytes: names like "Søren" are UTF-8.
size_t CharacterCount(absl::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // Not a continuation byte.
  }));
}

std::string Cell(std::string text) {
  text = absl::StrReplaceAll(text, {{"\r", " "}, {"\n", " "}, {"\t", " "}});
  if (text.size() > kMaxCell) {
    size_t cut = kMaxCell - 3;
    // Never cut a UTF-8 sequence in two.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

void CollectLines(const Message& message, const std::string& prefix,
                  std::vector<std::pair<std::string, std::string>>& lines) {
  const Reflection* r = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path = prefix + field->name();
    if (field->is_map()) {
      std::map<std::string, std::string> entries;
      for (int i = 0; i < r->FieldSize(message, field); ++i) {
        const Message& entry = r->GetRepeatedMessage(message, field, i);
        const Descriptor* type = entry.GetDescriptor();
        entries[Value(entry, type->FindFieldByNumber(1), 0)] =
            IsScalarLike(type->FindFieldByNumber(2))
                ? Value(entry, type->FindFieldByNumber(2), 0)
                : JsonLine(entry.GetReflection()->GetMessage(entry, type->FindFieldByNumber(2)));
      }
      for (const auto& [key, value] : entries) lines.emplace_back(path + "." + key, value);
    } else if (field->is_repeated()) {
      for (int i = 0; i < r->FieldSize(message, field); ++i) {
        const std::string item = absl::StrCat(path, "[", i, "]");
        if (IsScalarLike(field)) {
          lines.emplace_back(item, Value(message, field, i));
        } else {
          CollectLines(r->GetRepeatedMessage(message, field, i), item + ".", lines);
        }
      }
    } else if (IsScalarLike(field)) {
      lines.emplace_back(path, Value(message, field, 0));
    } else {
      CollectLines(r->GetMessage(message, field), path + ".", lines);
    }
  }
}

}  // namespace

absl::Duration SecondsAndNanos(const Message& message) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  return absl::Seconds(r->GetInt64(message, type->FindFieldByName("seconds"))) +
         absl::Nanoseconds(r->GetInt32(message, type->FindFieldByName("nanos")));
}

std::string JsonLine(const Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  const auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return absl::StrCat("{\"error\":\"", std::string(status.message()), "\"}");
  return out;
}

const FieldDescriptor* ListedField(const Descriptor* response) {
  const FieldDescriptor* token = response->FindFieldByName("next_page_token");
  if (token == nullptr) return nullptr;
  for (int i = 0; i < response->field_count(); ++i) {
    const FieldDescriptor* field = response->field(i);
    if (field->is_repeated() && !field->is_map() &&
        field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      return field;
    }
  }
  return nullptr;
}

std::string ListTable(const Message& response) {
  const FieldDescriptor* listed = ListedField(response.GetDescriptor());
  if (listed == nullptr) return FieldLines(response);
  const Reflection* r = response.GetReflection();
  const int rows = r->FieldSize(response, listed);
  const Descriptor* type = listed->message_type();

  // Columns: name first, then the scalar-like fields that some row sets, in field order.
  std::vector<const FieldDescriptor*> columns;
  const FieldDescriptor* name = type->FindFieldByName("name");
  if (name != nullptr) columns.push_back(name);
  for (int f = 0; f < type->field_count(); ++f) {
    const FieldDescriptor* field = type->field(f);
    if (field == name || field->is_repeated() || !IsScalarLike(field)) continue;
    for (int i = 0; i < rows; ++i) {
      const Message& row = r->GetRepeatedMessage(response, listed, i);
      if (row.GetReflection()->HasField(row, field)) {
        columns.push_back(field);
        break;
      }
    }
  }
  std::vector<std::vector<std::string>> cells(rows + 1);
  for (const FieldDescriptor* column : columns)
    cells[0].push_back(absl::AsciiStrToUpper(column->name()));
  for (int i = 0; i < rows; ++i) {
    const Message& row = r->GetRepeatedMessage(response, listed, i);
    for (const FieldDescriptor* column : columns) {
      cells[i + 1].push_back(
          row.GetReflection()->HasField(row, column) ? Cell(Value(row, column, 0)) : "");
    }
  }
  std::string out = rows == 0 ? absl::StrCat("No ", listed->name(), ".\n") : AlignedColumns(cells);
  const std::string token =
      r->GetString(response, response.GetDescriptor()->FindFieldByName("next_page_token"));
  if (!token.empty()) absl::StrAppend(&out, "\nMore: --page-token ", token, " (or --all)\n");
  return out;
}

std::string AlignedColumns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& line : rows) {
    if (widths.size() < line.size()) widths.resize(line.size(), 0);
    for (size_t c = 0; c < line.size(); ++c) {
      widths[c] = std::max(widths[c], CharacterCount(line[c]));
    }
  }
  std::string out;
  for (const auto& line : rows) {
    std::string text;
    for (size_t c = 0; c < line.size(); ++c) {
      text += line[c];
      if (c + 1 < line.size()) text += std::string(widths[c] - CharacterCount(line[c]) + 2, ' ');
    }
    out += text + "\n";
  }
  return out;
}

std::string FieldLines(const Message& message) {
  std::vector<std::pair<std::string, std::string>> lines;
  CollectLines(message, "", lines);
  size_t width = 0;
  for (const auto& line : lines) width = std::max(width, line.first.size());
  std::string out;
  for (const auto& [path, value] : lines) {
    const std::string indent(width + 2, ' ');
    absl::StrAppend(&out, path, ":", std::string(width - path.size() + 1, ' '),
                    absl::StrReplaceAll(value, {{"\n", "\n" + indent}}), "\n");
  }
  return out;
}

}  // namespace cxhub::cxctl
