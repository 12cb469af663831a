// Store conformance for InsertInteractions: a batch leaves the store exactly as the same items
// inserted one by one (each in a savepoint) would, rows and every table of counts and sums
// alike, and each item fails alone with the error a single insert gives it. Every backend must
// pass it unchanged.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"
#include "server/storage/sql_driver.h"
#include "tests/storage/store_backends.h"
#include "tests/storage/store_conformance_fixture.h"

namespace cxhub::testing {
namespace {

using ItemResults = std::vector<absl::StatusOr<InteractionId>>;

// 2026-09-07 00:00 UTC, on a quarter hour.
absl::Time Day0() { return absl::FromUnixSeconds(1788739200); }

// Every table a new interaction changes, with its columns, read in full in key order.
struct TableDump {
  std::string table;
  std::string columns;
};

std::vector<TableDump> WrittenTables() {
  const std::string score_columns =
      "metric, mentioned, bucket_start, touchpoint_id, channel, score, answers";
  return {
      // Not the ids: MySQL spends auto-increment values on failed inserts, a batch on other ones.
      {"interactions",
       "customer_id, channel, touchpoint_id, kind, direction, occur_time, thread_id, subject, "
       "body, duration_us, source, external_id, survey_metric, survey_score, mentioned_metric, "
       "mentioned_score, attributes, create_time, purchase_amount_minor_units, purchase_currency, "
       "purchase_order_id"},
      {"score_answer_counts", score_columns},
      {"score_answer_day_counts", score_columns},
      {"score_answer_day_totals", score_columns},
      {"customer_activity", "customer_id, bucket_start, channel, touchpoint_id, interactions"},
      {"customer_purchase_totals",
       "currency, customer_id, orders, amount_minor_units, first_purchase_time, "
       "last_purchase_time"},
      {"customer_purchase_buckets",
       "currency, bucket_start, customer_id, touchpoint_id, channel, orders, amount_minor_units"},
      // Each global key with the interaction that holds it.
      {"interaction_global_keys g JOIN interactions i ON i.id = g.interaction_id",
       "g.global_key, i.external_id"},
  };
}

// The rows of `dump`, each as its columns' text joined by '|'.
absl::StatusOr<std::vector<std::string>> Rows(Connection& connection, const TableDump& dump) {
  const int columns =
      static_cast<int>(std::count(dump.columns.begin(), dump.columns.end(), ',')) + 1;
  CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Statement> select,
                         connection.Prepare(absl::StrCat("SELECT ", dump.columns, " FROM ",
                                                         dump.table, " ORDER BY ", dump.columns)));
  std::vector<std::string> rows;
  while (true) {
    CXHUB_ASSIGN_OR_RETURN(bool row, select->Step());
    if (!row) break;
    std::vector<std::string> values;
    values.reserve(columns);
    for (int column = 0; column < columns; ++column) {
      values.push_back(select->ColumnIsNull(column) ? "NULL" : select->ColumnText(column));
    }
    rows.push_back(absl::StrJoin(values, "|"));
  }
  return rows;
}

class InteractionBatchStoreTest : public StoreConformanceTest {
 protected:
  // The same customers (the last merged away) and touchpoints in `store` (the same ids in two
  // fresh stores: consecutive on one server, spaced on a Galera node), and one interaction whose
  // key and global key items may repeat ("taken", "email:taken").
  static absl::Status Populate(Store& store) {
    return store.Write([](StoreWriter& writer) -> absl::Status {
      std::vector<CustomerId> customers;
      for (int i = 0; i < 5; ++i) {
        CXHUB_ASSIGN_OR_RETURN(CustomerId id,
                               writer.InsertCustomer(NewCustomer(absl::StrCat("c", i))));
        customers.push_back(id);
      }
      customers_ = customers;
      CXHUB_RETURN_IF_ERROR(writer.MergeCustomerInto(customers[4], customers[3]));
      touchpoints_ = {0};
      for (int i = 0; i < 2; ++i) {
        Touchpoint touchpoint;
        touchpoint.display_name = absl::StrCat("t", i);
        CXHUB_ASSIGN_OR_RETURN(TouchpointId id, writer.InsertTouchpoint(touchpoint));
        touchpoints_.push_back(id);
      }
      Interaction taken = NewInteraction(customers[0], "taken", Day0());
      taken.global_key = "email:taken";
      return writer.InsertInteraction(taken).status();
    });
  }

  // Random interactions of the first four customers, at no touchpoint or at one of the two, over
  // three days, with survey answers, mentioned scores and purchases in two currencies, and items
  // that must fail: a merged-away customer (the fifth), an unknown one, an unknown touchpoint, a
  // taken key and a key repeated inside the batch, and the same two for global keys (which a
  // quarter of the items have). Items without an external id are never duplicates.
  static std::vector<Interaction> Items(int count, uint32_t seed) {
    std::mt19937 random(seed);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    std::vector<Interaction> items;
    for (int i = 0; i < count; ++i) {
      Interaction item = NewInteraction(customers_[pick(4)], absl::StrCat("k", i),
                                        Day0() + absl::Minutes(pick(3 * 24 * 60)));
      item.channel = pick(2) == 0 ? "email" : "chat";
      item.touchpoint_id = touchpoints_[pick(3)];
      item.body = absl::StrCat("body ", i);
      item.attributes = {{"n", absl::StrCat(i)}};
      switch (pick(5)) {
        case 0:
          item.kind = InteractionKind::kSurveyResponse;
          item.survey.emplace();
          item.survey->metric = SurveyMetric::kNps;
          item.survey->score = pick(11);
          break;
        case 1:
          item.mentioned_score.emplace();
          item.mentioned_score->metric = SurveyMetric::kCsat;
          item.mentioned_score->score = 1 + pick(5);
          item.mentioned_score->scale = 5;
          break;
        case 2:
          item.kind = InteractionKind::kPurchase;
          item.purchase =
              Purchase{100 + pick(1000), pick(2) == 0 ? "EUR" : "USD", absl::StrCat("o", i)};
          break;
        default:
          break;
      }
      if (i % 50 == 7) item.customer_id = customers_[4];
      if (i % 50 == 13) item.customer_id = 999;
      if (i % 50 == 21) item.touchpoint_id = 999;
      if (i % 50 == 29) item.external_id = "taken";
      if (i % 50 == 33) item.external_id = absl::StrCat("k", i - 1);
      if (i % 50 == 41) item.external_id.clear();
      if (i % 4 == 1 || i % 50 == 45) item.global_key = absl::StrCat("email:m", i);
      if (i % 50 == 43) item.global_key = "email:taken";
      if (i % 50 == 46) item.global_key = absl::StrCat("email:m", i - 1);
      items.push_back(item);
    }
    return items;
  }

  // Set by Populate: the customers, and 0 (none) then the touchpoints.
  static inline std::vector<CustomerId> customers_;
  static inline std::vector<TouchpointId> touchpoints_;

  static absl::StatusOr<ItemResults> InsertBatch(Store& store,
                                                 const std::vector<Interaction>& items) {
    ItemResults results;
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(results, writer.InsertInteractions(items));
      return absl::OkStatus();
    }));
    return results;
  }

  // The items one InsertInteraction at a time, each in a savepoint, in one transaction.
  static absl::StatusOr<ItemResults> InsertOneByOne(Store& store,
                                                    const std::vector<Interaction>& items) {
    ItemResults results;
    CXHUB_RETURN_IF_ERROR(store.Write([&](StoreWriter& writer) -> absl::Status {
      results.clear();
      for (const Interaction& item : items) {
        absl::StatusOr<InteractionId> id;
        absl::Status status = writer.Savepoint([&](StoreWriter& w) -> absl::Status {
          id = w.InsertInteraction(item);
          return id.status();
        });
        if (!status.ok() && !absl::IsNotFound(status) && !absl::IsAlreadyExists(status)) {
          return status;
        }
        results.push_back(id);
      }
      return absl::OkStatus();
    }));
    return results;
  }

  // Every table a write of interactions changes, on `backend`'s database.
  static absl::StatusOr<std::vector<std::vector<std::string>>> Dump(StoreBackend& backend) {
    CXHUB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, backend.Connect());
    std::vector<std::vector<std::string>> tables;
    for (const TableDump& dump : WrittenTables()) {
      CXHUB_ASSIGN_OR_RETURN(std::vector<std::string> rows, Rows(*connection, dump));
      tables.push_back(std::move(rows));
    }
    return tables;
  }
};

TEST_P(InteractionBatchStoreTest, LeavesTheStoreAsInsertsOneByOne) {
  // Over several statements of every size: 300 items are 128 + 128 + 32 + ... rows.
  ASSERT_OK(Populate(*store_));
  const std::vector<Interaction> items = Items(300, 7);
  const std::string one_by_one_directory = directory_ + "/one_by_one";
  std::filesystem::create_directories(one_by_one_directory);
  std::unique_ptr<StoreBackend> one_by_one_backend = GetParam().make(one_by_one_directory);
  absl::StatusOr<std::unique_ptr<Store>> one_by_one = one_by_one_backend->Open();
  ASSERT_TRUE(one_by_one.ok()) << one_by_one.status();
  ASSERT_OK(Populate(**one_by_one));

  absl::StatusOr<ItemResults> batch = InsertBatch(*store_, items);
  ASSERT_TRUE(batch.ok()) << batch.status();
  absl::StatusOr<ItemResults> single = InsertOneByOne(**one_by_one, items);
  ASSERT_TRUE(single.ok()) << single.status();

  ASSERT_EQ(batch->size(), items.size());
  int failed = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ((*batch)[i].status(), (*single)[i].status()) << "item " << i;
    if (!(*batch)[i].ok()) ++failed;
  }
  EXPECT_EQ(failed, 7 * 6);  // Six of each of the seven kinds of failing item.
  absl::StatusOr<std::vector<std::vector<std::string>>> batch_tables = Dump(*backend_);
  ASSERT_TRUE(batch_tables.ok()) << batch_tables.status();
  absl::StatusOr<std::vector<std::vector<std::string>>> single_tables = Dump(*one_by_one_backend);
  ASSERT_TRUE(single_tables.ok()) << single_tables.status();
  for (size_t t = 0; t < WrittenTables().size(); ++t) {
    EXPECT_FALSE((*batch_tables)[t].empty()) << WrittenTables()[t].table;
    EXPECT_EQ((*batch_tables)[t], (*single_tables)[t]) << WrittenTables()[t].table;
  }
}

TEST_P(InteractionBatchStoreTest, DuplicateKeysFailAloneAndStoreNothing) {
  const CustomerId ana = NewCustomerId("ana");
  ASSERT_TRUE(InsertInteraction(NewInteraction(ana, "stored", T(1))).ok());
  const std::vector<Interaction> items = {
      NewInteraction(ana, "a", T(2)), NewInteraction(ana, "stored", T(3)),
      NewInteraction(ana, "b", T(4)), NewInteraction(ana, "a", T(5)),
      NewInteraction(ana, "", T(6)),  NewInteraction(ana, "", T(7)),
  };
  absl::StatusOr<ItemResults> results = InsertBatch(*store_, items);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), items.size());
  EXPECT_TRUE((*results)[0].ok());
  EXPECT_TRUE(absl::IsAlreadyExists((*results)[1].status())) << (*results)[1].status();
  EXPECT_NE((*results)[1].status().message().find("'stored'"), std::string::npos);
  EXPECT_TRUE((*results)[2].ok());
  EXPECT_TRUE(absl::IsAlreadyExists((*results)[3].status())) << (*results)[3].status();
  EXPECT_TRUE((*results)[4].ok());
  EXPECT_TRUE((*results)[5].ok());

  absl::StatusOr<std::vector<Interaction>> all = AllInteractions();
  ASSERT_TRUE(all.ok()) << all.status();
  std::vector<std::string> keys;
  for (const Interaction& interaction : *all) keys.push_back(interaction.external_id);
  EXPECT_EQ(keys, (std::vector<std::string>{"stored", "a", "b", "", ""}));
  EXPECT_EQ(Ids(*all)[1], *(*results)[0]);
  EXPECT_EQ(Ids(*all)[2], *(*results)[2]);
  EXPECT_EQ(Ids(*all)[4], *(*results)[5]);
}

TEST_P(InteractionBatchStoreTest, IdsFollowTheItemsAcrossStatements) {
  const CustomerId ana = NewCustomerId("ana");
  std::vector<Interaction> items;
  items.reserve(203);
  for (int i = 0; i < 203; ++i) items.push_back(NewInteraction(ana, absl::StrCat("x", i), T(i)));
  // Bodies large enough that a few fill a statement.
  for (int i = 0; i < 6; ++i) {
    items.push_back(NewInteraction(ana, absl::StrCat("big", i), T(1000 + i)));
    items.back().body = std::string(1 << 20, static_cast<char>('a' + i));
  }
  absl::StatusOr<ItemResults> results = InsertBatch(*store_, items);
  ASSERT_TRUE(results.ok()) << results.status();
  for (size_t i = 0; i < items.size(); ++i) {
    ASSERT_TRUE((*results)[i].ok()) << i << ": " << (*results)[i].status();
    if (i > 0) {
      EXPECT_GT(*(*results)[i], *(*results)[i - 1]);
    }
    absl::StatusOr<Interaction> stored = GetInteraction(*(*results)[i]);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->external_id, items[i].external_id);
    EXPECT_EQ(stored->body, items[i].body);
  }
}

TEST_P(InteractionBatchStoreTest, ABatchAfterTheNewestWereDeletedTakesNoneOfTheirIds) {
  const CustomerId ana = NewCustomerId("ana");
  const CustomerId bea = NewCustomerId("bea");
  absl::StatusOr<ItemResults> first =
      InsertBatch(*store_, {NewInteraction(ana, "a1", T(1)), NewInteraction(bea, "b1", T(2)),
                            NewInteraction(bea, "b2", T(3))});
  ASSERT_TRUE(first.ok()) << first.status();
  const InteractionId newest = *first->back();
  ASSERT_OK(store_->Write([&](StoreWriter& writer) { return writer.DeleteCustomer(bea); }));

  // An id names one interaction for good (Watch positions, references), so the deleted
  // newest ids are not given out again.
  absl::StatusOr<ItemResults> second =
      InsertBatch(*store_, {NewInteraction(ana, "a2", T(4)), NewInteraction(ana, "a3", T(5))});
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_TRUE((*second)[0].ok() && (*second)[1].ok());
  EXPECT_GT(*(*second)[0], newest);
  EXPECT_GT(*(*second)[1], *(*second)[0]);
  for (size_t i = 0; i < 2; ++i) {
    absl::StatusOr<Interaction> stored = GetInteraction(*(*second)[i]);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->external_id, i == 0 ? "a2" : "a3");
  }
}

TEST_P(InteractionBatchStoreTest, ACustomerResolvedLiveIsCheckedAgainAfterItCouldHaveChanged) {
  // A write that resolved a customer live inserts for it without reading it again, unless
  // something in the same transaction could have changed that since: a merge, a delete, a
  // savepoint rolled back (here, the one that created it). Each case in a transaction of its
  // own, beside an insert for a customer still live; the first insert must fail alone.
  const CustomerId bea = NewCustomerId("bea");
  const auto resolve = [](StoreWriter& writer, CustomerId id) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const auto live, writer.ResolveCustomerIds({id}));
    if (!live.contains(id)) return absl::InternalError("not resolved live");
    return absl::OkStatus();
  };
  const auto merge = [&](StoreWriter& writer, CustomerId id) {
    return writer.MergeCustomerInto(id, bea);
  };
  const auto remove = [&](StoreWriter& writer, CustomerId id) { return writer.DeleteCustomer(id); };
  // Resolves `id` live in a savepoint that fails; the customer is created in it.
  const auto create_and_undo = [&](StoreWriter& writer, CustomerId& id) -> absl::Status {
    const absl::Status undone = writer.Savepoint([&](StoreWriter& nested) -> absl::Status {
      CXHUB_ASSIGN_OR_RETURN(id, nested.InsertCustomer(NewCustomer("zoe")));
      CXHUB_RETURN_IF_ERROR(resolve(nested, id));
      return absl::AbortedError("undone");
    });
    return absl::IsAborted(undone) ? absl::OkStatus() : absl::InternalError(undone.ToString());
  };
  for (const std::string change : {"merged", "deleted", "rolled back"}) {
    SCOPED_TRACE(change);
    CustomerId changed = change == "rolled back" ? 0 : NewCustomerId(change);
    std::vector<absl::StatusOr<InteractionId>> results;
    ASSERT_OK(store_->Write([&](StoreWriter& writer) -> absl::Status {
      CXHUB_RETURN_IF_ERROR(resolve(writer, bea));
      if (change == "rolled back") {
        CXHUB_RETURN_IF_ERROR(create_and_undo(writer, changed));
      } else {
        CXHUB_RETURN_IF_ERROR(resolve(writer, changed));
        CXHUB_RETURN_IF_ERROR(change == "merged" ? merge(writer, changed)
                                                 : remove(writer, changed));
      }
      CXHUB_ASSIGN_OR_RETURN(
          results,
          writer.InsertInteractions({NewInteraction(changed, change, T(1)),
                                     NewInteraction(bea, absl::StrCat("beside ", change), T(2))}));
      return absl::OkStatus();
    }));
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].status().code(), absl::StatusCode::kNotFound) << results[0].status();
    ASSERT_TRUE(results[1].ok()) << results[1].status();
    absl::StatusOr<Interaction> stored = GetInteraction(*results[1]);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->customer_id, bea);
  }
}

TEST_P(InteractionBatchStoreTest, ACustomerResolvedInAWriteIsNotMergedByAnotherBeforeItsInsert) {
  // The insert takes a customer that its write resolved as live without reading it again: no
  // other writer may merge it in between. Here another writer tries, while the first waits
  // between its resolution and its insert; the merge must wait for the first's commit, and then
  // move the row it wrote.
  const CustomerId ana = NewCustomerId("ana");
  const CustomerId bea = NewCustomerId("bea");
  absl::Notification resolved;
  absl::Notification merged;
  absl::Status merge_status;
  std::thread merger([&] {
    resolved.WaitForNotification();
    merge_status =
        store_->Write([&](StoreWriter& writer) { return writer.MergeCustomerInto(ana, bea); });
    merged.Notify();
  });
  std::vector<absl::StatusOr<InteractionId>> results;
  bool merged_before_the_insert = false;
  const absl::Status written = store_->Write([&](StoreWriter& writer) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(const auto live, writer.ResolveCustomerIds({ana}));
    if (!live.contains(ana)) return absl::InternalError("not resolved live");
    if (!resolved.HasBeenNotified()) resolved.Notify();  // A rerun comes here again.
    // Time enough for the merge to commit, were it not held back.
    merged_before_the_insert = merged.WaitForNotificationWithTimeout(absl::Seconds(1));
    CXHUB_ASSIGN_OR_RETURN(results, writer.InsertInteractions({NewInteraction(ana, "a1", T(1))}));
    return absl::OkStatus();
  });
  merger.join();
  ASSERT_TRUE(written.ok()) << written;
  ASSERT_TRUE(merge_status.ok()) << merge_status;
  EXPECT_FALSE(merged_before_the_insert);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  absl::StatusOr<Interaction> stored = GetInteraction(*results[0]);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->customer_id, bea);
}

TEST_P(InteractionBatchStoreTest, EmptyBatchWritesNothing) {
  absl::StatusOr<ItemResults> results = InsertBatch(*store_, {});
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_TRUE(results->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, InteractionBatchStoreTest, ::testing::ValuesIn(AllBackends()),
                         BackendName);

}  // namespace
}  // namespace cxhub::testing
