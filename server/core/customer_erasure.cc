#include "server/core/customer_erasure.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/core/field_violation.h"
#include "server/core/identity_mentions.h"
#include "server/core/status_macros.h"

namespace cxhub {
namespace {

// Dead letters read per statement while looking for an erased identity.
constexpr int kDeadLetterPage = 500;

bool MentionsAny(const DeadLetter& dead_letter, const std::vector<Identity>& identities) {
  for (const Identity& identity : identities) {
    if (MentionsIdentity(dead_letter.raw, identity)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<ErasureReport> CustomerErasure::EraseCustomer(CustomerId id) {
  CXHUB_RETURN_IF_ERROR(suppression_.RequireKey());
  ErasureReport report;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    report = ErasureReport();
    CXHUB_ASSIGN_OR_RETURN(Customer customer, writer.GetCustomer(id));
    CXHUB_RETURN_IF_ERROR(Suppress(writer, customer.identities, report));
    CXHUB_RETURN_IF_ERROR(writer.DeleteCustomer(id));
    report.customers.push_back(id);
    report.customers.insert(report.customers.end(), customer.merged_ids.begin(),
                            customer.merged_ids.end());
    for (CustomerId erased : report.customers) {
      CXHUB_ASSIGN_OR_RETURN(int64_t scrubbed,
                             writer.ScrubAuditResource(absl::StrCat("customers/", erased)));
      report.audit_entries += scrubbed;
    }
    // The ledger's snapshots and the merge suggestions hold the erased identities too.
    for (CustomerId erased : report.customers) {
      CXHUB_RETURN_IF_ERROR(writer.DeleteMergesOf(erased));
      CXHUB_RETURN_IF_ERROR(writer.DeleteMergeSuggestionsOf(erased));
    }
    return DeleteDeadLetters(writer, customer.identities, report);
  }));
  return report;
}

absl::StatusOr<ErasureReport> CustomerErasure::EraseIdentity(const Identity& identity) {
  CXHUB_RETURN_IF_ERROR(suppression_.RequireKey());
  absl::StatusOr<Identity> normalized = normalizer_.Normalize(identity);
  if (!normalized.ok()) return InvalidFieldError("identity", normalized.status().message());
  const std::vector<Identity> erased = {*std::move(normalized)};
  ErasureReport report;
  CXHUB_RETURN_IF_ERROR(store_.Write([&](StoreWriter& writer) -> absl::Status {
    report = ErasureReport();
    CXHUB_ASSIGN_OR_RETURN(std::optional<CustomerId> owner,
                           writer.FindCustomerByIdentity(erased.front()));
    if (owner.has_value()) {
      CXHUB_RETURN_IF_ERROR(writer.RemoveIdentity(*owner, erased.front()));
      report.customers.push_back(*owner);
    }
    CXHUB_RETURN_IF_ERROR(Suppress(writer, erased, report));
    return DeleteDeadLetters(writer, erased, report);
  }));
  return report;
}

absl::Status CustomerErasure::Suppress(StoreWriter& writer, const std::vector<Identity>& identities,
                                       ErasureReport& report) const {
  const absl::Time now = clock_.Now();
  for (const Identity& identity : identities) {
    CXHUB_RETURN_IF_ERROR(writer.SuppressIdentity(suppression_.Fingerprint(identity), now));
    ++report.suppressed_identities;
  }
  return absl::OkStatus();
}

absl::Status CustomerErasure::DeleteDeadLetters(StoreWriter& writer,
                                                const std::vector<Identity>& identities,
                                                ErasureReport& report) const {
  DeadLetterId after = 0;
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(std::vector<DeadLetter> page,
                           writer.ListDeadLetters("", after, kDeadLetterPage));
    for (const DeadLetter& dead_letter : page) {
      if (!MentionsAny(dead_letter, identities)) continue;
      CXHUB_RETURN_IF_ERROR(writer.DeleteDeadLetter(dead_letter.id));
      ++report.dead_letters;
    }
    if (static_cast<int>(page.size()) < kDeadLetterPage) return absl::OkStatus();
    after = page.back().id;
  }
}

}  // namespace cxhub
