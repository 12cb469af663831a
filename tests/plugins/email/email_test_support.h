// Shared by the email plugin tests: sample paths, temporary folders and file helpers.
#ifndef CXHUB_TESTS_PLUGINS_EMAIL_EMAIL_TEST_SUPPORT_H_
#define CXHUB_TESTS_PLUGINS_EMAIL_EMAIL_TEST_SUPPORT_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace cxhub::email::test {

inline std::string SamplesDir() { return absl::StrCat(CXHUB_SAMPLES_DIR, "/email"); }
inline std::string SampleMbox() { return SamplesDir() + "/support.mbox"; }
inline std::string SampleMaildir() { return SamplesDir() + "/Maildir"; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void WriteFile(const std::string& path, absl::string_view bytes,
                      std::ios::openmode mode = std::ios::trunc) {
  std::ofstream out(path, std::ios::binary | mode);
  out << bytes;
  ASSERT_TRUE(out.good()) << path;
}

// A fresh temporary folder, removed (with everything in it) at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "cxhub_email_XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() {
    std::string command = absl::StrCat("rm -rf '", path_, "'");
    if (!path_.empty()) {
      EXPECT_EQ(std::system(command.c_str()), 0);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Sub(absl::string_view name) const { return absl::StrCat(path_, "/", name); }

  // A writable copy of the sample Maildir at Sub("Maildir") (new/, cur/, empty tmp/).
  std::string CopySampleMaildir() const {
    std::string root = Sub("Maildir");
    for (const char* folder : {"", "/new", "/cur", "/tmp"}) {
      EXPECT_EQ(mkdir((root + folder).c_str(), 0700), 0);
    }
    for (const char* file :
         {"/cur/1788776294.M203871P4242.mailhost:2,S", "/cur/1789116249.M517402P4242.mailhost:2,RS",
          "/new/1789138943.M90155P4242.mailhost"}) {
      WriteFile(root + file, ReadFile(SampleMaildir() + file));
    }
    return root;
  }

 private:
  std::string path_;
};

}  // namespace cxhub::email::test

#endif  // CXHUB_TESTS_PLUGINS_EMAIL_EMAIL_TEST_SUPPORT_H_
