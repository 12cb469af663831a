// The cxhub_email plugin loaded with the SDK's loader: records and checkpoints on the samples,
// resuming, appending, rotation, new Maildir files, garbage, and refused options.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/connectors/plugin_loader.h"
#include "tests/plugins/email/email_test_support.h"
#include "tests/plugins/recording_host.h"

namespace cxhub::email::test {
namespace {

using ::cxhub::test::ReadLog;
using namespace std::string_literals;
using ::cxhub::test::ReadOnce;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr absl::string_view kBusiness =
    "business_address=support@northwind.example\nbusiness_address=orders@northwind.example\n"
    "business_domain=northwind.example\n";

constexpr absl::string_view kNewMail =
    "From ana@example.com Fri Sep 11 18:00:00 2026\n"
    "From: Ana Lima <ana@example.com>\nTo: support@northwind.example\n"
    "Subject: Re: new question\nDate: Fri, 11 Sep 2026 19:00:00 +0100\n"
    "Message-ID: <new-1@example.com>\n\nIs the jacket waterproof?\n>From the manual\n\n";

plugins::PluginInstance OpenPlugin(const std::string& options) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(CXHUB_EMAIL_PLUGIN_PATH);
  EXPECT_TRUE(plugin.ok()) << plugin.status();
  absl::StatusOr<plugins::PluginInstance> instance = plugin->Open(options);
  EXPECT_TRUE(instance.ok()) << instance.status();
  return std::move(*instance);
}

std::string MboxOptions(const std::string& path, int checkpoint_every = 100) {
  return absl::StrCat("mbox=", path, "\n", kBusiness, "checkpoint_every=", checkpoint_every, "\n");
}

TEST(EmailConnector, DescribesItself) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(CXHUB_EMAIL_PLUGIN_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  EXPECT_EQ(plugin->info().name, "email");
  EXPECT_THAT(plugin->info().channels, ElementsAre("email"));
}

TEST(EmailConnector, ReadsTheSampleMboxWithCheckpointsAndOneDeadLetter) {
  plugins::PluginInstance instance = OpenPlugin(MboxOptions(SampleMbox(), 4));
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.records, SizeIs(8));
  ASSERT_THAT(log.dead_letters, SizeIs(1));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("message at byte 6197"));
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("no sender"));
  EXPECT_THAT(log.dead_letters[0].raw, HasSubstr("Undelivered Mail Returned to Sender"));
  // Checkpoints after messages 4 and 8 and at the end.
  ASSERT_THAT(log.checkpoints, SizeIs(3));
  EXPECT_THAT(log.checkpoints.back(), HasSubstr(absl::StrCat("\t11745\t4096\t")));
  EXPECT_EQ(log.sequence.back().rfind("checkpoint ", 0), 0u);

  // Resuming from the last cursor emits nothing and does not checkpoint.
  ReadLog again = ReadOnce(instance, log.checkpoints.back());
  ASSERT_TRUE(again.status.ok()) << again.status;
  EXPECT_THAT(again.sequence, IsEmpty());
}

TEST(EmailConnector, AppendedMailIsTheOnlyThingReadFromTheLastCursor) {
  TempDir dir;
  std::string box = dir.File("support.mbox");
  WriteFile(box, ReadFile(SampleMbox()));
  plugins::PluginInstance instance = OpenPlugin(MboxOptions(box));
  ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  ASSERT_THAT(first.records, SizeIs(8));

  WriteFile(box, kNewMail, std::ios::app);
  ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok()) << second.status;
  EXPECT_THAT(second.ExternalIds(), ElementsAre("new-1@example.com"));
  EXPECT_THAT(second.dead_letters, IsEmpty());
  const auto& record = second.records[0].interaction();
  EXPECT_EQ(record.body(), "Is the jacket waterproof?\nFrom the manual");
  EXPECT_EQ(record.subject(), "new question");
  EXPECT_EQ(record.occur_time().seconds(), 1789149600);
  ASSERT_THAT(second.checkpoints, SizeIs(1));
  EXPECT_THAT(second.checkpoints[0], HasSubstr(absl::StrCat("\t", 11745 + kNewMail.size(), "\t")));
}

TEST(EmailConnector, AHalfWrittenMessageWaitsUntilItIsCompleteOrSettled) {
  TempDir dir;
  std::string box = dir.File("support.mbox");
  WriteFile(box, ReadFile(SampleMbox()));
  plugins::PluginInstance instance = OpenPlugin(MboxOptions(box));
  ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok());

  // Half of the new message: nothing yet, but the cursor remembers the file's state.
  WriteFile(box, kNewMail.substr(0, 120), std::ios::app);
  ReadLog partial = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(partial.status.ok()) << partial.status;
  EXPECT_THAT(partial.records, IsEmpty());
  ASSERT_THAT(partial.checkpoints, SizeIs(1));
  // The rest arrives: now it is emitted once.
  WriteFile(box, kNewMail.substr(120), std::ios::app);
  ReadLog complete = ReadOnce(instance, partial.checkpoints.back());
  EXPECT_THAT(complete.ExternalIds(), ElementsAre("new-1@example.com"));
}

TEST(EmailConnector, ATruncatedOrRotatedMboxIsReadAgainFromItsStart) {
  TempDir dir;
  std::string box = dir.File("support.mbox");
  WriteFile(box, ReadFile(SampleMbox()));
  plugins::PluginInstance instance = OpenPlugin(MboxOptions(box));
  ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok());

  // Truncated in place and refilled with one message.
  WriteFile(box, kNewMail);
  ReadLog truncated = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(truncated.status.ok()) << truncated.status;
  EXPECT_THAT(truncated.ExternalIds(), ElementsAre("new-1@example.com"));

  // Rotated: renamed away and replaced by a new file with the whole sample.
  ASSERT_EQ(rename(box.c_str(), dir.File("support.mbox.1").c_str()), 0);
  WriteFile(box, ReadFile(SampleMbox()));
  ReadLog rotated = ReadOnce(instance, truncated.checkpoints.back());
  ASSERT_TRUE(rotated.status.ok()) << rotated.status;
  EXPECT_THAT(rotated.records, SizeIs(8));
  EXPECT_THAT(rotated.dead_letters, SizeIs(1));
}

TEST(EmailConnector, GarbageBecomesADeadLetterAndTheRestIsIngested) {
  TempDir dir;
  std::string box = dir.File("support.mbox");
  const std::string garbage = "\x00\x01\xfe\xff binary junk\n\x7f\x80\n\n"s;
  WriteFile(box, absl::StrCat(garbage, "From x Fri Sep 11 18:00:00 2026\n", garbage,
                              ReadFile(SampleMbox()), kNewMail));
  plugins::PluginInstance instance = OpenPlugin(MboxOptions(box));
  ReadLog log = ReadOnce(instance, "");
  ASSERT_TRUE(log.status.ok()) << log.status;
  EXPECT_THAT(log.records, SizeIs(9));
  ASSERT_THAT(log.dead_letters, SizeIs(3));  // leading junk, the junk message, the bounce
  EXPECT_THAT(log.dead_letters[0].reason, HasSubstr("before the first 'From '"));
  EXPECT_THAT(log.dead_letters[1].reason, HasSubstr("not a mail message"));
  EXPECT_THAT(log.dead_letters[2].reason, HasSubstr("no sender"));
  EXPECT_EQ(log.records.back().interaction().external_id(), "new-1@example.com");
}

TEST(EmailConnector, MaildirDeliversEachFileOnceAndPicksUpNewOnes) {
  TempDir dir;
  std::string maildir = dir.CopySampleMaildir();
  WriteFile(maildir + "/tmp/1789140000.M1P1.mailhost", kNewMail.substr(kNewMail.find('\n') + 1));
  plugins::PluginInstance instance = OpenPlugin(absl::StrCat("maildir=", maildir, "\n", kBusiness));
  ReadLog first = ReadOnce(instance, "");
  ASSERT_TRUE(first.status.ok()) << first.status;
  const std::vector<std::string> first_ids = first.ExternalIds();
  std::set<std::string> ids(first_ids.begin(), first_ids.end());
  EXPECT_EQ(ids, (std::set<std::string>{"CAF4x9Qm2Lr7T0vYpN3kZ8sWq1bHj5dE6uA@mail.example.in",
                                        "0b7d2e4c-91a8-4f3a-b6d5-7c3e1f9a2b60@example.dk",
                                        "7a3f0c21-8e4b-4d9a-a1c6-5b2e9f8d0e47@mail.example.pt"}));
  ASSERT_THAT(first.checkpoints, SizeIs(1));

  // Nothing new; a client marking the new/ mail as seen (new/ -> cur/ with flags) is not new.
  ASSERT_EQ(rename((maildir + "/new/1789138943.M90155P4242.mailhost").c_str(),
                   (maildir + "/cur/1789138943.M90155P4242.mailhost:2,S").c_str()),
            0);
  ReadLog second = ReadOnce(instance, first.checkpoints.back());
  ASSERT_TRUE(second.status.ok());
  EXPECT_THAT(second.records, IsEmpty());

  // The tmp/ file is delivered into new/: picked up, alone.
  ASSERT_EQ(rename((maildir + "/tmp/1789140000.M1P1.mailhost").c_str(),
                   (maildir + "/new/1789140000.M1P1.mailhost").c_str()),
            0);
  std::string cursor =
      second.checkpoints.empty() ? first.checkpoints.back() : second.checkpoints.back();
  ReadLog third = ReadOnce(instance, cursor);
  ASSERT_TRUE(third.status.ok()) << third.status;
  EXPECT_THAT(third.ExternalIds(), ElementsAre("new-1@example.com"));
  EXPECT_EQ(third.records[0].interaction().attributes().at("maildir_file"),
            "new/1789140000.M1P1.mailhost");
}

TEST(EmailConnector, OpenRefusesBadOptionsAndMissingSources) {
  absl::StatusOr<plugins::LoadedPlugin> plugin = plugins::LoadPlugin(CXHUB_EMAIL_PLUGIN_PATH);
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  absl::StatusOr<plugins::PluginInstance> no_business =
      plugin->Open(absl::StrCat("mbox=", SampleMbox(), "\n"));
  EXPECT_EQ(no_business.status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<plugins::PluginInstance> missing =
      plugin->Open(absl::StrCat("mbox=/nonexistent/box\n", kBusiness));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("/nonexistent/box"));
  absl::StatusOr<plugins::PluginInstance> not_maildir =
      plugin->Open(absl::StrCat("maildir=", SamplesDir(), "\n", kBusiness));
  EXPECT_EQ(not_maildir.status().code(), absl::StatusCode::kNotFound);

  plugins::PluginInstance instance = OpenPlugin(MboxOptions(SampleMbox()));
  ReadLog bad_cursor = ReadOnce(instance, "offset=12");
  EXPECT_EQ(bad_cursor.status.code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace cxhub::email::test
