#include "clients/cxctl/progress_bar.h"

#include <sstream>

#include "clients/cxctl/operation_progress.h"
#include "cxhub/v1/touchpoint.pb.h"
#include "gmock/gmock.h"
#include "google/longrunning/operations.pb.h"
#include "gtest/gtest.h"

namespace cxhub::cxctl {
namespace {

using ::testing::HasSubstr;

google::longrunning::Operation Reassignment(int64_t processed, int64_t total) {
  google::longrunning::Operation operation;
  operation.set_name("operations/7");
  v1::ReassignTouchpointsMetadata metadata;
  metadata.set_processed(processed);
  metadata.set_total(total);
  operation.mutable_metadata()->PackFrom(metadata);
  return operation;
}

TEST(OperationProgress, ReadsProcessedAndTotalFromAnyMetadataByReflection) {
  google::longrunning::Operation operation = Reassignment(250, 1000);
  operation.set_done(true);
  operation.mutable_error()->set_code(1);
  operation.mutable_error()->set_message("cancelled");
  const OperationProgress progress = ReadOperationProgress(operation);
  EXPECT_EQ(progress.name, "operations/7");
  EXPECT_TRUE(progress.done);
  EXPECT_EQ(progress.processed, 250);
  EXPECT_EQ(progress.total, 1000);
  EXPECT_EQ(progress.error_code, 1);
  EXPECT_EQ(progress.error_message, "cancelled");
}

TEST(OperationProgress, MetadataWithoutTheFieldsGivesNoFigures) {
  google::longrunning::Operation operation;
  operation.set_name("operations/8");
  operation.mutable_metadata()->PackFrom(v1::ReassignTouchpointsRequest());
  const OperationProgress progress = ReadOperationProgress(operation);
  EXPECT_FALSE(progress.processed.has_value());
  EXPECT_EQ(ProgressLine(progress), "operations/8 running");
}

TEST(ProgressBar, DrawsTheShareDone) {
  EXPECT_EQ(ProgressLine(ReadOperationProgress(Reassignment(500, 1000))),
            "operations/7 [###############---------------]  50% 500/1000");
  EXPECT_EQ(ProgressLine(ReadOperationProgress(Reassignment(3, 0))), "operations/7 3 processed");
}

TEST(ProgressBar, RedrawsInPlaceOnATerminal) {
  std::ostringstream out;
  ProgressBar bar(out, /*terminal=*/true);
  bar.Update(ReadOperationProgress(Reassignment(0, 10)));
  bar.Update(ReadOperationProgress(Reassignment(10, 10)));
  bar.Finish();
  EXPECT_THAT(out.str(), HasSubstr("\r"));
  EXPECT_THAT(out.str(), HasSubstr("100% 10/10\x1b[K\n"));
  EXPECT_EQ(out.str().find('\n'), out.str().size() - 1);
}

TEST(ProgressBar, WritesOneLinePerChangeElsewhere) {
  std::ostringstream out;
  ProgressBar bar(out, /*terminal=*/false);
  bar.Update(ReadOperationProgress(Reassignment(0, 10)));
  bar.Update(ReadOperationProgress(Reassignment(0, 10)));
  bar.Update(ReadOperationProgress(Reassignment(10, 10)));
  bar.Finish();
  EXPECT_EQ(out.str(),
            "operations/7 [------------------------------]   0% 0/10\n"
            "operations/7 [##############################] 100% 10/10\n");
}

}  // namespace
}  // namespace cxhub::cxctl
