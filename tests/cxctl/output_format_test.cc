// The readable table lines columns up by characters, so UTF-8 names do not shift them.
#include "clients/cxctl/output_format.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "cxhub/v1/customer.pb.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

TEST(ListTable, AlignsColumnsByCharactersNotBytes) {
  ::cxhub::v1::ListCustomersResponse response;
  ::cxhub::v1::Customer* soren = response.add_customers();
  soren->set_name("customers/8");
  soren->set_display_name("Søren Dahl");
  ::cxhub::v1::Customer* tom = response.add_customers();
  tom->set_name("customers/2");
  tom->set_display_name("Tom Becker");
  soren->mutable_create_time()->set_seconds(1);
  tom->mutable_create_time()->set_seconds(2);

  std::vector<std::string> lines = absl::StrSplit(ListTable(response), '\n');
  ASSERT_GE(lines.size(), 3u);
  // "Søren Dahl" and "Tom Becker" both have 10 characters, so the next column starts at the same
  // character in both rows; counting bytes would push Søren's one to the left.
  auto column_of_time = [](const std::string& line) {
    const size_t byte = line.find("1970-");
    size_t characters = 0;
    for (size_t i = 0; i < byte; ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++characters;
    }
    return characters;
  };
  ASSERT_NE(lines[1].find("1970-"), std::string::npos) << lines[1];
  EXPECT_EQ(column_of_time(lines[1]), column_of_time(lines[2])) << lines[1] << "\n" << lines[2];
}

TEST(ListTable, ShortensLongCellsWithoutSplittingACharacter) {
  ::cxhub::v1::ListCustomersResponse response;
  ::cxhub::v1::Customer* customer = response.add_customers();
  customer->set_name("customers/1");
  std::string long_name;
  for (int i = 0; i < 40; ++i) long_name += "ø";  // 80 bytes, 2 per character.
  customer->set_display_name(long_name);

  const std::string table = ListTable(response);
  const size_t dots = table.find("...");
  ASSERT_NE(dots, std::string::npos) << table;
  // The byte before "..." ends a character: ø is C3 B8, so it must be B8.
  EXPECT_EQ(static_cast<unsigned char>(table[dots - 1]), 0xB8) << table;
}

}  // namespace
}  // namespace cxhub::cxctl
