// libFuzzer target: any bytes as a resource name of every kind. Parsing must never crash; a name
// that parses must be the canonical name of what it parsed to, and a refusal must be
// INVALID_ARGUMENT naming the field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "server/api/resource_names.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

template <typename Id>
void CheckParsed(const absl::StatusOr<Id>& parsed, absl::string_view name,
                 std::string (*canonical)(Id)) {
  if (parsed.ok()) {
    Check(canonical(*parsed) == name);
  } else {
    Check(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    Check(absl::StartsWith(parsed.status().message(), "field"));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view name(reinterpret_cast<const char*>(data), size);
  CheckParsed(cxhub::ParseCustomerName(name, "field"), name, &cxhub::CustomerName);
  CheckParsed(cxhub::ParseTouchpointName(name, "field"), name, &cxhub::TouchpointName);
  CheckParsed(cxhub::ParseInteractionName(name, "field"), name, &cxhub::InteractionName);
  CheckParsed(cxhub::ParseOperationName(name, "field"), name, &cxhub::OperationName);
  if (absl::StatusOr<cxhub::TouchpointRuleKey> rule = cxhub::ParseTouchpointRuleName(name, "field");
      rule.ok()) {
    Check(cxhub::TouchpointRuleName(rule->touchpoint_id, rule->rule_id) == name);
  }
  return 0;
}
