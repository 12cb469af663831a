#include "tests/core/history_builder.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

CustomerId HistoryBuilder::NewCustomer(const std::string& name, Attributes attributes) {
  CustomerId id = 0;
  EXPECT_TRUE(store_
                  .Write([&](StoreWriter& w) -> absl::Status {
                    Customer customer;
                    customer.display_name = name;
                    customer.attributes = attributes;
                    absl::StatusOr<CustomerId> inserted = w.InsertCustomer(customer);
                    id = inserted.value_or(0);
                    return inserted.status();
                  })
                  .ok());
  customers_[name] = id;
  return id;
}

Interaction HistoryBuilder::Message(const std::string& customer, absl::Time time) {
  Interaction interaction;
  interaction.customer_id = customers_[customer];
  interaction.channel = "email";
  interaction.occur_time = time;
  interaction.source = "test";
  interaction.external_id = std::to_string(next_key_++);
  return interaction;
}

Interaction HistoryBuilder::Order(const std::string& customer, absl::Time time, int64_t amount,
                                  const std::string& currency) {
  Interaction interaction = Message(customer, time);
  interaction.channel = "web";
  interaction.kind = InteractionKind::kPurchase;
  interaction.purchase = Purchase{amount, currency, interaction.external_id};
  return interaction;
}

Interaction HistoryBuilder::NpsAnswer(const std::string& customer, absl::Time time, int score) {
  Interaction interaction = Message(customer, time);
  interaction.channel = "survey";
  interaction.kind = InteractionKind::kSurveyResponse;
  interaction.survey.emplace();
  interaction.survey->metric = SurveyMetric::kNps;
  interaction.survey->score = score;
  return interaction;
}

void HistoryBuilder::Record(const Interaction& interaction) {
  absl::Status status =
      store_.Write([&](StoreWriter& w) { return w.InsertInteraction(interaction).status(); });
  EXPECT_TRUE(status.ok()) << status;
}

}  // namespace cxhub
