// The interaction attribute "business_identities": the business identities the customer
// contacted or was contacted from (a mailbox, a dialled number, a chat inbox, a brand account),
// written "kind:value, kind:value" ("email:orders@northwind.example, chat:chatwoot:7:inbox:12").
// Connectors fill it from their records; touchpoint rules match it.
#ifndef CXHUB_SERVER_CORE_BUSINESS_IDENTITIES_H_
#define CXHUB_SERVER_CORE_BUSINESS_IDENTITIES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/core/model.h"

namespace cxhub {

inline constexpr absl::string_view kBusinessIdentitiesAttribute = "business_identities";

// "kind:value, kind:value", kinds by IdentityKindName.
std::string FormatBusinessIdentities(const std::vector<Identity>& identities);

// The identities of an attribute value written by FormatBusinessIdentities (values as written,
// trimmed). Items with an unknown kind or an empty value are left out.
std::vector<Identity> ParseBusinessIdentities(absl::string_view attribute);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_BUSINESS_IDENTITIES_H_
