// Loading and checking plugins: good plugin, each broken variant, exported symbols, errors.
#include "server/connectors/plugin_loader.h"

#include <dlfcn.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cxhub/connector.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/recording_host.h"

extern "C" size_t cxhub_test_c_table_size(void);
extern "C" size_t cxhub_test_c_host_size(void);
extern "C" size_t cxhub_test_c_read_offset(void);

namespace cxhub::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(PluginLoader, LoadsTheGoodPluginAndReadsItsTable) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->info().path, TEST_LINES_PATH);
  EXPECT_EQ(plugin->info().name, "test_lines");
  EXPECT_EQ(plugin->info().version, "1.2.3");
  EXPECT_THAT(plugin->info().channels, ElementsAre("test"));
  EXPECT_EQ(plugin->info().abi_major, CXHUB_CONNECTOR_ABI_MAJOR);
  EXPECT_EQ(plugin->info().abi_minor, CXHUB_CONNECTOR_ABI_MINOR);
}

TEST(PluginLoader, RefusesADifferentMajorNamingFileAndBothVersions) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_ABI_MAJOR_PATH);
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr(TEST_LINES_ABI_MAJOR_PATH));
  EXPECT_THAT(plugin.status().message(),
              HasSubstr(absl::StrCat("built for connector ABI 2.", CXHUB_CONNECTOR_ABI_MINOR)));
  EXPECT_THAT(plugin.status().message(),
              HasSubstr(absl::StrCat("this host speaks ABI 1.", CXHUB_CONNECTOR_ABI_MINOR)));
  EXPECT_THAT(plugin.status().message(), HasSubstr("different major"));
}

TEST(PluginLoader, RefusesANewerMinorNamingFileAndBothVersions) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_ABI_MINOR_PATH);
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr(TEST_LINES_ABI_MINOR_PATH));
  EXPECT_THAT(plugin.status().message(),
              HasSubstr(absl::StrCat("built for connector ABI 1.", CXHUB_CONNECTOR_ABI_MINOR + 1)));
  EXPECT_THAT(plugin.status().message(),
              HasSubstr(absl::StrCat("this host speaks ABI 1.", CXHUB_CONNECTOR_ABI_MINOR)));
  EXPECT_THAT(plugin.status().message(), HasSubstr("newer minor"));
}

TEST(PluginLoader, RefusesATableSmallerThanTheAbiSays) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_SHORT_TABLE_PATH);
  ASSERT_FALSE(plugin.ok());
  EXPECT_THAT(plugin.status().message(), HasSubstr(TEST_LINES_SHORT_TABLE_PATH));
  EXPECT_THAT(plugin.status().message(), HasSubstr("function table of 16 bytes"));
}

TEST(PluginLoader, RefusesAFileWithoutTheEntrySymbol) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_NO_ENTRY_PATH);
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr(TEST_LINES_NO_ENTRY_PATH));
  EXPECT_THAT(plugin.status().message(),
              HasSubstr("entry symbol cxhub_connector_v1_entry not found"));
}

TEST(PluginLoader, RefusesAMissingFile) {
  const std::string path = ::testing::TempDir() + "no_such_plugin.so";
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(path);
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(plugin.status().message(), HasSubstr(path));
}

TEST(PluginLoader, RefusesAFileThatIsNotASharedLibrary) {
  TempFile file;
  file.Write("not an ELF file\n");
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(file.path());
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plugin.status().message(), HasSubstr(file.path() + ": cannot be loaded"));
}

TEST(PluginLoader, RefusedPluginLeavesOthersUsable) {
  ASSERT_FALSE(plugins::LoadPlugin(TEST_LINES_ABI_MAJOR_PATH).ok());
  ASSERT_FALSE(plugins::LoadPlugin(TEST_LINES_NO_ENTRY_PATH).ok());
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  TempFile file;
  file.Write("a|a@example.com|2024-03-01T10:00:00Z|x\n");
  absl::StatusOr<plugins::PluginInstance> instance = plugin->Open("path=" + file.path());
  ASSERT_TRUE(instance.ok()) << instance.status();
  EXPECT_THAT(ReadOnce(*instance, "").ExternalIds(), ElementsAre("a"));
}

TEST(PluginSymbols, OnlyTheEntrySymbolIsExported) {
  std::unique_ptr<void, int (*)(void*)> handle(dlopen(TEST_LINES_PATH, RTLD_NOW | RTLD_LOCAL),
                                               &dlclose);
  ASSERT_NE(handle, nullptr) << dlerror();
  EXPECT_NE(dlsym(handle.get(), "cxhub_connector_v1_entry"), nullptr);
  // Hidden by -fvisibility=hidden.
  EXPECT_EQ(dlsym(handle.get(), "cxhub_test_line_connector_hidden"), nullptr);
  // Declared default-visible in the source, hidden by the linker version script.
  EXPECT_EQ(dlsym(handle.get(), "cxhub_test_line_connector_unlisted"), nullptr);
}

TEST(PluginSymbols, NmListsOnlyTheEntrySymbolAsDefined) {
  const std::string command =
      std::string(NM_PROGRAM) + " -D --defined-only --format=posix " + TEST_LINES_PATH;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
  std::vector<std::string> names;
  for (absl::string_view line : absl::StrSplit(output, '\n', absl::SkipWhitespace())) {
    names.emplace_back(line.substr(0, line.find(' ')));
  }
  EXPECT_THAT(names, ElementsAre("cxhub_connector_v1_entry")) << output;
}

TEST(ConnectorHeader, CompilesAsC99WithTheSameLayoutAsCxx) {
  EXPECT_EQ(cxhub_test_c_table_size(), sizeof(cxhub_connector_v1));
  EXPECT_EQ(cxhub_test_c_host_size(), sizeof(cxhub_connector_host_v1));
  EXPECT_EQ(cxhub_test_c_read_offset(), offsetof(cxhub_connector_v1, read));
}

TEST(PluginOpen, FailingOpenIsReportedWithFileCodeAndReason) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_FAIL_OPEN_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  absl::StatusOr<plugins::PluginInstance> instance = plugin->Open("path=/dev/null");
  ASSERT_FALSE(instance.ok());
  EXPECT_EQ(instance.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(instance.status().message(), HasSubstr(TEST_LINES_FAIL_OPEN_PATH));
  EXPECT_THAT(instance.status().message(),
              HasSubstr("open failed: test source unreachable (CXHUB_TEST_FAIL_OPEN)"));
}

TEST(PluginOpen, BadOptionsAreInvalidArgument) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  absl::StatusOr<plugins::PluginInstance> no_path = plugin->Open("checkpoint_every=3");
  ASSERT_FALSE(no_path.ok());
  EXPECT_EQ(no_path.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_path.status().message(), HasSubstr("option path is required"));

  absl::StatusOr<plugins::PluginInstance> bad_n = plugin->Open("path=/x;checkpoint_every=zero");
  ASSERT_FALSE(bad_n.ok());
  EXPECT_THAT(bad_n.status().message(),
              HasSubstr("option checkpoint_every: 'zero' is not a positive integer"));
}

TEST(PluginOpen, LogLinesDuringOpenReachTheHost) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  std::vector<std::string> logs;
  absl::StatusOr<plugins::PluginInstance> instance =
      plugin->Open("path=/tmp/some-file", [&](plugins::PluginLogLevel level, absl::string_view m) {
        EXPECT_EQ(level, plugins::PluginLogLevel::kInfo);
        logs.emplace_back(m);
      });
  ASSERT_TRUE(instance.ok()) << instance.status();
  EXPECT_THAT(logs, ElementsAre("reading /tmp/some-file"));
}

TEST(PluginRead, ExceptionInReadBecomesInternalError) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_THROW_IN_READ_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  TempFile file;
  file.Write("a|a@example.com|2024-03-01T10:00:00Z|x\n");
  absl::StatusOr<plugins::PluginInstance> instance = plugin->Open("path=" + file.path());
  ASSERT_TRUE(instance.ok()) << instance.status();
  ReadLog log = ReadOnce(*instance, "");
  EXPECT_EQ(log.status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(log.status.message(), HasSubstr(TEST_LINES_THROW_IN_READ_PATH));
  EXPECT_THAT(
      log.status.message(),
      HasSubstr("read: uncaught exception: line reader exploded (CXHUB_TEST_THROW_IN_READ)"));
  EXPECT_TRUE(log.sequence.empty());
  // The instance survives and can be read again (and fails the same way).
  EXPECT_EQ(ReadOnce(*instance, "").status.code(), absl::StatusCode::kInternal);
}

TEST(PluginRead, HostCallbackThatThrowsStopsTheReadWithInternal) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  TempFile file;
  file.Write("a|a@example.com|2024-03-01T10:00:00Z|x\nb|b@example.com|2024-03-01T10:00:00Z|y\n");
  absl::StatusOr<plugins::PluginInstance> instance = plugin->Open("path=" + file.path());
  ASSERT_TRUE(instance.ok()) << instance.status();
  int records = 0;
  plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&](absl::string_view) -> bool {
    ++records;
    throw std::runtime_error("store exploded");
  };
  const absl::Status status = instance->Read("", callbacks);
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("host emit_record callback threw: store exploded"));
  EXPECT_EQ(records, 1);
}

TEST(PluginInstance, OutlivesItsLoadedPluginAndMovesSafely) {
  TempFile file;
  file.Write("a|a@example.com|2024-03-01T10:00:00Z|x\n");
  std::vector<plugins::PluginInstance> instances;
  {
    absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(TEST_LINES_PATH);
    ASSERT_TRUE(plugin.ok()) << plugin.status();
    absl::StatusOr<plugins::PluginInstance> instance = plugin->Open("path=" + file.path());
    ASSERT_TRUE(instance.ok()) << instance.status();
    instances.push_back(std::move(*instance));
  }
  EXPECT_EQ(instances[0].info().name, "test_lines");
  EXPECT_THAT(ReadOnce(instances[0], "").ExternalIds(), ElementsAre("a"));
}

}  // namespace
}  // namespace cxhub::test
