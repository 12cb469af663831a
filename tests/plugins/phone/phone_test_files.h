// Files for the phone tests: a fresh temporary folder, the sample Master.csv and its rows.
#ifndef CXHUB_TESTS_PLUGINS_PHONE_PHONE_TEST_FILES_H_
#define CXHUB_TESTS_PLUGINS_PHONE_PHONE_TEST_FILES_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace cxhub::phone::test {

inline std::string SampleMasterCsvPath() {
  return std::string(CXHUB_SAMPLES_DIR) + "/phone/Master.csv";
}

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The sample's lines (without newlines), row 1 first.
inline std::vector<std::string> SampleRows() {
  std::vector<std::string> rows =
      absl::StrSplit(ReadWholeFile(SampleMasterCsvPath()), '\n', absl::SkipEmpty());
  return rows;
}

// A temporary folder, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "cxhub_phone_XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(absl::string_view name) const { return path_ + "/" + std::string(name); }

  void Write(absl::string_view name, absl::string_view text) const {
    Put(name, text, std::ios::trunc);
  }
  void Append(absl::string_view name, absl::string_view text) const {
    Put(name, text, std::ios::app);
  }
  void Rename(absl::string_view from, absl::string_view to) const {
    ASSERT_EQ(std::rename(File(from).c_str(), File(to).c_str()), 0);
  }
  void Truncate(absl::string_view name, off_t size) const {
    ASSERT_EQ(truncate(File(name).c_str(), size), 0);
  }

 private:
  void Put(absl::string_view name, absl::string_view text, std::ios::openmode mode) const {
    std::ofstream out(File(name), std::ios::binary | mode);
    out << text;
    ASSERT_TRUE(out.good());
  }

  std::string path_;
};

}  // namespace cxhub::phone::test

#endif  // CXHUB_TESTS_PLUGINS_PHONE_PHONE_TEST_FILES_H_
