// How cxctl prints responses: proto3 JSON on one line for scripts, or readable text for people
// (a table for list responses, aligned "field: value" lines otherwise).
#ifndef CXHUB_CLIENTS_CXCTL_OUTPUT_FORMAT_H_
#define CXHUB_CLIENTS_CXCTL_OUTPUT_FORMAT_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

// Proto3 JSON of `message` on one line, without the trailing line break.
std::string JsonLine(const google::protobuf::Message& message);

// The seconds and nanos of a google.protobuf.Timestamp (since the epoch) or Duration.
absl::Duration SecondsAndNanos(const google::protobuf::Message& timestamp_or_duration);

// The repeated message field that holds the resources of a List response (a response with a
// next_page_token and a repeated message field), or null for other responses.
const google::protobuf::FieldDescriptor* ListedField(const google::protobuf::Descriptor* response);

// A list response as a table: one row per resource, the resource's name first, then each
// scalar field set in some row. Ends with the page token to continue with, if any.
std::string ListTable(const google::protobuf::Message& response);

// `rows` of cells as lines of columns two spaces apart, aligned by characters (UTF-8 names stay
// in line); the last column is not padded.
std::string AlignedColumns(const std::vector<std::vector<std::string>>& rows);

// Every set field as an aligned "path: value" line, nested fields with dotted paths.
std::string FieldLines(const google::protobuf::Message& message);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_OUTPUT_FORMAT_H_
