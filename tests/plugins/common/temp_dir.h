// Files for the plugin tests (common, phone, chat, social): a fresh temporary folder to write,
// append to, rename and truncate files in, and reading a whole file. Header-only.
#ifndef CXHUB_TESTS_PLUGINS_COMMON_TEMP_DIR_H_
#define CXHUB_TESTS_PLUGINS_COMMON_TEMP_DIR_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace cxhub::plugin_common::test {

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A temporary folder, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "cxhub_plugin_XXXXXX";
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

}  // namespace cxhub::plugin_common::test

#endif  // CXHUB_TESTS_PLUGINS_COMMON_TEMP_DIR_H_
