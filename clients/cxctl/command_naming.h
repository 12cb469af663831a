// How services and RPCs are named as commands, for people:
//   CustomerService -> "customers", DeadLetterService -> "dead-letters",
//   AnalyticsService -> "analytics", Operations (google.longrunning) -> "operations";
//   GetCustomer -> "get", ListCustomers -> "list", AddIdentity -> "add-identity",
//   BatchRecordInteractions -> "batch-record" (in InteractionService), WaitOperation -> "wait"
//   (in Operations).
#ifndef CXHUB_CLIENTS_CXCTL_COMMAND_NAMING_H_
#define CXHUB_CLIENTS_CXCTL_COMMAND_NAMING_H_

#include <string>
#include <vector>

namespace cxhub::cxctl {

// "BatchRecordInteractions" -> {"Batch", "Record", "Interactions"}; "GetNPSScore" ->
// {"Get", "NPS", "Score"}.
std::vector<std::string> SplitCamelCase(const std::string& name);

// The simple English plural of a word: Customer -> Customers, Identity -> Identities,
// Analytics -> Analytics, Box -> Boxes.
std::string Pluralize(const std::string& word);

// The command group of a service: the service name without "Service", pluralized (but for a
// noun with no plural, "PrivacyService" -> privacy), kebab-case. A few services are a subgroup
// of another group, written with a space: MergeSuggestionService -> "customers suggestions"
// (`cxctl customers suggestions list`).
std::string GroupName(const std::string& service_name);

// The verb of a method: the method name without the service's resource noun (singular or
// plural), kebab-case. The whole method name in kebab-case when nothing would be left.
std::string VerbName(const std::string& method_name, const std::string& service_name);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_COMMAND_NAMING_H_
