#include "plugins/chat/spool_writer.h"

#include "chat_test_files.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::chat {
namespace {

TEST(SpoolWriter, AppendsOneLinePerEventCreatingTheFile) {
  test::TempDir dir;
  const std::string spool = dir.File("spool.jsonl");
  ASSERT_TRUE(AppendSpoolLine(spool, R"({"a":1})").ok());
  // The second append finds the file and checks its last byte.
  ASSERT_TRUE(AppendSpoolLine(spool, R"({"b":2})").ok());
  EXPECT_EQ(test::ReadWholeFile(spool), "{\"a\":1}\n{\"b\":2}\n");
}

TEST(SpoolWriter, KeepsACutShortLineApartFromTheNextEvent) {
  test::TempDir dir;
  dir.Write("spool.jsonl", "{\"a\":1}\n{\"cut");
  ASSERT_TRUE(AppendSpoolLine(dir.File("spool.jsonl"), R"({"b":2})").ok());
  EXPECT_EQ(test::ReadWholeFile(dir.File("spool.jsonl")), "{\"a\":1}\n{\"cut\n{\"b\":2}\n");
}

TEST(SpoolWriter, RefusesMultiLineEventsAndReportsUnwritableFolders) {
  test::TempDir dir;
  EXPECT_EQ(AppendSpoolLine(dir.File("spool.jsonl"), "{\n}").code(),
            absl::StatusCode::kInvalidArgument);
  const absl::Status missing = AppendSpoolLine(dir.File("no/such/spool.jsonl"), "{}");
  EXPECT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.message()), testing::HasSubstr("no/such/spool.jsonl"));
}

}  // namespace
}  // namespace cxhub::chat
