#include "clients/cxctl/explanation_text.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cxctl/output_format.h"

namespace cxhub::cxctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* Field(const Message& message, const char* name) {
  return message.GetDescriptor()->FindFieldByName(name);
}

// A string field's value, or an enum field's value name; empty for anything else.
std::string Text(const Message& message, const char* name) {
  const FieldDescriptor* field = Field(message, name);
  if (field == nullptr || field->is_repeated()) return "";
  const Reflection* r = message.GetReflection();
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) return r->GetString(message, field);
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    return r->GetEnum(message, field)->name();
  }
  return "";
}

const Message* Child(const Message& message, const char* name) {
  const FieldDescriptor* field = Field(message, name);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
      field->is_repeated() || !message.GetReflection()->HasField(message, field)) {
    return nullptr;
  }
  return &message.GetReflection()->GetMessage(message, field);
}

std::vector<const Message*> Children(const Message& message, const char* name) {
  std::vector<const Message*> out;
  const FieldDescriptor* field = Field(message, name);
  if (field == nullptr || !field->is_repeated() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return out;
  }
  const Reflection* r = message.GetReflection();
  for (int i = 0; i < r->FieldSize(message, field); ++i) {
    out.push_back(&r->GetRepeatedMessage(message, field, i));
  }
  return out;
}

std::string IdentityText(const Message& identity) {
  return absl::StrCat(Text(identity, "kind"), " ", Text(identity, "value"));
}

// "merges/1  MERGE  customers/2 into customers/1  <time>  by <actor>  why ...".
std::vector<std::string> MergeRow(const Message& merge) {
  const bool unmerge = Text(merge, "kind") == "KIND_UNMERGE";
  std::vector<std::string> row = {
      Text(merge, "name"), unmerge ? "unmerge" : "merge",
      absl::StrCat(Text(merge, "merged"), unmerge ? " out of " : " into ",
                   Text(merge, "survivor"))};
  const Message* time = Child(merge, "time");
  row.push_back(time == nullptr ? ""
                                : absl::FormatTime("%Y-%m-%d %H:%M:%SZ",
                                                   absl::UnixEpoch() + SecondsAndNanos(*time),
                                                   absl::UTCTimeZone()));
  std::vector<std::string> why;
  if (!Text(merge, "actor").empty()) why.push_back(absl::StrCat("by ", Text(merge, "actor")));
  if (const Message* identity = Child(merge, "identity")) {
    why.push_back(absl::StrCat("identity ", IdentityText(*identity)));
  }
  if (!Text(merge, "source").empty()) {
    why.push_back(absl::StrCat("record ", Text(merge, "source"), "/", Text(merge, "external_id")));
  }
  if (!Text(merge, "method").empty()) why.push_back(absl::StrCat("call ", Text(merge, "method")));
  if (!Text(merge, "undone_by").empty()) {
    why.push_back(absl::StrCat("undone by ", Text(merge, "undone_by")));
  }
  if (!Text(merge, "undoes").empty()) why.push_back(absl::StrCat("undoes ", Text(merge, "undoes")));
  row.push_back(absl::StrJoin(why, ", "));
  return row;
}

}  // namespace

bool IsCustomerExplanation(const google::protobuf::Descriptor* type) {
  return type->full_name() == "cxhub.v1.CustomerExplanation";
}

std::string ExplanationText(const Message& explanation) {
  std::string out;
  if (const Message* customer = Child(explanation, "customer")) {
    out += absl::StrCat(Text(*customer, "name"), "  ", Text(*customer, "display_name"), "\n");
    std::vector<std::vector<std::string>> identities;
    for (const Message* identity : Children(*customer, "identities")) {
      std::string trust = Text(*identity, "trust");
      if (absl::EndsWith(trust, "UNSPECIFIED")) trust.clear();
      identities.push_back({"  " + Text(*identity, "kind"), Text(*identity, "value"), trust});
    }
    out += "identities:\n" + AlignedColumns(identities);
  }
  std::vector<std::vector<std::string>> merges;
  for (const Message* merge : Children(explanation, "merges")) {
    std::vector<std::string> row = MergeRow(*merge);
    row.front() = "  " + row.front();
    merges.push_back(std::move(row));
  }
  out += merges.empty() ? "merges: none\n" : "merges (newest first):\n" + AlignedColumns(merges);
  const FieldDescriptor* unmerged = Field(explanation, "unmerged");
  if (unmerged != nullptr && explanation.GetReflection()->GetBool(explanation, unmerged)) {
    out += "unmerged: a merge of this customer was undone\n";
  }
  return out;
}

}  // namespace cxhub::cxctl
