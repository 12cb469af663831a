#include "clients/cxctl/command_naming.h"

#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

TEST(CommandNaming, GroupIsThePluralOfTheServiceNoun) {
  EXPECT_EQ(GroupName("CustomerService"), "customers");
  EXPECT_EQ(GroupName("TouchpointService"), "touchpoints");
  EXPECT_EQ(GroupName("InteractionService"), "interactions");
  EXPECT_EQ(GroupName("ConnectorService"), "connectors");
  EXPECT_EQ(GroupName("AnalyticsService"), "analytics");
  EXPECT_EQ(GroupName("DeadLetterService"), "dead-letters");
  EXPECT_EQ(GroupName("IdentityService"), "identities");
}

TEST(CommandNaming, AServiceNamedForAMatterKeepsItsNoun) {
  EXPECT_EQ(GroupName("PrivacyService"), "privacy");
  EXPECT_EQ(VerbName("EraseCustomer", "PrivacyService"), "erase-customer");
  EXPECT_EQ(VerbName("ExportCustomer", "PrivacyService"), "export-customer");
}

TEST(CommandNaming, MergeSuggestionsAreASubgroupOfCustomers) {
  EXPECT_EQ(GroupName("MergeSuggestionService"), "customers suggestions");
  EXPECT_EQ(VerbName("ListMergeSuggestions", "MergeSuggestionService"), "list");
  EXPECT_EQ(VerbName("AcceptMergeSuggestion", "MergeSuggestionService"), "accept");
  EXPECT_EQ(VerbName("RejectMergeSuggestion", "MergeSuggestionService"), "reject");
}

TEST(CommandNaming, VerbDropsTheResourceNoun) {
  EXPECT_EQ(VerbName("GetCustomer", "CustomerService"), "get");
  EXPECT_EQ(VerbName("ListCustomers", "CustomerService"), "list");
  EXPECT_EQ(VerbName("MergeCustomers", "CustomerService"), "merge");
  EXPECT_EQ(VerbName("AddIdentity", "CustomerService"), "add-identity");
  EXPECT_EQ(VerbName("RecordInteraction", "InteractionService"), "record");
  EXPECT_EQ(VerbName("BatchRecordInteractions", "InteractionService"), "batch-record");
  EXPECT_EQ(VerbName("WatchInteractions", "InteractionService"), "watch");
  EXPECT_EQ(VerbName("PauseConnector", "ConnectorService"), "pause");
  EXPECT_EQ(VerbName("RetryDeadLetter", "DeadLetterService"), "retry");
  EXPECT_EQ(VerbName("GetNPSSummary", "AnalyticsService"), "get-nps-summary");
}

TEST(CommandNaming, AServiceNamedForItsCollectionIsAGroupOfThatName) {
  EXPECT_EQ(GroupName("Operations"), "operations");
  EXPECT_EQ(VerbName("GetOperation", "Operations"), "get");
  EXPECT_EQ(VerbName("ListOperations", "Operations"), "list");
  EXPECT_EQ(VerbName("WaitOperation", "Operations"), "wait");
  EXPECT_EQ(VerbName("CancelOperation", "Operations"), "cancel");
  EXPECT_EQ(VerbName("DeleteOperation", "Operations"), "delete");
}

TEST(CommandNaming, VerbKeepsTheWholeNameWhenOnlyTheNounIsLeft) {
  EXPECT_EQ(VerbName("Customer", "CustomerService"), "customer");
}

TEST(CommandNaming, SplitsCamelCaseAndAcronyms) {
  EXPECT_EQ(SplitCamelCase("GetNPSScore"), (std::vector<std::string>{"Get", "NPS", "Score"}));
  EXPECT_EQ(SplitCamelCase("ListCustomers"), (std::vector<std::string>{"List", "Customers"}));
}

TEST(CommandNaming, PluralizesSimply) {
  EXPECT_EQ(Pluralize("Customer"), "Customers");
  EXPECT_EQ(Pluralize("Identity"), "Identities");
  EXPECT_EQ(Pluralize("Day"), "Days");
  EXPECT_EQ(Pluralize("Box"), "Boxes");
  EXPECT_EQ(Pluralize("Analytics"), "Analytics");
}

}  // namespace
}  // namespace cxhub::cxctl
