// A test fixture parameterized by store backend (store_backends.h): a fresh database per test,
// which Reopen() closes and opens again as a restarted server would. For suites outside the
// store conformance suite that must hold on every backend.
#ifndef CXHUB_TESTS_STORAGE_BACKEND_TEST_H_
#define CXHUB_TESTS_STORAGE_BACKEND_TEST_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "server/core/store.h"
#include "tests/required_skip.h"
#include "tests/storage/store_backends.h"
#include "tests/temp_dir.h"

namespace cxhub::testing {

class BackendTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    if (!GetParam().skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(GetParam().skip_reason);
    backend_ = GetParam().make(directory_.path());
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    backend_.reset();
  }

  // Closes the store (if open) and opens the same database again.
  void Reopen() {
    store_.reset();
    absl::StatusOr<std::unique_ptr<Store>> store = backend_->Open();
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  Store& store() { return *store_; }
  // Another store on the same database, as a second replica opens it.
  std::unique_ptr<Store> OpenAnother() {
    absl::StatusOr<std::unique_ptr<Store>> store = backend_->Open();
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

 private:
  const ::cxhub::test::TempDir directory_{"backend"};  // Outlives the store on its files.
  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

// Instantiates a BackendTest suite once per backend, named after it (…/Sqlite, …/Mysql).
#define CXHUB_INSTANTIATE_BACKEND_TEST(suite)                                            \
  INSTANTIATE_TEST_SUITE_P(                                                              \
      Backends, suite, ::testing::ValuesIn(::cxhub::testing::AllBackends()),             \
      [](const ::testing::TestParamInfo<::cxhub::testing::BackendFactory>& param_info) { \
        return param_info.param.name;                                                    \
      })

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_STORAGE_BACKEND_TEST_H_
