#include "plugins/phone/phone_options.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::phone {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Error(absl::string_view options) {
  absl::StatusOr<PhoneOptions> parsed = ParsePhoneOptions(options);
  EXPECT_FALSE(parsed.ok()) << options;
  if (!parsed.ok()) {
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  }
  return parsed.ok() ? "" : std::string(parsed.status().message());
}

TEST(PhoneOptions, ReadsEverySetting) {
  absl::StatusOr<PhoneOptions> options = ParsePhoneOptions(
      "# Asterisk on pbx1\n"
      "file = /var/log/asterisk/cdr-csv/Master.csv\n"
      "files=/a/acc1.csv, /a/acc2.csv; file=/a/acc1.csv\n"
      "default_region=pt; timezone=Europe/Lisbon\n"
      "extensions=1XX,2XXX; checkpoint_every=7\n");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->files,
              ElementsAre("/var/log/asterisk/cdr-csv/Master.csv", "/a/acc1.csv", "/a/acc2.csv"));
  EXPECT_EQ(options->default_region, "PT");
  EXPECT_EQ(options->timezone_name, "Europe/Lisbon");
  EXPECT_EQ(options->timezone.name(), "Europe/Lisbon");
  EXPECT_THAT(options->extensions.patterns(), ElementsAre("1XX", "2XXX"));
  EXPECT_EQ(options->checkpoint_every, 7);
}

TEST(PhoneOptions, CheckpointEveryDefaultsToOneHundred) {
  absl::StatusOr<PhoneOptions> options =
      ParsePhoneOptions("file=/x/Master.csv;default_region=PT;timezone=UTC");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->checkpoint_every, 100);
  EXPECT_TRUE(options->extensions.patterns().empty());
}

TEST(PhoneOptions, NamesWhatIsWrong) {
  const std::string base = "file=/x/Master.csv;default_region=PT;timezone=Europe/Lisbon;";
  EXPECT_THAT(Error("default_region=PT;timezone=UTC"), HasSubstr("at least one file"));
  EXPECT_THAT(Error("file=/x;timezone=UTC"), HasSubstr("default_region is required"));
  EXPECT_THAT(Error("file=/x;default_region=PT"), HasSubstr("timezone is required"));
  EXPECT_THAT(Error(base + "colour=blue"), HasSubstr("unknown option 'colour'"));
  EXPECT_THAT(Error(base + "nonsense"), HasSubstr("'nonsense' is not key=value"));
  EXPECT_THAT(Error(base + "default_region=DE"), HasSubstr("'default_region' is given twice"));
  EXPECT_THAT(Error("file=/x;default_region=XX;timezone=UTC"),
              HasSubstr("default_region 'XX' is not a region"));
  EXPECT_THAT(Error("file=/x;default_region=PT;timezone=Europe/Atlantis"),
              HasSubstr("timezone 'Europe/Atlantis' is not in the tz database"));
  EXPECT_THAT(Error(base + "extensions=1**"), HasSubstr("extension pattern '1**'"));
  EXPECT_THAT(Error(base + "checkpoint_every=0"), HasSubstr("checkpoint_every '0'"));
  EXPECT_THAT(Error(base + "checkpoint_every=many"), HasSubstr("checkpoint_every 'many'"));
  EXPECT_THAT(Error(base + "files=/a.csv,,/b.csv"), HasSubstr("a file path is empty"));
}

}  // namespace
}  // namespace cxhub::phone
