#include "server/storage/attributes_codec.h"

#include <string>

#include "gtest/gtest.h"

namespace cxhub {
namespace {

TEST(AttributesCodec, EncodesAsNetstringsInKeyOrder) {
  EXPECT_EQ(EncodeAttributes({{"b", "22"}, {"a", ""}}), "1:a,0:,1:b,2:22,");
  EXPECT_EQ(EncodeAttributes({}), "");
}

TEST(AttributesCodec, RoundTripsAnyBytes) {
  Attributes attributes = {
      {std::string("nul\0key", 7), std::string("\0\xff\x01,:", 5)},
      {"", "empty key"},
      {"10:", std::string(1000, ',')},
      {"utf8 \xc3\xa9", "\xe2\x82\xac"},
  };
  absl::StatusOr<Attributes> decoded = DecodeAttributes(EncodeAttributes(attributes));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, attributes);
}

TEST(AttributesCodec, RejectsCorruptInput) {
  for (const char* corrupt : {"1:a,", "1:a", "2:a,0:,", "x:a,0:,", ":a,0:,", "1:a,0:;",
                              "99999999999999999999999:a,0:,"}) {
    absl::StatusOr<Attributes> decoded = DecodeAttributes(corrupt);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInternal) << corrupt;
  }
}

}  // namespace
}  // namespace cxhub
