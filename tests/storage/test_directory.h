// A directory of one test's own, named after the test, where the SQLite driver's tests keep
// their database files. Header-only.
#ifndef CXHUB_TESTS_STORAGE_TEST_DIRECTORY_H_
#define CXHUB_TESTS_STORAGE_TEST_DIRECTORY_H_

#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace cxhub::test {

class TestDirectory {
 public:
  // <gtest's TempDir>/<prefix>_<test name>, created empty (a crashed run may have left one).
  explicit TestDirectory(absl::string_view prefix)
      : path_(absl::StrCat(::testing::TempDir(), "/", prefix, "_",
                           ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  // Removes the directory with what is in it. A fixture declares it before the connections
  // that use its files, so that they close first.
  ~TestDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TestDirectory(const TestDirectory&) = delete;
  TestDirectory& operator=(const TestDirectory&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` in the directory.
  std::string File(absl::string_view name) const { return absl::StrCat(path_, "/", name); }

 private:
  const std::string path_;
};

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_STORAGE_TEST_DIRECTORY_H_
