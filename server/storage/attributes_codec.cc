#include "server/storage/attributes_codec.h"

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace cxhub {
namespace {

void AppendNetstring(absl::string_view bytes, std::string& out) {
  absl::StrAppend(&out, bytes.size(), ":", bytes, ",");
}

// Reads one netstring from the front of `in` and advances past it.
bool ReadNetstring(absl::string_view& in, std::string& out) {
  size_t colon = in.find(':');
  // 20 digits hold any size_t; more means garbage.
  if (colon == absl::string_view::npos || colon == 0 || colon > 20) return false;
  uint64_t size = 0;
  if (!absl::SimpleAtoi(in.substr(0, colon), &size)) return false;
  in.remove_prefix(colon + 1);
  if (size >= in.size() || in[size] != ',') return false;
  out.assign(in.data(), size);
  in.remove_prefix(size + 1);
  return true;
}

}  // namespace

std::string EncodeAttributes(const Attributes& attributes) {
  std::string out;
  for (const auto& [key, value] : attributes) {
    AppendNetstring(key, out);
    AppendNetstring(value, out);
  }
  return out;
}

absl::StatusOr<Attributes> DecodeAttributes(absl::string_view encoded) {
  Attributes attributes;
  const size_t total = encoded.size();
  while (!encoded.empty()) {
    std::string key;
    std::string value;
    if (!ReadNetstring(encoded, key) || !ReadNetstring(encoded, value)) {
      return absl::InternalError(
          absl::StrCat("corrupt attributes column at byte ", total - encoded.size()));
    }
    attributes[std::move(key)] = std::move(value);
  }
  return attributes;
}

}  // namespace cxhub
