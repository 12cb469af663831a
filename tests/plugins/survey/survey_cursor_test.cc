#include "plugins/survey/survey_cursor.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/common/fnv1a_hash.h"
#include "tests/plugins/common/temp_dir.h"

namespace cxhub::survey {
namespace {

using ::testing::HasSubstr;

TEST(SurveyCursor, RoundTrips) {
  SurveyCursor cursor;
  cursor.path = "/data/exports/nps export.csv";
  cursor.position.identity = {2049, 131, 1024, 0x0123456789abcdefULL};
  cursor.position.offset = 1746;
  cursor.before = {256, 0xfedcba9876543210ULL};
  const std::string text = EncodeSurveyCursor(cursor);
  EXPECT_EQ(text,
            "cxhub-survey-cursor 1\n"
            "2049 131 1746 1024 0123456789abcdef /data/exports/nps export.csv\n"
            "before 256 fedcba9876543210\n");
  absl::StatusOr<std::optional<SurveyCursor>> decoded = DecodeSurveyCursor(text);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_TRUE(decoded->has_value());
  EXPECT_EQ((*decoded)->path, cursor.path);
  EXPECT_EQ((*decoded)->position, cursor.position);
  EXPECT_EQ((*decoded)->before, cursor.before);
}

TEST(SurveyCursor, AnEmptyCursorIsFromTheStart) {
  absl::StatusOr<std::optional<SurveyCursor>> decoded = DecodeSurveyCursor("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_FALSE(decoded->has_value());
}

TEST(SurveyCursor, RefusesOtherCursorsAndBadLines) {
  EXPECT_THAT(DecodeSurveyCursor("cxhub-phone-cursor 1\n").status().message(),
              HasSubstr("not a survey connector cursor"));
  EXPECT_THAT(DecodeSurveyCursor("cxhub-survey-cursor 2\n").status().message(),
              HasSubstr("version '2' is not supported"));
  EXPECT_THAT(DecodeSurveyCursor("cxhub-survey-cursor 1\n1 2 3 4 0123456789abcdef /x\n"
                                 "before 9 0123456789abcdef\n")
                  .status()
                  .message(),
              HasSubstr("more bytes than the offset"));
  EXPECT_THAT(DecodeSurveyCursor("cxhub-survey-cursor 1\n1 2 3 4 0123456789abcdef /x\n"
                                 "after 1 0123456789abcdef\n")
                  .status()
                  .message(),
              HasSubstr("expected a 'before' line"));
}

TEST(SurveyCursor, HashesTheBytesBeforeAnOffset) {
  plugin_common::test::TempDir dir;
  dir.Write("f.csv", "0123456789");
  absl::StatusOr<BytesBefore> before = HashBytesBefore(dir.File("f.csv"), 4);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->size, 4u);
  EXPECT_EQ(before->hash, plugin_common::Fnv1a64("0123"));
  EXPECT_EQ(HashBytesBefore(dir.File("f.csv"), 11).status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace cxhub::survey
