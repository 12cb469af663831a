#include "plugins/phone/phone_number_normalizer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cxhub::phone {
namespace {

using ::testing::HasSubstr;

std::string E164(const PhoneNumberNormalizer& normalizer, absl::string_view number) {
  absl::StatusOr<std::string> result = normalizer.ToE164(number);
  return result.ok() ? *result : "error: " + std::string(result.status().message());
}

TEST(PhoneNumberNormalizer, ReadsNationalInternationalAndPlusFormsInPortugal) {
  const PhoneNumberNormalizer pt("PT");
  EXPECT_EQ(E164(pt, "912345678"), "+351912345678");
  EXPECT_EQ(E164(pt, "00351912345678"), "+351912345678");
  EXPECT_EQ(E164(pt, "+351912345678"), "+351912345678");
  EXPECT_EQ(E164(pt, "0049301234567"), "+49301234567");
  EXPECT_EQ(E164(pt, "+49301234567"), "+49301234567");
  EXPECT_EQ(E164(pt, "0014155550199"), "+14155550199");
  EXPECT_EQ(E164(pt, " +1 (415) 555-0199 "), "+14155550199");
}

TEST(PhoneNumberNormalizer, TakesDoubleZeroAsPlusWhereTheRegionDialsSomethingElse) {
  const PhoneNumberNormalizer us("US");
  EXPECT_EQ(E164(us, "01149301234567"), "+49301234567");
  EXPECT_EQ(E164(us, "0049301234567"), "+49301234567");
  EXPECT_EQ(E164(us, "4155550199"), "+14155550199");
}

TEST(PhoneNumberNormalizer, WithheldCallerIdsAreNotNumbers) {
  const PhoneNumberNormalizer pt("PT");
  for (absl::string_view withheld : {"anonymous", "Anonymous", "unknown", "private", "", "  "}) {
    EXPECT_TRUE(PhoneNumberNormalizer::IsWithheld(withheld)) << withheld;
    absl::StatusOr<std::string> result = pt.ToE164(withheld);
    ASSERT_FALSE(result.ok()) << withheld;
    EXPECT_THAT(result.status().message(), HasSubstr("withheld caller id"));
  }
  EXPECT_FALSE(PhoneNumberNormalizer::IsWithheld("912345678"));
}

TEST(PhoneNumberNormalizer, RefusesTextAndImpossibleNumbers) {
  const PhoneNumberNormalizer pt("PT");
  EXPECT_THAT(E164(pt, "s"), HasSubstr("'s' is not a phone number"));
  EXPECT_THAT(E164(pt, "12"), HasSubstr("not a possible phone number in region PT"));
  EXPECT_THAT(E164(pt, std::string(100, '9')), HasSubstr("100 characters"));
}

TEST(PhoneNumberNormalizer, KnowsSupportedRegions) {
  EXPECT_TRUE(PhoneNumberNormalizer::IsSupportedRegion("PT"));
  EXPECT_TRUE(PhoneNumberNormalizer::IsSupportedRegion("US"));
  EXPECT_FALSE(PhoneNumberNormalizer::IsSupportedRegion("XX"));
  EXPECT_FALSE(PhoneNumberNormalizer::IsSupportedRegion("pt"));
}

}  // namespace
}  // namespace cxhub::phone
