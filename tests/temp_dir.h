// A fresh temporary directory for one test, removed with everything in it when the object goes:
// where the tests keep their files (the storage tests' databases, the plugin tests' inputs).
// Header-only.
#ifndef CXHUB_TESTS_TEMP_DIR_H_
#define CXHUB_TESTS_TEMP_DIR_H_

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace cxhub::test {

class TempDir {
 public:
  // <gtest's TempDir><prefix>_XXXXXX, unique (mkdtemp), so that tests run at once never share one.
  explicit TempDir(absl::string_view prefix = "cxhub") {
    std::string pattern = absl::StrCat(::testing::TempDir(), prefix, "_XXXXXX");
    if (mkdtemp(pattern.data()) != nullptr) {
      path_ = pattern;
    } else {
      ADD_FAILURE() << "mkdtemp " << pattern << ": " << std::strerror(errno);
    }
  }
  // A fixture declares it before whatever holds its files open, so that those close first.
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` in the directory.
  std::string File(absl::string_view name) const { return absl::StrCat(path_, "/", name); }

 private:
  std::string path_;
};

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_TEMP_DIR_H_
