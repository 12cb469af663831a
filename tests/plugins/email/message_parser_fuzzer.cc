// libFuzzer target: arbitrary bytes through the message parser and the record mapper. Neither
// may crash, leak or emit invalid UTF-8 (the record must serialize and parse back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/string_view.h"
#include "cxhub/connector/v1/record.pb.h"
#include "plugins/email/email_options.h"
#include "plugins/email/mbox_reader.h"
#include "plugins/email/message_parser.h"
#include "plugins/email/record_mapper.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view raw(reinterpret_cast<const char*>(data), size);
  static const cxhub::email::EmailOptions* options = [] {
    auto parsed =
        cxhub::email::ParseEmailOptions("mbox=/dev/null\nbusiness_domain=northwind.example\n");
    return new cxhub::email::EmailOptions(*parsed);
  }();
  // Parsed once, then mapped with the same parser: what a message leaves in a parser must not
  // change the next one (the connector reads every message with one).
  cxhub::email::MessageParser parser;
  (void)parser.Parse(raw);
  cxhub::email::MessageOrigin origin;
  origin.source = "fuzz";
  origin.location = "input";
  origin.fallback_time = 0;
  origin.fallback_time_source = "file_mtime";
  cxhub::email::MappedMessage mapped = cxhub::email::MapMessage(raw, origin, *options, parser);
  for (const auto& record : mapped.records) {
    std::string bytes;
    if (!record.SerializeToString(&bytes)) std::abort();
    cxhub::connector::v1::Record back;
    if (!back.ParseFromString(bytes)) std::abort();  // invalid UTF-8 would fail here
  }
  (void)cxhub::email::FromLineTime(raw);
  return 0;
}
