// Customers and their interactions written straight to a store for the figures' tests: each
// customer known by a short name, each interaction with the next idempotency key ("0", "1", …).
#ifndef CXHUB_TESTS_CORE_HISTORY_BUILDER_H_
#define CXHUB_TESTS_CORE_HISTORY_BUILDER_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// Borrows the store. Failures are test failures (gtest expectations).
class HistoryBuilder {
 public:
  explicit HistoryBuilder(Store& store) : store_(store) {}

  // A customer known as `name` from now on.
  CustomerId NewCustomer(const std::string& name, Attributes attributes = {});
  // The id of the customer known as `name`.
  CustomerId Id(const std::string& name) { return customers_[name]; }

  // An email message of `customer` at `time`.
  Interaction Message(const std::string& customer, absl::Time time);
  // A purchase on the web.
  Interaction Order(const std::string& customer, absl::Time time, int64_t amount,
                    const std::string& currency);
  // An NPS survey answer on the survey channel.
  Interaction NpsAnswer(const std::string& customer, absl::Time time, int score);

  void Record(const Interaction& interaction);

 private:
  Store& store_;
  std::map<std::string, CustomerId> customers_;
  int next_key_ = 0;
};

}  // namespace cxhub

#endif  // CXHUB_TESTS_CORE_HISTORY_BUILDER_H_
