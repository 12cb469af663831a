// The loader refuses plugin files that anybody but root or cxhubd's user could have changed.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "cxhub/connector.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/plugin_loader.h"

namespace cxhub {
namespace {

using ::testing::HasSubstr;

namespace fs = std::filesystem;

// A private folder (0700) holding a copy of the good test plugin (0644).
class PluginCopy {
 public:
  PluginCopy() {
    std::string pattern = ::testing::TempDir() + "cxhub_trust_XXXXXX";
    EXPECT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/test_lines.so";
    fs::copy_file(TEST_LINES_PATH, path_);
    chmod(path_.c_str(), 0644);
  }
  ~PluginCopy() { fs::remove_all(dir_); }
  PluginCopy(const PluginCopy&) = delete;
  PluginCopy& operator=(const PluginCopy&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

absl::Status LoadStatus(const std::string& path) { return plugins::LoadPlugin(path).status(); }

TEST(PluginTrust, LoadsAPrivateCopy) {
  PluginCopy plugin;
  EXPECT_TRUE(LoadStatus(plugin.path()).ok()) << LoadStatus(plugin.path());
}

TEST(PluginTrust, RefusesAFileItsGroupOrOthersCanWrite) {
  PluginCopy plugin;
  ASSERT_EQ(chmod(plugin.path().c_str(), 0664), 0);
  absl::Status group = LoadStatus(plugin.path());
  EXPECT_EQ(group.code(), absl::StatusCode::kPermissionDenied) << group;
  EXPECT_THAT(group.message(), HasSubstr("plugin file " + plugin.path()));
  EXPECT_THAT(group.message(), HasSubstr("writable by its group (mode 0664)"));
  ASSERT_EQ(chmod(plugin.path().c_str(), 0646), 0);
  EXPECT_THAT(LoadStatus(plugin.path()).message(), HasSubstr("writable by others"));
}

TEST(PluginTrust, RefusesAFileInAFolderItsGroupCanWrite) {
  PluginCopy plugin;
  ASSERT_EQ(chmod(plugin.dir().c_str(), 0770), 0);
  absl::Status status = LoadStatus(plugin.path());
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied) << status;
  EXPECT_THAT(status.message(), HasSubstr("plugin directory " + plugin.dir()));
}

TEST(PluginTrust, RefusesAFileOwnedByAnotherUser) {
  if (geteuid() != 0) GTEST_SKIP() << "only root can give a file to another user";
  PluginCopy plugin;
  ASSERT_EQ(chown(plugin.path().c_str(), 65534, static_cast<gid_t>(-1)), 0);
  absl::Status status = LoadStatus(plugin.path());
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied) << status;
  EXPECT_THAT(status.message(), HasSubstr("is owned by uid 65534, not root or cxhubd's user"));
}

// Each load opens its file anew: a descriptor number reused for another file must not make the
// dynamic loader hand back the library loaded before under the same /proc/self/fd name.
TEST(PluginTrust, ASecondPluginLoadedBesideTheFirstIsItselfAndChecked) {
  absl::StatusOr<plugins::LoadedPlugin> first = plugins::LoadPlugin(TEST_LINES_PATH);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::Status second = LoadStatus(TEST_LINES_ABI_MAJOR_PATH);
  EXPECT_EQ(second.code(), absl::StatusCode::kFailedPrecondition) << second;
  EXPECT_THAT(second.message(),
              HasSubstr(absl::StrCat("built for connector ABI 2.", CXHUB_CONNECTOR_ABI_MINOR)));
}

}  // namespace
}  // namespace cxhub
