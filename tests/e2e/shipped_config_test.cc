#include "tests/e2e/shipped_config.h"

#include "gtest/gtest.h"

namespace cxhub::e2e {
namespace {

TEST(RebaseOptionPaths, MakesRelativeSourcePathsAbsoluteAndKeepsTheRest) {
  EXPECT_EQ(RebaseOptionPaths("# samples\nmbox=../shared/a.mbox\nmaildir = /abs/Maildir\n"
                              "business_domain=northwind.example\n",
                              "/repo/main"),
            "# samples\nmbox=/repo/shared/a.mbox\nmaildir=/abs/Maildir\n"
            "business_domain=northwind.example\n");
  EXPECT_EQ(RebaseOptionPaths("file=x/Master.csv; timezone=Europe/Lisbon", "/w"),
            "file=/w/x/Master.csv; timezone=Europe/Lisbon");
  EXPECT_EQ(RebaseOptionPaths("files=a.jsonl,/b.jsonl;spool=s.jsonl", "/w"),
            "files=/w/a.jsonl,/b.jsonl;spool=/w/s.jsonl");
}

}  // namespace
}  // namespace cxhub::e2e
