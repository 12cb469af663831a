// Shared by the email plugin tests: sample paths, temporary folders and file helpers.
#ifndef CXHUB_TESTS_PLUGINS_EMAIL_EMAIL_TEST_SUPPORT_H_
#define CXHUB_TESTS_PLUGINS_EMAIL_EMAIL_TEST_SUPPORT_H_

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "tests/temp_dir.h"

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

// A temporary folder (tests/temp_dir.h) that can hold a copy of the sample Maildir.
class TempDir : public ::cxhub::test::TempDir {
 public:
  TempDir() : ::cxhub::test::TempDir("cxhub_email") {}

  // A writable copy of the sample Maildir at File("Maildir") (new/, cur/, empty tmp/).
  std::string CopySampleMaildir() const {
    std::string root = File("Maildir");
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
};

}  // namespace cxhub::email::test

#endif  // CXHUB_TESTS_PLUGINS_EMAIL_EMAIL_TEST_SUPPORT_H_
