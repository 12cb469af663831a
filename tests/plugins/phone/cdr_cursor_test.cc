#include "plugins/phone/cdr_cursor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::phone {
namespace {

using ::testing::HasSubstr;

TEST(CdrCursor, RoundTripsEveryFile) {
  CdrCursor cursor;
  cursor.files["/var/log/asterisk/cdr-csv/Master.csv"] = {{2049, 131, 1024, 0xfedcba9876543210},
                                                          2745};
  cursor.files["/var/log/asterisk/cdr-csv/acc 1.csv"] = {{2049, 7, 0, 0x1}, 0};
  const std::string text = EncodeCdrCursor(cursor);
  EXPECT_EQ(text,
            "cxhub-phone-cursor 1\n"
            "2049 131 2745 1024 fedcba9876543210 /var/log/asterisk/cdr-csv/Master.csv\n"
            "2049 7 0 0 0000000000000001 /var/log/asterisk/cdr-csv/acc 1.csv\n");
  absl::StatusOr<CdrCursor> decoded = DecodeCdrCursor(text);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->files, cursor.files);
}

TEST(CdrCursor, EmptyTextIsTheStart) {
  absl::StatusOr<CdrCursor> decoded = DecodeCdrCursor("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->files.empty());
}

TEST(CdrCursor, RefusesOtherVersionsAndOtherCursors) {
  EXPECT_THAT(DecodeCdrCursor("cxhub-phone-cursor 2\n").status().message(),
              HasSubstr("version '2' is not supported"));
  EXPECT_THAT(DecodeCdrCursor("12:34").status().message(),
              HasSubstr("not a phone connector cursor"));
}

TEST(CdrCursor, RefusesMalformedLines) {
  EXPECT_THAT(DecodeCdrCursor("cxhub-phone-cursor 1\n1 2 3\n").status().message(),
              HasSubstr("expected <device>"));
  EXPECT_THAT(
      DecodeCdrCursor("cxhub-phone-cursor 1\n1 2 x 0 0000000000000000 /a\n").status().message(),
      HasSubstr("must be numbers"));
  EXPECT_THAT(DecodeCdrCursor("cxhub-phone-cursor 1\n1 2 3 0 zz /a\n").status().message(),
              HasSubstr("16 hex digits"));
  EXPECT_THAT(
      DecodeCdrCursor("cxhub-phone-cursor 1\n1 2 3 2048 0000000000000000 /a\n").status().message(),
      HasSubstr("must be numbers"));
  EXPECT_THAT(DecodeCdrCursor("cxhub-phone-cursor 1\n1 2 3 0 0000000000000000 /a\n"
                              "1 2 3 0 0000000000000000 /a\n")
                  .status()
                  .message(),
              HasSubstr("appears twice"));
}

}  // namespace
}  // namespace cxhub::phone
