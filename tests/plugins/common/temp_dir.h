// Files for the plugin tests (common, phone, chat, social): a fresh temporary folder to write,
// append to, rename and truncate files in, and reading a whole file. Header-only.
#ifndef CXHUB_TESTS_PLUGINS_COMMON_TEMP_DIR_H_
#define CXHUB_TESTS_PLUGINS_COMMON_TEMP_DIR_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "tests/temp_dir.h"

namespace cxhub::plugin_common::test {

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A temporary folder (tests/temp_dir.h) with the file operations the plugin tests need.
class TempDir : public ::cxhub::test::TempDir {
 public:
  TempDir() : ::cxhub::test::TempDir("cxhub_plugin") {}

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
};

}  // namespace cxhub::plugin_common::test

#endif  // CXHUB_TESTS_PLUGINS_COMMON_TEMP_DIR_H_
