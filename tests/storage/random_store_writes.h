// A random mix of store writes (customers and touchpoints created, deleted and merged;
// interactions, among them survey answers, mentioned scores and (WithVisits) website visits,
// inserted, replaced and reassigned), for conformance tests that check what the
// store maintains against a recount of the interactions after it.
#ifndef CXHUB_TESTS_STORAGE_RANDOM_STORE_WRITES_H_
#define CXHUB_TESTS_STORAGE_RANDOM_STORE_WRITES_H_

#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {

class RandomWrites {
 public:
  // `store` must outlive this object; interactions fall in the three days from `day0`.
  RandomWrites(Store& store, absl::Time day0, uint32_t seed)
      : store_(store), day0_(day0), random_(seed) {}

  // Also write website visits (one write in four), from here on. Off by default, so that the
  // suites written before visits keep their random sequence.
  void WithVisits() { with_visits_ = true; }

  // Three customers, two touchpoints, then `steps` random writes; stops at a fatal failure.
  void Run(int steps) {
    for (int i = 0; i < 3; ++i) NewCustomer();
    for (int i = 0; i < 2; ++i) NewTouchpoint();
    for (int i = 0; i < steps; ++i) {
      Step();
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  void Step() {
    switch (Pick(20)) {
      case 0:
      case 1:
        NewCustomer();
        break;
      case 2:
        NewTouchpoint();
        break;
      case 3:
        DeleteCustomer();
        break;
      case 4:
        DeleteTouchpoint();
        break;
      case 5:
        MergeCustomers();
        break;
      case 6:
      case 7:
      case 8:
        Reassign();
        break;
      case 9:
      case 10:
      case 11:
        Replace();
        break;
      default:
        Insert();
        break;
    }
  }

  void NewCustomer() {
    const Customer customer = cxhub::testing::NewCustomer(absl::StrCat("c", next_++));
    ASSERT_OK(store_.Write([&](StoreWriter& w) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(CustomerId id, w.InsertCustomer(customer));
      customers_.push_back(id);
      return absl::OkStatus();
    }));
  }
  void NewTouchpoint() {
    Touchpoint touchpoint;
    touchpoint.display_name = absl::StrCat("t", next_++);
    ASSERT_OK(store_.Write([&](StoreWriter& w) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(TouchpointId id, w.InsertTouchpoint(touchpoint));
      touchpoints_.push_back(id);
      all_touchpoints_.insert(id);
      return absl::OkStatus();
    }));
  }

  const std::set<TouchpointId>& all_touchpoints() const { return all_touchpoints_; }
  // The channels of the interactions written ("web": the visits).
  static std::vector<std::string> Channels() { return {"email", "chat", "survey", "web"}; }

 private:
  int Pick(size_t n) {
    return std::uniform_int_distribution<int>(0, static_cast<int>(n) - 1)(random_);
  }

  // Random content for external id `key` of a live customer (nullopt: none).
  std::optional<Interaction> Content(const std::string& key) {
    if (customers_.empty()) return std::nullopt;
    Interaction interaction = NewInteraction(customers_[Pick(customers_.size())], key,
                                             day0_ + absl::Minutes(Pick(3 * 24 * 60)));
    interaction.channel = Channels()[Pick(3)];  // Of the first three; a visit's is "web".
    interaction.touchpoint_id = RandomTouchpoint();
    if (with_visits_ &&
        Pick(4) == 0) {  // A website visit, with what the visit counts break it down by.
      static const char* const kIntents[] = {"transactional", "informational", "none", ""};
      interaction.kind = InteractionKind::kVisit;
      interaction.channel = "web";
      if (const char* intent = kIntents[Pick(4)]; *intent != '\0') {
        interaction.attributes["visit_intent"] = intent;
      }
      interaction.attributes["referrer_type"] = Pick(2) == 0 ? "search" : "direct";
      interaction.attributes["referrer_name"] = absl::StrCat("site", Pick(3));
      if (Pick(2) == 0) interaction.attributes["referrer_keyword"] = absl::StrCat("k", Pick(4));
      interaction.attributes["entry_page"] = absl::StrCat("/p", Pick(5));
    } else if (Pick(3) != 0) {
      const SurveyMetric metric = static_cast<SurveyMetric>(1 + Pick(3));
      const int low = metric == SurveyMetric::kNps ? 0 : 1;
      const int high = metric == SurveyMetric::kNps ? 10 : metric == SurveyMetric::kCsat ? 5 : 7;
      interaction.kind = InteractionKind::kSurveyResponse;
      interaction.survey.emplace();
      interaction.survey->metric = metric;
      interaction.survey->score = low + Pick(high - low + 1);
    } else if (Pick(2) == 0) {
      interaction.mentioned_score.emplace();
      const bool nps = Pick(2) == 0;
      interaction.mentioned_score->metric = nps ? SurveyMetric::kNps : SurveyMetric::kCsat;
      interaction.mentioned_score->scale = nps ? 10 : 5;
      interaction.mentioned_score->score = nps ? Pick(11) : 1 + Pick(5);
    }
    return interaction;
  }

  TouchpointId RandomTouchpoint() {
    if (touchpoints_.empty() || Pick(3) == 0) return 0;
    return touchpoints_[Pick(touchpoints_.size())];
  }

  void Insert() {
    const std::string key = absl::StrCat("i", next_++);
    std::optional<Interaction> content = Content(key);
    if (!content.has_value()) return;
    ASSERT_OK(store_.Write([&](StoreWriter& w) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(InteractionId id, w.InsertInteraction(*content));
      ids_.push_back(id);
      return absl::OkStatus();
    }));
    keys_.push_back(key);
  }

  void Replace() {
    if (keys_.empty()) return;
    std::optional<Interaction> content = Content(keys_[Pick(keys_.size())]);
    if (!content.has_value()) return;
    // NOT_FOUND when the customer holding it was deleted since: then nothing changes.
    absl::Status status = store_.Write(
        [&](StoreWriter& w) { return w.ReplaceInteractionContent(*content).status(); });
    EXPECT_TRUE(status.ok() || absl::IsNotFound(status)) << status;
  }

  void Reassign() {
    if (ids_.empty()) return;
    const InteractionId id = ids_[Pick(ids_.size())];
    const TouchpointId touchpoint = RandomTouchpoint();
    absl::Status status =
        store_.Write([&](StoreWriter& w) { return w.SetInteractionTouchpoint(id, touchpoint, 0); });
    EXPECT_TRUE(status.ok() || absl::IsNotFound(status)) << status;
  }

  void DeleteCustomer() {
    if (customers_.size() < 5) return;
    const size_t index = Pick(customers_.size());
    ASSERT_OK(store_.Write([&](StoreWriter& w) { return w.DeleteCustomer(customers_[index]); }));
    customers_.erase(customers_.begin() + index);
  }

  void DeleteTouchpoint() {
    if (touchpoints_.empty()) return;
    const size_t index = Pick(touchpoints_.size());
    ASSERT_OK(
        store_.Write([&](StoreWriter& w) { return w.DeleteTouchpoint(touchpoints_[index]); }));
    touchpoints_.erase(touchpoints_.begin() + index);
  }

  void MergeCustomers() {
    if (customers_.size() < 2) return;
    const size_t merged = Pick(customers_.size());
    const size_t survivor = (merged + 1 + Pick(customers_.size() - 1)) % customers_.size();
    ASSERT_OK(store_.Write([&](StoreWriter& w) {
      return w.MergeCustomerInto(customers_[merged], customers_[survivor]);
    }));
    customers_.erase(customers_.begin() + merged);
  }

  Store& store_;
  absl::Time day0_;
  std::mt19937 random_;
  int next_ = 0;
  bool with_visits_ = false;
  std::vector<CustomerId> customers_;
  std::vector<TouchpointId> touchpoints_;
  std::set<TouchpointId> all_touchpoints_;
  std::vector<InteractionId> ids_;
  std::vector<std::string> keys_;
};

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_STORAGE_RANDOM_STORE_WRITES_H_
